"""Reference data, loaded through the same loader as the documents.

data/reference/annotations/reference-kommuner-og-klynger.yaml is an ordinary annotation
(ANNOTATION.md format, document kind `other`) of data/documents/reference-kommuner.txt: the
five regions and 98 kommuner of the 2007 kommunalreform (each kommune PART_OF its region) and
the kommuner of Syddanmark's four sundhedsklynger (PART_OF the klynge, from 1 Jul 2022). The
klynger themselves come from the bundled annotations, so those are loaded in the same batch
(unchanged documents are left as they are).

data/reference/composition_rules.yaml holds the composition rules the audit
`composition_rule` checks; `composition_rules()` reads it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import yaml

from loaders.load import BUNDLED, LoadResult, load_paths

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
REFERENCE_ANNOTATIONS = REFERENCE_DIR / "annotations"
KOMMUNER = REFERENCE_ANNOTATIONS / "reference-kommuner-og-klynger.yaml"
COMPOSITION_RULES = REFERENCE_DIR / "composition_rules.yaml"
KOMMUNER_PER_REGION = {"Region Nordjylland": 11, "Region Midtjylland": 19, "Region Syddanmark": 22,
                       "Region Sjælland": 17, "Region Hovedstaden": 29}


def load_reference(*, with_bundled: bool = True, dry_run: bool = False,
                   progress: Callable | None = None) -> LoadResult:
    """Load the reference annotation (regions, kommuner, klynge memberships).

    With `with_bundled` (the default) the bundled annotations are part of the batch, so the
    names of the sundhedsklynger resolve even in an empty graph; without it they must already
    be in the graph."""
    paths = [BUNDLED, KOMMUNER] if with_bundled else [KOMMUNER]
    return load_paths(paths, dry_run=dry_run, progress=progress)


def composition_rules(path: str | Path | None = None) -> dict:
    """The composition rules (data/reference/composition_rules.yaml, or another file)."""
    with Path(path or COMPOSITION_RULES).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ValueError(f"{path or COMPOSITION_RULES}: a mapping with a `rules` list is expected")
    return data
