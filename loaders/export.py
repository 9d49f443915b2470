"""Write the graph back out as annotation files (one per document, ANNOTATION.md format).

This is the backup path: `govgraph export --format annotation -o DIR` then
`govgraph load DIR` on an empty database reproduces the graph.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from model.vocab import RELATION_TYPES

DOC_FIELDS = ("id", "title", "date", "date_inferred", "date_note", "region", "kind", "file",
              "sha256", "note")


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None and v != [] and v != {}}


def document_annotation(read, doc_uid: str) -> dict:
    """The annotation of one document, read from the graph with `read(query, params)`."""
    doc = read("MATCH (d:Document {uid:$u}) RETURN properties(d) AS p", {"u": doc_uid})[0]["p"]
    document = {k: doc.get("uid" if k == "id" else k) for k in DOC_FIELDS}
    document = {k: v for k, v in document.items() if v is not None or k in ("date", "region")}

    orgs = []
    for r in read("MATCH (o:Organisation)-[m:MENTIONED_IN]->(:Document {uid:$u}) "
                  "RETURN properties(m) AS f ORDER BY f.name", {"u": doc_uid}):
        f = r["f"]
        orgs.append(_clean({"name": f.get("name"), "kind": f.get("kind"), "part_of": f.get("part_of"),
                            "aliases": f.get("aliases"), "evidence": f.get("evidence")}))
    bodies = []
    for r in read("MATCH (b:Body)-[m:DESCRIBED_IN]->(:Document {uid:$u}) "
                  "RETURN b.uid AS uid, properties(m) AS f ORDER BY f.name", {"u": doc_uid}):
        f = r["f"]
        meetings = None
        if f.get("meetings_min") is not None or f.get("meetings_max") is not None:
            meetings = {"min": f.get("meetings_min"), "max": f.get("meetings_max")}
        entry = {
            "id": r["uid"] if f.get("declared_uid") else None,
            "name": f.get("name"), "aliases": f.get("aliases") or [], "kind": f.get("kind"),
            "level": f.get("level"), "region": f.get("region"),
            "valid_from": f.get("stated_from"), "valid_to": f.get("stated_to"),
            "meetings_per_year": meetings, "chair": f.get("chair"),
            "decision_rule": f.get("decision_rule"), "decision_competence": f.get("decision_competence"),
            "evidence": f.get("evidence"), "note": f.get("note"),
        }
        bodies.append({k: v for k, v in entry.items()
                       if v is not None or k in ("level", "region", "meetings_per_year", "chair",
                                                 "decision_rule", "valid_from", "valid_to")})
    seats = []
    for r in read("MATCH (s:Seat {document:$u}) RETURN properties(s) AS s ORDER BY s.body, s.ordinal, s.uid",
                  {"u": doc_uid}):
        s = r["s"]
        seats.append({"body": s.get("body"), "count": s.get("count"), "count_max": s.get("count_max"),
                      "per": s.get("per"), "title": s.get("title"), "organisation": s.get("organisation"),
                      "appointed_by": s.get("appointed_by"), "role": s.get("role"),
                      "evidence": s.get("evidence"),
                      **_clean({"note": s.get("note"), "valid_from": s.get("stated_from"),
                                "valid_to": s.get("stated_to")})})
    union = " UNION ALL ".join(
        f"MATCH (a:Party)-[r:{t}]->(b:Party) WHERE r.document = $u AND r.origin IS NULL "
        f"RETURN CASE WHEN (a)-[:DESCRIBED_IN|MENTIONED_IN]->(:Document {{uid: $u}}) THEN a.name ELSE a.uid END "
        f"AS source, '{t}' AS type, "
        f"CASE WHEN (b)-[:DESCRIBED_IN|MENTIONED_IN]->(:Document {{uid: $u}}) THEN b.name ELSE b.uid END "
        f"AS target, properties(r) AS p"
        for t in RELATION_TYPES)
    relations = []
    for r in sorted(read(union, {"u": doc_uid}), key=lambda x: (x["source"], x["type"], x["target"])):
        p = r["p"]
        relations.append({"source": r["source"], "type": r["type"], "target": r["target"],
                          "evidence": p.get("evidence"),
                          **_clean({"inferred": p.get("inferred") or None, "note": p.get("note"),
                                    "valid_from": p.get("stated_from"), "valid_to": p.get("stated_to")})})
    return {"document": document, "organisations": orgs, "bodies": bodies, "seats": seats,
            "relations": relations}


def export_annotations(out_dir: str | Path, *, read=None, copy_sources: bool = True) -> list[Path]:
    """Write one YAML annotation per document into out_dir (and the source texts beside
    them, in out_dir/documents, so that the folder loads on its own)."""
    if read is None:
        from govgraph import db
        read = db.read
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for row in read("MATCH (d:Document) RETURN d.uid AS uid, d.file AS file, d.text AS text "
                    "ORDER BY d.uid"):
        ann = document_annotation(read, row["uid"])
        if row["file"]:  # always documents/<source file name>, inside the export folder
            ann["document"]["file"] = f"documents/{Path(row['file']).name}"
        if copy_sources and row["file"] and row["text"] is not None:
            dest = out / ann["document"]["file"]
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(row["text"].encode("utf-8"))
        path = out / f"{row['uid']}.yaml"
        path.write_text(yaml.safe_dump(ann, allow_unicode=True, sort_keys=False, width=100),
                        encoding="utf-8")
        written.append(path)
    return written
