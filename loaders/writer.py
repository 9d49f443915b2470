"""The one writer: puts a validated, resolved annotation into Neo4j.

One transaction per document (it loads completely or not at all), batched UNWIND
statements, and an exact report of what was inserted, updated, left unchanged and
removed. Reloading a corrected annotation replaces that document's facts and
touches no other document's.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import neo4j

from loaders.annotation import AnnotationError, AnnotationErrors, ParsedAnnotation
from model import ids
from model.vocab import RELATION_TYPES

KINDS = ("documents", "bodies", "organisations", "seats", "relations")


@dataclass
class Counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


@dataclass
class LoadReport:
    document: str
    path: str
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    dry_run: bool = False
    changes: list[str] = field(default_factory=list)  # human-readable, for --dry-run

    @property
    def changed(self) -> bool:
        return any(c.inserted or c.updated or c.removed for c in self.counts.values())

    def totals(self) -> Counts:
        t = Counts()
        for c in self.counts.values():
            t.inserted += c.inserted
            t.updated += c.updated
            t.unchanged += c.unchanged
            t.removed += c.removed
        return t

    def as_dict(self) -> dict:
        return {"document": self.document, "path": self.path, "dry_run": self.dry_run,
                **{k: vars(c) for k, c in self.counts.items()}}


# --------------------------------------------------------------------------- payload


def _with_hash(props: dict) -> dict:
    clean = {k: v for k, v in props.items() if v is not None and v != []}
    clean["hash"] = ids.content_hash(clean)
    return clean


def build_payload(parsed: ParsedAnnotation) -> dict:
    """Plain dicts ready for UNWIND, each fact with a stable uid and a content hash."""
    doc = parsed.document
    doc_props = {k: v for k, v in doc.props().items() if v is not None}
    doc_props["content_hash"] = ids.content_hash({k: v for k, v in doc_props.items()})

    parties = []
    relations: dict[str, list[dict]] = {t: [] for t in RELATION_TYPES}
    for p in parsed.parties:
        facts = {k: v for k, v in p.facts.items() if k != "part_of_uid"}
        facts["name"] = p.name
        parties.append({"uid": p.uid, "label": p.label, "name": p.name, "region": p.region,
                        "facts": _with_hash(facts), "entry": p.entry})
        if p.label == "Organisation" and p.facts.get("part_of_uid"):
            target = p.facts["part_of_uid"]
            uid = ids.relation_id(doc.uid, p.uid, "PART_OF", target)
            relations["PART_OF"].append({
                "uid": uid, "source": p.uid, "target": target, "entry": p.entry,
                "props": _with_hash({"uid": uid, "document": doc.uid, "evidence": p.facts.get("evidence"),
                                     "inferred": False, "origin": "organisation.part_of"}),
            })

    seats = []
    seen: dict[str, int] = {}
    for s in parsed.seats:
        base = (s.body_uid, s.props.get("title"), s.organisation_uid, s.props.get("role"),
                s.props.get("per"))
        ordinal = seen.get(repr(base), 0)
        seen[repr(base)] = ordinal + 1
        uid = ids.seat_id(doc.uid, *base, ordinal)
        props = dict(s.props, ordinal=ordinal, uid=uid)
        seats.append({"uid": uid, "body": s.body_uid, "org": s.organisation_uid,
                      "appointer": s.appointed_by_uid, "props": _with_hash(props), "entry": s.entry})

    for r in parsed.relations:
        uid = ids.relation_id(doc.uid, r.source_uid, r.type, r.target_uid)
        if any(x["uid"] == uid for x in relations[r.type]):
            raise AnnotationErrors([AnnotationError(parsed.path, r.entry, "this relation is stated twice")])
        relations[r.type].append({"uid": uid, "source": r.source_uid, "target": r.target_uid,
                                  "entry": r.entry, "source_name": r.source, "target_name": r.target,
                                  "props": _with_hash(dict(r.props, uid=uid))})
    return {"doc": doc_props, "parties": parties, "seats": seats,
            "relations": {t: v for t, v in relations.items() if v}}


# --------------------------------------------------------------------------- existing state


def _existing(tx: neo4j.ManagedTransaction, doc_uid: str) -> dict:
    state: dict = {}
    rec = tx.run("MATCH (d:Document {uid:$doc}) RETURN d.content_hash AS h", doc=doc_uid).single()
    state["doc"] = rec["h"] if rec else None
    if rec is None:  # a new document: nothing in the graph can carry its id yet
        return {"doc": None, "parties": {}, "seats": {}, "relations": {}}
    state["parties"] = {
        r["uid"]: (r["label"], r["hash"]) for r in tx.run(
            "MATCH (p:Party)-[r:DESCRIBED_IN|MENTIONED_IN]->(:Document {uid:$doc}) "
            "RETURN p.uid AS uid, CASE WHEN p:Body THEN 'Body' ELSE 'Organisation' END AS label, "
            "r.hash AS hash", doc=doc_uid)
    }
    state["seats"] = {r["uid"]: r["hash"] for r in tx.run(
        "MATCH (s:Seat {document:$doc}) RETURN s.uid AS uid, s.hash AS hash", doc=doc_uid)}
    union = " UNION ALL ".join(
        f"MATCH (:Party)-[r:{t}]->(:Party) WHERE r.document = $doc "
        f"RETURN '{t}' AS type, r.uid AS uid, r.hash AS hash" for t in RELATION_TYPES)
    state["relations"] = {(r["type"], r["uid"]): r["hash"] for r in tx.run(union, doc=doc_uid)}
    return state


def _diff(old: dict, new: dict, counts: Counts) -> tuple[list, list]:
    """Return (to_write, to_delete) keys; count inserted/updated/unchanged/removed."""
    write, delete = [], []
    for key, h in new.items():
        if key not in old:
            counts.inserted += 1
            write.append(key)
        elif old[key] != h:
            counts.updated += 1
            write.append(key)
            delete.append(key)
        else:
            counts.unchanged += 1
    for key in old:
        if key not in new:
            counts.removed += 1
            delete.append(key)
    return write, delete


# --------------------------------------------------------------------------- write


@dataclass
class Plan:
    """What writing one document changes: the rows of every statement, not yet run."""
    doc_uid: str
    doc: dict
    delete_seats: list[str] = field(default_factory=list)
    delete_relations: dict[str, list[str]] = field(default_factory=dict)
    gone: list[str] = field(default_factory=list)  # parties this document no longer describes
    parties: dict[str, list[dict]] = field(default_factory=lambda: {"Body": [], "Organisation": []})
    seats: list[dict] = field(default_factory=list)
    relations: dict[str, list[dict]] = field(default_factory=dict)
    touched: list[str] = field(default_factory=list)


def plan_document(tx: neo4j.ManagedTransaction, parsed: ParsedAnnotation, *, dry_run: bool = False,
                  known: set[str] | None = None, existing: dict | None = None,
                  payload: dict | None = None) -> tuple[LoadReport, Plan]:
    """Compare one document with what the graph holds of it: the report (counts and, for a
    dry run, readable changes) and the plan of writes. `known` = party ids already in the
    graph (looked up when not given); `existing` = the document's stored state (idem);
    `payload` = build_payload(parsed) when the caller built it already."""
    payload = payload or build_payload(parsed)
    doc_uid = payload["doc"]["uid"]
    report = LoadReport(document=doc_uid, path=str(parsed.path), dry_run=dry_run)
    old = existing if existing is not None else _existing(tx, doc_uid)
    c = report.counts

    # documents
    if old["doc"] is None:
        c["documents"].inserted += 1
    elif old["doc"] != payload["doc"]["content_hash"]:
        c["documents"].updated += 1
    else:
        c["documents"].unchanged += 1

    parties_by_uid = {p["uid"]: p for p in payload["parties"]}
    old_bodies = {u: h for u, (lab, h) in old["parties"].items() if lab == "Body"}
    old_orgs = {u: h for u, (lab, h) in old["parties"].items() if lab == "Organisation"}
    new_bodies = {p["uid"]: p["facts"]["hash"] for p in payload["parties"] if p["label"] == "Body"}
    new_orgs = {p["uid"]: p["facts"]["hash"] for p in payload["parties"] if p["label"] == "Organisation"}
    wb, db_ = _diff(old_bodies, new_bodies, c["bodies"])
    wo, do = _diff(old_orgs, new_orgs, c["organisations"])
    new_seats = {s["uid"]: s["props"]["hash"] for s in payload["seats"]}
    ws, ds = _diff(old["seats"], new_seats, c["seats"])
    rels_by_key = {(t, r["uid"]): r for t, rs in payload["relations"].items() for r in rs}
    new_rels = {k: r["props"]["hash"] for k, r in rels_by_key.items()}
    wr, dr = _diff(old["relations"], new_rels, c["relations"])

    names = {p["uid"]: p["name"] for p in payload["parties"]}
    if known is None:
        known = {r["uid"] for r in tx.run("UNWIND $uids AS u MATCH (p:Party {uid: u}) RETURN p.uid AS uid",
                                          uids=list(names)).data()}

    def what(u, old_set, noun):
        if u in old_set:
            return f"changed {noun} {names[u]}"
        if u in known:
            return f"{noun} {names[u]} (already in the graph): new description from this document"
        return f"new {noun} {names[u]}"

    for u in wb:
        report.changes.append(what(u, old_bodies, "body"))
    for u in db_:
        if u not in new_bodies:
            report.changes.append(f"body no longer in this document: {u}")
    for u in wo:
        report.changes.append(what(u, old_orgs, "organisation"))
    seats_by_uid = {s["uid"]: s for s in payload["seats"]}
    for u in ws:
        s = seats_by_uid[u]["props"]
        report.changes.append(f"{'changed' if u in old['seats'] else 'new'} seat in {s['body']}: "
                              f"{s.get('count', '?')} × {s.get('title') or s.get('organisation')} ({s['role']})")
    for key in dr:
        if key not in new_rels:
            report.changes.append(f"removed relation {key[0]} {key[1]}")
    for key in wr:
        r = rels_by_key[key]
        src = names.get(r["source"]) or r.get("source_name") or r["source"]
        tgt = names.get(r["target"]) or r.get("target_name") or r["target"]
        report.changes.append(f"{'changed' if key in old['relations'] else 'new'} relation "
                              f"{src} {key[0]} {tgt}")

    plan = Plan(doc_uid=doc_uid, doc=payload["doc"], delete_seats=ds)
    for t, u in dr:
        plan.delete_relations.setdefault(t, []).append(u)
    plan.gone = [u for u in (db_ + do) if u not in parties_by_uid]
    for label, uids in (("Body", wb), ("Organisation", wo)):
        plan.parties[label] = [dict(parties_by_uid[u], doc=doc_uid) for u in uids]
    plan.seats = [dict(seats_by_uid[u], doc=doc_uid) for u in ws]
    for key in wr:
        plan.relations.setdefault(key[0], []).append(rels_by_key[key])
    plan.touched = list({*parties_by_uid, *plan.gone})
    return report, plan


def apply_plans(tx: neo4j.ManagedTransaction, plans: list[Plan]) -> None:
    """Run the plans of one or more documents as one set of batched statements (the same
    statements whatever the number of documents: one round trip per kind of write)."""
    if not plans:
        return

    def rows(attr):
        return [x for pl in plans for x in getattr(pl, attr)]

    # 1. delete what is removed or replaced
    if ds := rows("delete_seats"):
        tx.run("UNWIND $uids AS u MATCH (s:Seat {uid:u}) DETACH DELETE s", uids=ds).consume()
    by_type: dict[str, list[str]] = {}
    for pl in plans:
        for t, uids in pl.delete_relations.items():
            by_type.setdefault(t, []).extend(uids)
    for t, uids in by_type.items():
        assert t in RELATION_TYPES
        tx.run(f"UNWIND $uids AS u MATCH (:Party)-[r:{t} {{uid:u}}]->(:Party) DELETE r", uids=uids).consume()
    gone = [{"uid": u, "doc": pl.doc_uid} for pl in plans for u in pl.gone]
    if gone:
        tx.run("UNWIND $rows AS row MATCH (p:Party {uid: row.uid})-[r:DESCRIBED_IN|MENTIONED_IN]->"
               "(:Document {uid: row.doc}) DELETE r", rows=gone).consume()

    # 2. the documents
    tx.run("UNWIND $docs AS p MERGE (d:Document {uid: p.uid}) SET d = p",
           docs=[pl.doc for pl in plans]).consume()

    # 3. bodies and organisations, with each document's facts on DESCRIBED_IN / MENTIONED_IN
    for label, rel in (("Body", "DESCRIBED_IN"), ("Organisation", "MENTIONED_IN")):
        if party_rows := [x for pl in plans for x in pl.parties[label]]:
            tx.run(
                f"UNWIND $rows AS row MERGE (p:Party:{label} {{uid: row.uid}}) "
                "ON CREATE SET p.name = row.name, p.region = row.region "
                f"WITH p, row MATCH (d:Document {{uid: row.doc}}) MERGE (p)-[r:{rel}]->(d) SET r = row.facts",
                rows=party_rows).consume()

    _fault_point("after-parties")

    # 4. seats
    if seat_rows := rows("seats"):
        tx.run(
            "UNWIND $rows AS row "
            "MATCH (b:Body {uid: row.body}), (d:Document {uid: row.doc}) "
            "CREATE (s:Seat) SET s = row.props "
            "CREATE (s)-[:IN_BODY]->(b) CREATE (s)-[:FROM_DOCUMENT]->(d) "
            "WITH s, row OPTIONAL MATCH (o:Party {uid: row.org}) "
            "FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | CREATE (s)-[:HELD_BY]->(o)) "
            "WITH s, row OPTIONAL MATCH (a:Party {uid: row.appointer}) "
            "FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | CREATE (s)-[:APPOINTED_BY]->(a))",
            rows=seat_rows).consume()

    # 5. typed relations, one batch per type (types come from the vocabulary, never from input)
    wanted: dict[str, list[dict]] = {}
    for pl in plans:
        for t, rs in pl.relations.items():
            wanted.setdefault(t, []).extend(rs)
    for t, rel_rows in wanted.items():
        assert t in RELATION_TYPES
        tx.run(f"UNWIND $rows AS row MATCH (a:Party {{uid: row.source}}), (b:Party {{uid: row.target}}) "
               f"CREATE (a)-[r:{t}]->(b) SET r = row.props", rows=rel_rows).consume()

    # 6. node-level consolidation over all documents, and orphans
    consolidate(tx, list({u for pl in plans for u in pl.touched}))
    # validity is derived for the whole graph once per batch (loaders/validity.py)
    tx.run("UNWIND $docs AS u MATCH (d:Document {uid: u}) SET d.validity_pending = true",
           docs=[pl.doc_uid for pl in plans]).consume()


def write_document(tx: neo4j.ManagedTransaction, parsed: ParsedAnnotation, *,
                   dry_run: bool = False) -> LoadReport:
    """Write one document's facts inside `tx`. With dry_run, only compute the report."""
    report, plan = plan_document(tx, parsed, dry_run=dry_run)
    if not dry_run and report.changed:
        apply_plans(tx, [plan])
    return report


def write_batch(tx: neo4j.ManagedTransaction, batch: list[ParsedAnnotation],
                payloads: dict[str, Any] | None = None) -> list[LoadReport]:
    """Write several documents (in load order) inside `tx`: one lookup of their stored
    state, then one set of statements for all of them. The reports are exactly those of
    writing them one by one; the caller commits them together (all or none). `payloads`:
    each document's build_payload (or a future of it) by document id, when the caller
    prepared them (while the previous batch was being written)."""
    payloads = payloads or {}
    uids = [p.document.uid for p in batch]
    stored = {r["uid"] for r in tx.run("UNWIND $uids AS u MATCH (d:Document {uid: u}) RETURN d.uid AS uid",
                                       uids=uids)}
    parties = [x.uid for p in batch for x in p.parties]
    known = {r["uid"] for r in tx.run("UNWIND $uids AS u MATCH (p:Party {uid: u}) RETURN p.uid AS uid",
                                      uids=list(set(parties)))}
    reports, plans = [], []
    for p in batch:
        existing = None if p.document.uid in stored else {"doc": None, "parties": {}, "seats": {},
                                                          "relations": {}}
        ready = payloads.get(p.document.uid)
        report, plan = plan_document(tx, p, known=known, existing=existing,
                                     payload=ready.result() if hasattr(ready, "result") else ready)
        reports.append(report)
        if report.changed:
            plans.append(plan)
            known |= {x.uid for x in p.parties}  # the next documents see this one's parties
    apply_plans(tx, plans)
    return reports


def _fault_point(name: str) -> None:
    """Fault injection for the reliability tests: GOVGRAPH_FAULT=pause:<name>:<seconds> makes
    the writer wait inside its open transaction at that point (so a test can kill the
    process or stop the server half-way). Unset in normal use."""
    spec = os.environ.get("GOVGRAPH_FAULT", "")
    if spec.startswith(f"pause:{name}:"):
        print(f"fault point {name}: pausing inside the transaction", file=sys.stderr, flush=True)
        time.sleep(float(spec.rsplit(":", 1)[1]))


def consolidate(tx: neo4j.ManagedTransaction, uids: list[str]) -> None:
    """Recompute each party's node properties from its documents (latest stated value wins),
    and remove parties no document describes any more."""
    tx.run(
        """
        UNWIND $uids AS u
        MATCH (p:Party {uid: u})
        OPTIONAL MATCH (p)-[r:DESCRIBED_IN|MENTIONED_IN]->(d:Document)
        WITH p, r, d ORDER BY coalesce(d.date_start, date('9999-12-31')), d.uid
        WITH p, [x IN collect(r) WHERE x IS NOT NULL] AS rs, collect(d.uid) AS docs
        WHERE size(rs) > 0
        WITH p, rs, docs, reverse(rs) AS latest
        SET p.documents = docs,
            p.evidence = [x IN rs WHERE x.evidence IS NOT NULL | x.evidence],
            p.aliases = reduce(acc = [], x IN rs | acc + [a IN coalesce(x.aliases, []) WHERE NOT a IN acc]),
            p.name = head(latest).name,
            p.kind = head([x IN latest WHERE x.kind IS NOT NULL | x.kind])
        WITH p, latest WHERE p:Body
        SET p.level = head([x IN latest WHERE x.level IS NOT NULL | x.level]),
            p.region = head([x IN latest | x.region]),
            p.chair = head([x IN latest WHERE x.chair IS NOT NULL | x.chair]),
            p.decision_rule = head([x IN latest WHERE x.decision_rule IS NOT NULL | x.decision_rule]),
            p.decision_competence = head([x IN latest WHERE x.decision_competence IS NOT NULL
                                          | x.decision_competence]),
            p.meetings_min = head([x IN latest WHERE x.meetings_min IS NOT NULL | x.meetings_min]),
            p.meetings_max = head([x IN latest WHERE x.meetings_min IS NOT NULL | x.meetings_max])
        """, uids=uids).consume()
    orphans = tx.run(
        """
        UNWIND $uids AS u
        MATCH (p:Party {uid: u}) WHERE NOT (p)-[:DESCRIBED_IN|MENTIONED_IN]->(:Document)
        OPTIONAL MATCH (p)-[r]-() WHERE NOT type(r) IN ['DESCRIBED_IN', 'MENTIONED_IN']
        RETURN p.uid AS uid, p.name AS name,
               collect(DISTINCT coalesce(r.document, startNode(r).document)) AS refs
        """, uids=uids).data()
    blocked = [o for o in orphans if [x for x in o["refs"] if x]]
    if blocked:
        o = blocked[0]
        raise AnnotationErrors([AnnotationError(
            o["name"], "", f"cannot remove {o['name']!r}: still referred to by document(s) "
            f"{', '.join(sorted(x for x in o['refs'] if x))}")])
    if orphans:
        tx.run("UNWIND $uids AS u MATCH (p:Party {uid:u}) DETACH DELETE p",
               uids=[o["uid"] for o in orphans]).consume()
