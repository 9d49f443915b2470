"""All data access of the explorer, cached. Pages only wire widgets to these functions.

Reads go through the library (queries.structure, queries.catalogue, queries.console,
govgraph.db.read: READ transactions). Results are cached with st.cache_data, keyed by
a cheap `graph_version()` (the loaded documents and their content hashes), so a load
from the command line shows up within seconds and a load from the Indlæs page at once.

The single write path is `load_document(...)` (used by the Indlæs page).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import streamlit as st
import yaml

from govgraph.output import plain

from dashboard import graphview
from dashboard import labels as L

ROOT = Path(__file__).resolve().parent.parent
REFORMS_FILE = ROOT / "data" / "reference" / "reforms.yaml"
FIRST_DAY = dt.date(2007, 1, 1)
LAST_DAY = dt.date(2027, 12, 31)


# =========================================================================== errors


def db_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean "Neo4j is not there" (shown as one Danish message)."""
    from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

    from govgraph.db import DatabaseUnavailable

    return (DatabaseUnavailable, ServiceUnavailable, SessionExpired, AuthError, ConnectionError)


def database_check() -> str:
    """The server's version; raises DatabaseUnavailable when Neo4j does not answer."""
    return _database_check()


@st.cache_data(ttl=10, show_spinner=False)
def _database_check() -> str:
    """Like govgraph.db.check(), but fails within seconds: a short-lived driver with a
    short connection timeout and no transaction retries (the library's reads retry a
    lost server for 15 s, too long to wait for before telling the user)."""
    import neo4j
    from neo4j.exceptions import AuthError, ServiceUnavailable

    from govgraph.config import settings
    from govgraph.db import DatabaseUnavailable

    cfg = settings()
    try:
        with neo4j.GraphDatabase.driver(cfg.uri, auth=(cfg.user, cfg.password or ""), connection_timeout=3.0,
                                        connection_acquisition_timeout=5.0, max_transaction_retry_time=0.0) as drv:
            drv.verify_connectivity()
            records, _, _ = drv.execute_query("CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                                              database_=cfg.database, routing_=neo4j.RoutingControl.READ)
            return records[0]["v"]
    except (ServiceUnavailable, OSError) as exc:
        raise DatabaseUnavailable(f"Neo4j does not answer at {cfg.uri} ({exc.__class__.__name__})") from None
    except AuthError:
        raise DatabaseUnavailable(f"Neo4j at {cfg.uri} refused the credentials of user {cfg.user!r}") from None


def uri() -> str:
    from govgraph.config import settings

    return settings().uri


def _read(query: str, params: dict | None = None) -> list[dict]:
    from govgraph import db

    return [_plain_row(r) for r in db.read(query, params or {}, compact=True)]


_plain = plain  # neo4j temporal values → ISO strings (cacheable, JSON-friendly)


def _plain_row(row: dict) -> dict:
    return {k: _plain(v) for k, v in row.items()}


def as_date(value: Any) -> dt.date:
    from queries.catalogue import parse_date

    return parse_date(value)


# =========================================================================== version


GRAPH_VERSION = """
MATCH (d:Document)
WITH d ORDER BY d.uid
WITH collect(d.uid + ':' + coalesce(d.content_hash, '')) AS docs
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
RETURN docs, nodes, rels
"""


@st.cache_data(ttl=5, show_spinner=False)
def graph_version() -> str:
    """A short fingerprint of what is loaded; every cached read is keyed by it."""
    row = _read(GRAPH_VERSION)[0]
    return hashlib.sha1(json.dumps(row, sort_keys=True).encode()).hexdigest()[:12]


def clear_caches() -> None:
    st.cache_data.clear()
    _scopes.clear()  # the layout scopes, a resource


# =========================================================================== reference data


@st.cache_data(show_spinner=False)
def reforms() -> dict:
    """data/reference/reforms.yaml: reforms, periods, abolitions."""
    return yaml.safe_load(REFORMS_FILE.read_text(encoding="utf-8"))


DOCUMENTS = """
MATCH (d:Document)
OPTIONAL MATCH (b:Body)-[:DESCRIBED_IN]->(d)
WITH d, count(DISTINCT b) AS bodies
OPTIONAL MATCH (s:Seat)-[:FROM_DOCUMENT]->(d)
RETURN d.uid AS uid, d.title AS title, d.date AS date, d.date_inferred AS date_inferred,
       d.date_note AS date_note, toString(d.date_start) AS date_start, d.region AS region,
       d.kind AS kind, d.file AS file, bodies, count(DISTINCT s) AS seats
ORDER BY date_start, uid
"""


def documents() -> list[dict]:
    return _documents(graph_version())


@st.cache_data(show_spinner=False)
def _documents(version: str) -> list[dict]:
    return _read(DOCUMENTS)


def document_index() -> dict[str, dict]:
    return {d["uid"]: d for d in documents()}


def document_label(uid: str | None) -> str:
    """'Titel (2015-11-04)' for a document uid (the uid itself when unknown)."""
    if not uid:
        return ""
    d = document_index().get(uid)
    if not d:
        return uid
    when = d.get("date") or (f"{d['date_inferred']}, udledt" if d.get("date_inferred") else "udateret")
    return f"{d['title']} ({when})"


def document_text(uid: str) -> str:
    return _document_text(uid, graph_version())


@st.cache_data(show_spinner=False, max_entries=20)
def _document_text(uid: str, version: str) -> str:
    rows = _read("MATCH (d:Document {uid: $uid}) RETURN d.text AS text", {"uid": uid})
    return (rows[0]["text"] if rows else None) or ""


def timeline_dates() -> list[str]:
    """The dates worth stopping at: every document's date, every reform and period start."""
    days = {FIRST_DAY}
    for d in documents():
        if d.get("date_start"):
            days.add(as_date(d["date_start"]))
    ref = reforms()
    for r in ref.get("reforms", []):
        days.add(as_date(r["date"]))
    for p in ref.get("periods", []):
        days.add(as_date(p["start"]))
    return [d.isoformat() for d in sorted(x for x in days if FIRST_DAY <= x <= LAST_DAY)]


# =========================================================================== all time


ALL_BODIES = """
MATCH (b:Body)
OPTIONAL MATCH (b)-[f:DESCRIBED_IN]->(d:Document)
WITH b, f, d ORDER BY d.date_start DESC
WITH b, collect(f) AS fs, collect(d.uid) AS docs
RETURN b.uid AS uid, b.name AS name, b.aliases AS aliases, b.kind AS kind,
       coalesce(b.level, head([x IN fs WHERE x.level IS NOT NULL | x.level])) AS level,
       b.region AS region, b.valid_from AS valid_from, b.valid_to AS valid_to,
       toString(b.from_date) AS from_date, toString(b.to_date) AS to_date,
       b.to_reason AS to_reason, b.from_inferred AS inferred, docs AS documents
ORDER BY b.from_date, b.name
"""

ALL_RELATIONS = """
MATCH (a:Party)-[r]->(b:Party) WHERE r.document IS NOT NULL
RETURN r.uid AS uid, a.uid AS source_uid, a.name AS source, type(r) AS type, b.uid AS target_uid,
       b.name AS target, r.valid_from AS valid_from, r.valid_to AS valid_to,
       toString(r.from_date) AS from_date, toString(r.to_date) AS to_date,
       r.document AS document, r.evidence AS evidence, r.inferred AS inferred, r.note AS note
ORDER BY source, type, target
"""

PARTIES = """
MATCH (p:Party)
OPTIONAL MATCH (p)-[m:MENTIONED_IN|DESCRIBED_IN]->(:Document)
WITH p, collect(m.kind)[0] AS mkind
RETURN p.uid AS uid, p.name AS name, p.aliases AS aliases, p.region AS region,
       coalesce(p.kind, mkind) AS kind, CASE WHEN p:Body THEN 'Body' ELSE 'Organisation' END AS label
ORDER BY name
"""

ALL_SEATS = """
MATCH (s:Seat)-[:IN_BODY]->(b:Body)
OPTIONAL MATCH (s)-[:HELD_BY]->(o:Party)
OPTIONAL MATCH (s)-[:APPOINTED_BY]->(a:Party)
RETURN s.uid AS uid, b.uid AS body_uid, b.name AS body, b.region AS region, s.count AS count,
       s.count_max AS count_max, s.per AS per, s.title AS title, o.uid AS organisation_uid,
       o.name AS organisation, a.name AS appointed_by, s.role AS role,
       s.valid_from AS valid_from, s.valid_to AS valid_to,
       toString(s.from_date) AS from_date, toString(s.to_date) AS to_date,
       s.document AS document, s.evidence AS evidence
ORDER BY body, s.ordinal, role, title
"""


def all_bodies() -> list[dict]:
    return _all_bodies(graph_version())


@st.cache_data(show_spinner=False)
def _all_bodies(version: str) -> list[dict]:
    return _read(ALL_BODIES)


def all_relations() -> list[dict]:
    return _all_relations(graph_version())


@st.cache_data(show_spinner=False)
def _all_relations(version: str) -> list[dict]:
    return _read(ALL_RELATIONS)


def parties() -> dict[str, dict]:
    """Every body and organisation by uid: name, aliases, region, kind, label."""
    return _parties(graph_version())


@st.cache_data(show_spinner=False)
def _parties(version: str) -> dict[str, dict]:
    return {r["uid"]: r for r in _read(PARTIES)}


def all_seats() -> list[dict]:
    return _all_seats(graph_version())


@st.cache_data(show_spinner=False)
def _all_seats(version: str) -> list[dict]:
    return _read(ALL_SEATS)


def body_options() -> list[dict]:
    """Bodies for a selectbox: uid and a label that tells apart bodies of the same name."""
    out = []
    for b in sorted(all_bodies(), key=lambda b: ((b["name"] or "").casefold(), b.get("from_date") or "")):
        region = (b.get("region") or "").replace("Region ", "")
        out.append({"uid": b["uid"], "label": f"{b['name']} · {region} · {L.period(b['valid_from'], b['valid_to'])}"})
    return out


def most_connected_body() -> str | None:
    """The body with the most relations over all time (the Organ page's first view)."""
    degree: dict[str, int] = {}
    bodies = {b["uid"] for b in all_bodies()}
    for r in all_relations():
        for u in (r["source_uid"], r["target_uid"]):
            if u in bodies:
                degree[u] = degree.get(u, 0) + 1
    if not degree:
        return next(iter(sorted(bodies)), None)
    return max(sorted(degree), key=lambda u: degree[u])


def organisation_options() -> list[dict]:
    seats = all_seats()
    held = {}
    for s in seats:
        if s.get("organisation_uid"):
            held[s["organisation_uid"]] = held.get(s["organisation_uid"], 0) + 1
    out = [{"uid": p["uid"], "label": p["name"], "seats": held.get(p["uid"], 0)}
           for p in parties().values() if p["label"] == "Organisation"]
    return sorted(out, key=lambda o: (-o["seats"], o["label"].casefold()))


def _valid(row: dict, day: dt.date) -> bool:
    f, t = row.get("from_date"), row.get("to_date")
    return bool(f) and as_date(f) <= day and (not t or as_date(t) >= day)


def _overlaps(row: dict, start: dt.date, end: dt.date | None) -> bool:
    f, t = row.get("from_date"), row.get("to_date")
    if not f:
        return False
    return (end is None or as_date(f) <= end) and (not t or as_date(t) >= start)


def seat_size(s: dict) -> int:
    return int(s.get("count_max") or s.get("count") or 1)


# =========================================================================== Tidslinje


def lifetimes() -> list[dict]:
    """One row per body: start, end (open bodies end at the horizon), for the Gantt chart."""
    rows = []
    for b in all_bodies():
        if not b.get("from_date"):
            continue
        end = b.get("to_date")
        rows.append({
            "uid": b["uid"], "organ": b["name"], "region": (b.get("region") or "").replace("Region ", ""),
            "niveau": L.level(b.get("level")), "type": L.kind(b.get("kind")),
            "fra": b["from_date"], "til": end or LAST_DAY.isoformat(), "åben": not end,
            "periode": L.period(b.get("valid_from"), b.get("valid_to")),
            "slutter fordi": L.to_reason(b.get("to_reason")),
        })
    return rows


def period_counts() -> list[dict]:
    """For each period of reforms.yaml: bodies and seats that hold at some day in it,
    and those that hold on its first day."""
    bodies, seats = all_bodies(), all_seats()
    out = []
    for p in reforms().get("periods", []):
        start = as_date(p["start"])
        end = as_date(p["end"]) if p.get("end") else None
        out.append({
            "periode": p["name"], "fra": start.isoformat(), "til": end.isoformat() if end else "",
            "organer i perioden": sum(_overlaps(b, start, end) for b in bodies),
            "sæder i perioden": sum(seat_size(s) for s in seats if _overlaps(s, start, end)),
            "organer ved start": sum(_valid(b, start) for b in bodies),
            "sæder ved start": sum(seat_size(s) for s in seats if _valid(s, start)),
        })
    return out


# =========================================================================== snapshot, diff


def snapshot(at: Any) -> dict:
    """queries.structure.snapshot at a date (bodies, seats, relations)."""
    return _snapshot(as_date(at).isoformat(), graph_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _snapshot(at: str, version: str) -> dict:
    from queries import structure

    return _plain(structure.snapshot(at))


def diff(a: Any, b: Any) -> dict:
    return _diff(as_date(a).isoformat(), as_date(b).isoformat(), graph_version())


@st.cache_data(show_spinner=False, max_entries=32)
def _diff(a: str, b: str, version: str) -> dict:
    from queries import structure

    # the library's diff, on the cached snapshots (no second round trip)
    return structure.compare(_snapshot(a, version), _snapshot(b, version))


def layout(regions: list[str] | None = None) -> dict[str, tuple[float, float]]:
    """Stable positions for what the network can show with a region filter (None: every
    region), the same at every date: graphview.scoped_layout of the region scope."""
    return _layout(graph_version(), _regions_key(regions))


def _regions_key(regions: list[str] | None) -> tuple | None:
    return None if regions is None else tuple(sorted(set(regions), key=str))


@st.cache_resource(show_spinner=False, max_entries=2)
def _scopes(version: str) -> dict:
    """Each region's layout scope (graphview.layout_scopes), one pass over the relations.
    A resource (shared, never copied): read only, and big at scale."""
    return graphview.layout_scopes(_all_bodies(version), _all_relations(version), _parties(version))


@st.cache_data(show_spinner=False, max_entries=128)
def _region_blocks(version: str, region: str | None) -> list[dict[str, tuple[float, float]]]:
    """One region's laid-out components (graphview.layout_blocks; None: the bodies without
    a region), once per graph version: the region's layout, and its part of the others."""
    ids, edges = _scopes(version).get(region, ([], []))
    return graphview.layout_blocks(ids, edges)


@st.cache_data(show_spinner=False, max_entries=32)
def _layout(version: str, regions: tuple | None) -> dict[str, tuple[float, float]]:
    # what the network can show: bodies, and organisations in a relation with a body
    # (organisation-to-organisation lines, e.g. kommune PART_OF region, are not drawn)
    if regions is not None and len(regions) == 1:  # one region: its own layout (no rows to copy)
        return graphview.pack(_region_blocks(version, regions[0]))
    return graphview.scoped_layout(_all_bodies(version), _all_relations(version), _parties(version), regions,
                                   blocks=lambda region: _region_blocks(version, region))


def filter_values() -> dict:
    bodies = all_bodies()
    return {
        "regions": sorted({b["region"] for b in bodies if b.get("region")}),
        "levels": [k for k in L.LEVELS if any(b.get("level") == k for b in bodies)],
        "kinds": [k for k in L.KINDS if any(b.get("kind") == k for b in bodies)],
        "relation_types": [t for t in L.RELATIONS if any(r["type"] == t for r in all_relations())],
    }


def structure_view(at: Any, *, height: int = graphview.DEFAULT_HEIGHT, **filters) -> dict:
    """Snapshot + visible elements + the network HTML for the Struktur page."""
    snap = snapshot(at)
    key = json.dumps(filters, sort_keys=True, default=list)
    return _structure_view(snap["at"], key, height, graph_version())


@st.cache_data(show_spinner=False, max_entries=24)
def _structure_view(at: str, filters_json: str, height: int, version: str) -> dict:
    filters = json.loads(filters_json)
    snap = _snapshot(at, version)
    nodes, edges = graphview.snapshot_elements(snap, parties=_parties(version), **filters)
    positions = _layout(version, _regions_key(filters.get("regions")))
    page = graphview.build_html(nodes, edges, positions, view_ids=list(positions), height=height)
    return {"snapshot": snap, "nodes": nodes, "edges": edges, "html": page}


def compare_view(a: Any, b: Any, *, height: int = graphview.DEFAULT_HEIGHT, **filters) -> dict:
    d = diff(a, b)
    key = json.dumps(filters, sort_keys=True, default=list)
    return _compare_view(d["from"], d["to"], key, height, graph_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _compare_view(a: str, b: str, filters_json: str, height: int, version: str) -> dict:
    filters = json.loads(filters_json)
    d = _diff(a, b, version)
    nodes, edges = graphview.diff_elements(d, _snapshot(a, version), _snapshot(b, version),
                                           parties=_parties(version), **filters)
    positions = _layout(version, _regions_key(filters.get("regions")))
    page = graphview.build_html(nodes, edges, positions, view_ids=list(positions), height=height, diff=True)
    return {"diff": d, "nodes": nodes, "edges": edges, "html": page}


# =========================================================================== Organ


BODY = """
MATCH (b:Body {uid: $uid})
OPTIONAL MATCH (b)-[f:DESCRIBED_IN]->(d:Document)
WITH b, f, d ORDER BY d.date_start
RETURN properties(b) AS body,
       [x IN collect({document: d.uid, title: d.title, date: coalesce(d.date, d.date_inferred),
                      date_start: toString(d.date_start), evidence: f.evidence, kind: f.kind,
                      level: f.level, chair: f.chair, meetings_min: f.meetings_min,
                      meetings_max: f.meetings_max, decision_rule: f.decision_rule,
                      decision_competence: f.decision_competence, note: f.note,
                      aliases: f.aliases}) WHERE x.document IS NOT NULL] AS facts
"""

BODY_SEATS = """
MATCH (s:Seat)-[:IN_BODY]->(b:Body {uid: $uid})
OPTIONAL MATCH (s)-[:HELD_BY]->(o:Party)
OPTIONAL MATCH (s)-[:APPOINTED_BY]->(a:Party)
RETURN s.uid AS uid, s.count AS count, s.count_max AS count_max, s.per AS per, s.title AS title,
       o.name AS organisation, o.uid AS organisation_uid, a.name AS appointed_by, s.role AS role,
       s.valid_from AS valid_from, s.valid_to AS valid_to, s.document AS document,
       s.evidence AS evidence
ORDER BY s.from_date, s.ordinal, s.role, s.title
"""

BODY_RELATIONS = """
MATCH (b:Body {uid: $uid})
CALL (b) {
  MATCH (b)-[r]->(o:Party) WHERE r.document IS NOT NULL
  RETURN 'ud' AS direction, r, o
  UNION
  MATCH (o:Party)-[r]->(b) WHERE r.document IS NOT NULL
  RETURN 'ind' AS direction, r, o
}
RETURN direction, type(r) AS type, o.name AS other, o.uid AS other_uid,
       CASE WHEN o:Body THEN 'Body' ELSE 'Organisation' END AS other_label,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.inferred AS inferred, r.note AS note,
       r.document AS document, r.evidence AS evidence
ORDER BY direction, type, other
"""


def body(uid: str) -> dict | None:
    """Everything the Organ page shows about one body (None if the uid is unknown)."""
    return _body(uid, graph_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _body(uid: str, version: str) -> dict | None:
    rows = _read(BODY, {"uid": uid})
    if not rows:
        return None
    from queries import structure

    props = rows[0]["body"]
    props.pop("documents", None)
    rels = _read(BODY_RELATIONS, {"uid": uid})
    try:
        lin = _plain(structure.lineage(uid))
    except Exception as exc:  # noqa: BLE001 - shown on the page, not fatal
        lin = {"error": str(exc), "predecessors": [], "successors": [], "tasks": []}
    return {
        "body": props,
        "facts": rows[0]["facts"],
        "seats": _read(BODY_SEATS, {"uid": uid}),
        "relations": rels,
        "secretariat": [r for r in rels if r["direction"] == "ind" and r["type"] == "SECRETARIAT_FOR"],
        "lineage": lin,
    }


# =========================================================================== Organisationer


def organisation_series(uids: list[str]) -> list[dict]:
    """Seats each organisation holds at every timeline date (the sum of the seat lines'
    counts; a line "1 per kommune" counts once)."""
    seats = all_seats()
    names = {u: parties().get(u, {}).get("name", u) for u in uids}
    out = []
    for day_s in timeline_dates():
        day = as_date(day_s)
        for u in uids:
            mine = [s for s in seats if s.get("organisation_uid") == u and _valid(s, day)]
            out.append({"dato": day_s, "organisation": names[u], "sæder": sum(seat_size(s) for s in mine),
                        "organer": len({s["body_uid"] for s in mine})})
    return out


def organisation_seats(uid: str) -> list[dict]:
    return [s for s in all_seats() if s.get("organisation_uid") == uid]


# =========================================================================== Revision


def audits() -> list[dict]:
    """The catalogue's audits (kind "audit"), as they land in queries/audits/."""
    from queries import catalogue

    catalogue.catalogue.cache_clear()  # pick up audits added while the app runs
    out = []
    for q in catalogue.catalogue().values():
        if q.kind != "audit":
            continue
        out.append({"name": q.name, "title": q.title, "question": q.question,
                    "spørgsmål": q.question_da or q.question, "row": q.row,
                    "params": [{"name": p.name, "type": p.type, "default": p.default} for p in q.params],
                    "cypher": q.cypher})
    return sorted(out, key=lambda a: a["name"])


def run_audit(name: str, at: Any, **params: Any) -> list[dict]:
    return _run_audit(name, as_date(at).isoformat(), json.dumps(params, sort_keys=True, default=str),
                      graph_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _run_audit(name: str, at: str, params_json: str, version: str) -> list[dict]:
    from queries import catalogue

    q = catalogue.get(name)
    params = json.loads(params_json)
    if any(p.name == "at" for p in q.params):
        params["at"] = at
    params = {k: v for k, v in params.items() if any(p.name == k for p in q.params)}
    return [_plain_row(r) for r in catalogue.run(name, **params)]


def findings_table(rows: list[dict]):
    """Audit rows for display: Danish headings, documents as 'title (date)', uids last."""
    import pandas as pd

    def doc(v):
        if isinstance(v, list):
            return "; ".join(document_label(x) for x in v if isinstance(x, str))
        return document_label(v) if isinstance(v, str) else v

    df = pd.DataFrame(rows)
    if "document" in df.columns:
        df["document"] = [doc(v) for v in df["document"]]
    uid_cols = [c for c in df.columns if c == "uid" or c.endswith("_uid")]
    df = df[[c for c in df.columns if c not in uid_cols] + uid_cols]
    return df.rename(columns={c: L.COLUMNS.get(c, c) for c in df.columns})


def findings_csv(findings: dict[str, list[dict]]) -> bytes:
    import pandas as pd

    frames = []
    for name, rows in findings.items():
        if rows:
            df = pd.DataFrame(rows)
            df.insert(0, "revision", name)
            frames.append(df)
    if not frames:
        return "revision\n".encode("utf-8")
    return pd.concat(frames, ignore_index=True).to_csv(index=False).encode("utf-8")


def findings_markdown(findings: dict[str, list[dict]], at: str, meta: dict[str, dict]) -> str:
    lines = [f"# Revision af samarbejdsstrukturen pr. {at}", ""]
    for name, rows in findings.items():
        a = meta.get(name, {})
        lines += [f"## {a.get('spørgsmål') or a.get('title', name)}", "", f"*{a.get('title', name)} ({name})*", "",
                  f"Fund: {len(rows)}", ""]
        for r in rows:
            key = next((k for k in ("body", "name", "organisation", "title") if r.get(k)), None)
            head = r[key] if key else ", ".join(f"{k}={v}" for k, v in list(r.items())[:3])
            extra = "; ".join(f"{L.COLUMNS.get(k, k)}: {v}" for k, v in r.items()
                              if k not in (key, "evidence", "document") and not k.endswith("uid")
                              and v not in (None, "", []))
            lines.append(f"- **{head}**" + (f" ({extra})" if extra else ""))
            if r.get("evidence"):
                ev = r["evidence"] if isinstance(r["evidence"], str) else " / ".join(map(str, r["evidence"]))
                docs = r.get("document")
                docs = [docs] if isinstance(docs, str) else (docs or [])
                lines.append(f"  - Kilde: «{ev}» — " + "; ".join(document_label(d) for d in docs if isinstance(d, str)))
        lines.append("")
    return "\n".join(lines)


# =========================================================================== Cypher console


EXAMPLES = {
    "Organer pr. region": "MATCH (b:Body)\nRETURN b.region AS region, count(*) AS organer\nORDER BY organer DESC",
    "Organer på en dato (graf)": (
        "MATCH (b:Body)\nWHERE b.from_date <= date($at) AND (b.to_date IS NULL OR b.to_date >= date($at))\n"
        "RETURN b LIMIT 100"),
    "Hvem refererer til hvem (graf)": "MATCH (a:Body)-[r:REPORTS_TO|PREPARES_CASES_FOR]->(b:Party)\nRETURN a, type(r) AS relation, b",
    "PLO's sæder": (
        "MATCH (s:Seat)-[:HELD_BY]->(o:Organisation)\nWHERE o.name CONTAINS 'Læger'\n"
        "MATCH (s)-[:IN_BODY]->(b:Body)\nRETURN b.name AS organ, s.count AS antal, s.title AS titel, s.valid_from AS fra"),
    "Dokumenter": "MATCH (d:Document)\nRETURN d.uid AS id, d.title AS titel, d.date AS dato, d.region AS region",
    "Skema (labels)": "CALL db.labels()",
}


def run_console(cypher: str, params: dict | None, *, limit: int, timeout: float) -> tuple[list[dict], bool]:
    """A user's query through queries.console.run_read_only (refused queries raise QueryError)."""
    from queries.console import run_read_only

    return run_read_only(cypher, params or {}, limit=int(limit), timeout=float(timeout))


def parse_params(text: str) -> dict:
    """'at=2026-06-01' lines (or a JSON object) → a parameter dict."""
    from queries.catalogue import QueryError

    text = (text or "").strip()
    if not text:
        return {}
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise QueryError(f"parametrene er ikke gyldig JSON: {exc.msg}") from None
        if not isinstance(value, dict):
            raise QueryError("parametrene skal være et JSON-objekt")
        return value
    out = {}
    for line in re.split(r"[\n,]+", text):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"parameteren {line.strip()!r}: skriv NAVN=VÆRDI")
        out[key.strip()] = value.strip()
    return out


def nodes_in_rows(rows: list[dict]) -> list[dict]:
    """The nodes (dicts with _labels and uid) anywhere in console rows, once each."""
    found: dict[str, dict] = {}

    def walk(v):
        if isinstance(v, dict):
            if "_labels" in v and v.get("uid"):
                found.setdefault(v["uid"], v)
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for r in rows:
        walk(r)
    return list(found.values())


def console_graph(rows: list[dict], height: int = 520) -> str | None:
    """When the rows hold nodes: those nodes and the relations among them, as a network."""
    nodes = nodes_in_rows(rows)
    if not nodes:
        return None
    uids = [n["uid"] for n in nodes]
    rels = _read("MATCH (a)-[r]->(b) WHERE a.uid IN $u AND b.uid IN $u AND a <> b "
                 "RETURN a.uid AS source, type(r) AS type, b.uid AS target, r.uid AS uid, "
                 "r.evidence AS evidence, r.document AS document", {"u": uids})
    elements = []
    for n in nodes:
        labels_ = n.get("_labels", [])
        is_org = "Body" not in labels_
        name = n.get("name") or n.get("title") or n.get("uid")
        title = "\n".join([name, ", ".join(labels_)] + [f"{k}: {v}" for k, v in n.items()
                                                       if k not in ("_labels", "name", "text")
                                                       and not isinstance(v, (list, dict))][:10])
        elements.append({"id": n["uid"], "name": name[:60], "is_org": is_org, "kind": n.get("kind"),
                         "level": n.get("level"), "title": title})
    edges = [{"id": r.get("uid") or f"{r['source']}|{r['type']}|{r['target']}", "source": r["source"],
              "target": r["target"], "type": r["type"],
              "title": f"{L.relation(r['type'])}" + (f"\n«{r['evidence']}»" if r.get("evidence") else "")}
             for r in rels]
    pos = layout()
    if not all(n["uid"] in pos for n in nodes):  # documents, seats: a layout of their own
        pos = graphview.compute_layout(uids, [(e["source"], e["target"]) for e in edges])
    return graphview.build_html(elements, edges, pos, height=height)


def rows_for_table(rows: list[dict]):
    """Console rows → a DataFrame (nested values as compact JSON text)."""
    import pandas as pd

    def cell(v):
        if isinstance(v, dict) and "_labels" in v:
            return f"({':'.join(v['_labels'])} {v.get('name') or v.get('title') or v.get('uid') or ''})"
        if isinstance(v, (dict, list)):
            return json.dumps(v, ensure_ascii=False, default=str)
        return v

    return pd.DataFrame([{k: cell(v) for k, v in r.items()} for r in rows])


# =========================================================================== Indlæs


def _slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", name.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
    return s.strip("-")[:60] or "dokument"


def draft_from_upload(filename: str, content: bytes) -> dict:
    """Read an uploaded kommissorium (txt/docx/pdf/html) and draft its annotation.

    Returns {"text", "format", "annotation", "yaml", "review", "summary", "source_name"}.
    The annotation's `file` points to the plain text (documents/<name>.txt) that the
    dry run and the load check the evidence against.
    """
    return _draft_from_upload(filename, content, graph_version())


@st.cache_data(show_spinner=False, max_entries=8)
def _draft_from_upload(filename: str, content: bytes, version: str) -> dict:
    from loaders.extract import extract
    from loaders.readers import read_text

    suffix = Path(filename).suffix.lower() or ".txt"
    with tempfile.TemporaryDirectory(prefix="govgraph-upload-") as tmp:
        path = Path(tmp) / (_slug(Path(filename).stem) + suffix)
        path.write_bytes(content)
        source = read_text(path)
        known = [{k: p.get(k) for k in ("uid", "name", "aliases", "region", "label", "kind")}
                 for p in _parties(version).values()]
        try:
            draft = extract(source, known=known)
        except TypeError:  # an extractor without `known`
            draft = extract(source)
    text = source.text
    source_name = f"documents/{_slug(Path(filename).stem)}.txt"
    annotation = json.loads(json.dumps(draft.annotation, default=str))
    doc = annotation.setdefault("document", {})
    doc["file"] = source_name
    doc["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return {
        "text": text, "format": source.format, "annotation": annotation,
        "yaml": yaml.safe_dump(annotation, allow_unicode=True, sort_keys=False, width=100),
        "review": list(draft.review), "summary": draft.summary(), "source_name": source_name,
    }


def evidence_spans(text: str, annotation: dict) -> list[tuple[int, int, str]]:
    """(start, end, what) of every evidence quote of the annotation found in the text
    (whitespace-insensitive)."""
    spans = []
    for section in ("bodies", "organisations", "seats", "relations"):
        for i, entry in enumerate(annotation.get(section) or []):
            ev = entry.get("evidence") if isinstance(entry, dict) else None
            if not ev:
                continue
            words = ev.split()
            if not words:
                continue
            pattern = r"\s+".join(re.escape(w) for w in words)
            m = re.search(pattern, text)
            if m:
                what = entry.get("name") or entry.get("type") or entry.get("title") or section
                spans.append((m.start(), m.end(), f"{section}: {what}"))
    return sorted(spans)


SECTION_COLOURS = {"bodies": "#ffe58a", "organisations": "#c9e7ff", "seats": "#d8f5c8", "relations": "#ffd0e0"}


def highlighted_html(text: str, annotation: dict) -> str:
    """The text with each evidence quote in a <mark> (colour by section), HTML-escaped."""
    spans = evidence_spans(text, annotation)
    out, pos = [], 0
    for start, end, what in spans:
        if start < pos:  # overlapping quotes: keep the first
            continue
        out.append(html.escape(text[pos:start]))
        section = what.split(":", 1)[0]
        colour = SECTION_COLOURS.get(section, "#ffe58a")
        out.append(f'<mark style="background:{colour}" title="{html.escape(what)}">'
                   f"{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return ('<div style="white-space:pre-wrap;font-family:inherit;font-size:0.92rem;line-height:1.5;'
            'max-height:520px;overflow-y:auto;border:1px solid #ddd;padding:0.6rem;border-radius:4px">'
            + "".join(out) + "</div>")


def _stage(annotation_yaml: str, text: str) -> tuple[tempfile.TemporaryDirectory, Path]:
    """Write the annotation and its source text to a fresh temporary data folder."""
    try:
        data = yaml.safe_load(annotation_yaml)
    except yaml.YAMLError as exc:
        from loaders.annotation import AnnotationError, AnnotationErrors

        raise AnnotationErrors([AnnotationError("annotation", "", f"not valid YAML: {exc}")]) from None
    tmp = tempfile.TemporaryDirectory(prefix="govgraph-load-")
    base = Path(tmp.name)
    doc = (data or {}).get("document") or {}
    file_ref = doc.get("file") or "documents/dokument.txt"
    if Path(file_ref).is_absolute() or ".." in Path(file_ref).parts:
        file_ref = f"documents/{Path(file_ref).name}"
        data["document"]["file"] = file_ref
    src = base / file_ref
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(text, encoding="utf-8")
    ann = base / "annotations" / f"{_slug(str(doc.get('id') or 'upload'))}.yaml"
    ann.parent.mkdir(parents=True, exist_ok=True)
    ann.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp, ann


def _report(r) -> dict:
    return {"document": r.document, "dry_run": r.dry_run, "changed": r.changed,
            "counts": {k: vars(c) for k, c in r.counts.items()}, "changes": list(r.changes)}


def dry_run(annotation_yaml: str, text: str) -> list[dict]:
    """What loading the annotation would change (a READ transaction that never commits)."""
    from loaders.load import load_paths

    tmp, ann = _stage(annotation_yaml, text)
    with tmp:
        result = load_paths([ann], dry_run=True)
    return [_report(r) for r in result.reports]


def load_document(annotation_yaml: str, text: str) -> list[dict]:
    """THE write path of the explorer: load one reviewed annotation into Neo4j
    (loaders.load.load_paths, one transaction per document), then drop every cache."""
    from loaders.load import load_paths

    tmp, ann = _stage(annotation_yaml, text)
    with tmp:
        result = load_paths([ann], dry_run=False)
    clear_caches()
    return [_report(r) for r in result.reports]


def error_lines(exc: BaseException) -> list[str]:
    """A known error → its lines (AnnotationErrors lists every problem)."""
    errors = getattr(exc, "errors", None)
    if errors:
        return [str(e) for e in errors]
    return str(exc).splitlines() or [exc.__class__.__name__]
