"""The query catalogue: named, documented Cypher files, run read-only.

Each `.cypher` file in queries/ (and queries/audits/) starts with a header:

    // name: snapshot_bodies
    // title: Bodies at a date
    // question: Which bodies exist at the date?
    // spørgsmål: Hvilke organer findes på datoen?        (audits: the question in Danish)
    // params: at:date
    // row: one body valid at the date, with the document and quote behind it

followed by the query. Parameters are typed (date, string, int, list) and always
passed as Cypher parameters, never pasted into the text. Queries run in READ
transactions with a time limit.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from model.dates import DateError, FuzzyDate

HERE = Path(__file__).resolve().parent
HEADER = re.compile(r"^//\s*([\w æøåÆØÅ-]+?)\s*:\s*(.*)$")
DEFAULT_TIMEOUT_S = 20.0


class QueryError(ValueError):
    """A query that does not exist, or parameters that do not fit it."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # date | string | int | list
    default: str | None = None

    def convert(self, value: Any) -> Any:
        if value is None:
            if self.default is None:
                raise QueryError(f"parameter {self.name!r} is required")
            value = self.default
        if self.type == "date":
            return parse_date(value)
        if self.type == "int":
            try:
                return int(value)
            except (TypeError, ValueError):
                raise QueryError(f"parameter {self.name!r} must be a whole number, not {value!r}") from None
        if self.type == "list":
            if isinstance(value, str):
                return [v.strip() for v in value.split(",") if v.strip()]
            return list(value)
        return str(value)


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    question: str
    cypher: str
    path: Path
    params: tuple[Param, ...] = ()
    row: str = ""
    question_da: str = ""
    kind: str = "query"  # "query" | "audit"
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def bind(self, values: dict[str, Any]) -> dict[str, Any]:
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise QueryError(f"{self.name}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                             f"it takes {', '.join(p.name for p in self.params) or 'none'}")
        return {p.name: p.convert(values.get(p.name)) for p in self.params}


def parse_date(value: Any) -> dt.date:
    """A user's date (YYYY, YYYY-MM or YYYY-MM-DD) → the first day it means."""
    if isinstance(value, dt.date):
        return value
    try:
        return FuzzyDate.parse(str(value)).start
    except DateError as exc:
        raise QueryError(f"{exc}") from None


def parse_file(path: Path, kind: str) -> Query:
    meta: dict[str, str] = {}
    body_lines = []
    in_header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        m = HEADER.match(line) if in_header else None
        if m:
            meta[m.group(1).strip().lower()] = m.group(2).strip()
            continue
        if in_header and not line.strip():
            continue
        in_header = False
        body_lines.append(line)
    for required in ("name", "title", "question", "row"):
        if not meta.get(required):
            raise QueryError(f"{path}: header line `// {required}: …` is missing")
    params = []
    for spec in filter(None, (s.strip() for s in meta.get("params", "").split(","))):
        name, _, rest = spec.partition(":")
        ptype, _, default = rest.partition("=")
        params.append(Param(name.strip(), (ptype.strip() or "string"), default.strip() or None))
    if kind == "audit" and not meta.get("spørgsmål"):
        raise QueryError(f"{path}: an audit needs `// spørgsmål: …` (the question in Danish)")
    return Query(name=meta["name"], title=meta["title"], question=meta["question"],
                 cypher="\n".join(body_lines).strip(), path=path, params=tuple(params),
                 row=meta["row"], question_da=meta.get("spørgsmål", ""), kind=kind, meta=meta)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Query]:
    out: dict[str, Query] = {}
    for kind, folder in (("query", HERE), ("audit", HERE / "audits")):
        for path in sorted(folder.glob("*.cypher")):
            q = parse_file(path, kind)
            if q.name in out:
                raise QueryError(f"{path}: the name {q.name!r} is also used by {out[q.name].path}")
            out[q.name] = q
    return out


def get(name: str) -> Query:
    try:
        return catalogue()[name]
    except KeyError:
        names = ", ".join(sorted(catalogue()))
        raise QueryError(f"no query named {name!r}; known: {names}") from None


def run(name: str, read=None, timeout: float = DEFAULT_TIMEOUT_S, **params: Any) -> list[dict]:
    """Run a stored query read-only and return its rows."""
    q = get(name)
    bound = q.bind(params)
    if read is None:
        from govgraph import db
        return db.read(q.cypher, bound, timeout=timeout, compact=True)
    return read(q.cypher, bound)

