"""What the scale work changed, checked for equivalence with the simple path: documents
written in batches, YAML read by the fast tree loader, files parsed in worker processes,
validity written back only where it changed, rows read without Record.data(), the
snapshot's queries run concurrently. Each test compares with the plain way of doing it."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from govgraph import db
from loaders import load as L
from loaders.annotation import AnnotationErrors, load_mapping
from model.vocab import RELATION_TYPES
from queries import catalogue, structure
from tests.conftest import graph_checksum, wipe

MINI = Path(__file__).parent / "fixtures" / "mini"


# --------------------------------------------------------------------------- YAML


YAML_CASES = {
    "scalars": "a: 1\nb: -2.5\nc: true\nd: no\ne: null\nf: ~\ng: 2024-05-01\nh: '2024-05-01'\ni: 0x1f\n"
               "j: .inf\nk: 1_000\nl: ''\nm: Ærø & Æbelø\n",
    "nested": "document:\n  id: x\n  tags: [a, b, {c: d}]\nbodies:\n  - name: A\n    seats: []\n"
              "  - name: B\n    aliases:\n      - b\n      - β\n",
    "explicit tags": "a: !!str 123\nb: !!int '7'\nc: !!float 1\nd: !!set {x, y}\ne: !!omap [{k: 1}]\n",
    "duplicate keys": "a: 1\na: 2\n",
    "anchors": "base: &b {x: 1}\nother: *b\n",
    "merge key": "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
    "json": '{"a": [1, 2, {"b": null}], "c": "d"}',
    "multiline": "a: |\n  line one\n  line two\nb: >\n  folded\n  text\n",
}


@pytest.mark.parametrize("name", sorted(YAML_CASES))
def test_the_fast_yaml_reader_gives_what_yaml_safe_load_gives(name, tmp_path):
    path = tmp_path / "a.yaml"
    text = YAML_CASES[name]
    if name != "json":
        text = "root:\n" + "".join(f"  {line}\n" for line in text.splitlines())
    path.write_text(text, encoding="utf-8")
    assert load_mapping(path) == yaml.safe_load(text)


def test_the_fast_yaml_reader_refuses_what_is_too_big(tmp_path, monkeypatch):
    import loaders.annotation as A

    monkeypatch.setattr(A, "MAX_EXPANDED_NODES", 50)
    path = tmp_path / "big.yaml"
    path.write_text("items:\n" + "".join(f"  - {i}\n" for i in range(60)), encoding="utf-8")
    with pytest.raises(A.AnnotationError, match="more than 50 values"):
        load_mapping(path)


def test_a_yaml_bomb_still_goes_to_the_guarded_loader(tmp_path):
    from loaders.annotation import AnnotationError

    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="YAML bomb"):
        load_mapping(path)


# --------------------------------------------------------------------------- parsing in a pool


def _copies(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "many"
    (folder / "documents").mkdir(parents=True)
    shutil.copytree(MINI / "documents", folder / "documents", dirs_exist_ok=True)
    data = yaml.safe_load((MINI / "mini.yaml").read_text(encoding="utf-8"))
    for i in range(n):
        data["document"]["id"] = f"mini-{i:02d}"
        (folder / f"mini-{i:02d}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_files_parsed_in_worker_processes_equal_files_parsed_here(tmp_path):
    folder = _copies(tmp_path, 6)
    files = sorted(folder.glob("*.yaml"))
    here = list(L._read_all(files, parallel=False))
    pool = list(L._read_all(files, parallel=True))
    assert [f for f, _, _ in pool] == files
    assert [repr(p) for _, p, _ in pool] == [repr(p) for _, p, _ in here]


def test_an_error_found_in_a_worker_names_the_file_and_the_entry(tmp_path):
    folder = _copies(tmp_path, 4)
    bad = folder / "mini-02.yaml"
    data = yaml.safe_load(bad.read_text(encoding="utf-8"))
    data["bodies"][0]["kind"] = "Nonsense"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    results = list(L._read_all(sorted(folder.glob("*.yaml")), parallel=True))
    problems = [(f, x) for f, _, x in results if x]
    assert len(problems) == 1 and problems[0][0] == bad
    file, entry, message = problems[0][1][0]
    assert file == str(bad) and entry.startswith("bodies[0]") and "Nonsense" in message


# --------------------------------------------------------------------------- batches


def test_a_batched_load_writes_exactly_what_loading_one_by_one_writes(empty_graph):
    from loaders.annotation import NameIndex, resolve

    L.load_paths()
    batched = graph_checksum()
    assert batched[0]["nodes"] > 100

    wipe()
    parsed = L.parse_all(L.DEFAULT_PATHS)
    index = NameIndex(db.read(L.GRAPH_PARTIES))
    for p in parsed:
        index.add_batch(p)
    for p in parsed:
        resolve(p, index)
    for p in L._order(parsed):
        L.write_one(p, derive=False)
    L.derive_if_pending()
    assert graph_checksum() == batched


def test_a_batch_with_a_failing_document_lands_the_ones_before_it(empty_graph, tmp_path):
    folder = _copies(tmp_path, 3)
    bad = folder / "mini-01.yaml"
    data = yaml.safe_load(bad.read_text(encoding="utf-8"))
    # the same relation twice, once through an alias: valid entry by entry, refused when written
    rel = dict(data["relations"][0])
    body = next(b for b in data["bodies"] if b["name"] == rel["source"])
    body.setdefault("aliases", []).append("Alias for the test")
    data["relations"].append(dict(rel, source="Alias for the test"))
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert len(list(L._batches(L.parse_all([folder])))) == 1  # all three in one transaction

    with pytest.raises(AnnotationErrors, match="stated twice") as err:
        L.load_paths([folder])
    assert str(bad) in str(err.value)
    docs = {r["uid"] for r in db.read("MATCH (d:Document) RETURN d.uid AS uid")}
    assert docs == {"mini-00"}  # before the culprit: landed; the culprit and after: nothing
    assert db.read("MATCH (d:Document) WHERE d.validity_pending RETURN count(d) AS n")[0]["n"] == 0
    assert db.read("MATCH (s:Seat) WHERE s.from_date IS NULL RETURN count(s) AS n")[0]["n"] == 0


@pytest.mark.parametrize("facts, documents", [(150, 100), (10**6, 3)])
def test_batches_fill_up_to_the_fact_and_document_limits(monkeypatch, facts, documents):
    monkeypatch.setattr(L, "BATCH_FACTS", facts)
    monkeypatch.setattr(L, "BATCH_DOCUMENTS", documents)
    ordered = L._order(L.parse_all(L.DEFAULT_PATHS))
    batches = list(L._batches(ordered))
    assert len(batches) > 1
    assert [p for b in batches for p in b] == ordered  # every document once, in load order
    for b, after in zip(batches, batches[1:] + [None]):
        size = sum(L._facts(p) for p in b)
        assert len(b) <= documents and (size <= facts or len(b) == 1)
        if after:  # greedy: the next document did not fit
            assert size + L._facts(after[0]) > facts or len(b) == documents


# --------------------------------------------------------------------------- validity write-back


def test_validity_is_written_back_only_where_it_changed(bundled_graph):
    from loaders.validity import derive_validity

    before = graph_checksum()
    written = db.write(derive_validity)
    assert written == {"bodies": 0, "seats": 0, "relations": 0}
    assert graph_checksum() == before
    # a body whose stored validity was tampered with is found and rewritten, and only it
    db.run_write("MATCH (b:Body {name: 'Sundhedsstyregruppe'}) SET b.validity_hash = 'stale', "
                 "b.to_date = date('1999-01-01')")
    written = db.write(derive_validity)
    assert written == {"bodies": 1, "seats": 0, "relations": 0}
    assert graph_checksum() == before


def test_stored_validity_dates_are_dates(bundled_graph):
    row = db.read("MATCH (s:Seat) WHERE s.to_date IS NOT NULL RETURN s.from_date AS f, s.to_date AS t "
                  "LIMIT 1")[0]
    assert row["f"].to_native() <= row["t"].to_native()
    assert isinstance(row["t"].to_native(), dt.date)


# --------------------------------------------------------------------------- reading


def test_rows_are_plain_dicts_and_graph_values_still_convert(bundled_graph):
    plain = db.read("MATCH (b:Body) RETURN b.name AS name, b.aliases AS aliases, "
                    "{n: b.name} AS m ORDER BY name LIMIT 1")
    assert set(plain[0]) == {"name", "aliases", "m"} and plain[0]["m"] == {"n": plain[0]["name"]}
    nodes = db.read("MATCH (b:Body) RETURN b, [b] AS bs ORDER BY b.name LIMIT 1")
    assert nodes[0]["b"]["name"] == plain[0]["name"]  # data(): a node becomes its properties
    assert nodes[0]["bs"][0]["name"] == plain[0]["name"]


def test_the_snapshot_relation_pattern_names_every_relation_type():
    cypher = catalogue.get("snapshot_relations").cypher
    pattern = cypher.split("[r:", 1)[1].split("]", 1)[0]
    assert set(pattern.split("|")) == set(RELATION_TYPES)


def test_concurrent_snapshot_and_diff_equal_the_sequential_ones(bundled_graph):
    calls = []

    def read(query, params):
        calls.append(query)
        return db.read(query, params)

    for day in ("2008-01-01", "2019-07-01", "2026-06-01"):
        assert structure.snapshot(day) == structure.snapshot(day, read=read)
    assert structure.diff("2019-07-01", "2026-06-01") == structure.diff("2019-07-01", "2026-06-01", read=read)
    assert len(calls) == 3 * 3 + 6


@pytest.mark.parametrize("name", sorted(catalogue.catalogue()))
def test_every_stored_query_gives_the_same_rows_compact_and_record_by_record(bundled_graph, name):
    q = catalogue.get(name)
    values = {"date": "2026-06-01", "int": 2, "list": ""}
    params = q.bind({p.name: values.get(p.type, "Sundhedsstyregruppe") for p in q.params if not p.default})
    plain = db.read(q.cypher, params)
    assert db.read(q.cypher, params, compact=True) == plain  # same rows, same order


def test_the_audits_run_at_once_give_what_they_give_one_by_one(bundled_graph):
    from queries import audits

    calls = []

    def read(query, params):
        calls.append(query)
        return db.read(query, params)

    at_once = audits.run_all("2026-06-01")
    assert at_once == audits.run_all("2026-06-01", read=read)
    assert list(at_once) == sorted(audits.audits()) and len(calls) == len(at_once)
    assert sum(len(rows) for rows in at_once.values()) > 0
