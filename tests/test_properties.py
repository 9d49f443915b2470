"""Property-based tests over the annotation format: whatever a file holds, the parser either
accepts it or says clearly what is wrong (AnnotationErrors naming the file) — never another
exception, never a hang."""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.annotation import AnnotationErrors, NameIndex, parse_annotation, read_annotation, resolve

MINI = Path(__file__).parent / "fixtures" / "mini"
BASE = yaml.safe_load((MINI / "mini.yaml").read_text(encoding="utf-8"))

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=40), st.sampled_from(["2020", "2020-02-31", "member", "PART_OF", ""]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)


def paths(data, prefix=()):
    if isinstance(data, dict):
        for k, v in data.items():
            yield (*prefix, k)
            yield from paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield (*prefix, i)
            yield from paths(v, (*prefix, i))


ALL_PATHS = list(paths(BASE))


def set_path(data, path, value):
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def parse(data, folder: Path):
    parsed = parse_annotation(data, folder / "ann.yaml")
    index = NameIndex()
    index.add_batch(parsed)
    return resolve(parsed, index)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.tuples(st.sampled_from(ALL_PATHS), values), min_size=1, max_size=3))
def test_any_mutation_is_accepted_or_refused_clearly(tmp_path, changes):
    folder = tmp_path / "case"
    if not folder.exists():
        shutil.copytree(MINI, folder)
    data = copy.deepcopy(BASE)
    for path, value in changes:
        try:
            set_path(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced the container: skip this one
    try:
        parse(data, folder)
    except AnnotationErrors as exc:
        assert exc.errors and all(str(e).startswith(str(folder / "ann.yaml")) for e in exc.errors)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_any_file_content_is_accepted_or_refused_clearly(tmp_path, text):
    path = tmp_path / "any.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        read_annotation(path)
    except AnnotationErrors as exc:
        assert exc.errors and all(str(e).startswith(str(path)) for e in exc.errors)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_any_bytes_are_accepted_or_refused_clearly(tmp_path, data):
    path = tmp_path / "any.json"
    path.write_bytes(data)
    try:
        read_annotation(path)
    except AnnotationErrors as exc:
        assert str(path) in str(exc)
