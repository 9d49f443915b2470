"""Parsing and validation of annotation files (no database needed)."""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from loaders.annotation import (
    AnnotationErrors,
    NameIndex,
    read_annotation,
    resolve,
)
from model.dates import DateError, FuzzyDate

MINI = Path(__file__).parent / "fixtures" / "mini"
BUNDLED = Path(__file__).resolve().parent.parent / "data" / "annotations"


def mini() -> dict:
    return yaml.safe_load((MINI / "mini.yaml").read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict | str, name: str = "ann.yaml") -> Path:
    shutil.copytree(MINI / "documents", tmp_path / "documents", dirs_exist_ok=True)
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def errors_of(path: Path, *, resolve_names: bool = False) -> list[str]:
    try:
        parsed = read_annotation(path)
        if resolve_names:
            index = NameIndex()
            index.add_batch(parsed)
            resolve(parsed, index)
    except AnnotationErrors as exc:
        return [str(e) for e in exc.errors]
    return []


def test_the_mini_fixture_is_valid(tmp_path):
    assert errors_of(write(tmp_path, mini()), resolve_names=True) == []


@pytest.mark.parametrize("path", sorted(BUNDLED.glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_annotation_validates(path):
    parsed = read_annotation(path)
    assert parsed.document.uid and parsed.parties, path
    index = NameIndex()
    index.add_batch(parsed)
    resolve(parsed, index)  # self-contained: every name resolves within the file
    assert all(s.body_uid for s in parsed.seats)
    assert all(r.source_uid and r.target_uid for r in parsed.relations)


def test_bundled_folder_has_all_five_documents():
    ids = {read_annotation(p).document.uid for p in BUNDLED.glob("*.yaml")}
    assert {"midt-2007-samarbejde-sundhedsomraadet", "midt-2019-administrativ-organisering-sundhedsaftale",
            "midt-2015-kommissorium-strategi-naere-sundhedsvaesen",
            "syd-2022-generisk-kommissorium-sundhedsklynger",
            "midt-2026-tvaergaaende-direktoerforum"} <= ids


def mutate(fn):
    data = mini()
    fn(data)
    return data


CASES = {
    "unknown relation type": (
        lambda d: d["relations"][0].update(type="OWNS"),
        "relations[0] (Testudvalg for sundhedssamarbejde OWNS Testråd): unknown type 'OWNS'; allowed: "
        "PREPARES_CASES_FOR"),
    "unknown role": (lambda d: d["seats"][0].update(role="boss"), "seats[0] (Testudvalg for sundhedssamarbejde / direktør): unknown role 'boss'; allowed: member"),
    "unknown body kind": (lambda d: d["bodies"][0].update(kind="komité"), "unknown kind 'komité'"),
    "evidence not in source": (lambda d: d["seats"][0].update(evidence="3 direktører fra Region Test"),
                               "evidence not found in the source documents/mini.txt"),
    "date that is not a date": (lambda d: d["document"].update(date="2020-02-31"),
                                "document: `date`: '2020-02-31' is not a valid date"),
    "date in another form": (lambda d: d["document"].update(date="31-02-2020"),
                             "is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
    "changed source": (lambda d: d["document"].update(sha256="0" * 64), "has changed: its sha256 is"),
    "missing title": (lambda d: d["document"].pop("title"), "document: `title` is required"),
    "missing evidence": (lambda d: d["bodies"][0].pop("evidence"), "`evidence` (a verbatim excerpt of the source) is required"),
    "wrong type for count": (lambda d: d["seats"][0].update(count="two"), "`count` must be a whole number or null, not 'two'"),
    "same body twice": (lambda d: d["bodies"].append(copy.deepcopy(d["bodies"][0])), "is declared twice"),
    "bodies not a list": (lambda d: d.update(bodies={"name": "x"}), "bodies: must be a list"),
    "count_max below count": (lambda d: d["seats"][0].update(count_max=1), "count_max 1 is below count 2"),
    "inferred without note": (lambda d: d["relations"][0].update(inferred=True), "an inferred relation needs a `note`"),
    "source file missing": (lambda d: d["document"].update(file="documents/nope.txt"), "source file 'documents/nope.txt' not found"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_validation_error_names_file_entry_and_problem(tmp_path, case):
    fn, expected = CASES[case]
    path = write(tmp_path, mutate(fn))
    errors = errors_of(path)
    assert errors, f"{case}: no error"
    assert any(expected in e for e in errors), errors
    assert all(e.startswith(str(path)) for e in errors)


def test_a_name_that_resolves_to_nothing_is_an_error(tmp_path):
    path = write(tmp_path, mutate(lambda d: d["relations"][0].update(target="Ukendt udvalg")))
    errors = errors_of(path, resolve_names=True)
    assert any("target: 'Ukendt udvalg' resolves to no body or organisation" in e for e in errors), errors


def test_a_seat_body_must_be_a_body_not_an_organisation(tmp_path):
    path = write(tmp_path, mutate(lambda d: d["seats"][0].update(body="Region Test")))
    errors = errors_of(path, resolve_names=True)
    assert any("body: 'Region Test' resolves to no body" in e for e in errors), errors


@pytest.mark.parametrize("text,where", [
    ("document: [unclosed", r"line \d+, column \d+: malformed YAML/JSON"),
    ("{\"document\": {\"id\": 1,}", r"line \d+, column \d+: malformed YAML/JSON"),
    ("document: &a [1]\nx: [unclosed", r"line \d+, column \d+: malformed YAML/JSON"),
    ("- just\n- a list\n", "an annotation is a mapping"),
])
def test_malformed_yaml_or_json(tmp_path, text, where):
    import re

    errors = errors_of(write(tmp_path, text, "bad.yaml"))
    assert len(errors) == 1 and re.search(where, errors[0]) and "bad.yaml" in errors[0]


def test_yaml_bomb_is_refused(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    prev = "a"
    for i in range(1, 12):
        name = f"l{i}"
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
        prev = name
    errors = errors_of(write(tmp_path, "\n".join(lines), "bomb.yaml"))
    assert len(errors) == 1 and "YAML bomb" in errors[0]


def test_empty_and_binary_files(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 10)
    assert "the file is empty" in errors_of(empty)[0]
    assert "binary file" in errors_of(binary)[0]


@pytest.mark.parametrize("text,start,end,precision", [
    ("2026", "2026-01-01", "2026-12-31", "year"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2022-06-23", "2022-06-23", "2022-06-23", "day"),
])
def test_fuzzy_dates_keep_their_precision(text, start, end, precision):
    d = FuzzyDate.parse(text)
    assert (d.start.isoformat(), d.end.isoformat(), d.precision) == (start, end, precision)


@pytest.mark.parametrize("bad", ["2020-02-31", "31-02-2020", "2020/01/01", "ultimo 2026", "", "20201"])
def test_malformed_dates_are_refused(bad):
    with pytest.raises(DateError):
        FuzzyDate.parse(bad)
