"""Exports (queries/exports.py): each format is parsed back and its counts checked against
the graph, for the whole timeline and for one date."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import RDF

from govgraph import db
from govgraph.cli import main
from loaders.load import BUNDLED, load_paths
from loaders.reference import REFERENCE_ANNOTATIONS
from queries import exports
from queries.catalogue import QueryError

AT = "2026-06-01"
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
GG = rdflib.Namespace("urn:govgraph:vocab:")
SKU = "Sundhedskoordinationsudvalg"
TVAERGAAENDE = "Tværgående direktørforum for det nære sundhedsvæsen"

VALID = "{x}.from_date <= date($at) AND ({x}.to_date IS NULL OR {x}.to_date >= date($at))"


def v(x: str) -> str:
    return VALID.format(x=x)


@pytest.fixture()
def export_graph(request, bundled_graph):
    """The bundled graph with the reference annotations (see tests/test_audits.py)."""
    result = load_paths([BUNDLED, REFERENCE_ANNOTATIONS])
    if any(r.changed for r in result.reports):
        request.getfixturevalue("dirty_graph")
    yield


def count(query: str, **params) -> int:
    return db.read(query, params)[0]["n"]


def expected(at: str | None) -> dict:
    """What the export must hold, counted straight from the graph."""
    if at is None:
        bodies = count("MATCH (b:Body) RETURN count(b) AS n")
        orgs = count("MATCH (o:Organisation) RETURN count(o) AS n")
        seats = count("MATCH (s:Seat)-[:IN_BODY]->(:Body) RETURN count(s) AS n")
        rels = count("MATCH (:Party)-[r]->(:Party) WHERE r.document IS NOT NULL RETURN count(r) AS n")
        held = count("MATCH (s:Seat)-[:HELD_BY]->(:Party) RETURN count(s) AS n")
        appointed = count("MATCH (s:Seat)-[:APPOINTED_BY]->(:Party) RETURN count(s) AS n")
        succeeds = count("MATCH (:Body)-[r:SUCCEEDS]->(:Body) RETURN count(r) AS n")
        held_in_graph = held
    else:
        bodies = count(f"MATCH (b:Body) WHERE {v('b')} RETURN count(b) AS n", at=at)
        seat_match = f"MATCH (s:Seat)-[:IN_BODY]->(b:Body) WHERE {v('s')} AND {v('b')}"
        seats = count(f"{seat_match} RETURN count(s) AS n", at=at)
        held = count(f"{seat_match} MATCH (s)-[:HELD_BY]->(:Party) RETURN count(s) AS n", at=at)
        # seat links in GraphML/GEXF end at nodes of the export: an organisation, or a body valid then
        held_in_graph = count(f"{seat_match} MATCH (s)-[:HELD_BY]->(p:Party) WHERE p:Organisation OR {v('p')} "
                              "RETURN count(s) AS n", at=at)
        appointed = count(f"{seat_match} MATCH (s)-[:APPOINTED_BY]->(p:Party) WHERE p:Organisation OR {v('p')} "
                          "RETURN count(s) AS n", at=at)
        rels = count(f"MATCH (a:Party)-[r]->(b:Party) WHERE r.document IS NOT NULL AND {v('r')} "
                     f"AND (a:Organisation OR {v('a')}) AND (b:Organisation OR {v('b')}) RETURN count(r) AS n", at=at)
        succeeds = count(f"MATCH (a:Body)-[r:SUCCEEDS]->(b:Body) WHERE {v('r')} AND {v('a')} AND {v('b')} "
                         "RETURN count(r) AS n", at=at)
        orgs = count(
            "MATCH (o:Organisation) WHERE "
            f"EXISTS {{ MATCH (s:Seat)-[:HELD_BY|APPOINTED_BY]->(o) MATCH (s)-[:IN_BODY]->(b:Body) "
            f"         WHERE {v('s')} AND {v('b')} }} "
            f"OR EXISTS {{ MATCH (o)-[r]-(p:Party) WHERE r.document IS NOT NULL AND {v('r')} "
            f"             AND (p:Organisation OR {v('p')}) }} "
            "RETURN count(o) AS n", at=at)
    return {"bodies": bodies, "organisations": orgs, "seats": seats, "relations": rels, "held": held,
            "held_in_graph": held_in_graph, "appointed": appointed, "succeeds": succeeds}


# --------------------------------------------------------------------------- GraphML


@pytest.mark.parametrize("at", [None, AT])
def test_graphml_round_trip(export_graph, tmp_path, at):
    path = tmp_path / "g.graphml"
    message = exports.export("graphml", path, at=at)
    want = expected(at)
    g = nx.read_graphml(path, force_multigraph=True)
    nodes = want["bodies"] + want["organisations"] + want["seats"]
    edges = want["relations"] + want["seats"] + want["held_in_graph"] + want["appointed"]
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges)
    assert f"{nodes} nodes, {edges} edges" in message and str(path) in message
    types = [d["node_type"] for _, d in g.nodes(data=True)]
    assert (types.count("Body"), types.count("Organisation"), types.count("Seat")) == (
        want["bodies"], want["organisations"], want["seats"])
    relations = [d["relation"] for _, _, d in g.edges(data=True)]
    assert relations.count("BOARD_OF") == count(
        "MATCH (:Party)-[r:BOARD_OF]->(:Party) " + (f"WHERE {v('r')} " if at else "") + "RETURN count(r) AS n", at=at)
    ssg = next(d for _, d in g.nodes(data=True) if d.get("name") == "Sundhedsstyregruppe")
    assert ssg["kind"] == "styregruppe" and "midt-2019-administrativ-organisering-sundhedsaftale" in ssg["documents"]
    sku = [d for _, d in g.nodes(data=True) if d.get("name") == SKU]
    assert len(sku) == (0 if at else 1)  # the SKU ended 30 Jun 2022
    board = [d for _, _, d in g.edges(data=True)
             if d["relation"] == "BOARD_OF" and "bestyrelsen for Folkesundhed" in d.get("evidence", "")]
    assert board and board[0]["document"] == "midt-2026-tvaergaaende-direktoerforum"


# --------------------------------------------------------------------------- GEXF


@pytest.mark.parametrize("at", [None, AT])
def test_gexf_round_trip_is_dynamic(export_graph, tmp_path, at):
    path = tmp_path / "g.gexf"
    exports.export("gexf", path, at=at)
    want = expected(at)
    graph_el = ElementTree.parse(path).getroot().find("{http://www.gexf.net/1.2draft}graph")
    assert graph_el.get("mode") == "dynamic" and graph_el.get("timeformat") == "date"
    g = nx.read_gexf(path)
    assert g.number_of_nodes() == want["bodies"] + want["organisations"] + want["seats"]
    assert g.number_of_edges() == want["relations"] + want["seats"] + want["held_in_graph"] + want["appointed"]
    tv = next(d for _, d in g.nodes(data=True) if d.get("label") == TVAERGAAENDE)
    assert (tv["start"], tv["end"]) == ("2026-01-01", "2026-12-31")
    with_start = [d for _, d in g.nodes(data=True) if d.get("node_type") in ("Body", "Seat")]
    assert with_start and all("start" in d for d in with_start)
    # edges carry start/end too; GEXF keeps `type` for directed/undirected, so the relation
    # type is `relation` (and the edge label)
    board = [d for _, _, d in g.edges(data=True) if d.get("relation") == "BOARD_OF"]
    assert board and all("start" in d for d in board)
    assert {d["label"] for d in board} == {"BOARD_OF"}
    # organisations span their links: the kommuner from the 2007 reform, PLO from its first seat
    # (the Sundhedsstyregruppe of the 2019 organisation, dated by inference)
    odense = next(d for _, d in g.nodes(data=True) if d.get("label") == "Odense Kommune")
    assert odense["start"] == "2007-01-01" and "end" not in odense
    plo = next(d for _, d in g.nodes(data=True) if d.get("label") == "Praktiserende Lægers Organisation")
    assert plo["start"] == "2019-01-01" and "end" not in plo
    if at is None:
        sku = next(d for _, d in g.nodes(data=True) if d.get("label") == SKU)
        assert (sku["start"], sku["end"]) == ("2007-01-01", "2022-06-30")


# --------------------------------------------------------------------------- JSON-LD


def _rdf(path: Path) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(path, format="json-ld")
    return g


@pytest.mark.parametrize("at", [None, AT])
def test_jsonld_in_the_organization_ontology(export_graph, tmp_path, at):
    path = tmp_path / "g.jsonld"
    exports.export("jsonld", path, at=at)
    want = expected(at)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"]["org"] == "http://www.w3.org/ns/org#"
    g = _rdf(path)
    subjects = lambda t: set(g.subjects(RDF.type, t))  # noqa: E731
    assert len(subjects(ORG.OrganizationalUnit)) == want["bodies"]
    assert len(subjects(ORG.Organization)) == want["bodies"] + want["organisations"]
    assert len(subjects(ORG.Post)) == want["seats"]
    assert len(subjects(ORG.Membership)) == want["held"]
    assert len(subjects(GG.Relation)) == want["relations"]
    assert len(subjects(ORG.ChangeEvent)) == want["succeeds"]
    # every post is in a body and derived from a document that is itself in the export
    documents = subjects(PROV.Entity)
    for post in subjects(ORG.Post):
        assert (post, ORG.postIn, None) in g
        sources = set(g.objects(post, PROV.wasDerivedFrom))
        assert len(sources) == 1 and sources <= documents
        assert list(g.objects(post, GG.evidence))

    def node(name):
        return next(g.subjects(rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), rdflib.Literal(name)))

    tv = node(TVAERGAAENDE)
    assert (tv, ORG.linkedTo, node("Folkesundhed i Midten")) in g
    assert (node("Fagligt strategisk niveau"), ORG.reportsTo, node("Politisk niveau")) in g
    assert (node("Sundhedsklynge Fyn"), ORG.subOrganizationOf, None) in g
    assert (node("Odense Kommune"), ORG.memberOf, node("Sundhedsklynge Fyn")) in g
    evidence = {str(o) for o in g.objects(None, GG.evidence)}
    assert "udgør bestyrelsen for Folkesundhed i Midten" in evidence
    if at is None:
        sku = node(SKU)
        assert (node("Sundhedsstyregruppe"), ORG.reportsTo, sku) in g
        events = list(g.subjects(ORG.originalOrganization, sku))
        assert len(events) == 1 and (events[0], ORG.resultingOrganization, node("Sundhedssamarbejdsudvalg")) in g
        assert (events[0], RDF.type, ORG.ChangeEvent) in g and list(g.objects(events[0], PROV.wasDerivedFrom))
    else:
        labels = {str(o) for o in g.objects(None, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))}
        assert SKU not in labels


# --------------------------------------------------------------------------- CSV


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("at", [None, AT])
def test_csv_tables(export_graph, tmp_path, at):
    folder = tmp_path / "tables"
    message = exports.export("csv", folder, at=at)
    want = expected(at)
    assert {p.name for p in folder.iterdir()} == {"bodies.csv", "organisations.csv", "seats.csv", "relations.csv"}
    bodies, seats, relations = (_read(folder / f"{t}.csv") for t in ("bodies", "seats", "relations"))
    organisations = _read(folder / "organisations.csv")
    assert (len(bodies), len(organisations), len(seats), len(relations)) == (
        want["bodies"], want["organisations"], want["seats"], want["relations"])
    assert f"{want['bodies']} bodies" in message
    assert len({b["uid"] for b in bodies}) == len(bodies)
    body_uids = {b["uid"] for b in bodies}
    assert all(s["body_uid"] in body_uids for s in seats)
    board = [r for r in relations if r["type"] == "BOARD_OF" and r["source"] == TVAERGAAENDE]
    assert board and board[0]["document"] == "midt-2026-tvaergaaende-direktoerforum"
    assert board[0]["evidence"] == "udgør bestyrelsen for Folkesundhed i Midten"
    assert (board[0]["valid_from"], board[0]["valid_to"]) == ("2026", "2026-12-31")
    tv = next(b for b in bodies if b["name"] == TVAERGAAENDE)
    assert (tv["from_date"], tv["to_date"], tv["to_reason"]) == ("2026-01-01", "2026-12-31",
                                                                 "explicit end stated in its document")
    odense = next(o for o in organisations if o["name"] == "Odense Kommune")
    assert odense["part_of"] == "Region Syddanmark" and odense["kind"] == "kommune"
    assert (SKU in {b["name"] for b in bodies}) == (at is None)


def test_export_at_an_early_date_leaves_out_what_came_later(export_graph, tmp_path):
    folder = tmp_path / "early"
    exports.export("csv", folder, at="2010-01-01")
    want = expected("2010-01-01")
    organisations = {o["name"] for o in _read(folder / "organisations.csv")}
    total = count("MATCH (o:Organisation) RETURN count(o) AS n")
    assert len(organisations) == want["organisations"] < total
    # the 2007 notat's organisations and the kommuner are there; PLO (2019 on) is not yet
    assert {"Praksisudvalget i Region Midtjylland", "Region Midtjylland", "Aarhus Kommune"} <= organisations
    assert "Praktiserende Lægers Organisation" not in organisations
    bodies = {b["name"] for b in _read(folder / "bodies.csv")}
    assert len(bodies) == want["bodies"] and "Sundhedsstyregruppe" in bodies and TVAERGAAENDE not in bodies
    assert len(_read(folder / "seats.csv")) == want["seats"]
    assert len(_read(folder / "relations.csv")) == want["relations"]


# --------------------------------------------------------------------------- the command and errors


def test_cli_export_writes_each_format(export_graph, tmp_path):
    for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("jsonld", "g.jsonld"), ("csv", "tables")):
        result = CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(tmp_path / name), "--at", AT])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("wrote ") and f"at {AT}" in result.output
        assert (tmp_path / name).exists()
    bad = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(tmp_path / "x"), "--at", "2026-99"])
    assert bad.exit_code == 1 and bad.output.startswith("error: ")


def test_export_into_a_folder_and_errors(export_graph, tmp_path):
    message = exports.export("graphml", tmp_path, at=AT)
    assert (tmp_path / f"govgraph-{AT}.graphml").is_file() and "govgraph-2026-06-01.graphml" in message
    with pytest.raises(QueryError, match="unknown export format"):
        exports.export("xlsx", tmp_path / "x.xlsx")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(QueryError, match="is a file"):
        exports.export("csv", a_file)


def test_export_before_2007_is_empty_but_valid(export_graph, tmp_path):
    path = tmp_path / "early.graphml"
    message = exports.export("graphml", path, at="2000-01-01")
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == 0 and "0 nodes" in message
