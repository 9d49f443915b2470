"""Test fixtures: a real Neo4j, never a mock.

Where the server comes from, in order:
1. NEO4J_URI (with NEO4J_USER / NEO4J_PASSWORD) when set;
2. a testcontainers Neo4j (the docker-compose version) when a Docker daemon answers;
3. otherwise the project's local Neo4j Community server (govgraph.server), started on
   a separate port and data folder so that tests never touch a user's graph.
Under CI (CI=true) a missing Neo4j is a failure, never a skip.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_PORT = int(os.environ.get("GOVGRAPH_TEST_PORT", "7688"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

_state = {"graph": None}  # "bundled" when the graph holds exactly the bundled documents


def _docker_answers() -> bool:
    if not shutil.which("docker"):
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _neo4j_version() -> str:
    return (ROOT / "neo4j-server" / "NEO4J_VERSION").read_text().strip()


@pytest.fixture(scope="session")
def neo4j_server():
    """Point the library at a real Neo4j for the whole session; yield its URI."""
    started_container = None
    started_local = False
    try:
        if os.environ.get("NEO4J_URI"):
            uri = os.environ["NEO4J_URI"]
        elif _docker_answers():
            from testcontainers.neo4j import Neo4jContainer

            password = "govgraph-test-password"
            started_container = Neo4jContainer(f"neo4j:{_neo4j_version()}-community", password=password)
            started_container.start()
            uri = started_container.get_connection_url()
            os.environ.update(NEO4J_URI=uri, NEO4J_USER="neo4j", NEO4J_PASSWORD=password)
        else:
            from govgraph import server

            os.environ["NEO4J_URI"] = f"bolt://127.0.0.1:{TEST_PORT}"
            os.environ.setdefault("NEO4J_PASSWORD", "govgraph-test-password")
            os.environ["GOVGRAPH_NEO4J_HOME"] = str(ROOT / ".neo4j" / f"test-{TEST_PORT}")
            server.start(timeout=240)
            started_local = True
            uri = os.environ["NEO4J_URI"]
        from govgraph import db
        from model.schema import install_schema

        db.close()
        db.check()
        install_schema()
    except Exception as exc:  # noqa: BLE001 - reported as failure (CI) or skip (elsewhere)
        message = f"no Neo4j for the tests: {exc.__class__.__name__}: {exc}"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    yield uri
    from govgraph import db

    db.close()
    if started_container is not None:
        started_container.stop()
    if started_local:
        from govgraph import server

        server.stop()


def wipe() -> None:
    from govgraph import db

    db.run_autocommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")


@pytest.fixture()
def empty_graph(neo4j_server):
    """An empty database (schema kept). Marks the shared graph as dirty."""
    _state["graph"] = None
    wipe()
    yield
    _state["graph"] = None


@pytest.fixture()
def bundled_graph(neo4j_server):
    """The graph holding exactly the bundled documents (reloaded only when a test changed it)."""
    if _state["graph"] != "bundled":
        from loaders.load import load_paths

        wipe()
        load_paths()
        _state["graph"] = "bundled"
    yield


@pytest.fixture()
def dirty_graph(bundled_graph):
    """The bundled graph, for a test that changes it (reloaded for the next test)."""
    yield
    _state["graph"] = None


def graph_checksum() -> tuple[dict, str]:
    """Counts and a checksum of every node's and relationship's properties."""
    import hashlib
    import json

    from govgraph import db

    rows = db.read(
        "MATCH (n) WITH n ORDER BY n.uid "
        "RETURN labels(n) AS l, properties(n) AS p")
    rels = db.read(
        "MATCH (a)-[r]->(b) RETURN a.uid AS a, type(r) AS t, b.uid AS b, properties(r) AS p")
    def canon(x):
        return json.dumps(x, sort_keys=True, default=str, ensure_ascii=False)
    h = hashlib.sha256()
    for line in sorted(canon(r) for r in rows):
        h.update(line.encode())
    for line in sorted(canon(r) for r in rels):
        h.update(line.encode())
    counts = {"nodes": len(rows), "relationships": len(rels)}
    return counts, h.hexdigest()
