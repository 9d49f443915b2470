"""Named audits: read-only Cypher checks of the governance graph at a date.

Each audit is a `.cypher` file in queries/audits/ with the catalogue's header (name, title,
question, spørgsmål, params, row). Every audit takes the date `at`; some take more
parameters (`n:int=2`, `types:list=…`). A parameter of type `yaml` names a data file (a path
relative to the project, e.g. `rules:yaml=data/reference/composition_rules.yaml`): this module
reads the file and passes its content to Cypher as a map, so a rule is data, not code.

Every row cites the document and the verbatim evidence behind it (columns `document` and
`evidence`). `report_markdown` turns the results into a report a person can hand on.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from queries import catalogue
from queries.catalogue import Query, QueryError, parse_date

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_PARAM_TYPES = ("yaml",)
MAX_DATA_FILE_BYTES = 2 * 1024 * 1024
DEFAULT_TIMEOUT_S = 30.0
SOURCE_COLUMNS = ("document", "evidence")

Read = Callable[[str, dict], list]


# --------------------------------------------------------------------------- the catalogue


def audits() -> dict[str, Query]:
    """The audits of the catalogue, by name (sorted)."""
    return {name: q for name, q in sorted(catalogue.catalogue().items()) if q.kind == "audit"}


def list_audits() -> list[dict]:
    """One dict per audit: name, title, question (English), spørgsmål (Danish), params, row."""
    return [
        {"name": q.name, "title": q.title, "question": q.question, "spørgsmål": q.question_da,
         "params": ", ".join(_param_spec(p) for p in q.params), "row": q.row}
        for q in audits().values()
    ]


def _param_spec(p) -> str:
    return f"{p.name}:{p.type}" + (f"={p.default}" if p.default is not None else "")


def get_audit(name: str) -> Query:
    found = audits().get(name)
    if found is None:
        raise QueryError(f"no audit named {name!r}; known: {', '.join(audits())}")
    return found


def default_at(q: Query) -> str | None:
    for p in q.params:
        if p.name == "at":
            return p.default
    return None


# --------------------------------------------------------------------------- parameters


def load_data_file(value: Any, param: str) -> Any:
    """A `yaml` parameter: a mapping as is, else a path (relative to the project) to read."""
    if isinstance(value, (dict, list)):
        return value
    path = Path(str(value))
    if not path.is_absolute():
        path = PROJECT_ROOT / path
    if not path.is_file():
        raise QueryError(f"parameter {param!r}: no such file {value}")
    if path.stat().st_size > MAX_DATA_FILE_BYTES:
        raise QueryError(f"parameter {param!r}: {value} is larger than {MAX_DATA_FILE_BYTES} bytes")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise QueryError(f"parameter {param!r}: {value} is not valid YAML: {first}") from None
    if not isinstance(data, dict):
        raise QueryError(f"parameter {param!r}: {value} must hold a mapping")
    return _plain_dates(data)


def _plain_dates(value):
    """YAML reads 2022-07-01 (unquoted) as a date; Cypher gets ISO text, as for quoted dates."""
    if isinstance(value, dict):
        return {str(k): _plain_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_dates(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def bind(q: Query, at: Any = None, params: dict | None = None) -> dict:
    """The Cypher parameters of an audit: `at` and the others converted, data files read."""
    values = dict(params or {})
    if at is not None:
        values["at"] = at
    data_params = {p.name: p for p in q.params if p.type in DATA_PARAM_TYPES}
    plain = {k: v for k, v in values.items() if k not in data_params}
    bound = q.bind(plain)
    for name, p in data_params.items():
        value = values.get(name, p.default)
        if value is None:
            raise QueryError(f"{q.name}: parameter {name!r} (a data file) is required")
        bound[name] = load_data_file(value, name)
    return bound


# --------------------------------------------------------------------------- running


def run_audit(name: str, at: Any = None, params: dict | None = None, *, read: Read | None = None,
              timeout: float = DEFAULT_TIMEOUT_S) -> list[dict]:
    """Run one audit read-only at the date (default: the audit's own default date)."""
    q = get_audit(name)
    bound = bind(q, at, params)
    if read is None:
        from govgraph import db

        return db.read(q.cypher, bound, timeout=timeout, compact=True)
    return read(q.cypher, bound)


def run_all(at: Any = None, *, read: Read | None = None, params: dict | None = None) -> dict[str, list[dict]]:
    """Every audit at the date: {audit name: rows}. `params` go to the audits that take them."""
    calls = {}
    for name, q in audits().items():
        own = {k: v for k, v in (params or {}).items() if k in {p.name for p in q.params}}
        calls[name] = lambda name=name, own=own: run_audit(name, at, own, read=read)
    if read is None:  # with the library's own reader: the audits at once
        from govgraph import db

        return dict(zip(calls, db.at_once(list(calls.values()))))
    return {name: call() for name, call in calls.items()}


def resolved_at(at: Any = None, names: Iterable[str] | None = None) -> str:
    """The date the audits run at, as ISO text (the audits' default when `at` is None)."""
    if at is not None:
        return parse_date(at).isoformat()
    defaults = {default_at(get_audit(n)) for n in (names or audits())}
    defaults.discard(None)
    if len(defaults) == 1:
        return parse_date(defaults.pop()).isoformat()
    return dt.date.today().isoformat()


# --------------------------------------------------------------------------- rendering


def _plain(value):
    from govgraph.output import plain

    return plain(value)


def _text(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


def _as_list(value) -> list:
    if value is None:
        return []
    return [v for v in value if v is not None] if isinstance(value, list) else [value]


def columns(rows: list[dict]) -> list[str]:
    """The columns of a result, in the order they first appear."""
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    return cols


def to_csv(rows: list[dict]) -> str:
    """One audit's rows as CSV (lists joined with ' | ')."""
    cols = columns(rows)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([_csv_cell(r.get(c)) for c in cols])
    return buf.getvalue()


def _csv_cell(value) -> str:
    value = _plain(value)
    if isinstance(value, list):
        return " | ".join(_text(v) for v in value)
    return _text(value)


def all_to_csv(results: dict[str, list[dict]]) -> str:
    """Every audit's rows in one CSV: an `audit` column first, then the union of the columns."""
    cols = ["audit"] + [c for c in columns([r for rows in results.values() for r in rows]) if c != "audit"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for name, rows in results.items():
        for r in rows:
            w.writerow([name] + [_csv_cell(r.get(c)) for c in cols[1:]])
    return buf.getvalue()


def to_json(results) -> str:
    from govgraph.output import to_json as dump

    return dump(results)


def document_index(read: Read | None = None) -> dict[str, dict]:
    """{document id: {title, date, file}} for the report's source list."""
    if read is None:
        from govgraph import db

        read = db.read
    rows = read("MATCH (d:Document) RETURN d.uid AS uid, d.title AS title, d.date AS date, "
                "d.date_inferred AS date_inferred, d.file AS file ORDER BY uid", {})
    return {r["uid"]: r for r in rows}


def _md(text: str) -> str:
    """Escape what would break a line of Markdown (intraword `_` is left alone, as CommonMark does)."""
    return text.replace("|", "\\|").replace("*", "\\*")


def _summary_columns(rows: list[dict]) -> list[str]:
    return [c for c in columns(rows) if c not in SOURCE_COLUMNS and not c.endswith("uid")]


def report_markdown(results: dict[str, list[dict]], at: Any, documents: dict[str, dict] | None = None,
                    *, title: str = "Revisionsrapport / Audit report") -> str:
    """A report to hand on: per audit its title, the Danish and English question, what a finding
    is, then each finding with its facts, the document it comes from and the quote behind it."""
    day = parse_date(at).isoformat() if at is not None else ""
    documents = documents or {}
    cat = audits()
    total = sum(len(r) for r in results.values())
    out = [f"# {title}", "",
           f"Dato / date: **{day}**. {len(results)} revisioner / audits, {total} fund / findings.",
           "Hvert fund citerer dokumentet og det ordrette citat, det bygger på. "
           "Each finding cites its document and the verbatim quote behind it.", "",
           "| revision / audit | fund / findings |", "|---|---|"]
    for name, rows in results.items():
        q = cat.get(name)
        out.append(f"| [{_md(q.title if q else name)}](#{name.replace('_', '-')}) | {len(rows)} |")
    out.append("")
    cited: set[str] = set()
    for name, rows in results.items():
        q = cat.get(name)
        out.append(f'<a id="{name.replace("_", "-")}"></a>')
        out.append(f"## {_md(q.title if q else name)}")
        out.append("")
        out.append(f"`{name}`")
        out.append("")
        if q:
            out.append(f"- **Spørgsmål:** {q.question_da}")
            out.append(f"- **Question:** {q.question}")
            out.append(f"- **Et fund / a finding:** {q.row}")
            out.append("")
        if not rows:
            out.append("_Ingen fund / no findings._")
            out.append("")
            continue
        out.append(f"**{len(rows)} fund / findings**")
        out.append("")
        summary = _summary_columns(rows)
        for i, r in enumerate(rows, 1):
            head = _text(r.get(summary[0])) if summary else f"#{i}"
            out.append(f"### {i}. {_md(head)}")
            out.append("")
            for c in summary[1:]:
                v = _text(r.get(c))
                if v:
                    out.append(f"- {c}: {_md(v)}")
            docs = list(dict.fromkeys(_text(d) for d in _as_list(_plain(r.get("document")))))
            quotes = [_text(e) for e in _as_list(_plain(r.get("evidence")))]
            for d in docs:
                cited.add(d)
                meta = documents.get(d)
                label = f"`{d}`"
                if meta:
                    when = meta.get("date") or (f"{meta['date_inferred']} (udledt / inferred)"
                                                 if meta.get("date_inferred") else "udateret / undated")
                    label += f" — {_md(meta.get('title') or '')} ({when})"
                out.append(f"- Kilde / source: {label}")
            if not docs:
                out.append("- Kilde / source: (intet dokument / no document)")
            for e in quotes:
                out.append(f"  > {e}" if docs else f"> {e}")
            out.append("")
    if cited:
        out.append("## Kilder / sources")
        out.append("")
        for d in sorted(cited):
            meta = documents.get(d) or {}
            parts = [f"`{d}`"]
            if meta.get("title"):
                parts.append(_md(meta["title"]))
            if meta.get("date") or meta.get("date_inferred"):
                parts.append(meta.get("date") or f"{meta['date_inferred']} (udledt / inferred)")
            if meta.get("file"):
                parts.append(f"fil / file: {meta['file']}")
            out.append("- " + " — ".join(parts))
        out.append("")
    return "\n".join(out)
