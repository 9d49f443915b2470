"""The explorer (dashboard/) against a real Neo4j with the bundled documents, driven
through streamlit.testing.v1.AppTest: every page runs, its widgets drive the right
queries, the network HTML at a date holds the expected bodies, and a missing Neo4j
gives a clear Danish message, not a traceback.

Run with GOVGRAPH_TEST_PORT set to a free port when colleagues run tests at the same time.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import statistics
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import graphview
from dashboard import labels as L

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard" / "app.py")
FORUM = "Tværgående direktørforum for det nære sundhedsvæsen"
STYREGRUPPE = "Sundhedsstyregruppe"
PAGES = ["views/tidslinje.py", "views/struktur.py", "views/sammenlign.py", "views/organ.py",
         "views/organisationer.py", "views/revision.py", "views/cypher.py", "views/indlaes.py"]


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test sees the graph as it is now, not as a previous test cached it."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def new_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=120)


@pytest.fixture()
def app(bundled_graph) -> AppTest:
    at = new_app()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def page(at: AppTest, path: str) -> AppTest:
    at.switch_page(path).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def graph(at: AppTest, index: int = 0) -> tuple[list[dict], list[dict]]:
    frames = at.get("iframe")
    assert len(frames) > index, "no network on the page"
    html = frames[index].proto.srcdoc
    assert graphview.is_offline(html), "the network page references a remote resource"
    return graphview.elements_in_html(html)


def names(nodes: list[dict]) -> set[str]:
    return {n["title"].split("\n", 1)[0] for n in nodes}


def metric(at: AppTest, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")


def uid_of(name: str, region: str = "Region Midtjylland") -> str:
    from govgraph import db

    rows = db.read("MATCH (b:Body {name: $n, region: $r}) RETURN b.uid AS uid ORDER BY b.from_date",
                   {"n": name, "r": region})
    assert rows, name
    return rows[0]["uid"]


# =========================================================================== Struktur


def set_date(at: AppTest, day: dt.date) -> AppTest:
    at.date_input(key="struktur_dato").set_value(day).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_struktur_graph_holds_the_bodies_valid_at_the_date(app):
    from queries import structure

    at = set_date(app, dt.date(2008, 1, 1))
    nodes, edges = graph(at)
    shown = names(nodes)
    assert STYREGRUPPE in shown
    assert FORUM not in shown
    expected = structure.snapshot("2008-01-01")
    assert metric(at, "Organer på datoen") == str(len(expected["bodies"]))
    assert {b["uid"] for b in expected["bodies"]} <= {n["id"] for n in nodes}
    pos_2008 = {n["id"]: (n["x"], n["y"]) for n in nodes}

    at = set_date(at, dt.date(2026, 6, 1))
    nodes, edges = graph(at)
    assert FORUM in names(nodes)
    assert metric(at, "Organer på datoen") == str(len(structure.snapshot("2026-06-01")["bodies"]))
    # positions are stable: a body present at both dates stands at the same place
    pos_2026 = {n["id"]: (n["x"], n["y"]) for n in nodes}
    common = pos_2008.keys() & pos_2026.keys()
    assert common
    assert all(pos_2008[k] == pos_2026[k] for k in common)
    # physics off, so vis.js keeps those positions
    html = at.get("iframe")[0].proto.srcdoc
    assert '"physics": {"enabled": false}' in html
    assert all(n.get("physics") is False for n in nodes)


def test_struktur_slider_moves_the_date(app):
    options = app.select_slider(key="struktur_slider").options
    assert "2022-06-23" in options and "2007-01-01" in options  # document and reform dates
    app.select_slider(key="struktur_slider").set_value("2022-06-23").run()
    assert not app.exception
    assert app.date_input(key="struktur_dato").value == dt.date(2022, 6, 23)
    assert app.session_state["at"] == "2022-06-23"
    shown = names(graph(app)[0])
    assert "Sundhedsklynge Fyn" in shown  # the Syddanmark klynger start on 23 Jun 2022
    app.select_slider(key="struktur_slider").set_value("2015-11-04").run()
    assert "Sundhedsklynge Fyn" not in names(graph(app)[0])


def test_struktur_filters(app):
    at = set_date(app, dt.date(2026, 6, 1))
    at.multiselect(key="struktur_region").set_value(["Region Syddanmark"]).run()
    nodes, _ = graph(at)
    bodies = [n for n in nodes if n["shape"] != "box"]  # organisations are boxes
    assert bodies and all("Region Syddanmark" in n["title"] for n in bodies)
    assert FORUM not in names(nodes)

    at.multiselect(key="struktur_region").set_value([]).run()
    at.text_input(key="struktur_soeg").set_value("Sundhedsstyregruppen").run()  # an alias (definite form)
    nodes, edges = graph(at)
    shown = names(nodes)
    assert STYREGRUPPE in shown
    assert "Sundhedsklynge Fyn" not in shown
    assert len(shown) < 20
    at.checkbox(key="struktur_naboer").uncheck().run()
    assert names(graph(at)[0]) == {STYREGRUPPE}

    at.text_input(key="struktur_soeg").set_value("").run()
    at.multiselect(key="struktur_relationer").set_value(["SECRETARIAT_FOR"]).run()
    _, edges = graph(at)
    assert edges and all(L.relation("SECRETARIAT_FOR") in e["title"].split("\n")[0] for e in edges)



def test_struktur_region_filter_has_its_own_stable_layout(app):
    """Filtered on a region, the positions come from that region's layout (the same at
    every date), and the unfiltered view holds that layout moved as a whole."""
    from dashboard import data

    region = "Region Midtjylland"
    at = app
    at.multiselect(key="struktur_region").set_value([region]).run()
    at = set_date(at, dt.date(2008, 1, 1))
    pos_2008 = {n["id"]: (n["x"], n["y"]) for n in graph(at)[0]}
    at = set_date(at, dt.date(2026, 6, 1))
    pos_2026 = {n["id"]: (n["x"], n["y"]) for n in graph(at)[0]}
    common = pos_2008.keys() & pos_2026.keys()
    assert common and all(pos_2008[k] == pos_2026[k] for k in common)

    scoped = data.layout([region])
    assert all(scoped[k] == p for k, p in {**pos_2008, **pos_2026}.items())
    # the scope is exactly what the filter can show: the region's bodies and their parties
    bodies = {b["uid"] for b in data.all_bodies()}
    mine = {b["uid"] for b in data.all_bodies() if b.get("region") == region}
    assert mine <= scoped.keys()
    assert not {k for k in scoped if k in bodies and k not in mine}
    # the unfiltered layout: each component of the region's layout the same shape, shifted
    # (organisations shared with another region stand in one of them only)
    everything = data.layout()
    ids, edges = graphview.layout_scope(data.all_bodies(), data.all_relations(), data.parties(), [region])
    components = graphview.layout_blocks(ids, edges)
    assert len(components) > 1
    for block in components:
        shifts = [(everything[k][0] - scoped[k][0], everything[k][1] - scoped[k][1]) for k in block if k in mine]
        assert all(s == pytest.approx(shifts[0], abs=0.11) for s in shifts)  # (positions rounded to 0.1)
    # and the viewport is the scope's bounding box, whatever the date
    html = at.get("iframe")[0].proto.srcdoc
    assert json.dumps(graphview.bbox(scoped)) in html

def test_struktur_opens_the_organ_page(app):
    at = set_date(app, dt.date(2026, 6, 1))
    uid = uid_of(STYREGRUPPE)
    at.selectbox(key="struktur_valgt").set_value(uid).run()
    at.button(key="struktur_aabn").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["Organ"]
    assert at.query_params["organ"] == [uid] or at.query_params["organ"] == uid
    assert STYREGRUPPE in [h.value for h in at.header]


# =========================================================================== other pages


def chart_rows(chart) -> list[dict]:
    """The rows of every dataset of an st.altair_chart element (sent as Arrow)."""
    import pyarrow as pa

    rows = []
    for ds in chart.proto.datasets:
        rows += pa.ipc.open_stream(ds.data.data).read_pandas().to_dict("records")
    return rows


def test_tidslinje(app):
    from dashboard import data

    at = page(app, "views/tidslinje.py")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 3  # events, lifetimes, counts per period
    events = chart_rows(charts[0])
    assert {r["navn"] for r in events} >= {r["name"] for r in data.reforms()["reforms"]}
    assert {r["navn"] for r in events} >= {d["title"] for d in data.documents() if d["date_start"]}
    organs = {r["organ"] for r in chart_rows(charts[1]) if "organ" in r}
    assert {STYREGRUPPE, FORUM} <= organs
    periods = at.dataframe[0].value
    with_counts = {r["periode"]: r for r in periods.to_dict("records")}
    yaml_periods = [p["name"] for p in data.reforms()["periods"]]
    assert list(with_counts) == yaml_periods
    assert with_counts["1. generation sundhedsaftaler"]["organer i perioden"] > 0
    assert with_counts["Overgangsåret 2026"]["organer i perioden"] > with_counts[
        "1. generation sundhedsaftaler"]["organer i perioden"]
    # the region filter reaches the chart
    at.multiselect(key="tidslinje_region").set_value(["Syddanmark"]).run()
    regions = {r["region"] for r in chart_rows(at.get("vega_lite_chart")[1]) if "region" in r}
    assert regions == {"Syddanmark"}


def test_sammenlign_marks_added_removed_changed(app):
    from queries import structure

    at = page(app, "views/sammenlign.py")
    at.date_input(key="sammenlign_fra").set_value(dt.date(2008, 1, 1))
    at.date_input(key="sammenlign_til").set_value(dt.date(2026, 6, 1)).run()
    assert not at.exception
    d = structure.diff("2008-01-01", "2026-06-01")
    assert metric(at, "Organer tilføjet") == str(len(d["added"]["bodies"]))
    assert metric(at, "Organer fjernet") == str(len(d["removed"]["bodies"]))
    nodes, edges = graph(at)
    status = {n["title"].split("\n", 1)[0]: n for n in nodes}
    assert "Status: tilføjet" in status[FORUM]["title"]
    removed = d["removed"]["bodies"]
    assert removed, "expected a body that ends between 2008 and 2026 (e.g. the SKU)"
    for b in removed:
        node = next(n for n in nodes if n["id"] == b["uid"])
        assert "Status: fjernet" in node["title"] and node.get("opacity", 1) < 1
    # the tables under the graph list the same changes
    added_table = at.dataframe[0].value
    assert set(added_table["organ"]) == {b["name"] for b in d["added"]["bodies"]}


def test_organ_page_shows_facts_with_sources(app):
    from govgraph import db
    from queries import structure

    uid = uid_of(STYREGRUPPE)
    app.query_params["organ"] = uid
    at = page(app, "views/organ.py")
    assert STYREGRUPPE in [h.value for h in at.header]
    seats = db.read("MATCH (s:Seat)-[:IN_BODY]->(:Body {uid: $u}) RETURN s.evidence AS e", {"u": uid})
    table = at.dataframe[0].value
    assert len(table) == len(seats) and len(seats) > 0
    assert set(table["citat"]) == {s["e"] for s in seats}
    captions = " ".join(c.value for c in at.caption)
    described = db.read("MATCH (:Body {uid: $u})-[f:DESCRIBED_IN]->(d:Document) RETURN f.evidence AS e, "
                        "d.title AS t", {"u": uid})
    for f in described:
        assert f["e"] in captions and f["t"] in captions  # quote with its document
    subheaders = [s.value for s in at.subheader]
    assert any(s.startswith("Sæder") for s in subheaders)
    assert "Forgængere og efterfølgere" in subheaders
    lin = structure.lineage(uid)
    if not (lin["predecessors"] or lin["successors"]):
        assert "Ingen afløsning" in captions
    # choosing another body in the selectbox shows that body
    other = uid_of(FORUM)
    at.selectbox(key="organ_valg").set_value(other).run()
    assert FORUM in [h.value for h in at.header]
    assert at.query_params["organ"] in ([other], other)


def test_organisationer_counts_seats_at_each_date(app):
    from govgraph import db

    plo = db.read("MATCH (o:Organisation) WHERE o.name = 'Praktiserende Lægers Organisation' RETURN o.uid AS u")
    assert plo
    at = page(app, "views/organisationer.py")
    at.multiselect(key="org_valg").set_value([plo[0]["u"]]).run()
    assert not at.exception
    pivot = at.dataframe[0].value.set_index("dato")
    column = pivot["Praktiserende Lægers Organisation"]
    expected_2026 = db.read(
        "MATCH (s:Seat)-[:HELD_BY]->(o:Organisation {uid: $u}) "
        "WHERE s.from_date <= date('2026-01-01') AND (s.to_date IS NULL OR s.to_date >= date('2026-01-01')) "
        "RETURN sum(coalesce(s.count_max, s.count, 1)) AS n", {"u": plo[0]["u"]})[0]["n"]
    assert column["2007-01-01"] == 0
    assert column["2026-01-01"] == expected_2026 > 0


AUDIT = """// name: test_bodies_without_seats
// title: Organer uden sæder (test)
// question: Which bodies at the date have no seats?
// spørgsmål: Hvilke organer har ingen sæder på datoen?
// params: at:date
// row: one body without seats
MATCH (b:Body) WHERE b.from_date <= $at AND (b.to_date IS NULL OR b.to_date >= $at)
  AND NOT EXISTS { MATCH (:Seat)-[:IN_BODY]->(b) }
RETURN b.uid AS uid, b.name AS name, b.documents[-1] AS document, b.evidence[-1] AS evidence
ORDER BY name
"""


def test_revision_runs_the_audits(app, tmp_path, monkeypatch):
    from govgraph import db
    from queries import catalogue

    real = catalogue.catalogue
    path = tmp_path / "test_bodies_without_seats.cypher"
    path.write_text(AUDIT, encoding="utf-8")
    extra = catalogue.parse_file(path, "audit")

    def with_test_audit():
        return {**real(), extra.name: extra}

    with_test_audit.cache_clear = real.cache_clear
    monkeypatch.setattr(catalogue, "catalogue", with_test_audit)
    at = page(app, "views/revision.py")
    assert extra.name in at.multiselect(key="revision_valg").value  # every audit runs by default
    at.multiselect(key="revision_valg").set_value([extra.name, *[n for n in at.multiselect(
        key="revision_valg").options if n == "no_chair"]])
    at.date_input(key="revision_dato").set_value(dt.date(2026, 6, 1)).run()
    assert not at.exception, [e.message for e in at.exception]
    expected = db.read(AUDIT.split("\n", 6)[6], {"at": dt.date(2026, 6, 1)})
    assert expected
    tables = [df.value for df in at.dataframe]
    mine = next(t for t in tables if "uid" in t.columns and set(t["uid"]) == {r["uid"] for r in expected})
    assert list(mine.columns) == ["navn", "kilde", "citat", "uid"]  # Danish headings
    assert mine["citat"].notna().any()
    assert any(k.startswith("Organisering af") or "(" in k for k in mine["kilde"].dropna())
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Hent fund som CSV", "Hent rapport som Markdown"]
    at.multiselect(key="revision_valg").set_value([extra.name]).run()
    assert metric(at, "Fund pr. 2026-06-01") == str(len(expected))


def test_revision_without_audits_says_so(app, monkeypatch):
    from queries import catalogue

    real = catalogue.catalogue

    def no_audits():
        return {k: q for k, q in real().items() if q.kind != "audit"}

    no_audits.cache_clear = real.cache_clear
    monkeypatch.setattr(catalogue, "catalogue", no_audits)
    at = page(app, "views/revision.py")
    assert any("ingen revisioner" in i.value for i in at.info)
    assert not at.dataframe


def test_revision_exports(bundled_graph):
    from dashboard import data

    findings = {"x": [{"name": "Økonomigruppe", "document": "midt-2007-samarbejde-sundhedsomraadet",
                       "evidence": "Økonomigruppen"}]}
    csv = data.findings_csv(findings).decode()
    assert csv.splitlines()[0] == "revision,name,document,evidence"
    assert "Økonomigruppe" in csv
    md = data.findings_markdown(findings, "2026-06-01", {"x": {"title": "T", "spørgsmål": "Q?"}})
    assert "## Q?" in md and "- **Økonomigruppe**" in md and "«Økonomigruppen»" in md
    assert "Organisering af det regionale" in md


def test_cypher_console_reads_refuses_and_limits(app):
    from govgraph import db

    at = page(app, "views/cypher.py")
    at.text_area(key="cypher_tekst").set_value("MATCH (b:Body) RETURN b ORDER BY b.uid LIMIT 5").run()
    at.button(key="cypher_koer").click().run()
    assert not at.exception and not at.error
    assert len(at.dataframe[0].value) == 5
    nodes, _ = graph(at)  # the rows hold nodes: also a graph
    assert len(nodes) == 5

    at.text_area(key="cypher_tekst").set_value("CREATE (n:Hacked {x: 1}) RETURN n").run()
    at.button(key="cypher_koer").click().run()
    assert at.error and "ikke kørt" in at.error[0].value and "CREATE" in at.error[0].value
    assert db.read("MATCH (n:Hacked) RETURN count(n) AS n")[0]["n"] == 0

    at.text_area(key="cypher_tekst").set_value("MATCH (b:Body) RETURN b.name AS navn").run()
    at.number_input(key="cypher_graense").set_value(3).run()
    at.button(key="cypher_koer").click().run()
    assert len(at.dataframe[0].value) == 3
    assert any("afkortet" in w.value for w in at.warning)

    at.text_area(key="cypher_tekst").set_value(
        "MATCH (b:Body) WHERE b.from_date <= date($at) RETURN b.name AS navn").run()
    at.text_input(key="cypher_param").set_value("at=2008-01-01").run()
    at.number_input(key="cypher_graense").set_value(1000).run()
    at.button(key="cypher_koer").click().run()
    assert not at.error
    got = set(at.dataframe[0].value["navn"])
    assert STYREGRUPPE in got and FORUM not in got


def _seed_upload() -> bytes:
    return (ROOT / "data" / "documents" / "000_1b6cf4986cfd6714.txt").read_bytes()


def test_indlaes_shows_draft_with_marked_evidence_and_dry_run(app):
    from tests.conftest import graph_checksum

    before = graph_checksum()
    at = page(app, "views/indlaes.py")
    at.file_uploader(key="indlaes_fil").upload("forum.txt", _seed_upload(), "text/plain").run()
    assert not at.exception, [e.message for e in at.exception]
    marked = [h for h in at.get("html") if "<mark" in h.proto.body]
    assert marked
    body = marked[0].proto.body
    assert body.count("<mark") >= 10 and "Tværgående direktørforum" in body
    yaml_key = next(t.key for t in at.text_area)
    assert "document:" in at.text_area(key=yaml_key).value
    at.button(key="indlaes_toerkoer").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Tørkørsel" in i.value for i in at.info)
    assert at.code and any("body" in c.value for c in at.code)
    assert graph_checksum() == before  # a dry run writes nothing

    # a broken edit is refused with the loader's message, still nothing written
    at.text_area(key=yaml_key).set_value("document: {id: Not A Slug}").run()
    at.button(key="indlaes_koer").click().run()
    assert at.error and "Intet er skrevet" in at.error[0].value
    assert graph_checksum() == before


def test_indlaes_loads_the_document(app, dirty_graph):
    from govgraph import db

    assert not db.read("MATCH (d:Document {file: 'documents/ny-kommissorium.txt'}) RETURN d")
    at = page(app, "views/indlaes.py")
    at.file_uploader(key="indlaes_fil").upload("ny kommissorium.txt", _seed_upload(), "text/plain").run()
    at.button(key="indlaes_koer").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("indlæst" in s.value for s in at.success)
    rows = db.read("MATCH (d:Document {file: 'documents/ny-kommissorium.txt'}) RETURN d.uid AS uid, d.text AS t")
    assert len(rows) == 1 and "Tværgående direktørforum" in rows[0]["t"]


def test_highlighting_escapes_html():
    from dashboard import data

    text = "Intro <script>x</script>. Sundhedsstyregruppen\nmødes fire gange om året."
    ann = {"bodies": [{"name": "Sundhedsstyregruppe", "evidence": "Sundhedsstyregruppen mødes fire gange"}]}
    out = data.highlighted_html(text, ann)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '<mark style="background:#ffe58a" title="bodies: Sundhedsstyregruppe">Sundhedsstyregruppen\nmødes fire gange</mark>' in out


# =========================================================================== every page; Neo4j down


@pytest.mark.parametrize("path", PAGES)
def test_every_page_runs(app, path):
    at = page(app, path)
    assert at.title and at.title[0].value
    # the Revision page reports an audit that fails on its own (a colleague's query), in Danish,
    # and still shows the others; any other error is a failure
    errors = [e.value for e in at.error if not e.value.startswith("Revisionen kunne ikke køres")]
    assert not errors, errors


def test_neo4j_down_gives_a_danish_message_on_every_page(monkeypatch):
    from govgraph import db

    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    db.close()
    try:
        at = new_app()
        at.run()
        for path in [None] + PAGES:
            if path:
                at.switch_page(path).run()
            assert not at.exception, [e.message for e in at.exception]
            assert at.error and "Databasen (Neo4j) svarer ikke" in at.error[0].value
            assert not at.get("iframe")
    finally:
        db.close()


def test_an_unexpected_error_is_one_danish_message(app, monkeypatch):
    from dashboard import data

    def broken(*a, **k):
        raise ValueError("kaput")

    monkeypatch.setattr(data, "structure_view", broken)
    at = app.switch_page("views/struktur.py").run()
    assert at.error and at.error[0].value.startswith("Siden kunne ikke vises: ValueError: kaput")
    # the traceback only inside the folded "Tekniske detaljer"
    details = [e for e in at.expander if e.label == "Tekniske detaljer"]
    assert len(details) == 1 and len(details[0].exception) == 1
    assert len(at.exception) == 1


# =========================================================================== the view builder


def test_network_html_is_offline_and_complete():
    nodes = [{"id": "a", "name": "Sundhedsstyregruppe", "is_org": False, "kind": "styregruppe",
              "level": "administrative", "title": "a"},
             {"id": "b", "name": "Formandskab", "is_org": False, "kind": "formandskab", "level": None, "title": "b"},
             {"id": "o", "name": "PLO", "is_org": True, "title": "o"}]
    edges = [{"id": "e1", "source": "b", "target": "a", "type": "SUBGROUP_OF", "title": "t"},
             {"id": "e2", "source": "o", "target": "a", "type": "SECRETARIAT_FOR", "title": "t"}]
    pos = graphview.compute_layout(["a", "b", "o"], [("b", "a"), ("o", "a")])
    html = graphview.build_html(nodes, edges, pos)
    assert graphview.is_offline(html)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html.split("<script>", 1)[0]
    assert "vis.Network" in html and len(html) > 300_000  # vis.js is inlined
    got_nodes, got_edges = graphview.elements_in_html(html)
    assert {n["id"] for n in got_nodes} == {"a", "b", "o"}
    by_id = {n["id"]: n for n in got_nodes}
    assert by_id["a"]["shape"] == "square" and by_id["a"]["color"]["background"] == L.LEVEL_COLOURS["administrative"]
    assert by_id["b"]["shape"] == "image" and by_id["b"]["image"].startswith("data:image/svg+xml")
    assert by_id["o"]["shape"] == "box"
    assert {e["id"]: e["dashes"] for e in got_edges} == {"e1": False, "e2": L.RELATION_STYLES["SECRETARIAT_FOR"][1]}
    assert (by_id["a"]["x"], by_id["a"]["y"]) == pos["a"]
    assert 'id="gg-legend"' in html and L.relation("SECRETARIAT_FOR") in html and "Organisation" in html


def test_layout_is_deterministic_and_spread():
    ids = [f"n{i}" for i in range(40)]
    edges = [(f"n{i}", f"n{i // 3}") for i in range(1, 40)] + [("x", "y")]
    a = graphview.compute_layout(ids + ["x", "y", "z"], edges)
    b = graphview.compute_layout(list(reversed(ids + ["x", "y", "z"])), list(reversed(edges)))
    assert a == b
    pts = list(a.values())
    close = [(p, q) for i, p in enumerate(pts) for q in pts[i + 1:]
             if abs(p[0] - q[0]) < graphview.UNIT * 0.5 and abs(p[1] - q[1]) < graphview.UNIT * 0.25]
    assert not close, close[:3]



def _close_pairs(pos: dict) -> list:
    """Pairs of labels closer than half a label's box (the layout's promise)."""
    import numpy as np
    from scipy.spatial import cKDTree

    ids = sorted(pos)
    u = np.array([pos[i] for i in ids]) / [graphview.UNIT * 0.5, graphview.UNIT * 0.25]
    return [(ids[i], ids[j]) for i, j in cKDTree(u).query_pairs(1.0, p=np.inf) if
            abs(u[i, 0] - u[j, 0]) < 1 and abs(u[i, 1] - u[j, 1]) < 1]


def _country(n_regions: int = 3, per_region: int = 40):
    """All-time rows shaped like data.py's: bodies in regions (and one without), an
    organisation of each region, one shared by all, lines within and between regions."""
    bodies, rels, parties = [], [], {}

    def rel(a, b, t="SUBGROUP_OF"):
        rels.append({"source_uid": a, "target_uid": b, "type": t})

    for r in range(n_regions):
        region = f"Region {chr(65 + r)}"
        org = f"org-{r}"
        parties[org] = {"uid": org, "name": f"Kommune {r}", "label": "Organisation"}
        for i in range(per_region):
            uid = f"b-{r}-{i:02d}"
            bodies.append({"uid": uid, "name": f"Organ {r}.{i}", "region": region})
            parties[uid] = {"uid": uid, "name": uid, "label": "Body", "region": region}
            if i:
                rel(uid, f"b-{r}-{(i - 1) // 3:02d}")
            if i % 7 == 0:
                rel(org, uid, "SECRETARIAT_FOR")
        rel("shared", f"b-{r}-00", "ADVISES")
        if r:
            rel(f"b-{r}-05", f"b-{r - 1}-05", "SUCCEEDS")  # a line between two regions
    rel("shared", "b-0-01", "ADVISES")  # the shared organisation: most lines with Region A
    parties["shared"] = {"uid": "shared", "name": "Danske Regioner", "label": "Organisation"}
    bodies.append({"uid": "national", "name": "Nationalt organ", "region": None})
    parties["national"] = {"uid": "national", "name": "Nationalt organ", "label": "Body"}
    rel("national", "shared", "ADVISES")
    return bodies, rels, parties


def test_layout_scope_is_what_a_region_filter_can_show():
    bodies, rels, parties = _country()
    ids, edges = graphview.layout_scope(bodies, rels, parties, ["Region B"])
    region_b = {b["uid"] for b in bodies if b["region"] == "Region B"}
    assert set(ids) == region_b | {"org-1", "shared"}  # not Region A's or C's bodies
    assert ("b-1-05", "b-0-05") not in edges  # a line to another region is not drawn
    # the view, at a "date" holding everything, shows exactly that scope
    snap = {"at": "2020-01-01", "bodies": bodies, "seats": [],
            "relations": [dict(r, source=r["source_uid"], target=r["target_uid"]) for r in rels]}
    nodes, shown = graphview.snapshot_elements(snap, parties=parties, regions=["Region B"])
    assert {n["id"] for n in nodes} == set(ids)
    assert sorted((e["source"], e["target"]) for e in shown) == sorted(edges)
    # every region's scope in one pass, the same
    scopes = graphview.layout_scopes(bodies, rels, parties)
    assert set(scopes) == {"Region A", "Region B", "Region C", None}
    for region, (ids_, edges_) in scopes.items():
        want = graphview.layout_scope(bodies, rels, parties, [region])
        assert ids_ == want[0] and sorted(edges_) == sorted(want[1])


def test_scoped_layout_composes_the_regions_layouts():
    bodies, rels, parties = _country()
    whole = graphview.scoped_layout(bodies, rels, parties)
    assert whole == graphview.scoped_layout(list(reversed(bodies)), list(reversed(rels)), parties)
    assert set(whole) == set(graphview.layout_scope(bodies, rels, parties)[0])
    assert not _close_pairs(whole)
    for region in ("Region A", "Region B", "Region C"):
        alone = graphview.scoped_layout(bodies, rels, parties, [region])
        ids, edges = graphview.layout_scope(bodies, rels, parties, [region])
        assert alone == graphview.compute_layout(ids, edges)
        assert not _close_pairs(alone)
        # the same shape among the others: one shift for all the region's bodies (here one
        # component a region)
        mine = sorted(b["uid"] for b in bodies if b["region"] == region)
        assert len(graphview.layout_blocks(ids, edges)) == 1
        shifts = [(whole[k][0] - alone[k][0], whole[k][1] - alone[k][1]) for k in mine]
        assert all(s == pytest.approx(shifts[0], abs=0.11) for s in shifts), region  # (rounding to 0.1)
    # the shared organisation stands with the region it has the most lines with
    a = graphview.scoped_layout(bodies, rels, parties, ["Region A"])
    shift_a = (whole["b-0-00"][0] - a["b-0-00"][0], whole["b-0-00"][1] - a["b-0-00"][1])
    assert whole["shared"] == pytest.approx((a["shared"][0] + shift_a[0], a["shared"][1] + shift_a[1]), abs=0.2)
    # two regions: those two blocks only
    two = graphview.scoped_layout(bodies, rels, parties, ["Region C", "Region A"])
    assert ({k for k in two if k.startswith("b-")}
            == {b["uid"] for b in bodies if b["region"] in ("Region A", "Region C")})


def test_large_component_layout_is_sparse_deterministic_and_spread(monkeypatch):
    """Above DENSE_MAX nodes a component takes the sparse stress model (no n×n matrix):
    still deterministic, edges of a sensible length, labels apart."""
    import numpy as np

    monkeypatch.setattr(graphview, "DENSE_MAX", 100)
    rng = np.random.default_rng(3)
    n = 600
    ids = [f"n{i:03d}" for i in range(n)]
    edges = [(ids[i], ids[int(rng.integers(0, i))]) for i in range(1, n)]
    edges += [(ids[int(a)], ids[int(b)]) for a, b in rng.integers(0, n, size=(60, 2)) if a != b]
    a = graphview.compute_layout(ids, edges)
    assert a == graphview.compute_layout(list(reversed(ids)), list(reversed(edges)))
    assert set(a) == set(ids) and all(math.isfinite(v) for p in a.values() for v in p)
    assert not _close_pairs(a)
    lengths = [math.dist(a[s], a[t]) / graphview.UNIT for s, t in edges]
    assert 0.8 < statistics.median(lengths) < 6
    # the dense model on the same graph: a layout of the same kind
    monkeypatch.setattr(graphview, "DENSE_MAX", 1000)
    dense = graphview.compute_layout(ids, edges)
    assert 0.8 < statistics.median(math.dist(dense[s], dense[t]) / graphview.UNIT for s, t in edges) < 6

def test_the_explorer_recovers_when_neo4j_is_back(bundled_graph, monkeypatch):
    """Down: a Danish message; back (same app session, next rerun): the graph again."""
    from govgraph import db

    real_uri, real_password = os.environ["NEO4J_URI"], os.environ.get("NEO4J_PASSWORD", "")
    at = new_app()
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # the server is "down"
    db.close()
    at.run()
    assert at.error and "Databasen (Neo4j) svarer ikke" in at.error[0].value
    monkeypatch.setenv("NEO4J_URI", real_uri)  # it is back
    monkeypatch.setenv("NEO4J_PASSWORD", real_password)
    db.close()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert not [e for e in at.error if "svarer ikke" in e.value]
    assert at.get("iframe"), "the graph is shown again"
