"""The audits (queries/audits/*.cypher) against a real Neo4j.

Each audit is checked twice:
(a) on the bundled graph (with the reference data of data/reference/annotations), with its
    exact findings at 2026-06-01, worked out by reading the documents;
(b) on a small crafted graph (tests/fixtures/audits: four tiny documents of a fictitious
    "Region Prøve"), where it must find a planted violation and must not flag a planted
    non-violation.
Plus the catalogue as a whole, the reference data, the report and the `audit` command.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from govgraph import db
from govgraph.commands_audit import audit
from loaders.annotation import normalise_text, read_annotation
from loaders.load import BUNDLED, load_paths
from loaders.reference import (KOMMUNER, KOMMUNER_PER_REGION, REFERENCE_ANNOTATIONS, composition_rules,
                               load_reference)
from queries import audits
from tests.conftest import graph_checksum

AT = "2026-06-01"
CRAFTED = Path(__file__).parent / "fixtures" / "audits"
CRAFTED_AT = "2024-06-01"
CRAFTED_DOCS = {"proeve-reference", "proeve-2020-samarbejde", "proeve-2022-klynger", "proeve-2023-opfoelgning"}
ROOT = Path(__file__).resolve().parent.parent

MIDT_KOMMUNER = {
    "Favrskov Kommune", "Hedensted Kommune", "Herning Kommune", "Holstebro Kommune", "Horsens Kommune",
    "Ikast-Brande Kommune", "Lemvig Kommune", "Norddjurs Kommune", "Odder Kommune", "Randers Kommune",
    "Ringkøbing-Skjern Kommune", "Samsø Kommune", "Silkeborg Kommune", "Skanderborg Kommune",
    "Skive Kommune", "Struer Kommune", "Syddjurs Kommune", "Viborg Kommune", "Aarhus Kommune"}
SYD_KLYNGER = {
    "Sundhedsklynge Sønderjylland": {"Haderslev Kommune", "Aabenraa Kommune", "Sønderborg Kommune",
                                     "Tønder Kommune"},
    "Sundhedsklynge Fyn": {"Odense Kommune", "Assens Kommune", "Faaborg-Midtfyn Kommune", "Kerteminde Kommune",
                           "Nyborg Kommune", "Svendborg Kommune", "Nordfyns Kommune", "Langeland Kommune",
                           "Ærø Kommune"},
    "Sundhedsklynge Sydvestjylland": {"Billund Kommune", "Esbjerg Kommune", "Fanø Kommune", "Varde Kommune",
                                      "Vejen Kommune"},
    "Sundhedsklynge Lillebælt": {"Fredericia Kommune", "Kolding Kommune", "Middelfart Kommune", "Vejle Kommune"},
}
MIDT_KLYNGER = {"Sundhedsklynge Horsens", "Sundhedsklynge Midt", "Sundhedsklynge Randers",
                "Sundhedsklynge Gødstrup", "Sundhedsklynge Aarhus"}
TVAERGAAENDE = "Tværgående direktørforum for det nære sundhedsvæsen"
ARBEJDSGRUPPE_2015 = "Arbejdsgruppe om strategi for regionens indsatser i det nære sundhedsvæsen"

WRITE_CLAUSES = re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|LOAD\s+CSV|FOREACH)\b", re.IGNORECASE)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture()
def audit_graph(request, bundled_graph):
    """The bundled graph with the reference annotations (regions, kommuner, klynge members and
    the analyst's lineage notes). When loading them changed the graph, the shared graph is
    marked dirty so the next test gets a fresh bundled graph."""
    result = load_paths([BUNDLED, REFERENCE_ANNOTATIONS])
    if any(r.changed for r in result.reports):
        request.getfixturevalue("dirty_graph")
    yield


_crafted = {"checksum": None}


@pytest.fixture()
def crafted_graph(request, neo4j_server):
    """Only the crafted documents of tests/fixtures/audits (reloaded when the graph differs)."""
    if _crafted["checksum"] is None or graph_checksum() != _crafted["checksum"]:
        request.getfixturevalue("empty_graph")
        load_paths([CRAFTED])
        _crafted["checksum"] = graph_checksum()
    yield


def run(name: str, at: str = AT, **params) -> list[dict]:
    return audits.run_audit(name, at, params)


def names(rows: list[dict], key: str = "body") -> set:
    return {r[key] for r in rows}


# --------------------------------------------------------------------------- the catalogue


def test_at_least_fifteen_audits_in_the_catalogue():
    found = audits.audits()
    assert len(found) >= 15
    assert {"composition_rule", "decides_without_political_line", "no_patient_seats", "no_general_practice",
            "cross_sector_one_sided", "no_secretariat", "no_chair", "no_meeting_frequency",
            "past_stated_end", "described_after_abolition", "task_handover_gap_overlap",
            "post_in_many_bodies", "seat_totals", "kommune_coverage", "facts_without_evidence",
            "isolated_nodes"} <= set(found)
    assert all(q.kind == "audit" and q.path.parent.name == "audits" for q in found.values())


@pytest.mark.parametrize("name", sorted(audits.audits()))
def test_every_audit_has_its_header_and_runs_read_only(name, audit_graph):
    q = audits.get_audit(name)
    assert q.title and q.question and q.question_da and q.row
    assert q.question != q.question_da  # the Danish question is not the English one
    at = [p for p in q.params if p.name == "at"]
    assert len(at) == 1 and at[0].type == "date" and at[0].default
    assert not WRITE_CLAUSES.search(re.sub(r"//.*", "", q.cypher)), "an audit must not write"
    doc_ids = {r["uid"] for r in db.read("MATCH (d:Document) RETURN d.uid AS uid")}
    for day in (AT, "2010-01-01", "2030"):
        rows = run(name, day)
        for row in rows:
            assert "document" in row and "evidence" in row, row
    rows = run(name, AT)
    for row in rows:  # every finding cites an existing document and a non-empty quote
        docs = row["document"] if isinstance(row["document"], list) else [row["document"]]
        assert docs and set(docs) <= doc_ids, row
        quotes = row["evidence"] if isinstance(row["evidence"], list) else [row["evidence"]]
        assert quotes and all(q and q.strip() for q in quotes), row


def test_running_every_audit_changes_nothing(audit_graph):
    before = graph_checksum()
    results = audits.run_all(AT)
    assert set(results) == set(audits.audits())
    assert graph_checksum() == before


def test_unknown_audit_and_bad_parameters_are_clear_errors(audit_graph):
    from queries.catalogue import QueryError

    with pytest.raises(QueryError, match="no audit named 'no_such_audit'"):
        audits.run_audit("no_such_audit", AT)
    with pytest.raises(QueryError, match="not a valid date|YYYY"):
        audits.run_audit("no_chair", "2026-13-45")
    with pytest.raises(QueryError, match="unknown parameter"):
        audits.run_audit("no_chair", AT, {"n": "2"})
    with pytest.raises(QueryError, match="whole number"):
        audits.run_audit("post_in_many_bodies", AT, {"n": "two"})
    with pytest.raises(QueryError, match="no such file"):
        audits.run_audit("composition_rule", AT, {"rules": "data/reference/no-such-rules.yaml"})


# --------------------------------------------------------------------------- the reference data


def test_reference_text_lists_98_kommuner_with_the_counts_per_region():
    text = (ROOT / "data" / "documents" / "reference-kommuner.txt").read_text(encoding="utf-8")
    assert "Indenrigsministeriet" in text.splitlines()[2]
    lines = [line for line in text.splitlines() if re.fullmatch(r".+ (Kommune|Regionskommune) – Region \w+", line)]
    per_region: dict[str, int] = {}
    for line in lines:
        per_region[line.split(" – ")[1]] = per_region.get(line.split(" – ")[1], 0) + 1
    assert per_region == KOMMUNER_PER_REGION and len(lines) == 98 == len(set(lines))
    assert "Note:" in text and "midtjyske sundhedsklynger" in text


def test_reference_annotation_declares_regions_kommuner_and_syddanske_klynger():
    data = yaml.safe_load(KOMMUNER.read_text(encoding="utf-8"))
    assert data["document"]["date"] == "2007-01-01" and data["document"]["kind"] == "other"
    orgs = data["organisations"]
    regions = [o for o in orgs if o["kind"] == "region"]
    kommuner = [o for o in orgs if o["kind"] == "kommune"]
    assert {o["name"] for o in regions} == set(KOMMUNER_PER_REGION) and len(kommuner) == 98
    for o in kommuner:
        assert o["evidence"] == f"{o['name']} – {o['part_of']}"
    members: dict[str, set] = {}
    for r in data["relations"]:
        assert r["type"] == "PART_OF" and r["valid_from"] == "2022-07-01"
        members.setdefault(r["target"], set()).add(r["source"])
    assert members == SYD_KLYNGER  # Midtjylland's klynger get no members: not sourced
    parsed = read_annotation(KOMMUNER)  # evidence verbatim in the source, sha256 matches
    assert len(parsed.parties) == 103


def test_reference_data_in_the_graph(audit_graph):
    rows = db.read("MATCH (k:Organisation {kind: 'kommune'})-[r:PART_OF]->(g:Organisation {kind: 'region'}) "
                   "RETURN g.name AS region, count(k) AS n, min(r.from_date) AS since")
    assert {r["region"]: r["n"] for r in rows} == KOMMUNER_PER_REGION
    assert all(str(r["since"]) == "2007-01-01" for r in rows)
    klynger = db.read("MATCH (k:Organisation {kind: 'kommune'})-[r:PART_OF]->(b:Body {kind: 'klynge'}) "
                      "RETURN b.name AS klynge, collect(k.name) AS kommuner, min(r.valid_from) AS since, "
                      "max(r.valid_to) AS until")
    assert {r["klynge"]: set(r["kommuner"]) for r in klynger} == SYD_KLYNGER
    assert {(r["since"], r["until"]) for r in klynger} == {("2022-07-01", "2026-12-31")}


def test_load_reference_is_idempotent(audit_graph):
    before = graph_checksum()
    result = load_reference()
    assert not any(r.changed for r in result.reports)
    assert "reference-kommuner-og-klynger" in {r.document for r in result.reports}
    assert graph_checksum() == before


def test_composition_rules_cite_their_sources_verbatim(audit_graph):
    data = composition_rules()
    assert data["rules"]
    texts = {r["uid"]: normalise_text(r["text"] or "")
             for r in db.read("MATCH (d:Document) RETURN d.uid AS uid, d.text AS text")}
    for rule in data["rules"]:
        sources = list(rule["sources"]) + [rule["subject_source"]] + [q["source"] for q in rule["requirements"]]
        for source in sources:
            assert source.get("quote"), source
            if "document" in source:
                assert normalise_text(source["quote"]) in texts[source["document"]], source["quote"]
            else:
                assert "203" in source["law"] and "L 191" in source["law"]
        ids = [q["id"] for q in rule["requirements"]]
        assert len(ids) == len(set(ids)) == 7


# --------------------------------------------------------------------------- (a) the bundled graph


def test_bundled_composition_rule(audit_graph):
    rows = run("composition_rule")
    # Syddanmark's four klynger meet the rule; Midtjylland's five have no fagligt strategisk
    # niveau in the graph
    assert {(r["body"], r["requirement"]) for r in rows} == {(k, "subject") for k in MIDT_KLYNGER}
    assert all(r["document"] == "analyst-lineage" for r in rows)
    assert not [r for r in rows if r["region"] == "Region Syddanmark"]
    assert run("composition_rule", "2022-06-30") == []  # the rule holds from 1 Jul 2022


def test_bundled_composition_rule_is_data(audit_graph, tmp_path):
    data = composition_rules()
    rule = data["rules"][0]
    plo = next(q for q in rule["requirements"] if q["id"] == "almen-praksis-plo")
    plo["count"] = 3
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rows = run("composition_rule", rules=str(path))
    flagged = {r["body"] for r in rows if r["requirement"] == "almen-praksis-plo"}
    assert flagged == set(SYD_KLYNGER)
    assert {r["problem"] for r in rows if r["requirement"] == "almen-praksis-plo"} == {"expected 3 seats, found 2"}


def test_bundled_decides_without_political_line(audit_graph):
    rows = run("decides_without_political_line")
    assert names(rows) == {"Sundhedsstyregruppe", "Temagruppe", TVAERGAAENDE}
    ssg = next(r for r in rows if r["body"] == "Sundhedsstyregruppe")
    assert ssg["document"] == "midt-2019-administrativ-organisering-sundhedsaftale"
    assert ssg["evidence"].startswith("Sundhedsstyregruppen træffer de overordnede strategiske beslutninger")
    # before 1 Jul 2022 the Sundhedsstyregruppe prepared cases for the SKU: a political line
    assert run("decides_without_political_line", "2020-01-01") == []


def test_bundled_no_patient_seats(audit_graph):
    assert names(run("no_patient_seats")) == {
        "Sundhedsstyregruppe", "Kontaktudvalg", "Økonomigruppe", "Teknikergruppe", "Temagruppe",
        ARBEJDSGRUPPE_2015, TVAERGAAENDE}


def test_bundled_no_general_practice(audit_graph):
    rows = run("no_general_practice")
    assert names(rows) == {"Kontaktudvalg", "Økonomigruppe", "Teknikergruppe", "Temagruppe", ARBEJDSGRUPPE_2015}
    kontakt = next(r for r in rows if r["body"] == "Kontaktudvalg")
    assert kontakt["document"] == "midt-2007-samarbejde-sundhedsomraadet"
    assert "Hospitalsledelserne repræsenteres med to medlemmer." in kontakt["evidence"]


def test_bundled_cross_sector_one_sided(audit_graph):
    rows = run("cross_sector_one_sided")
    assert [(r["body"], sorted(r["missing"])) for r in rows] == [("Temagruppe", ["kommune", "region"])]
    assert "tværsektorielt" in rows[0]["evidence"]


def test_bundled_no_secretariat(audit_graph):
    assert names(run("no_secretariat")) == {
        "Kontaktudvalg", "Økonomigruppe", "Teknikergruppe", "Temagruppe", ARBEJDSGRUPPE_2015,
        "Fagligt strategisk niveau"}


def test_bundled_no_chair(audit_graph):
    assert names(run("no_chair")) == {"Kontaktudvalg", "Økonomigruppe", "Teknikergruppe", ARBEJDSGRUPPE_2015}


def test_bundled_no_meeting_frequency(audit_graph):
    rows = run("no_meeting_frequency")
    assert names(rows) == {"Kontaktudvalg", "Økonomigruppe", "Teknikergruppe", "Temagruppe", ARBEJDSGRUPPE_2015}
    # "mødes 2-3 uger før møderne i Sundhedskoordinationsudvalget" is a rhythm, not a frequency
    assert next(r for r in rows if r["body"] == "Kontaktudvalg")["document"] == "midt-2007-samarbejde-sundhedsomraadet"


def test_bundled_past_stated_end(audit_graph):
    # the only stated end is the trial period of the Tværgående direktørforum (31 Dec 2026),
    # and no later document describes it
    assert run("past_stated_end") == []
    assert run("past_stated_end", "2030-01-01") == []


def test_bundled_described_after_abolition(audit_graph):
    # no bundled document is dated after the SKU ended (30 Jun 2022) and describes it
    assert run("described_after_abolition") == []
    assert run("described_after_abolition", "2030-01-01") == []


def test_bundled_task_handover_gap_overlap(audit_graph):
    # the board of Folkesundhed i Midten passes from the Sundhedsstyregruppe (2019) to the
    # Tværgående direktørforum (2026) without a gap or an overlap
    assert run("task_handover_gap_overlap") == []
    rows = db.read("MATCH (b:Body)-[r:BOARD_OF]->(:Organisation {name: 'Folkesundhed i Midten'}) "
                   "RETURN b.name AS b, r.to_date AS to, r.from_date AS from ORDER BY r.from_date")
    assert [r["b"] for r in rows] == ["Sundhedsstyregruppe", TVAERGAAENDE]
    assert str(rows[0]["to"]) == "2025-12-31" and str(rows[1]["from"]) == "2026-01-01"


def test_bundled_post_in_many_bodies(audit_graph):
    rows = run("post_in_many_bodies")
    assert [(r["title"], r["organisation"]) for r in rows] == [("koncerndirektør", "Region Midtjylland")]
    assert set(rows[0]["bodies"]) == {"Sundhedsstyregruppe", "Formandskab for sundhedssamarbejdet", TVAERGAAENDE}
    assert set(rows[0]["document"]) == {"midt-2019-administrativ-organisering-sundhedsaftale",
                                        "midt-2026-tvaergaaende-direktoerforum"}
    assert run("post_in_many_bodies", n=3) == []


def test_bundled_seat_totals(audit_graph):
    found = run("seat_totals")
    rows = {r["organisation_uid"]: r for r in found}
    assert len(rows) == len(found) == 15
    assert sorted(r["organisation"] for r in found) == sorted([
        "Region Midtjylland", "Kommunerne i Region Midtjylland", "Praktiserende Lægers Organisation",
        "Nære Sundhedstilbud", "Region Syddanmark", "KOSU-sekretariatet",
        "Kommunernes Styregruppe på Sundhedsområdet", "Patientinddragelsesudvalget", "KKR Midtjylland",
        "MidtKraft", "Præhospitalet", "Det almenmedicinske tilbud i Region Midtjylland",
        "Klynge", "Klynge",  # the klynger of 2007 and of 2019: two bodies, one name
        "Kommunerne i Region Syddanmark"])
    assert rows["midt-klynge-2007"]["per_seats"] == ["? per klynge (Økonomigruppe)"]
    rows = {r["organisation"]: r for r in found}
    # Region Midtjylland: Sundhedsstyregruppe 6+1, Kontaktudvalg 2, Formandskab 1, Fælles
    # sekretariat 1, Tværgående direktørforum 1-2; six lines give no number
    rm = rows["Region Midtjylland"]
    assert (rm["seats"], rm["seats_max"], rm["lines_without_count"], rm["body_count"]) == (12, 13, 6, 8)
    km = rows["Kommunerne i Region Midtjylland"]
    assert (km["seats"], km["seats_max"], km["lines_without_count"], km["body_count"]) == (9, 9, 2, 4)
    assert (rows["Praktiserende Lægers Organisation"]["seats"], rows["Region Syddanmark"]["seats"]) == (4, 3)
    pi = rows["Patientinddragelsesudvalget"]
    assert pi["via"] == "appoints" and pi["seats"] == 2
    assert rows["Kommunerne i Region Syddanmark"]["per_seats"] == ["1 per kommune (Fagligt strategisk niveau)"]


def test_bundled_kommune_coverage(audit_graph):
    rows = run("kommune_coverage")
    assert {(r["kommune"], r["structure"]) for r in rows} == {(k, s) for k in MIDT_KOMMUNER
                                                              for s in ("klynge", "sundhedsråd")}
    assert {r["finding"] for r in rows} == {"membership not recorded"}
    assert all(r["document"] == ["reference-kommuner-og-klynger"] for r in rows)
    # every syddansk kommune is in exactly one sundhedsklynge
    assert not [r for r in run("kommune_coverage", "2024-01-01") if r["region"] == "Region Syddanmark"]
    # before 1 Jul 2022 the syddanske klynger exist (from 23 Jun 2022) but have no members yet
    early = [r for r in run("kommune_coverage", "2022-06-25") if r["region"] == "Region Syddanmark"]
    assert len(early) == 22 and {r["finding"] for r in early} == {"membership not recorded"}


def test_bundled_facts_without_evidence(audit_graph):
    rows = run("facts_without_evidence")
    assert {r["what"] for r in rows} == {
        "Klynge SUCCEEDS Klynge", "Sundhedsklynge SUCCEEDS Klynge",
        *(f"{k} SUBGROUP_OF Sundhedsklynge" for k in MIDT_KLYNGER)}
    assert {r["problem"] for r in rows} == {"inferred by an analyst"}
    assert all(r["note"] for r in rows)


def test_bundled_isolated_nodes(audit_graph):
    rows = run("isolated_nodes")
    assert {r["name"] for r in rows} == {
        "Administrativ styregruppe", "Administrativt kontaktforum", "Administrativt ledelsesforum",
        "Strategisk Sundhedsledelsesforum", "Rådgivende udvalg på sundhedsområdet",
        "Rådgivende udvalg for psykiatriområdet og det specialiserede socialområde", "Fødeplanudvalg",
        "Teknisk administrativt udvalg på tandområdet", "Hjerneskadesamråd for voksne med erhvervet hjerneskade",
        "Hjerneskadesamråd for børn og unge med erhvervet hjerneskade"}
    assert {r["node"] for r in rows} == {"body"}


# --------------------------------------------------------------------------- (b) the crafted graph


def test_crafted_graph_holds_the_four_documents(crafted_graph):
    docs = {r["uid"] for r in db.read("MATCH (d:Document) RETURN d.uid AS uid")}
    assert docs == CRAFTED_DOCS


def test_crafted_composition_rule(crafted_graph):
    rows = run("composition_rule", CRAFTED_AT)
    found = {(r["body"], r["requirement"]): r for r in rows}
    assert set(found) == {
        ("Sundhedsklynge Syd", "region-psykiatri"), ("Sundhedsklynge Syd", "region-regionshus"),
        ("Sundhedsklynge Syd", "kommune-direktoer"), ("Sundhedsklynge Syd", "almen-praksis-plo"),
        ("Sundhedsklynge Syd", "patienter-paaroerende"), ("Sundhedsklynge Syd", "delt-formandskab"),
        ("Sundhedsklynge Vest", "subject")}
    # Sundhedsklynge Nord meets every requirement: not flagged
    assert not [r for r in rows if r["body"] == "Sundhedsklynge Nord"]
    kd = found[("Sundhedsklynge Syd", "kommune-direktoer")]
    assert "no seat for" in kd["problem"] and "Beta Kommune" in kd["problem"] and "Delta Kommune" in kd["problem"]
    assert "outside Sundhedsklynge Syd: Alfa Kommune" in kd["problem"] and (kd["expected"], kd["found"]) == (3, 2)
    assert found[("Sundhedsklynge Syd", "region-psykiatri")]["problem"] == "expected 1 seats, found 2"
    assert found[("Sundhedsklynge Syd", "region-psykiatri")]["evidence"] == "2 repræsentanter fra psykiatrien"
    assert found[("Sundhedsklynge Syd", "delt-formandskab")]["problem"] == "the chair arrangement does not name kommun"
    assert run("composition_rule", "2030-01-01") == []  # the rule (and the klynger) ended in 2026


def test_crafted_composition_rule_a_new_rule_needs_no_code(crafted_graph):
    new_rule = {
        "id": "proeveudvalg-patienter", "title": "Prøveudvalget har to patientpladser",
        "applies_to": {"kind": "udvalg", "name_prefix": "Prøveudvalg"},
        "subject_source": {"document": "proeve-2020-samarbejde", "quote": "Prøveudvalget består af:"},
        "requirements": [
            {"id": "patienter", "text": "To repræsentanter for patienter og pårørende",
             "match": {"title_any": ["patient"]}, "count": 2,
             "source": {"document": "proeve-2020-samarbejde", "quote": "Prøveudvalget består af:"}},
            {"id": "koncerndirektoer", "text": "Én koncerndirektør", "match": {"title_any": ["koncerndirektør"]},
             "count": 1, "source": {"document": "proeve-2020-samarbejde", "quote": "Prøveudvalget består af:"}}],
    }
    source = {"document": "proeve-2020-samarbejde", "quote": "Prøvestyregruppen består af:"}
    second_rule = {
        "id": "proevestyregruppe", "title": "Prøvestyregruppens sammensætning",
        "applies_to": {"kind": "styregruppe", "region": "Region Prøve"},
        "requirements": [
            {"id": "hoejst-en-kontorchef", "match": {"title_any": ["kontorchef"]}, "max": 1, "source": source},
            {"id": "mindst-to-direktoerer", "match": {"organisation_kind": ["region"], "title_any": ["direktør"]},
             "min": 2, "source": source},
            {"id": "formandskab", "kind": "chair", "chair_mentions_all": ["region", "kommun"], "source": source}],
    }
    rows = run("composition_rule", CRAFTED_AT, rules={"rules": [new_rule, second_rule]})
    assert [(r["body"], r["requirement"], r["expected"], r["found"], r["problem"]) for r in rows] == [
        ("Prøvestyregruppe", "formandskab", None, None, "no chair arrangement is stated"),
        ("Prøvestyregruppe", "hoejst-en-kontorchef", None, 3, "expected at most 1 seats, found 3"),
        ("Prøvestyregruppe", "mindst-to-direktoerer", 2, 1, "expected at least 2 seats, found 1"),
        ("Prøveudvalg", "patienter", 2, 1, "expected 2 seats, found 1")]
    assert {r["rule"] for r in rows} == {"proeveudvalg-patienter", "proevestyregruppe"}
    # a qualifier: Prøveudvalg's PLO seats do not say they come from the area
    qualified = {"id": "q", "applies_to": {"kind": "udvalg", "name_prefix": "Prøveudvalg"},
                 "requirements": [{"id": "plo", "match": {"appointed_by_any": ["PLO"]}, "count": 2,
                                   "qualifier": {"quote_contains": "inden for"}, "source": source}]}
    rows = run("composition_rule", CRAFTED_AT, rules={"rules": [qualified]})
    assert [r["problem"] for r in rows] == ['no matching seat says "inden for"']


def test_crafted_decides_without_political_line(crafted_graph):
    rows = run("decides_without_political_line", CRAFTED_AT)
    # Prøvestyregruppe decides and answers to nobody; Prøveudvalg decides by consensus and
    # prepares cases for the political Prøveråd
    assert names(rows) == {"Prøvestyregruppe"}
    assert rows[0]["evidence"] == "Prøvestyregruppen træffer beslutninger om fælles indsatser."
    # until the end of 2021 it reported to the Prøveråd: then it had a political line
    assert run("decides_without_political_line", "2021-06-01") == []
    assert names(run("decides_without_political_line", "2022-01-01")) == {"Prøvestyregruppe"}


def test_crafted_no_patient_seats(crafted_graph):
    # Prøveudvalg (a patient organisation's seat) and the Nord level (appointed by
    # Patientinddragelsesudvalget) are not flagged
    assert names(run("no_patient_seats", CRAFTED_AT)) == {"Prøvestyregruppe", "Prøveforum",
                                                          "Fagligt strategisk niveau Syd"}


def test_crafted_no_general_practice(crafted_graph):
    assert names(run("no_general_practice", CRAFTED_AT)) == {"Prøvestyregruppe", "Prøveforum"}


def test_crafted_cross_sector_one_sided(crafted_graph):
    rows = run("cross_sector_one_sided", CRAFTED_AT)
    # Prøvestyregruppe calls itself tværsektoriel but has only regional seats; Prøveforum has
    # only regional seats too but is not cross-sector
    assert [(r["body"], r["missing"], r["sectors"]) for r in rows] == [("Prøvestyregruppe", ["kommune"], ["region"])]


def test_crafted_no_secretariat(crafted_graph):
    # Prøveudvalg has a SECRETARIAT_FOR line, the Nord level a secretary seat
    assert names(run("no_secretariat", CRAFTED_AT)) == {"Prøvestyregruppe", "Prøveforum",
                                                        "Fagligt strategisk niveau Syd"}


def test_crafted_no_chair(crafted_graph):
    # Prøveforum has a chair seat, the others a chair text
    assert names(run("no_chair", CRAFTED_AT)) == {"Prøvestyregruppe"}


def test_crafted_no_meeting_frequency(crafted_graph):
    assert names(run("no_meeting_frequency", CRAFTED_AT)) == {"Prøvestyregruppe", "Fagligt strategisk niveau Syd"}


def test_crafted_past_stated_end(crafted_graph):
    rows = run("past_stated_end", CRAFTED_AT)
    # Prøveforum's trial ended 31 Dec 2021, the 2023 notat still treats it as alive; Projektgruppe
    # Beta was renewed with a new end; Projektgruppe Alfa is not mentioned after its end
    assert [(r["body"], r["stated_end"], r["document"]) for r in rows] == [
        ("Prøveforum", "2021-12-31", "proeve-2023-opfoelgning")]
    assert set(rows[0]["treats_it_as_alive"]) == {"describes it", "states BOARD_OF"}
    assert rows[0]["end_evidence"] == "Prøveforummet oprettes i en prøveperiode til 31. december 2021."
    assert run("past_stated_end", "2021-06-01") == []  # the trial had not ended yet
    assert run("past_stated_end", "2023-01-01") == []  # the later document is not yet written


def test_crafted_described_after_abolition(crafted_graph):
    rows = run("described_after_abolition", CRAFTED_AT)
    # the SKU is described in 2020 (before 30 Jun 2022: fine) and in 2023 (after: flagged); the
    # SSU, described in 2023, is abolished only after 31 Dec 2026
    assert [(r["body"], r["document"], str(r["abolished"])) for r in rows] == [
        ("Sundhedskoordinationsudvalg", "proeve-2023-opfoelgning", "2022-06-30")]
    assert rows[0]["evidence"] == "Sundhedskoordinationsudvalget drøfter sagen på sit næste møde."
    assert run("described_after_abolition", "2023-01-01") == []


def test_crafted_task_handover_gap_overlap(crafted_graph):
    rows = run("task_handover_gap_overlap", CRAFTED_AT)
    # Projekt X passes cleanly from Prøvestyregruppe to Prøveudvalg: not flagged
    assert {(r["task"], r["target"], r["finding"], r["earlier_holder"], r["later_holder"]) for r in rows} == {
        ("BOARD_OF", "Projekt Y", "gap", "Projektgruppe Alfa", "Prøveforum"),
        ("SECRETARIAT_FOR", "Prøveudvalg", "overlap", "Prøvesekretariatet", "Fællessekretariatet Prøve")}
    gap = next(r for r in rows if r["finding"] == "gap")
    assert (str(gap["period_from"]), str(gap["period_to"])) == ("2021-07-01", "2023-04-30")
    assert gap["document"] == "proeve-2023-opfoelgning"
    only_boards = run("task_handover_gap_overlap", CRAFTED_AT, types="BOARD_OF")
    assert [(r["target"], r["finding"]) for r in only_boards] == [("Projekt Y", "gap")]


def test_crafted_post_in_many_bodies(crafted_graph):
    rows = run("post_in_many_bodies", CRAFTED_AT)
    assert [(r["title"], r["organisation"], sorted(r["bodies"])) for r in rows] == [
        ("koncerndirektør", "Region Prøve", ["Prøveforum", "Prøvestyregruppe", "Prøveudvalg"])]
    # posts in two bodies are flagged only when n is 1
    assert {(r["title"], r["organisation"]) for r in run("post_in_many_bodies", CRAFTED_AT, n=1)} == {
        ("koncerndirektør", "Region Prøve"), ("praktiserende læge", "Praktiserende Lægers Organisation"),
        ("repræsentant fra det somatiske sygehus", "Region Prøve"),
        ("repræsentant fra psykiatrien", "Region Prøve")}


def test_crafted_seat_totals(crafted_graph):
    rows = {r["organisation"]: r for r in run("seat_totals", CRAFTED_AT)}
    # Region Prøve: Prøveudvalg 1, Prøvestyregruppe 1+3, Prøveforum 1 (chair), Nord 1+1+1,
    # Syd 1+2 (the secretary seat of Nord is not a member seat)
    assert rows["Region Prøve"]["seats"] == 12 and rows["Region Prøve"]["body_count"] == 5
    assert rows["Praktiserende Lægers Organisation"]["seats"] == 5
    assert rows["Patientinddragelsesudvalget"]["via"] == "appoints"
    assert rows["Kommunerne i Region Prøve"]["seats"] == 0
    assert sorted(rows["Kommunerne i Region Prøve"]["per_seats"]) == [
        "1 per kommune (Fagligt strategisk niveau Nord)", "1 per kommune (Prøveudvalg)"]
    assert rows["Prøvekonsulenterne"]["seats"] == 2
    assert {k: rows[k]["seats"] for k in ("Alfa Kommune", "Gamma Kommune")} == {"Alfa Kommune": 1, "Gamma Kommune": 1}
    # before the klynger exist, the levels' seats are not counted
    early = {r["organisation"]: r for r in run("seat_totals", "2021-01-01")}
    assert early["Region Prøve"]["seats"] == 6 and "Alfa Kommune" not in early


def test_crafted_kommune_coverage(crafted_graph):
    rows = run("kommune_coverage", CRAFTED_AT)
    # Alfa, Gamma, Delta: one klynge each; Zeta: one sundhedsråd (Region Tom): not flagged
    assert {(r["kommune"], r["finding"]) for r in rows} == {
        ("Beta Kommune", "covered twice"), ("Epsilon Kommune", "left out"),
        ("Eta Kommune", "membership not recorded")}
    beta = next(r for r in rows if r["kommune"] == "Beta Kommune")
    assert beta["member_of"] == ["Sundhedsklynge Nord", "Sundhedsklynge Syd"]
    assert beta["evidence"] == ["Beta Kommune – Region Prøve", "Sundhedsklynge Nord: Alfa, Beta",
                                "Sundhedsklynge Syd: Beta, Gamma, Delta"]
    assert run("kommune_coverage", "2022-01-01") == []  # no structure yet


def test_crafted_facts_without_evidence(crafted_graph):
    rows = run("facts_without_evidence", CRAFTED_AT)
    assert {(r["fact"], r["what"], r["problem"]) for r in rows} == {
        ("relation", "Prøveforum COORDINATES_WITH Prøveudvalg", "inferred by an analyst"),
        ("organisation", "Prøvekonsulenterne", "no evidence")}


def test_crafted_isolated_nodes(crafted_graph):
    # Prøvearbejdsgruppe (a subgroup) and Projekt Y (a board moved to it) are connected
    assert {r["name"] for r in run("isolated_nodes", CRAFTED_AT)} == {
        "Prøvenetværk", "Sundhedssamarbejdsudvalg", "Sundhedsklynge Vest"}


# --------------------------------------------------------------------------- report and CSV


def test_report_markdown_cites_questions_findings_and_sources(crafted_graph):
    results = {name: run(name, CRAFTED_AT) for name in ("no_chair", "past_stated_end", "isolated_nodes")}
    text = audits.report_markdown(results, CRAFTED_AT, audits.document_index())
    for name in results:
        q = audits.get_audit(name)
        assert f"## {q.title}" in text
        assert q.question_da in text and q.question in text
    assert "**2024-06-01**" in text
    assert "> Prøveforummet fortsætter sit arbejde og udgør nu bestyrelsen for Projekt Y." in text
    assert "`proeve-2023-opfoelgning` — Opfølgning på samarbejdet i Region Prøve (testdata) (2023-05-01)" in text
    assert text.count("### ") == sum(len(r) for r in results.values())


def test_report_markdown_without_findings():
    text = audits.report_markdown({"past_stated_end": []}, "2026-06-01")
    assert "Ingen fund / no findings" in text and "0 fund / findings" in text


def test_csv_rendering_round_trips():
    rows = [{"body": "A", "document": ["d1", "d2"], "evidence": "x, \"y\""}, {"body": "B", "extra": 1}]
    parsed = list(csv.DictReader(io.StringIO(audits.to_csv(rows))))
    assert parsed == [{"body": "A", "document": "d1 | d2", "evidence": "x, \"y\"", "extra": ""},
                      {"body": "B", "document": "", "evidence": "", "extra": "1"}]
    combined = list(csv.DictReader(io.StringIO(audits.all_to_csv({"one": rows[:1], "two": []}))))
    assert combined == [{"audit": "one", "body": "A", "document": "d1 | d2", "evidence": "x, \"y\""}]


# --------------------------------------------------------------------------- the command


@pytest.fixture()
def cli():
    @click.group()
    def group():
        pass

    group.add_command(audit)
    return group


def invoke(cli, *args):
    return CliRunner().invoke(cli, list(args))


def test_cli_list(cli):
    result = invoke(cli, "audit", "--list")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert [line.split()[0] for line in lines] == list(audits.audits())


def test_the_main_command_line_has_the_audit_command(crafted_graph):
    from govgraph.cli import main

    result = CliRunner().invoke(main, ["audit", "no_chair", "--at", CRAFTED_AT, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["body"] for r in json.loads(result.output)] == ["Prøvestyregruppe"]


def test_cli_one_audit_in_each_format(cli, crafted_graph, tmp_path):
    table = invoke(cli, "audit", "no_meeting_frequency", "--at", CRAFTED_AT)
    assert table.exit_code == 0, table.output
    assert "2 findings" in table.output and "Prøvestyregruppe" in table.output
    as_json = invoke(cli, "audit", "no_meeting_frequency", "--at", CRAFTED_AT, "--format", "json")
    assert {r["body"] for r in json.loads(as_json.output)} == {"Prøvestyregruppe", "Fagligt strategisk niveau Syd"}
    as_csv = invoke(cli, "audit", "no_meeting_frequency", "--at", CRAFTED_AT, "--format", "csv")
    parsed = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert {r["body"] for r in parsed} == {"Prøvestyregruppe", "Fagligt strategisk niveau Syd"}
    assert {r["document"] for r in parsed} == {"proeve-2020-samarbejde", "proeve-2022-klynger"}
    out = tmp_path / "one.md"
    as_md = invoke(cli, "audit", "no_meeting_frequency", "--at", CRAFTED_AT, "--format", "md", "-o", str(out))
    assert as_md.exit_code == 0 and f"wrote 2 findings to {out}" in as_md.output
    md = out.read_text(encoding="utf-8")
    assert "Spørgsmål:" in md and "> Prøvestyregruppen er en tværsektoriel styregruppe." in md
    params = invoke(cli, "audit", "post_in_many_bodies", "--at", CRAFTED_AT, "--param", "n=1", "--format", "json")
    assert len(json.loads(params.output)) == 4


def test_cli_all_as_markdown_and_json(cli, crafted_graph, tmp_path):
    report = tmp_path / "report.md"
    result = invoke(cli, "audit", "--all", "--at", CRAFTED_AT, "--format", "md", "-o", str(report))
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")
    for q in audits.audits().values():
        assert f"## {q.title}" in text and q.question_da in text
    as_json = invoke(cli, "audit", "--all", "--at", CRAFTED_AT, "--format", "json")
    data = json.loads(as_json.output)
    assert set(data) == set(audits.audits())
    assert {r["body"] for r in data["no_chair"]} == {"Prøvestyregruppe"}
    assert len(data["kommune_coverage"]) == 3
    as_csv = invoke(cli, "audit", "--all", "--at", CRAFTED_AT, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert len(rows) == sum(len(v) for v in data.values()) and rows[0]["audit"] in data


def test_cli_exit_codes(cli, crafted_graph):
    assert invoke(cli, "audit", "no_chair", "--at", CRAFTED_AT).exit_code == 0  # findings
    assert invoke(cli, "audit", "past_stated_end", "--at", "2021-01-01").exit_code == 0  # none
    unknown = invoke(cli, "audit", "no_such_audit")
    assert unknown.exit_code == 1 and "error: no audit named 'no_such_audit'" in unknown.output
    for bad_date in ("2026-02-30", "yesterday", "26-06-01"):
        result = invoke(cli, "audit", "no_chair", "--at", bad_date)
        assert result.exit_code == 1, bad_date
        assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1
        assert "Traceback" not in result.output
    assert invoke(cli, "audit", "--all", "--at", "2026-13").exit_code == 1
    bad_param = invoke(cli, "audit", "post_in_many_bodies", "--param", "n")
    assert bad_param.exit_code == 1 and "KEY=VALUE" in bad_param.output
    nothing = invoke(cli, "audit")
    assert nothing.exit_code == 1 and "give one of" in nothing.output
    both = invoke(cli, "audit", "no_chair", "--all")
    assert both.exit_code == 1
