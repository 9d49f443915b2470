"""The local Neo4j server and the connection settings."""
from __future__ import annotations

import os
import re
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from govgraph import config, db
from govgraph.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_docker_compose_runs_the_same_neo4j_version():
    version = (ROOT / "neo4j-server" / "NEO4J_VERSION").read_text().strip()
    compose = (ROOT / "docker-compose.yml").read_text()
    assert re.search(rf"image: neo4j:{re.escape(version)}-community", compose)
    pom = (ROOT / "neo4j-server" / "pom.xml").read_text()
    assert f"<neo4j.version>{version}</neo4j.version>" in pom


def test_compose_takes_credentials_from_the_environment():
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "${NEO4J_PASSWORD:?set NEO4J_PASSWORD}" in compose
    assert "127.0.0.1:7687:7687" in compose and "127.0.0.1:8501:8501" in compose


def test_server_reports_its_version(neo4j_server):
    version = (ROOT / "neo4j-server" / "NEO4J_VERSION").read_text().strip()
    assert db.check() == version


def _local_only(launcher: bool = True):
    """These tests manage the local launcher: skip only when NEO4J_URI names a remote server
    (or, with `launcher`, a local port served by something else, e.g. a testcontainers Neo4j)."""
    if not config.is_local_uri(config.settings().uri):
        pytest.skip("the server is not the local launcher (NEO4J_URI points elsewhere)")
    if launcher:
        from govgraph import server

        uri = config.settings().uri
        port = config.port_of(uri)
        if server._server_pid() is None and server._port_open(port):
            pytest.skip(f"{uri} is served by {server._port_user(port)}, not by the local launcher")


def _version() -> str:
    return (ROOT / "neo4j-server" / "NEO4J_VERSION").read_text().strip()


def test_start_is_idempotent_and_status_says_running(neo4j_server):
    _local_only()
    from govgraph import server

    first = server.start()
    again = server.start()
    assert first.running and again.running
    assert again.pid == first.pid and again.message.startswith("already running")
    result = CliRunner().invoke(main, ["db", "status", "--format", "json"])
    assert result.exit_code == 0 and '"running": true' in result.output


def test_status_reports_the_pinned_version(neo4j_server):
    _local_only()
    from govgraph import server

    status = server.status()
    assert status.running, status.message
    assert status.version == _version()
    assert status.pid and Path(status.data_dir).is_dir()
    assert status.uri == config.settings().uri


def test_a_wrong_password_is_refused(neo4j_server):
    with neo4j.GraphDatabase.driver(config.settings().uri, auth=("neo4j", "not-the-password")) as drv:
        with pytest.raises(neo4j.exceptions.AuthError) as exc:
            drv.verify_connectivity()
    assert exc.value.code == "Neo.ClientError.Security.Unauthorized"


def test_a_write_in_a_read_transaction_is_refused_by_the_server(neo4j_server):
    with pytest.raises(neo4j.exceptions.ClientError) as exc:
        db.read_records(lambda tx: tx.run("CREATE (n:ShouldNotExist) RETURN n").consume())
    assert "AccessMode" in exc.value.code
    assert db.read("MATCH (n:ShouldNotExist) RETURN count(n) AS n")[0]["n"] == 0


def test_a_write_in_a_read_session_is_refused_by_the_server(neo4j_server):
    cfg = config.settings()
    with neo4j.GraphDatabase.driver(cfg.uri, auth=(cfg.user, cfg.password)) as drv:
        with drv.session(database=cfg.database, default_access_mode=neo4j.READ_ACCESS) as session:
            with pytest.raises(neo4j.exceptions.ClientError) as exc:
                session.execute_read(lambda tx: tx.run("CREATE (n:ShouldNotExist) RETURN n").consume())
            assert session.run("RETURN 1 AS one").single()["one"] == 1  # the session still works
    assert exc.value.code == "Neo.ClientError.Statement.AccessMode"
    assert "Writing in read access mode not allowed" in exc.value.message


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_start_refuses_a_port_taken_by_another_program(tmp_path, monkeypatch):
    import socket

    from govgraph import server

    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        monkeypatch.setenv("GOVGRAPH_NEO4J_HOME", str(tmp_path / "home"))
        monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
        monkeypatch.setenv("NEO4J_PASSWORD", "some-password-1")
        status = server.status()
        assert not status.running and "in use by another program" in status.message
        with pytest.raises(server.ServerError, match=f"port {port} .* taken by another program"):
            server.start(timeout=10)
    assert not (tmp_path / "home" / "neo4j.pid").exists()


@pytest.mark.parametrize("name", ["GOVGRAPH_NEO4J_HEAP", "GOVGRAPH_NEO4J_PAGE_CACHE"])
def test_a_memory_setting_that_is_not_a_size_is_a_clear_error(tmp_path, monkeypatch, name):
    from govgraph import server

    monkeypatch.setenv("GOVGRAPH_NEO4J_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{_free_port()}")
    monkeypatch.setenv("NEO4J_PASSWORD", "some-password-1")
    monkeypatch.setenv(name, "lots")
    with pytest.raises(server.ServerError, match=f"{name}='lots' is not a size such as 512m or 2g"):
        server.start(timeout=10)
    assert not (tmp_path / "home" / "neo4j.pid").exists()


def test_a_second_server_applies_the_password_from_the_environment_on_every_start(
        neo4j_server, tmp_path, monkeypatch):
    """A separate launcher (own home and port): stop is clean, and a changed NEO4J_PASSWORD
    replaces the stored one at the next start (the environment is the source of truth)."""
    _local_only(launcher=False)
    from govgraph import server

    uri = f"bolt://127.0.0.1:{_free_port()}"
    monkeypatch.setenv("GOVGRAPH_NEO4J_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_USER", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", "first-password-1")
    try:
        started = server.start(timeout=240)
        assert started.running and started.version == _version()
        stopped = server.stop()
        assert not stopped.running and not server.status().running
        log = (tmp_path / "home" / "launcher.log").read_text()
        assert "govgraph-neo4j stopped" in log  # the shutdown hook ran: a clean shutdown
        assert not (tmp_path / "home" / "neo4j.pid").exists()

        monkeypatch.setenv("NEO4J_PASSWORD", "second-password-2")
        assert server.start(timeout=240).running
        with neo4j.GraphDatabase.driver(uri, auth=("neo4j", "first-password-1")) as drv:
            with pytest.raises(neo4j.exceptions.AuthError):
                drv.verify_connectivity()
        with neo4j.GraphDatabase.driver(uri, auth=("neo4j", "second-password-2")) as drv:
            assert drv.execute_query("RETURN 1 AS one").records[0]["one"] == 1
    finally:
        server.stop()
    assert server.stop().message == "the local Neo4j was not running"


def test_settings_come_from_the_environment_then_the_env_file(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text("NEO4J_PASSWORD=from-file\nNEO4J_URI=bolt://127.0.0.1:9999\n")
    monkeypatch.setattr(config, "ENV_FILE", env_file)
    monkeypatch.setattr(config, "read_env_file", lambda path=env_file: _read(path))
    for k in ("NEO4J_PASSWORD", "NEO4J_URI", "NEO4J_USER"):
        monkeypatch.delenv(k, raising=False)
    s = config.settings()
    assert (s.uri, s.user, s.password) == ("bolt://127.0.0.1:9999", "neo4j", "from-file")
    monkeypatch.setenv("NEO4J_PASSWORD", "from-env")
    assert config.settings().password == "from-env"
    assert "from-env" not in repr(config.settings())


def _read(path):
    out = {}
    for line in Path(path).read_text().splitlines():
        k, _, v = line.partition("=")
        out[k] = v
    return out


def test_local_password_is_generated_into_a_private_env_file(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    monkeypatch.setattr(config, "ENV_FILE", env_file)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    original = config.read_env_file
    monkeypatch.setattr(config, "read_env_file", lambda path=env_file: original(path))
    password = config.ensure_local_password()
    assert len(password) >= 16 and f"NEO4J_PASSWORD={password}" in env_file.read_text()
    assert oct(env_file.stat().st_mode)[-3:] == "600"
    assert config.ensure_local_password() == password


def test_env_file_is_git_ignored():
    assert ".env" in (ROOT / ".gitignore").read_text().split()


@pytest.mark.parametrize("uri,local", [
    ("bolt://127.0.0.1:7687", True), ("neo4j://localhost:7687", True),
    ("neo4j+s://abc.databases.neo4j.io", False), ("bolt://10.0.0.5:7687", False)])
def test_local_uri_detection(uri, local):
    assert config.is_local_uri(uri) is local


def test_db_commands_refuse_a_remote_uri(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    result = CliRunner().invoke(main, ["db", "status"])
    assert result.exit_code == 1 and "not a local server" in result.output


def test_missing_java_is_a_clear_error(monkeypatch):
    from govgraph import server

    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(server.ServerError, match="Java 17\\+ is needed"):
        server._java()
    assert os.environ["PATH"] == "/nonexistent"


@pytest.mark.parametrize("uri,driver_class", [
    ("bolt://127.0.0.1:9", "BoltDriver"),
    ("neo4j://db.example.org:7687", "Neo4jDriver"),
    ("neo4j+s://abcd1234.databases.neo4j.io", "Neo4jDriver"),
])
def test_routing_uris_give_a_routing_driver(monkeypatch, uri, driver_class):
    """Cluster/Aura URIs (neo4j://, neo4j+s://) give a routing driver: READ transactions go to
    readers, writes to the leader, and managed transactions retry transient errors."""
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", "x-password")
    try:
        drv = db.driver()  # creating a driver does not connect
        assert type(drv).__name__ == driver_class
        assert drv.encrypted is uri.startswith("neo4j+s")
    finally:
        db.close()
