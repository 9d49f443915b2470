"""The structure over time: snapshot at a date, diff between two dates, lineage.

Built on the stored queries of the catalogue; returns plain dicts (the CLI's JSON)
or networkx graphs.
"""
from __future__ import annotations

from typing import Any

from queries import catalogue
from queries.catalogue import QueryError, parse_date

BODY_CHANGE_FIELDS = ("kind", "level", "chair", "meetings_min", "meetings_max", "decision_rule")
SEAT_CHANGE_FIELDS = ("count", "count_max", "appointed_by", "per")


def _run(name: str, read=None, **params) -> list[dict]:
    return catalogue.run(name, read=read, **params)


def _at_once(calls: list) -> list:
    from govgraph import db

    return db.at_once(calls)


KINDS = ("bodies", "seats", "relations")


def _snapshots(dates: list[Any], read=None) -> list[dict]:
    """The snapshots at the dates. With the library's own reader all their queries run at
    once; a caller's `read` (a transaction of theirs, a test's recorder) is called in turn."""
    days = [parse_date(d) for d in dates]
    calls = [lambda k=k, d=d: _run(f"snapshot_{k}", read, at=d) for d in days for k in KINDS]
    results = _at_once(calls) if read is None else [c() for c in calls]
    return [{"at": d.isoformat(), **dict(zip(KINDS, results[i * 3:i * 3 + 3]))} for i, d in enumerate(days)]


def snapshot(at: Any, read=None) -> dict:
    """{"at", "bodies", "seats", "relations"} valid at the date (empty before 2007)."""
    return _snapshots([at], read)[0]


def seat_key(s: dict) -> tuple:
    return (s["body_uid"], (s.get("title") or "").casefold(), s.get("organisation_uid"), s["role"])


def relation_key(r: dict) -> tuple:
    return (r["source_uid"], r["type"], r["target_uid"])


def _compare(before: list[dict], after: list[dict], key, fields) -> tuple[list, list, list]:
    a = {}
    for row in before:
        a.setdefault(key(row), row)
    b = {}
    for row in after:
        b.setdefault(key(row), row)
    added = [b[k] for k in b if k not in a]
    removed = [a[k] for k in a if k not in b]
    changed = []
    for k in a.keys() & b.keys():
        diffs = {f: {"from": a[k].get(f), "to": b[k].get(f)} for f in fields if a[k].get(f) != b[k].get(f)}
        if diffs:
            changed.append({**b[k], "changes": diffs})
    def order(rows):
        return sorted(rows, key=lambda r: (str(r.get("name") or r.get("body") or r.get("source") or ""),
                                           tuple(str(x) for x in key(r))))
    return order(added), order(removed), order(changed)


def diff(date_a: Any, date_b: Any, read=None) -> dict:
    """What was added, removed and changed between two dates."""
    return compare(*_snapshots([date_a, date_b], read))


def compare(a: dict, b: dict) -> dict:
    """The diff of two snapshots (also used by the explorer on its cached snapshots)."""
    out = {"from": a["at"], "to": b["at"], "added": {}, "removed": {}, "changed": {}}
    for kind, key, fields in (
        ("bodies", lambda r: r["uid"], BODY_CHANGE_FIELDS),
        ("seats", seat_key, SEAT_CHANGE_FIELDS),
        ("relations", relation_key, ()),
    ):
        out["added"][kind], out["removed"][kind], out["changed"][kind] = _compare(a[kind], b[kind], key, fields)
    return out


def find_body(name: str, read=None) -> dict:
    """A body by uid, canonical name or alias (case-insensitive)."""
    if read is None:
        from govgraph import db
        read = db.read
    rows = read(
        "MATCH (b:Body) WHERE b.uid = $n OR toLower(b.name) = toLower($n) "
        "OR any(a IN coalesce(b.aliases, []) WHERE toLower(a) = toLower($n)) "
        "RETURN b.uid AS uid, b.name AS name, b.region AS region, b.valid_from AS valid_from, "
        "b.valid_to AS valid_to ORDER BY b.from_date", {"n": name})
    if not rows:
        raise QueryError(f"no body named {name!r} (try a canonical name, an alias or an id)")
    if len(rows) > 1:
        exact = [r for r in rows if r["name"] == name or r["uid"] == name]
        if len(exact) == 1:
            return exact[0]
        options = "; ".join(f"{r['name']} [{r['uid']}] {r['valid_from']}–{r['valid_to'] or ''}" for r in rows)
        raise QueryError(f"{name!r} names several bodies: {options}; use the id")
    return rows[0]


def lineage(name: str, read=None) -> dict:
    """Predecessors, successors and tasks passed on, for one body."""
    body = find_body(name, read)
    links = _run("lineage", read, body=body["uid"])
    return {
        "body": body,
        "predecessors": [r for r in links if r["direction"] == "predecessor"],
        "successors": [r for r in links if r["direction"] == "successor"],
        "tasks": _run("tasks_moved", read, body=body["uid"]),
    }


def snapshot_graph(at: Any, read=None):
    """The snapshot as a networkx MultiDiGraph (bodies and the organisations in relations)."""
    import networkx as nx

    snap = snapshot(at, read)
    g = nx.MultiDiGraph(at=snap["at"])
    for b in snap["bodies"]:
        g.add_node(b["uid"], label="Body", **{k: v for k, v in b.items() if v is not None and k != "uid"})
    for r in snap["relations"]:
        for uid, name in ((r["source_uid"], r["source"]), (r["target_uid"], r["target"])):
            if uid not in g:
                g.add_node(uid, label="Organisation" if uid.startswith("org-") else "Body", name=name)
        g.add_edge(r["source_uid"], r["target_uid"], key=r["uid"], type=r["type"],
                   document=r["document"], evidence=r["evidence"])
    return g

