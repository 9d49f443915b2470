"""Exports of the governance graph for other tools: GraphML, GEXF, JSON-LD and CSV.

`export(fmt, output, at=None)` writes one format and returns a short description of what it
wrote. Without `at` the export covers the whole timeline (every body, seat and relation, each
with its validity); with `at` only what holds at that date (bodies, seats and relations valid
then, and the organisations they involve).

- GraphML (networkx): bodies, organisations and seats as nodes; the typed relations and the
  seat links (IN_BODY, HELD_BY, APPOINTED_BY) as edges; lists joined with " | ".
- GEXF (networkx, mode dynamic): the same graph with `start`/`end` on every node and edge that
  has a validity, so Gephi's timeline plays the reforms.
- JSON-LD in the W3C Organization Ontology (http://www.w3.org/ns/org#): bodies are
  org:OrganizationalUnit (and org:Organization), organisations org:Organization, seats
  org:Post with an org:Membership for the organisation that holds them, reporting lines
  org:reportsTo, parts org:subOrganizationOf, SUCCEEDS an org:ChangeEvent with
  org:originalOrganization/org:resultingOrganization; every fact carries prov:wasDerivedFrom
  its source document and its evidence as a literal, and every typed relation is also a
  gg:Relation record with its document, evidence and validity.
- CSV: a folder with bodies.csv, organisations.csv, seats.csv and relations.csv.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Callable

from queries.catalogue import QueryError, parse_date

FORMATS = ("graphml", "gexf", "jsonld", "csv")
EXTENSIONS = {"graphml": ".graphml", "gexf": ".gexf", "jsonld": ".jsonld"}
SEP = " | "

ORG = "http://www.w3.org/ns/org#"
ID_BASE = "urn:govgraph:"
VOCAB = "urn:govgraph:vocab:"
CONTEXT = {
    "org": ORG,
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "gg": VOCAB,
}
# typed relations → the ORG property on the source node
REPORTING = ("REPORTS_TO", "PREPARES_CASES_FOR", "CAN_RAISE_CASES_TO")
PARTS = ("SUBGROUP_OF", "PART_OF")

Read = Callable[[str, dict], list]

_VALID = "{x}.from_date <= $at AND ({x}.to_date IS NULL OR {x}.to_date >= $at)"


def _valid(x: str) -> str:
    return _VALID.format(x=x)


# --------------------------------------------------------------------------- reading the graph


def collect(at: Any = None, read: Read | None = None) -> dict:
    """Bodies, organisations, seats, relations and documents (all, or what holds at `at`)."""
    if read is None:
        from govgraph import db

        read = db.read
    day = parse_date(at) if at is not None else None
    p = {"at": day}
    body_filter = f"WHERE {_valid('b')}" if day else ""
    bodies = read(
        f"MATCH (b:Body) {body_filter} "
        "RETURN b.uid AS uid, b.name AS name, b.aliases AS aliases, b.kind AS kind, b.level AS level, "
        "b.region AS region, b.chair AS chair, b.decision_rule AS decision_rule, "
        "b.decision_competence AS decision_competence, b.meetings_min AS meetings_min, "
        "b.meetings_max AS meetings_max, b.valid_from AS valid_from, b.valid_to AS valid_to, "
        "b.from_date AS from_date, b.to_date AS to_date, b.to_reason AS to_reason, "
        "b.from_inferred AS from_inferred, b.documents AS documents, b.evidence AS evidence "
        "ORDER BY b.uid", p)
    seat_filter = f"WHERE {_valid('s')} AND {_valid('b')}" if day else ""
    seats = read(
        f"MATCH (s:Seat)-[:IN_BODY]->(b:Body) {seat_filter} "
        "OPTIONAL MATCH (s)-[:HELD_BY]->(o:Party) OPTIONAL MATCH (s)-[:APPOINTED_BY]->(a:Party) "
        "RETURN s.uid AS uid, b.name AS body, b.uid AS body_uid, s.count AS count, s.count_max AS count_max, "
        "s.per AS per, s.title AS title, o.name AS organisation, o.uid AS organisation_uid, "
        "a.name AS appointed_by, a.uid AS appointed_by_uid, s.role AS role, s.valid_from AS valid_from, "
        "s.valid_to AS valid_to, s.from_date AS from_date, s.to_date AS to_date, s.to_reason AS to_reason, "
        "s.document AS document, s.evidence AS evidence ORDER BY s.uid", p)
    rel_filter = f"AND {_valid('r')}" if day else ""
    relations = read(
        f"MATCH (a:Party)-[r]->(b:Party) WHERE r.document IS NOT NULL {rel_filter} "
        "RETURN r.uid AS uid, a.name AS source, a.uid AS source_uid, type(r) AS type, b.name AS target, "
        "b.uid AS target_uid, r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_date AS from_date, "
        "r.to_date AS to_date, r.to_reason AS to_reason, coalesce(r.inferred, false) AS inferred, "
        "r.note AS note, r.document AS document, r.evidence AS evidence, "
        "[x IN [a, b] WHERE x:Organisation | x.uid] AS org_ends ORDER BY r.uid", p)
    body_uids = {b["uid"] for b in bodies}
    # a relation is exported when each end is an organisation or an exported body
    relations = [r for r in relations
                 if all(u in body_uids or u in r["org_ends"] for u in (r["source_uid"], r["target_uid"]))]
    seats = [s for s in seats if s["body_uid"] in body_uids]
    if day:  # the organisations that hold, appoint or are an end of what holds at the date
        wanted = ({s["organisation_uid"] for s in seats} | {s["appointed_by_uid"] for s in seats}
                  | {u for r in relations for u in r["org_ends"]})
        wanted.discard(None)
        org_filter = "WHERE o.uid IN $wanted"
    else:
        wanted, org_filter = set(), ""
    organisations = read(
        f"MATCH (o:Organisation) {org_filter} "
        "OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organisation) "
        "RETURN o.uid AS uid, o.name AS name, o.aliases AS aliases, o.kind AS kind, "
        "head(collect(parent.name)) AS part_of, o.documents AS documents, o.evidence AS evidence "
        "ORDER BY o.uid", {"wanted": sorted(wanted)})
    for r in relations:
        r.pop("org_ends")
    documents = read(
        "MATCH (d:Document) RETURN d.uid AS uid, d.title AS title, d.date AS date, "
        "d.date_inferred AS date_inferred, d.kind AS kind, d.region AS region, d.file AS file, "
        "d.sha256 AS sha256 ORDER BY d.uid", {})
    return {"at": day.isoformat() if day else None, "bodies": [_plain(b) for b in bodies],
            "organisations": [_plain(o) for o in organisations], "seats": [_plain(s) for s in seats],
            "relations": [_plain(r) for r in relations], "documents": [_plain(d) for d in documents]}


def _plain(row: dict) -> dict:
    from govgraph.output import plain

    return {k: plain(v) for k, v in row.items()}


# --------------------------------------------------------------------------- networkx


def _attrs(row: dict, skip=()) -> dict:
    """Attributes GraphML/GEXF can hold: no None, lists joined, dates as ISO text."""
    out = {}
    for k, v in row.items():
        if k in skip or v is None:
            continue
        if isinstance(v, list):
            v = SEP.join(str(x) for x in v if x is not None)
        out[k] = v
    return out


def to_networkx(data: dict, dynamic: bool = False):
    """The export as a networkx MultiDiGraph keyed by uid (nodes: bodies, organisations, seats)."""
    import networkx as nx

    g = nx.MultiDiGraph(name="govgraph", at=data["at"] or "whole timeline")
    if dynamic:
        g.graph["mode"] = "dynamic"

    def span(row: dict) -> dict:
        if not dynamic:
            return {}
        out = {}
        if row.get("from_date"):
            out["start"] = row["from_date"]
        if row.get("to_date"):
            out["end"] = row["to_date"]
        return out

    for b in data["bodies"]:
        g.add_node(b["uid"], label=b["name"], node_type="Body",
                   **_attrs(b, skip=("uid", "from_date", "to_date")), **span(b))
    # organisations have no validity of their own: on the timeline they span their links
    # (the seats they hold or appoint and their relations): from the first start to the last end
    links: dict[str, list[dict]] = {}
    for s in data["seats"]:
        for u in (s.get("organisation_uid"), s.get("appointed_by_uid")):
            if u:
                links.setdefault(u, []).append(s)
    for r in data["relations"]:
        for u in (r["source_uid"], r["target_uid"]):
            links.setdefault(u, []).append(r)
    for o in data["organisations"]:
        own = links.get(o["uid"], [])
        extent = {}
        starts = [x["from_date"] for x in own if x.get("from_date")]
        if starts:
            extent["from_date"] = min(starts)
            if all(x.get("to_date") for x in own):
                extent["to_date"] = max(x["to_date"] for x in own)
        g.add_node(o["uid"], label=o["name"], node_type="Organisation", **_attrs(o, skip=("uid",)),
                   **span(extent))
    for s in data["seats"]:
        count = "?" if s.get("count") is None else s["count"]
        name = f"{count} × {s.get('title') or s.get('organisation') or s['role']}"
        g.add_node(s["uid"], label=name, node_type="Seat",
                   **_attrs(s, skip=("uid", "from_date", "to_date", "body_uid", "organisation_uid",
                                     "appointed_by_uid")), **span(s))
        # the seat's links; a holder that is a body not valid at the date is not in the export
        for link, target in (("IN_BODY", s["body_uid"]), ("HELD_BY", s.get("organisation_uid")),
                             ("APPOINTED_BY", s.get("appointed_by_uid"))):
            if target in g:
                g.add_edge(s["uid"], target, key=f"{s['uid']}:{link}", relation=link, label=link,
                           document=s["document"], **span(s))
    for r in data["relations"]:
        # GEXF reserves the edge attribute `type` (directed/undirected): the relation type is `relation`
        g.add_edge(r["source_uid"], r["target_uid"], key=r["uid"], relation=r["type"], label=r["type"],
                   **_attrs(r, skip=("source_uid", "target_uid", "from_date", "to_date", "type")), **span(r))
    return g


def _write_graphml(data: dict, path: Path) -> str:
    import networkx as nx

    g = to_networkx(data)
    nx.write_graphml(g, path, named_key_ids=True)
    return f"GraphML: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges"


def _write_gexf(data: dict, path: Path) -> str:
    import networkx as nx

    g = to_networkx(data, dynamic=True)
    for _, _, key, attrs in g.edges(keys=True, data=True):
        attrs["id"] = key  # stable edge ids (the relation's or seat link's uid)
    nx.write_gexf(g, path, version="1.2draft")
    return f"GEXF (dynamic): {g.number_of_nodes()} nodes, {g.number_of_edges()} edges"


# --------------------------------------------------------------------------- JSON-LD (W3C ORG)


def iri(uid: str) -> str:
    return ID_BASE + uid


def _date(value) -> dict | None:
    return {"@value": value, "@type": "xsd:date"} if value else None


def _ref(uid: str | None) -> dict | None:
    return {"@id": iri(uid)} if uid else None


def _put(node: dict, key: str, value) -> None:
    if value is None or value == [] or value == "":
        return
    node[key] = value


def _add(node: dict, key: str, value) -> None:
    """Append to a multi-valued property."""
    node.setdefault(key, [])
    if value not in node[key]:
        node[key].append(value)


def _validity(node: dict, row: dict) -> None:
    _put(node, "gg:validFrom", row.get("valid_from"))
    _put(node, "gg:validTo", row.get("valid_to"))
    _put(node, "gg:fromDate", _date(row.get("from_date")))
    _put(node, "gg:toDate", _date(row.get("to_date")))
    _put(node, "gg:endReason", row.get("to_reason"))


def to_jsonld(data: dict) -> dict:
    nodes: dict[str, dict] = {}
    docs_used: set[str] = set()

    def derived(node: dict, documents) -> None:
        for d in [documents] if isinstance(documents, str) else (documents or []):
            if d:
                docs_used.add(d)
                _add(node, "prov:wasDerivedFrom", {"@id": iri(d)})

    for b in data["bodies"]:
        n = {"@id": iri(b["uid"]), "@type": ["org:OrganizationalUnit", "org:Organization"],
             "dct:identifier": b["uid"], "skos:prefLabel": b["name"]}
        _put(n, "skos:altLabel", b.get("aliases") or None)
        for key, prop in (("kind", "gg:kind"), ("level", "gg:level"), ("region", "gg:region"),
                          ("chair", "gg:chair"), ("decision_rule", "gg:decisionRule"),
                          ("decision_competence", "gg:decisionCompetence"),
                          ("meetings_min", "gg:meetingsPerYearMin"), ("meetings_max", "gg:meetingsPerYearMax")):
            _put(n, prop, b.get(key))
        _validity(n, b)
        derived(n, b.get("documents"))
        _put(n, "gg:evidence", b.get("evidence") or None)
        nodes[n["@id"]] = n
    for o in data["organisations"]:
        types = ["org:Organization"] + (["org:FormalOrganization"] if o.get("kind") in ("region", "kommune") else [])
        n = {"@id": iri(o["uid"]), "@type": types, "dct:identifier": o["uid"], "skos:prefLabel": o["name"]}
        _put(n, "skos:altLabel", o.get("aliases") or None)
        _put(n, "gg:kind", o.get("kind"))
        derived(n, o.get("documents"))
        _put(n, "gg:evidence", o.get("evidence") or None)
        nodes[n["@id"]] = n

    roles = {}
    for s in data["seats"]:
        role_id = f"{ID_BASE}role:{s['role']}"
        roles[role_id] = {"@id": role_id, "@type": "org:Role", "skos:prefLabel": s["role"]}
        post = {"@id": iri(s["uid"]), "@type": "org:Post", "dct:identifier": s["uid"],
                "org:postIn": _ref(s["body_uid"]), "org:role": {"@id": role_id}}
        _put(post, "skos:prefLabel", s.get("title"))
        _put(post, "gg:count", s.get("count"))
        _put(post, "gg:countMax", s.get("count_max"))
        _put(post, "gg:per", s.get("per"))
        _put(post, "org:heldBy", _ref(s.get("organisation_uid")))
        _put(post, "gg:appointedBy", _ref(s.get("appointed_by_uid")))
        _validity(post, s)
        derived(post, s.get("document"))
        _put(post, "gg:evidence", s.get("evidence"))
        nodes[post["@id"]] = post
        if iri(s["body_uid"]) in nodes:
            _add(nodes[iri(s["body_uid"])], "org:hasPost", {"@id": post["@id"]})
        if s.get("organisation_uid"):
            m = {"@id": iri(s["uid"]) + ":membership", "@type": "org:Membership",
                 "org:member": _ref(s["organisation_uid"]), "org:organization": _ref(s["body_uid"]),
                 "org:role": {"@id": role_id}, "gg:post": {"@id": post["@id"]}}
            interval = {"@type": "time:Interval"}
            if s.get("from_date"):
                interval["time:hasBeginning"] = {"@type": "time:Instant", "time:inXSDDate": _date(s["from_date"])}
            if s.get("to_date"):
                interval["time:hasEnd"] = {"@type": "time:Instant", "time:inXSDDate": _date(s["to_date"])}
            if len(interval) > 1:
                m["org:memberDuring"] = interval
            derived(m, s.get("document"))
            _put(m, "gg:evidence", s.get("evidence"))
            nodes[m["@id"]] = m

    body_uids = {b["uid"] for b in data["bodies"]}
    for r in data["relations"]:
        src, tgt = iri(r["source_uid"]), iri(r["target_uid"])
        rec = {"@id": iri(r["uid"]), "@type": ["gg:Relation"], "dct:identifier": r["uid"],
               "gg:relationType": r["type"], "gg:source": {"@id": src}, "gg:target": {"@id": tgt},
               "gg:inferred": bool(r.get("inferred"))}
        _put(rec, "gg:note", r.get("note"))
        _validity(rec, r)
        derived(rec, r.get("document"))
        _put(rec, "gg:evidence", r.get("evidence"))
        source = nodes.get(src)
        t = r["type"]
        if t == "SUCCEEDS":
            rec["@type"].append("org:ChangeEvent")
            rec["org:originalOrganization"] = {"@id": tgt}
            rec["org:resultingOrganization"] = {"@id": src}
            if source is not None:
                _add(source, "org:resultedFrom", {"@id": rec["@id"]})
            if tgt in nodes:
                _add(nodes[tgt], "org:changedBy", {"@id": rec["@id"]})
        elif source is not None:
            if t in REPORTING:
                prop = "org:reportsTo"
            elif t in PARTS:
                prop = ("org:memberOf" if r["source_uid"] not in body_uids and r["target_uid"] in body_uids
                        else "org:subOrganizationOf")
            else:
                prop = "org:linkedTo"
            _add(source, prop, {"@id": tgt})
            _add(source, VOCAB + t.lower(), {"@id": tgt})
        nodes[rec["@id"]] = rec

    for d in data["documents"]:
        if data["at"] and d["uid"] not in docs_used:
            continue
        n = {"@id": iri(d["uid"]), "@type": ["prov:Entity", "foaf:Document"], "dct:identifier": d["uid"],
             "dct:title": d.get("title")}
        _put(n, "dct:date", d.get("date"))
        _put(n, "gg:dateInferred", d.get("date_inferred"))
        _put(n, "gg:documentKind", d.get("kind"))
        _put(n, "gg:region", d.get("region"))
        _put(n, "dct:source", d.get("file"))
        _put(n, "gg:sha256", d.get("sha256"))
        nodes[n["@id"]] = n
    about = {"@id": ID_BASE + ("export:" + data["at"] if data["at"] else "export"), "@type": "prov:Entity",
             "dct:description": ("govgraph: what holds at " + data["at"]) if data["at"]
             else "govgraph: the whole timeline"}
    _put(about, "gg:at", _date(data["at"]))
    # only @context and @graph at the top: the triples land in the default graph
    return {"@context": CONTEXT, "@graph": [about] + list(nodes.values()) + list(roles.values())}


def _write_jsonld(data: dict, path: Path) -> str:
    doc = to_jsonld(data)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return (f"JSON-LD (W3C ORG): {len(data['bodies'])} bodies, {len(data['organisations'])} organisations, "
            f"{len(data['seats'])} posts, {len(data['relations'])} relations")


# --------------------------------------------------------------------------- CSV

CSV_COLUMNS = {
    "bodies": ["uid", "name", "aliases", "kind", "level", "region", "chair", "decision_rule",
               "decision_competence", "meetings_min", "meetings_max", "valid_from", "valid_to",
               "from_date", "to_date", "to_reason", "from_inferred", "documents", "evidence"],
    "organisations": ["uid", "name", "aliases", "kind", "part_of", "documents", "evidence"],
    "seats": ["uid", "body", "body_uid", "count", "count_max", "per", "title", "organisation",
              "organisation_uid", "appointed_by", "appointed_by_uid", "role", "valid_from", "valid_to",
              "from_date", "to_date", "to_reason", "document", "evidence"],
    "relations": ["uid", "source", "source_uid", "type", "target", "target_uid", "valid_from", "valid_to",
                  "from_date", "to_date", "to_reason", "inferred", "note", "document", "evidence"],
}


def _csv_value(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return SEP.join(str(x) for x in v if x is not None)
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _write_csv(data: dict, folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    counts = []
    for table, cols in CSV_COLUMNS.items():
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(cols)
            for row in data[table]:
                w.writerow([_csv_value(row.get(c)) for c in cols])
        counts.append(f"{len(data[table])} {table}")
    return "CSV: " + ", ".join(counts)


# --------------------------------------------------------------------------- entry point

WRITERS = {"graphml": _write_graphml, "gexf": _write_gexf, "jsonld": _write_jsonld, "csv": _write_csv}


def export(fmt: str, output: str | Path, at: Any = None, *, read: Read | None = None) -> str:
    """Write the graph (or what holds at `at`) in `fmt` to `output` (a file; a folder for csv).
    Return a short description of what was written."""
    if fmt not in WRITERS:
        raise QueryError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    output = Path(output)
    data = collect(at, read)
    if fmt == "csv":
        if output.exists() and not output.is_dir():
            raise QueryError(f"{output} is a file; the CSV export writes a folder")
        target = output
    else:
        if output.is_dir():
            target = output / ((f"govgraph-{data['at']}" if data["at"] else "govgraph") + EXTENSIONS[fmt])
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            target = output
    what = WRITERS[fmt](data, target)
    scope = f"at {data['at']}" if data["at"] else "whole timeline"
    return f"{what} ({scope}) to {target}"
