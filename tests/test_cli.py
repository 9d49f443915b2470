"""The command line as users and scripts use it: help everywhere, the read-only query
surface, the extract → review → load path, and errors without tracebacks."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from govgraph import db
from govgraph.cli import main

ROOT = Path(__file__).resolve().parent.parent


def all_commands(group: click.Group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield (*prefix, name)
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, (*prefix, name))


@pytest.mark.parametrize("path", list(all_commands(main)), ids=" ".join)
def test_every_command_has_help(path):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def test_the_issue_commands_exist():
    names = set(main.commands)
    assert {"db", "load", "extract", "snapshot", "diff", "audit", "query", "export", "explore",
            "lineage"} <= names


# --------------------------------------------------------------------------- query


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_query_returns_rows_as_json_with_parameters(bundled_graph):
    result = run("query", "MATCH (b:Body {name: $n}) RETURN b.name AS name, b.valid_from AS f",
                 "--param", "n=Sundhedsstyregruppe", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"name": "Sundhedsstyregruppe", "f": "2007"}]


def test_parameters_are_never_pasted_into_cypher(bundled_graph):
    evil = "x'}) DETACH DELETE b //"
    result = run("query", "MATCH (b:Body) WHERE b.name = $n RETURN count(b) AS c", "--param", f"n={evil}",
                 "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == [{"c": 0}]
    assert db.read("MATCH (b:Body) RETURN count(b) AS c")[0]["c"] > 0


@pytest.mark.parametrize("cypher,why", [
    ("CREATE (n:X) RETURN n", "CREATE"),
    ("MATCH (n) MERGE (n)-[:R]->(m:Y)", "MERGE"),
    ("MATCH (n) DELETE n", "DELETE"),
    ("MATCH (n) DETACH DELETE n", "DELETE"),
    ("MATCH (n:Body) SET n.name = 'x'", "SET"),
    ("MATCH (n:Body) REMOVE n.name", "REMOVE"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
    ("CALL dbms.security.createUser('a', 'b', false)", "procedure"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})", "APOC"),
    ("DROP INDEX foo", "DROP"),
    ("CREATE CONSTRAINT c FOR (n:X) REQUIRE n.a IS UNIQUE", "CREATE"),
    ("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS", "DELETE"),
    ("", "empty"),
])
def test_query_refuses_writes_and_admin(bundled_graph, cypher, why):
    before = db.read("MATCH (n) RETURN count(n) AS c")[0]["c"]
    result = run("query", cypher)
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and why in result.output and "Traceback" not in result.output
    assert db.read("MATCH (n) RETURN count(n) AS c")[0]["c"] == before


def test_a_write_hidden_from_the_check_is_refused_by_the_server(bundled_graph):
    """The READ transaction is the second guard: the server refuses what the check misses."""
    from queries.console import run_read_only
    from queries.catalogue import QueryError

    import queries.console as console

    original = console.check_read_only
    console.check_read_only = lambda cypher: None  # simulate a gap in the static check
    try:
        with pytest.raises(QueryError, match="refused by the server"):
            run_read_only("CREATE (n:Sneaky) RETURN n")
    finally:
        console.check_read_only = original
    assert db.read("MATCH (n:Sneaky) RETURN count(n) AS c")[0]["c"] == 0


def test_query_row_limit_and_time_limit(bundled_graph):
    result = run("query", "UNWIND range(1, 5000) AS i RETURN i", "--limit", "10", "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.output.split("(stopped")[0])) == 10
    slow = run("query", "UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 99 RETURN count(*)",
               "--timeout", "0.5")
    assert slow.exit_code == 1 and "time limit" in slow.output


def test_keywords_inside_strings_are_not_refused(bundled_graph):
    result = run("query", "MATCH (b:Body) WHERE b.name CONTAINS 'CREATE' RETURN count(b) AS c", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == [{"c": 0}]


# --------------------------------------------------------------------------- extract → review → load


NEW_DOC = """Kommissorium for Prøveudvalget for det nære sundhedsvæsen

Godkendt i Sundhedsstyregruppen d. 12.03.2024

Prøveudvalget for det nære sundhedsvæsen forbereder sager til Sundhedsstyregruppen.

Sammensætning

Prøveudvalget består af:
- To repræsentanter fra Region Midtjylland
- En repræsentant fra hver af de deltagende kommuner
- En praktiserende læge udpeget af PLO

Formandskabet er delt mellem region og kommune. Prøveudvalget mødes fire gange årligt.
"""


def test_extract_then_dry_run_then_load_a_new_document(dirty_graph, tmp_path):
    source = tmp_path / "proeveudvalg.txt"
    source.write_text(NEW_DOC, encoding="utf-8")
    draft = tmp_path / "proeveudvalg.yaml"
    result = run("extract", str(source), "-o", str(draft))
    assert result.exit_code == 0, result.output
    assert "bodies:" in result.output and draft.is_file()

    before = db.read("MATCH (n) RETURN count(n) AS c")[0]["c"]
    dry = run("load", str(draft), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would change" in dry.output and "Prøveudvalg" in dry.output
    assert "Sundhedsstyregruppe (already in the graph)" in dry.output
    assert db.read("MATCH (n) RETURN count(n) AS c")[0]["c"] == before

    loaded = run("load", str(draft))
    assert loaded.exit_code == 0, loaded.output
    rows = db.read("MATCH (a:Body)-[r:PREPARES_CASES_FOR]->(b:Body {name: 'Sundhedsstyregruppe'}) "
                   "WHERE a.name STARTS WITH 'Prøveudvalg' RETURN a.name AS a, r.evidence AS e")
    assert rows and "forbereder sager til Sundhedsstyregruppen" in rows[0]["e"]
    # the existing body was referred to, not duplicated
    assert len(db.read("MATCH (b:Body {name: 'Sundhedsstyregruppe'}) RETURN b")) == 1
    again = run("load", str(draft))
    assert again.exit_code == 0 and "unchanged" in again.output


def test_extract_of_a_bad_file_is_one_clear_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("extract", str(empty))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert str(empty) in result.output


# --------------------------------------------------------------------------- as a real process


def test_errors_in_a_real_process_have_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: [", encoding="utf-8")
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-m", "govgraph", "load", str(bad)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and f"{bad}: line " in proc.stderr
    assert "malformed YAML/JSON" in proc.stderr
