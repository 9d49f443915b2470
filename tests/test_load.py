"""The loader against a real Neo4j: the bundled documents, idempotency, atomicity,
reloading, validation errors leaving the graph unchanged, and the export round trip."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from govgraph import db
from govgraph.cli import main
from loaders.annotation import AnnotationErrors, NameIndex, read_annotation, resolve
from loaders.annotation import annotation_files
from loaders.load import BUNDLED, DEFAULT_PATHS, load_paths
from tests.conftest import graph_checksum

MINI = Path(__file__).parent / "fixtures" / "mini"


def one(query: str, **params):
    rows = db.read(query, params)
    assert len(rows) == 1, rows
    return rows[0]


def rel_exists(source: str, rtype: str, target: str) -> list[dict]:
    return db.read(
        f"MATCH (a:Party)-[r:{rtype}]->(b:Party) "
        "WHERE (a.name = $s OR $s IN a.aliases) AND (b.name = $t OR $t IN b.aliases) "
        "RETURN r.document AS document, r.evidence AS evidence", {"s": source, "t": target})


# --------------------------------------------------------------------------- known facts


def test_all_five_documents_load(bundled_graph):
    docs = {r["uid"] for r in db.read("MATCH (d:Document) RETURN d.uid AS uid")}
    bundled = {read_annotation(p).document.uid for p in BUNDLED.glob("*.yaml")}
    assert len(bundled) == 5 and bundled <= docs
    assert len(docs) == len(annotation_files(DEFAULT_PATHS))
    counts = one("MATCH (b:Body) WITH count(b) AS b MATCH (s:Seat) RETURN b, count(s) AS s")
    assert counts["b"] >= 40 and counts["s"] >= 40


def test_sundhedsstyregruppe_prepares_cases_for_sku(bundled_graph):
    rows = rel_exists("Sundhedsstyregruppe", "PREPARES_CASES_FOR", "Sundhedskoordinationsudvalg")
    assert rows and all(r["evidence"] and r["document"] for r in rows)
    assert any("forbereder sager til Sundhedskoordinationsudvalget" in r["evidence"] for r in rows)


def test_tvaergaaende_direktoerforum_is_board_of_folkesundhed_i_midten(bundled_graph):
    rows = rel_exists("Tværgående direktørforum for det nære sundhedsvæsen", "BOARD_OF", "Folkesundhed i Midten")
    assert [r["document"] for r in rows] == ["midt-2026-tvaergaaende-direktoerforum"]
    assert "bestyrelsen for Folkesundhed i Midten" in rows[0]["evidence"]


def test_teknikergruppe_is_subgroup_of_oekonomigruppe(bundled_graph):
    rows = rel_exists("Teknikergruppe", "SUBGROUP_OF", "Økonomigruppe")
    assert rows and "nedsættes" in rows[0]["evidence"]


def test_syddanske_sundhedsklynger_composition(bundled_graph):
    seats = db.read(
        "MATCH (s:Seat)-[:IN_BODY]->(b:Body {name: 'Fagligt strategisk niveau'}) "
        "OPTIONAL MATCH (s)-[:HELD_BY]->(o) OPTIONAL MATCH (s)-[:APPOINTED_BY]->(a) "
        "RETURN s.count AS count, s.per AS per, s.role AS role, s.title AS title, "
        "o.name AS org, a.name AS appointer, a.aliases AS appointer_aliases")
    members = [s for s in seats if s["role"] == "member"]
    regional = [s for s in members if s["org"] == "Region Syddanmark"]
    assert sum(s["count"] for s in regional) == 3 and len(regional) == 3
    per_kommune = [s for s in members if s["per"] == "kommune"]
    assert len(per_kommune) == 1 and per_kommune[0]["count"] == 1
    gps = [s for s in members if s["appointer"] and "PLO" in [s["appointer"], *(s["appointer_aliases"] or [])]]
    assert len(gps) == 1 and gps[0]["count"] == 2
    patients = [s for s in members if s["appointer"] == "Patientinddragelsesudvalget"]
    assert len(patients) == 1 and patients[0]["count"] == 2


def test_one_body_across_documents(bundled_graph):
    b = one("MATCH (b:Body {name: 'Sundhedsstyregruppe'}) RETURN b.documents AS docs, b.evidence AS ev")
    assert {"midt-2007-samarbejde-sundhedsomraadet", "midt-2019-administrativ-organisering-sundhedsaftale"} <= set(b["docs"])
    assert len(b["ev"]) == len(b["docs"])


def test_every_fact_carries_document_and_evidence(bundled_graph):
    bad_seats = db.read("MATCH (s:Seat) WHERE s.document IS NULL OR s.evidence IS NULL "
                        "OR NOT (s)-[:FROM_DOCUMENT]->(:Document) RETURN s.uid AS uid")
    bad_rels = db.read("MATCH (:Party)-[r]->(:Party) WHERE r.document IS NULL "
                       "OR (r.evidence IS NULL AND NOT coalesce(r.inferred, false)) RETURN r.uid AS uid")
    bad_parties = db.read("MATCH (p:Party) WHERE size(coalesce(p.documents, [])) = 0 "
                          "OR size(coalesce(p.evidence, [])) = 0 RETURN p.name AS name")
    assert bad_seats == [] and bad_rels == [] and bad_parties == []


def test_undated_document_is_marked_inferred(bundled_graph):
    d = one("MATCH (d:Document {uid: 'midt-2019-administrativ-organisering-sundhedsaftale'}) "
            "RETURN d.date AS date, d.date_inferred AS inferred, d.date_is_inferred AS flag, "
            "d.date_precision AS precision")
    assert d == {"date": None, "inferred": "2019", "flag": True, "precision": "year"}


def test_constraints_hold(bundled_graph):
    constraints = {r["name"] for r in db.read("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert any("Body" in c or "body" in c for c in constraints)
    dupes = db.read("MATCH (n) WHERE n.uid IS NOT NULL WITH n.uid AS uid, count(*) AS c WHERE c > 1 RETURN uid")
    assert dupes == []
    from neo4j.exceptions import ConstraintError

    with pytest.raises(ConstraintError):
        db.run_write("CREATE (:Body:Party {uid: $u, name: 'dup'})",
                     {"u": one("MATCH (b:Body) RETURN b.uid AS u LIMIT 1")["u"]})


# --------------------------------------------------------------------------- idempotency


def test_loading_twice_changes_nothing(bundled_graph):
    before = graph_checksum()
    result = load_paths()
    assert all(not r.changed for r in result.reports)
    totals = result.totals()
    assert all(v["inserted"] == 0 and v["updated"] == 0 and v["removed"] == 0 for v in totals.values())
    assert totals["seats"]["unchanged"] > 0
    assert graph_checksum() == before


def _copy_bundled(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target / "annotations")
    shutil.copytree(BUNDLED.parent / "documents", target / "documents")
    return target / "annotations"


def test_reloading_a_corrected_annotation_replaces_only_its_facts(dirty_graph, tmp_path):
    folder = _copy_bundled(tmp_path)
    path = folder / "midt-2026-tvaergaaende-direktoerforum.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["seats"] = data["seats"][1:]  # a corrected member list: one line removed
    data["bodies"][0]["chair"] = "Delt formandskab (rettet)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    other_before = db.read("MATCH (s:Seat) WHERE s.document <> 'midt-2026-tvaergaaende-direktoerforum' "
                           "RETURN s.uid AS uid, s.hash AS h ORDER BY uid")
    result = load_paths([path])
    report = result.reports[0]
    assert report.counts["seats"].removed == 1
    assert report.counts["bodies"].updated == 1
    assert db.read("MATCH (s:Seat) WHERE s.document <> 'midt-2026-tvaergaaende-direktoerforum' "
                   "RETURN s.uid AS uid, s.hash AS h ORDER BY uid") == other_before
    chair = one("MATCH (b:Body {name: 'Tværgående direktørforum for det nære sundhedsvæsen'}) RETURN b.chair AS c")
    assert chair["c"] == "Delt formandskab (rettet)"


def test_a_bad_file_in_a_batch_writes_nothing(dirty_graph, tmp_path):
    folder = _copy_bundled(tmp_path)
    path = folder / "midt-2026-tvaergaaende-direktoerforum.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["relations"][0]["type"] = "CONTROLS"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = graph_checksum()
    with pytest.raises(AnnotationErrors) as exc:
        load_paths([folder])
    assert "unknown type 'CONTROLS'" in str(exc.value)
    assert graph_checksum() == before


def test_a_failure_inside_the_write_rolls_the_document_back(empty_graph, tmp_path):
    """A document whose write fails half-way leaves nothing behind (one transaction)."""
    from loaders import writer

    parsed = read_annotation(MINI / "mini.yaml")
    index = NameIndex()
    index.add_batch(parsed)
    resolve(parsed, index)
    original = writer.consolidate

    def boom(tx, uids):
        original(tx, uids)
        raise RuntimeError("simulated crash after the seats were written")

    writer.consolidate = boom
    try:
        from loaders.load import write_one

        with pytest.raises(RuntimeError):
            write_one(parsed)
    finally:
        writer.consolidate = original
    assert db.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


# --------------------------------------------------------------------------- CLI


def test_cli_load_prints_per_document_counts(bundled_graph):
    result = CliRunner().invoke(main, ["load"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("[")]
    n = len(annotation_files(DEFAULT_PATHS))
    assert len(lines) == n and all("unchanged" in line for line in lines)
    assert f"graph: {n} documents" in result.output


def test_cli_load_error_is_one_line_and_nonzero(neo4j_server, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: {id: x, title: t, kind: memo, file: nope.txt, sha256: abc}\n")
    result = CliRunner().invoke(main, ["load", str(bad)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{bad}: document: unknown kind 'memo'" in result.output


def test_dry_run_shows_changes_and_writes_nothing(empty_graph):
    result = CliRunner().invoke(main, ["load", str(MINI / "mini.yaml"), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would change" in result.output
    assert "new body Testudvalg for sundhedssamarbejde" in result.output
    assert "new relation Testudvalg for sundhedssamarbejde PREPARES_CASES_FOR Testråd" in result.output
    assert db.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


# --------------------------------------------------------------------------- export round trip


def _canonical_all(paths) -> dict:
    """Annotations, up to order and ids, with every name resolved to its canonical form."""
    parsed = [read_annotation(p) for p in annotation_files(paths)]
    index = NameIndex()
    for p in parsed:
        index.add_batch(p)
    names = {}
    for p in parsed:
        resolve(p, index)
        names.update({x.uid: x.name for x in p.parties})
    out = {}
    for p in parsed:
        doc = p.document.props()
        doc.pop("text")
        out[p.document.uid] = {
            "document": {k: v for k, v in doc.items() if k != "file"} | {"file": Path(doc["file"]).name},
            "parties": sorted((x.label, x.name, tuple(x.aliases), repr(sorted(x.facts.items())))
                              for x in p.parties),
            "seats": sorted(repr((names[s.body_uid], names.get(s.organisation_uid),
                                  names.get(s.appointed_by_uid), sorted(s.props.items()))) for s in p.seats),
            "relations": sorted(repr((names[r.source_uid], r.type, names[r.target_uid], sorted(r.props.items())))
                                for r in p.relations),
        }
    return out


def test_export_round_trip_equals_the_curated_files(bundled_graph, tmp_path):
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", "--format", "annotation", "-o", str(out)])
    assert result.exit_code == 0, result.output
    exported = _canonical_all([out])
    curated = _canonical_all(DEFAULT_PATHS)
    assert exported.keys() == curated.keys()
    for path in BUNDLED.glob("*.yaml"):
        uid = read_annotation(path).document.uid
        data = yaml.safe_load((out / f"{uid}.yaml").read_text())
        assert data["document"]["file"].endswith(Path(yaml.safe_load(path.read_text())["document"]["file"]).name)
    for uid in curated:
        assert exported[uid] == curated[uid], uid


def test_backup_restore_reproduces_the_graph(dirty_graph, tmp_path):
    before = graph_checksum()
    out = tmp_path / "backup"
    CliRunner().invoke(main, ["export", "--format", "annotation", "-o", str(out)])
    from tests.conftest import wipe

    wipe()
    result = CliRunner().invoke(main, ["load", str(out)])
    assert result.exit_code == 0, result.output
    assert graph_checksum() == before


# --------------------------------------------------------------------------- bad input leaves the graph as it was


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    from tests.test_annotation import CASES, mutate, write

    out = {}
    for name, (fn, _) in CASES.items():
        folder = tmp_path / name.replace(" ", "-")
        folder.mkdir()
        out[name] = write(folder, mutate(fn))
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "malformed.yaml").write_text("document: [unclosed", encoding="utf-8")
    (extra / "latin1.yaml").write_bytes("document: {title: 'Sundhedsstyregruppe på Fyn'}".encode("latin-1"))
    huge = extra / "huge.yaml"
    with huge.open("wb") as fh:
        fh.truncate(6 * 1024 * 1024)
    (extra / "binary.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    for p in extra.iterdir():
        out[p.name] = p
    return out


def test_every_bad_input_is_one_clear_error_and_leaves_the_graph_unchanged(bundled_graph, tmp_path):
    before = graph_checksum()
    for name, path in _bad_inputs(tmp_path).items():
        result = CliRunner().invoke(main, ["load", str(path)])
        assert result.exit_code == 1, (name, result.output)
        assert "Traceback" not in result.output, name
        assert all(line.startswith("error: ") and str(path) in line
                   for line in result.output.strip().splitlines()), (name, result.output)
    assert graph_checksum() == before
