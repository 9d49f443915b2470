"""The synthetic generator (benchmarks/synthetic.py): its files are what the real loader
accepts, it is deterministic by seed, its sizes are what the scales promise, and its
SUCCEEDS links cross the reforms."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
import yaml

from benchmarks import synthetic


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic-small")
    stats = synthetic.generate(out, "small", seed=1)
    return out, stats


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _annotations(folder: Path) -> list[dict]:
    return [yaml.load(p.read_text(encoding="utf-8"), Loader=_LOADER)
            for p in sorted((folder / "annotations").glob("*.yaml"))]


def test_same_seed_gives_identical_bytes_and_another_seed_differs(small, tmp_path):
    out, _ = small
    again = tmp_path / "again"
    synthetic.generate(again, "small", seed=1)
    first, second = _files(out), _files(again)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    other = tmp_path / "other"
    synthetic.generate(other, "small", seed=2)
    third = _files(other)
    assert third.keys() == first.keys()  # the same documents …
    assert sum(first[k] != third[k] for k in first) > len(first) // 2  # … with other details


def test_every_annotation_has_its_source_text_with_every_evidence_verbatim(small):
    out, _ = small
    for data in _annotations(out):
        doc = data["document"]
        raw = (out / doc["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == doc["sha256"], doc["id"]
        text = raw.decode("utf-8")
        quotes = [e["evidence"] for key in ("organisations", "bodies", "seats", "relations")
                  for e in data.get(key) or [] if e.get("evidence")]
        assert quotes and all(q in text for q in quotes), doc["id"]


def test_the_real_parser_validates_and_resolves_every_file(small):
    from loaders.annotation import NameIndex, resolve
    from loaders.load import parse_all

    out, stats = small
    parsed = parse_all([out / "annotations"])  # raises AnnotationErrors on any problem
    index = NameIndex([])
    for p in parsed:
        index.add_batch(p)
    for p in parsed:
        resolve(p, index)
    assert len(parsed) == stats["documents"]
    assert sum(len(p.seats) for p in parsed) == stats["seats"]
    assert sum(len(p.relations) for p in parsed) == stats["relations"]
    assert all(r.source_uid and r.target_uid for p in parsed for r in p.relations)


def test_small_counts_are_in_the_expected_ranges(small):
    _, s = small
    assert s["regions"] == 1 and s["klynger"] == 2 and s["kommuner"] == 7
    # 7 yearly notater 2020–2026, 4 kommissorier per klynge, the 2027 notat and 2 sundhedsråd
    assert s["documents"] == 18
    assert 40 <= s["bodies"] <= 120
    assert 500 <= s["seats"] <= 1500
    assert 300 <= s["relations"] <= 900
    assert s["succeeds"] >= 6


def test_national_scale_is_a_country_over_twenty_years(tmp_path):
    s = synthetic.generate(tmp_path, "national", seed=1)
    assert (s["regions"], s["kommuner"], s["klynger"]) == (5, 98, 21)
    assert s["years"] == "2007–2027"
    assert 1500 <= s["bodies"] <= 5000  # a few thousand bodies
    assert 20_000 <= s["seats"] <= 60_000  # tens of thousands of seats …
    assert 10_000 <= s["relations"] + s["part_of_orgs"] <= 60_000  # … and of relations
    gen = synthetic.Generator(synthetic.SCALE_SPECS["national"], seed=1)
    names = {b["name"] for d in gen.documents() for b in d.bodies.values()}
    assert sum(n.startswith("Sundhedsråd ") for n in names) == 17
    assert sum(n.startswith("Sundhedsklynge ") for n in names) == 21


def test_succeeds_links_cross_the_reforms_in_the_files(small):
    out, _ = small
    dates = {}
    links = []
    for data in _annotations(out):
        doc = data["document"]
        for r in data["relations"]:
            if r["type"] == "SUCCEEDS":
                links.append((r["source"], r["target"], doc["date"]))
        dates[doc["id"]] = doc["date"]
    pairs = {(a, b) for a, b, _ in links}
    assert ("Sundhedssamarbejdsudvalg", "Sundhedskoordinationsudvalg") in pairs  # L 191, 1 Jul 2022
    assert ("Sundhedsklynge Horsens", "Klynge Horsens") in pairs
    assert ("Sundhedsråd Sydøstjylland", "Sundhedsklynge Horsens") in pairs  # L 214, 1 Jan 2027
    years = {int(str(d)[:4]) for _, _, d in links}
    assert years == {2022, 2027}  # stated where the klynge reform and the sundhedsråd take over


def test_the_loader_loads_the_small_scale_and_successions_close_at_the_reforms(small, empty_graph):
    from govgraph import db
    from loaders.load import load_paths
    from queries import structure

    out, s = small
    totals = load_paths([out / "annotations"]).totals()
    assert totals["documents"]["inserted"] == s["documents"]
    assert totals["seats"]["inserted"] == s["seats"]
    assert totals["relations"]["inserted"] == s["relations"] + s["part_of_orgs"]
    assert db.read("MATCH (b:Body) RETURN count(b) AS n")[0]["n"] == s["bodies"]

    rows = db.read(
        "MATCH (new:Body)-[:SUCCEEDS]->(old:Body) "
        "RETURN new.name AS new, old.name AS old, new.from_date AS start, old.to_date AS end")
    ends = {(r["new"], r["old"]): (r["start"].to_native(), r["end"].to_native() if r["end"] else None)
            for r in rows}
    assert ends[("Sundhedssamarbejdsudvalg", "Sundhedskoordinationsudvalg")] == (
        dt.date(2022, 7, 1), dt.date(2022, 6, 30))
    assert ends[("Sundhedsklynge Horsens", "Klynge Horsens")] == (dt.date(2022, 7, 1), dt.date(2022, 6, 30))
    assert ends[("Sundhedsråd Sydøstjylland", "Sundhedsklynge Horsens")] == (
        dt.date(2027, 1, 1), dt.date(2026, 12, 31))

    def names(at):
        return {b["name"] for b in structure.snapshot(at)["bodies"]}

    before, after, later = names("2022-06-30"), names("2022-07-01"), names("2027-03-01")
    assert "Sundhedskoordinationsudvalg" in before and "Sundhedssamarbejdsudvalg" not in before
    assert "Sundhedssamarbejdsudvalg" in after and "Sundhedskoordinationsudvalg" not in after
    assert "Sundhedsråd Sydøstjylland" in later and "Sundhedsklynge Horsens" not in later
    lin = structure.lineage("Sundhedsråd Sydøstjylland")
    assert {"Sundhedsklynge Horsens", "Klynge Horsens"} <= {p["other"] for p in lin["predecessors"]}


def test_the_benchmark_refuses_the_default_port():
    from benchmarks import run

    with pytest.raises(SystemExit, match="refused"):
        run.check_target("bolt://127.0.0.1:7687", i_know=False)
    run.check_target("bolt://127.0.0.1:7687", i_know=True)  # the user said so
    run.check_target("bolt://127.0.0.1:7692", i_know=False)
