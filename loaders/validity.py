"""Derive when each body, seat and relation holds, from the documents' dates.

Rules (issue "Structure over time"):
- a fact starts at its stated `valid_from`, else at its document's date (stated, or
  inferred — then `from_inferred`); fuzzy dates keep their precision: `from_date` is the
  earliest day it can mean, `from_date_latest` the latest;
- a body ends at an explicit end (its latest stated `valid_to`, unless a later document
  describes it again), when a successor starts (SUCCEEDS), when its type is abolished by a
  reform (data/reference/reforms.yaml), or when the body it is part of ends; else open;
- a document's seats for a body hold until a later document gives seats for that body;
- a relation holds until a later document restates it, until its task moves to another
  body (exclusive types such as BOARD_OF), or until one of its ends stops; else open.
When two documents disagree both facts stay, each dated; the later one holds after its date.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from model.dates import FuzzyDate, parse_optional
from model.vocab import RELATION_TYPES

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference" / "reforms.yaml"
ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=1)
def reforms() -> dict:
    with REFERENCE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass
class Interval:
    start: FuzzyDate | None = None
    start_inferred: bool = False
    end: dt.date | None = None  # last day
    end_earliest: dt.date | None = None
    end_precision: str | None = None
    end_text: str | None = None
    end_reason: str | None = None

    def close(self, last_day: dt.date, precision: str, reason: str, *, earliest: dt.date | None = None,
              text: str | None = None) -> None:
        if self.end == last_day and self.end_reason:
            # the same day for several reasons: keep them all, in an order that does not
            # depend on the order the database returned the rows in
            self.end_reason = "; ".join(sorted(set(self.end_reason.split("; ")) | {reason}))
            return
        if self.end is None or last_day < self.end:
            self.end = last_day
            self.end_earliest = earliest or last_day
            self.end_precision = precision
            self.end_text = text or last_day.isoformat()
            self.end_reason = reason

    def props(self) -> dict:
        s = self.start
        return {
            "valid_from": s.text if s else None,
            "from_date": s.start if s else None,
            "from_date_latest": s.end if s else None,
            "from_precision": s.precision if s else None,
            "from_inferred": self.start_inferred,
            "valid_to": self.end_text,
            "to_date": self.end,
            "to_date_earliest": self.end_earliest,
            "to_precision": self.end_precision,
            "to_reason": self.end_reason,
        }


DATE_PROPS = ("from_date", "from_date_latest", "to_date", "to_date_earliest")
# the stored validity is written as strings and made dates by the server (cheaper than the
# driver's date packing), and only where it changed: `validity_hash` is what was written
SET_VALIDITY = ("SET x += row.p, " + ", ".join(f"x.{k} = date(row.d[{i}])" for i, k in enumerate(DATE_PROPS))
                + ", x.validity_hash = row.h")


def _rows(tx, query: str, **params) -> list[dict]:
    """Rows as dicts, all sent as one record (govgraph.db.compact_rows: plain values only)."""
    from govgraph.db import compact_rows

    return compact_rows(tx, query, params)


def _changed(eid: str, iv: "Interval", stored_hash: str | None) -> dict | None:
    """The write-back row for a fact whose validity differs from the stored one, else None."""
    props = iv.props()
    dates = [props.pop(k) for k in DATE_PROPS]
    dates = [d.isoformat() if d is not None else None for d in dates]
    h = hashlib.blake2b(repr((sorted(props.items()), dates)).encode(), digest_size=12).hexdigest()
    if h == stored_hash:
        return None
    return {"eid": eid, "p": props, "d": dates, "h": h}


def _doc_dates(tx) -> dict[str, tuple[FuzzyDate | None, bool]]:
    out = {}
    for r in tx.run("MATCH (d:Document) RETURN d.uid AS uid, d.date AS date, d.date_inferred AS inf"):
        stated = parse_optional(r["date"])
        out[r["uid"]] = (stated or parse_optional(r["inf"]), stated is None and r["inf"] is not None)
    return out


def place_in_time(tx) -> None:
    """Write the reforms and periods (with their sources) and place each document in the
    period its (stated or inferred) date falls in: (:Document)-[:IN_PERIOD]->(:Period)."""
    ref = reforms()
    periods = [{"uid": p["id"], "name": p["name"], "start": FuzzyDate.parse(p["start"]).start,
                "end": FuzzyDate.parse(p["end"]).end if p.get("end") else None,
                "evidence": p.get("evidence"), "source": ref["source"]} for p in ref["periods"]]
    reform_rows = [{"uid": r["id"], "name": r["name"], "date": FuzzyDate.parse(r["date"]).start,
                    "summary": " ".join(r.get("summary", "").split()), "evidence": r.get("evidence"),
                    "source": ref["source"]} for r in ref["reforms"]]
    tx.run("UNWIND $rows AS row MERGE (p:Period {uid: row.uid}) SET p = row", rows=periods).consume()
    tx.run("UNWIND $rows AS row MERGE (r:Reform {uid: row.uid}) SET r = row", rows=reform_rows).consume()
    # a fuzzy date ("2019") goes to the period it overlaps most
    placed = []
    for d in tx.run("MATCH (d:Document) WHERE d.date_start IS NOT NULL "
                    "RETURN d.uid AS uid, d.date_start AS s, coalesce(d.date_end, d.date_start) AS e"):
        start, end = d["s"].to_native(), d["e"].to_native()
        best, best_days = None, 0
        for p in periods:
            lo = max(start, p["start"])
            hi = min(end, p["end"] or dt.date.max)
            days = (hi - lo).days + 1
            if days > best_days:
                best, best_days = p["uid"], days
        if best:
            placed.append({"doc": d["uid"], "period": best})
    # only the placements that changed: drop the others, add the new ones
    tx.run("MATCH (d:Document)-[x:IN_PERIOD]->(p:Period) WHERE NOT [d.uid, p.uid] IN $keep DELETE x",
           keep=[[r["doc"], r["period"]] for r in placed]).consume()
    tx.run("UNWIND $rows AS row MATCH (d:Document {uid: row.doc}), (p:Period {uid: row.period}) "
           "MERGE (d)-[:IN_PERIOD]->(p)", rows=placed).consume()


def derive_validity(tx) -> dict[str, int]:
    """Recompute validity for the whole graph inside `tx`; write back what changed and
    return how many facts of each kind were (re)written."""
    docs = _doc_dates(tx)
    place_in_time(tx)
    body_rows = _rows(tx,
        "MATCH (b:Body)-[r:DESCRIBED_IN]->(d:Document) "
        "RETURN b.uid AS uid, elementId(b) AS eid, b.name AS name, b.kind AS kind, d.uid AS doc, "
        "b.validity_hash AS vh, "
        "r.stated_from AS stated_from, r.stated_to AS stated_to ORDER BY uid, doc")
    succ_rows = _rows(tx, "MATCH (new:Body)-[:SUCCEEDS]->(old:Body) RETURN new.uid AS new, old.uid AS old, "
                      "new.name AS name ORDER BY new, old")
    parent_rows = _rows(tx, "MATCH (c:Body)-[:PART_OF|SUBGROUP_OF]->(p:Body) RETURN c.uid AS c, p.uid AS p, "
                        "p.name AS name ORDER BY c, p")
    seat_rows = _rows(tx, "MATCH (s:Seat)-[:IN_BODY]->(b:Body) RETURN elementId(s) AS eid, s.document AS doc, "
                      "b.uid AS body, s.stated_from AS sf, s.stated_to AS st, s.validity_hash AS vh "
                      "ORDER BY s.uid")
    rel_rows = _rows(tx,
        f"MATCH (a:Party)-[r:{'|'.join(RELATION_TYPES)}]->(b:Party) WHERE r.document IS NOT NULL "
        "RETURN r.uid AS uid, elementId(r) AS eid, type(r) AS type, a.uid AS source, b.uid AS target, "
        "a.name AS sname, "
        "r.document AS doc, r.stated_from AS sf, r.stated_to AS st, r.inferred AS inferred, "
        "r.validity_hash AS vh")
    bodies, meta, seats, rels = compute(docs, body_rows, succ_rows, parent_rows, seat_rows, rel_rows)

    written = {}
    for kind, pairs, match in (
        ("bodies", [(meta[u], iv) for u, iv in bodies.items()], "MATCH (x) WHERE elementId(x) = row.eid"),
        ("seats", seats, "MATCH (x) WHERE elementId(x) = row.eid"),
        ("relations", rels, "MATCH ()-[x]->() WHERE elementId(x) = row.eid"),
    ):
        rows = [row for r, iv in pairs if (row := _changed(r["eid"], iv, r["vh"]))]
        tx.run(f"UNWIND $rows AS row {match} {SET_VALIDITY}", rows=rows).consume()
        written[kind] = len(rows)
    tx.run("MATCH (d:Document) WHERE d.validity_pending REMOVE d.validity_pending").consume()
    return written


def compute(docs: dict, body_rows: list[dict], succ_rows: list[dict], parent_rows: list[dict],
            seat_rows: list[dict], rel_rows: list[dict]):
    """The rules, on rows (pure: the graph's rows in derive_validity, a batch's own rows in
    `precompute`). Returns (bodies {uid: Interval}, meta {uid: body row},
    [(seat row, Interval)], [(relation row, Interval)])."""
    ref = reforms()
    # ---------------------------------------------------------------- bodies
    bodies: dict[str, Interval] = {}
    meta: dict[str, dict] = {}
    last_described: dict[str, dt.date] = {}
    stated_ends: dict[str, list[tuple[FuzzyDate, FuzzyDate | None]]] = {}
    for r in body_rows:
        iv = bodies.setdefault(r["uid"], Interval())
        meta[r["uid"]] = r
        date, inferred = docs.get(r["doc"], (None, False))
        start = parse_optional(r["stated_from"]) or date
        if start and (iv.start is None or start.start < iv.start.start):
            iv.start, iv.start_inferred = start, (inferred and not r["stated_from"])
        if date:
            last_described[r["uid"]] = max(last_described.get(r["uid"], date.start), date.start)
        end = parse_optional(r["stated_to"])
        if end:
            stated_ends.setdefault(r["uid"], []).append((end, date))
    for uid, ends in stated_ends.items():
        end, _ = max(ends, key=lambda e: e[0].end)
        # a later document that describes the body after its stated end renews it
        if last_described.get(uid, dt.date.min) <= end.end:
            bodies[uid].close(end.end, end.precision, "explicit end stated in its document",
                              earliest=end.start, text=end.text)

    # successors: a body ends the day before the body that succeeds it starts
    for r in succ_rows:
        new, old = bodies.get(r["new"]), bodies.get(r["old"])
        if new and old and new.start and old.start and new.start.start > old.start.start:
            old.close(new.start.start - ONE_DAY, new.start.precision, f"succeeded by {r['name']}",
                      text=(new.start.start - ONE_DAY).isoformat())

    # abolitions by reform
    for rule in ref.get("abolitions", []):
        ends = FuzzyDate.parse(rule["ends"])
        names = {n.casefold() for n in rule.get("names", [])}
        kinds = set(rule.get("kinds", []))
        for uid, iv in bodies.items():
            m = meta[uid]
            if (m["name"] or "").casefold() in names or m["kind"] in kinds:
                if iv.start is None or iv.start.start <= ends.end:
                    iv.close(ends.end, ends.precision, f"abolished ({rule['reform']}): {rule['why']}")

    # a part or subgroup ends with the body it belongs to (iterate to a fixed point)
    parents = parent_rows
    for _ in range(10):
        changed = False
        for r in parents:
            child, parent = bodies.get(r["c"]), bodies.get(r["p"])
            if child and parent and parent.end and (child.end is None or parent.end < child.end):
                child.close(parent.end, parent.end_precision, f"ends with {r['name']}",
                            earliest=parent.end_earliest, text=parent.end_text)
                changed = True
        if not changed:
            break

    # ---------------------------------------------------------------- seats
    docs_with_seats: dict[str, set[str]] = {}
    for r in seat_rows:
        docs_with_seats.setdefault(r["body"], set()).add(r["doc"])
    # per body, its seat-giving documents by date: a seat line ends the day before the
    # first later one (all of them, when several share that date)
    later_docs: dict[str, tuple[list[dt.date], list[tuple[FuzzyDate, str]]]] = {}
    for body, body_docs in docs_with_seats.items():
        dated = sorted(((docs[d][0], d) for d in body_docs if docs.get(d, (None, False))[0]),
                       key=lambda x: (x[0].start, x[1]))
        later_docs[body] = ([x[0].start for x in dated], dated)
    seats = []
    for r in seat_rows:
        date, inferred = docs.get(r["doc"], (None, False))
        iv = Interval(start=parse_optional(r["sf"]) or date, start_inferred=inferred and not r["sf"])
        stated_end = parse_optional(r["st"])
        if stated_end:
            iv.close(stated_end.end, stated_end.precision, "explicit end", earliest=stated_end.start,
                     text=stated_end.text)
        if date:
            starts, dated = later_docs[r["body"]]
            i = bisect.bisect_right(starts, date.start)
            for odate, other in dated[i:bisect.bisect_right(starts, starts[i])] if i < len(starts) else ():
                iv.close(odate.start - ONE_DAY, odate.precision, f"superseded by document {other}")
        body = bodies.get(r["body"])
        if body and body.end:
            iv.close(body.end, body.end_precision, "the body ends", earliest=body.end_earliest,
                     text=body.end_text)
        seats.append((r, iv))

    # ---------------------------------------------------------------- relations
    exclusive = set(ref.get("exclusive_relations", []))
    rel_rows = sorted(rel_rows, key=lambda r: (r["type"], r["target"], r["source"], r["doc"] or "", r["uid"] or ""))

    def line(r: dict) -> tuple:
        # the statements that can end this one: the same line restated (same source), or,
        # for an exclusive type, the task given to any source
        if r["type"] in exclusive:
            return (r["type"], r["target"])
        return (r["type"], r["target"], r["source"])

    later_rows: dict[tuple, list[tuple[FuzzyDate, dict]]] = {}
    for r in rel_rows:
        odate = docs.get(r["doc"], (None, False))[0]
        if odate:
            later_rows.setdefault(line(r), []).append((odate, r))
    later: dict[tuple, tuple[list[dt.date], list[tuple[FuzzyDate, dict]]]] = {}
    for key, dated in later_rows.items():
        dated.sort(key=lambda x: x[0].start)  # stable: (source, doc, uid) order within a day
        later[key] = ([x[0].start for x in dated], dated)
    rels = []
    for r in rel_rows:
        date, inferred = docs.get(r["doc"], (None, False))
        src, tgt = bodies.get(r["source"]), bodies.get(r["target"])
        start = parse_optional(r["sf"]) or date
        if start is None and r["type"] == "SUCCEEDS" and src and src.start:
            start = src.start  # an undated lineage link holds from the successor's start
        elif start is None and src and tgt and src.start and tgt.start:
            start = max(src.start, tgt.start, key=lambda d: d.start)
        iv = Interval(start=start, start_inferred=bool(inferred and not r["sf"]))
        stated_end = parse_optional(r["st"])
        if stated_end:
            iv.close(stated_end.end, stated_end.precision, "explicit end", earliest=stated_end.start,
                     text=stated_end.text)
        if date and r["type"] != "SUCCEEDS":
            # the first later day with a statement on the line (all of that day's statements)
            starts, dated = later[line(r)]
            i = bisect.bisect_right(starts, date.start)
            for odate, o in dated[i:bisect.bisect_right(starts, starts[i])] if i < len(starts) else ():
                if o["source"] == r["source"]:
                    iv.close(odate.start - ONE_DAY, odate.precision, f"restated by document {o['doc']}")
                elif r["type"] in exclusive:
                    iv.close(odate.start - ONE_DAY, odate.precision, f"task moved to {o['sname']}")
        if r["type"] != "SUCCEEDS":
            for end in (src, tgt):
                if end and end.end:
                    iv.close(end.end, end.end_precision, "one of its ends stops",
                             earliest=end.end_earliest, text=end.end_text)
        rels.append((r, iv))
    return bodies, meta, seats, rels

