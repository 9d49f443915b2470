"""The annotation format's value sets, loaded from vocab.yaml."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_PATH = Path(__file__).with_name("vocab.yaml")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    with _PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def allowed(key: str) -> list[str]:
    value = vocabulary()[key]
    return list(value.keys()) if isinstance(value, dict) else list(value)


DOCUMENT_KINDS = tuple(allowed("document_kinds"))
ORGANISATION_KINDS = tuple(allowed("organisation_kinds"))
BODY_KINDS = tuple(allowed("body_kinds"))
LEVELS = tuple(allowed("levels"))
SEAT_ROLES = tuple(allowed("seat_roles"))
RELATION_TYPES = tuple(allowed("relation_types"))
