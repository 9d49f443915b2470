"""Structure over time on the bundled documents: snapshots, diffs, lineage, political lines,
validity derivation and the time frame (reforms, periods) — with exact expectations."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from govgraph import db
from govgraph.cli import main
from queries import catalogue, structure
from queries.catalogue import QueryError

FORUM = "Tværgående direktørforum for det nære sundhedsvæsen"


def names(rows, key="name"):
    return {r[key] for r in rows}


def test_2008_has_sundhedsstyregruppe_and_not_the_2026_forum(bundled_graph):
    snap = structure.snapshot("2008-01-01")
    assert "Sundhedsstyregruppe" in names(snap["bodies"])
    assert FORUM not in names(snap["bodies"])
    assert names(snap["bodies"]) == {
        "Administrativ styregruppe", "Fælles regional-kommunal arbejdsgruppe", "Klynge",
        "Kommunernes Styregruppe på Sundhedsområdet", "Kontaktudvalg", "Sundhedskoordinationsudvalg",
        "Sundhedsstyregruppe", "Teknikergruppe", "Økonomigruppe"}


def test_2026_forum_exists_and_holds_the_board(bundled_graph):
    snap = structure.snapshot("2026-06-01")
    assert FORUM in names(snap["bodies"])
    boards = [r for r in snap["relations"] if r["type"] == "BOARD_OF" and r["target"] == "Folkesundhed i Midten"]
    assert [r["source"] for r in boards] == [FORUM]
    assert "udgør bestyrelsen for Folkesundhed i Midten" in boards[0]["evidence"]


def test_the_board_was_sundhedsstyregruppes_before(bundled_graph):
    snap = structure.snapshot("2020-01-01")
    boards = [r["source"] for r in snap["relations"] if r["type"] == "BOARD_OF"]
    assert boards == ["Sundhedsstyregruppe"]


def test_diff_2019_to_2026_adds_the_forum_and_the_strategic_fora(bundled_graph):
    d = structure.diff("2019-07-01", "2026-06-01")
    added = names(d["added"]["bodies"])
    assert {FORUM, "Strategisk direktørforum"} <= added
    assert "Sundhedskoordinationsudvalg" in names(d["removed"]["bodies"])  # abolished 30 Jun 2022
    assert "Sundhedsstyregruppe" not in added | names(d["removed"]["bodies"])
    moved = [r for r in d["removed"]["relations"] if r["type"] == "BOARD_OF"]
    assert [r["source"] for r in moved] == ["Sundhedsstyregruppe"]


def test_diff_reports_changed_composition(bundled_graph):
    d = structure.diff("2008-01-01", "2020-01-01")
    changed = {r["name"]: r["changes"] for r in d["changed"]["bodies"]}
    assert "Sundhedsstyregruppe" in changed
    assert changed["Sundhedsstyregruppe"]["meetings_max"] == {"from": 4, "to": 5}


def test_lineage_shows_the_board_task_moving(bundled_graph):
    lin = structure.lineage("Tværgående direktørforum")
    tasks = [(t["task"], t["target"], t["direction"], t["other"]) for t in lin["tasks"]]
    assert tasks == [("BOARD_OF", "Folkesundhed i Midten", "taken over from", "Sundhedsstyregruppe")]
    back = structure.lineage("Sundhedsstyregruppe")["tasks"]
    assert [(t["direction"], t["other"]) for t in back] == [("passed on to", FORUM)]


def test_lineage_of_the_klynger_across_three_reforms(bundled_graph):
    lin = structure.lineage("midt-klynge-2019")
    assert [(r["other_uid"], r["steps"]) for r in lin["predecessors"]] == [("midt-klynge-2007", 1)]
    succ = lin["successors"]
    assert [r["other"] for r in succ] == ["Sundhedsklynge"]
    assert all(r["inferred"] and r["note"] for r in lin["predecessors"] + succ)
    sku = structure.lineage("Sundhedskoordinationsudvalg")
    assert [r["other"] for r in sku["successors"]] == ["Sundhedssamarbejdsudvalg"]
    assert sku["successors"][0]["inferred"] is False and sku["successors"][0]["evidence"]


def test_validity_is_derived_with_reasons(bundled_graph):
    rows = {r["name"]: r for r in db.read(
        "MATCH (b:Body) WHERE b.uid IN ['midt-klynge-2007', 'midt-klynge-2019'] OR b.name IN "
        "['Sundhedskoordinationsudvalg', $forum] RETURN coalesce(b.uid, '') AS uid, b.name AS name, "
        "b.valid_from AS f, b.valid_to AS t, b.to_reason AS why, b.from_precision AS p",
        {"forum": FORUM})}
    assert rows["Sundhedskoordinationsudvalg"]["t"] == "2022-06-30"
    assert "abolished" in rows["Sundhedskoordinationsudvalg"]["why"]
    assert "succeeded by Sundhedssamarbejdsudvalg" in rows["Sundhedskoordinationsudvalg"]["why"]
    assert rows[FORUM]["f"] == "2026" and rows[FORUM]["t"] == "2026-12-31"
    assert rows[FORUM]["p"] == "year"
    klynger = {r["uid"]: r for r in db.read(
        "MATCH (b:Body) WHERE b.uid STARTS WITH 'midt-klynge' RETURN b.uid AS uid, b.valid_to AS t, "
        "b.to_reason AS why")}
    assert klynger["midt-klynge-2007"]["t"] == "2018-12-31"
    assert klynger["midt-klynge-2007"]["why"].startswith("succeeded by")
    assert klynger["midt-klynge-2019"]["t"] == "2022-06-30"


def test_a_date_inside_a_year_precision_interval_says_so(bundled_graph):
    snap = {b["name"]: b for b in structure.snapshot("2026-06-01")["bodies"]}
    assert snap[FORUM]["certain"] is False  # "2026": starts some time in 2026
    later = {b["name"]: b for b in structure.snapshot("2027-01-15")["bodies"]}
    assert FORUM not in later  # the one-year trial ended 31 Dec 2026


def test_seats_of_a_later_document_replace_the_earlier(bundled_graph):
    def sst(at):
        return [s for s in structure.snapshot(at)["seats"] if s["body"] == "Sundhedsstyregruppe"]

    assert {s["document"] for s in sst("2010-01-01")} == {"midt-2007-samarbejde-sundhedsomraadet"}
    assert {s["document"] for s in sst("2020-01-01")} == {"midt-2019-administrativ-organisering-sundhedsaftale"}


def test_before_2007_is_empty_not_an_error(bundled_graph):
    snap = structure.snapshot("2006")
    assert snap == {"at": "2006-01-01", "bodies": [], "seats": [], "relations": []}


@pytest.mark.parametrize("bad", ["2020-13", "1/1/2020", "yesterday", "2020-02-30"])
def test_malformed_dates_are_clear_errors(bundled_graph, bad):
    with pytest.raises(QueryError):
        structure.snapshot(bad)
    result = CliRunner().invoke(main, ["snapshot", "--at", bad])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and "Traceback" not in result.output


def test_snapshot_json_shape(bundled_graph):
    result = CliRunner().invoke(main, ["snapshot", "--at", "2026-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"at", "bodies", "seats", "relations"} and data["at"] == "2026-06-01"
    assert all("name" in b for b in data["bodies"]) and all("body" in s for s in data["seats"])
    assert all({"source", "type", "target"} <= set(r) for r in data["relations"])


def test_diff_json_shape(bundled_graph):
    result = CliRunner().invoke(main, ["diff", "2019-07-01", "2026-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"from", "to", "added", "removed", "changed"}
    for part in ("added", "removed", "changed"):
        assert set(data[part]) == {"bodies", "seats", "relations"}
    assert FORUM in {b["name"] for b in data["added"]["bodies"]}


def test_lineage_cli(bundled_graph):
    result = CliRunner().invoke(main, ["lineage", "Sundhedsstyregruppe"])
    assert result.exit_code == 0, result.output
    assert "passed on to" in result.output and FORUM in result.output
    ambiguous = CliRunner().invoke(main, ["lineage", "Klynge"])
    assert ambiguous.exit_code == 1 and "names several bodies" in ambiguous.output


def test_political_path_and_bodies_without_one(bundled_graph):
    path = catalogue.run("political_path", body="Teknikergruppe", at="2008-01-01")
    assert path == []  # Teknikergruppe → Økonomigruppe, which the 2007 notat ties to no political body
    path = catalogue.run("political_path", body="Sundhedsstyregruppe", at="2020-01-01")
    assert path and path[0]["political_body"] == "Sundhedskoordinationsudvalg" and path[0]["steps"] == 1
    none = names(catalogue.run("no_political_line", at="2008-01-01"))
    assert {"Teknikergruppe", "Økonomigruppe"} <= none
    assert "Sundhedsstyregruppe" in none  # in 2007 the notat gives it no typed line to the SKU
    assert "Sundhedsstyregruppe" not in names(catalogue.run("no_political_line", at="2020-01-01"))


def test_documents_are_placed_in_their_periods(bundled_graph):
    rows = {r["doc"]: r["period"] for r in db.read(
        "MATCH (d:Document)-[:IN_PERIOD]->(p:Period) RETURN d.uid AS doc, p.uid AS period")}
    assert rows["midt-2007-samarbejde-sundhedsomraadet"] == "sundhedsaftale-2007-2009"
    assert rows["midt-2019-administrativ-organisering-sundhedsaftale"] == "sundhedsaftale-2019-2023"
    assert rows["midt-2026-tvaergaaende-direktoerforum"] == "overgangsaar-2026"
    reforms = {r["uid"] for r in db.read("MATCH (r:Reform) RETURN r.uid AS uid")}
    assert {"kommunalreform-2007", "l191-2022", "l214-2025", "sundhedsreform-aftale-2024"} <= reforms


@pytest.mark.parametrize("name", sorted(n for n, q in catalogue.catalogue().items() if q.kind == "query"))
def test_every_stored_query_has_a_header_and_runs(bundled_graph, name):
    q = catalogue.get(name)
    assert q.title and q.question and q.row and q.cypher
    values = {}
    for p in q.params:
        values[p.name] = {"date": "2020-01-01", "int": 2, "list": ""}.get(p.type, "Sundhedsstyregruppe")
    rows = catalogue.run(name, **{k: v for k, v in values.items()
                                  if not any(p.name == k and p.default for p in q.params)})
    assert isinstance(rows, list)


def test_snapshot_as_a_networkx_graph(bundled_graph):
    g = structure.snapshot_graph("2026-06-01")
    snap = structure.snapshot("2026-06-01")
    assert g.graph["at"] == "2026-06-01"
    assert g.number_of_edges() == len(snap["relations"])
    assert {b["uid"] for b in snap["bodies"]} <= set(g.nodes)
    forum = next(u for u, d in g.nodes(data=True) if d.get("name") == FORUM)
    boards = [(d["type"], g.nodes[v]["name"]) for _, v, d in g.out_edges(forum, data=True)
              if d["type"] == "BOARD_OF"]
    assert boards == [("BOARD_OF", "Folkesundhed i Midten")]
    assert g.nodes[next(iter(g.successors(forum)))]["label"] in ("Body", "Organisation")
