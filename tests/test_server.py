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


def _local_only():
    if not config.is_local_uri(config.settings().uri):
        pytest.skip("the server is not the local launcher (NEO4J_URI points elsewhere)")


def test_start_is_idempotent_and_status_says_running(neo4j_server):
    _local_only()
    from govgraph import server

    first = server.status()
    again = server.start()
    assert first.running and again.running
    assert again.pid == first.pid and again.message.startswith("already running")
    result = CliRunner().invoke(main, ["db", "status", "--format", "json"])
    assert result.exit_code == 0 and '"running": true' in result.output


def test_a_wrong_password_is_refused(neo4j_server):
    with neo4j.GraphDatabase.driver(config.settings().uri, auth=("neo4j", "not-the-password")) as drv:
        with pytest.raises(neo4j.exceptions.AuthError):
            drv.verify_connectivity()


def test_a_write_in_a_read_transaction_is_refused_by_the_server(neo4j_server):
    with pytest.raises(neo4j.exceptions.ClientError) as exc:
        db.read_records(lambda tx: tx.run("CREATE (n:ShouldNotExist) RETURN n").consume())
    assert "AccessMode" in exc.value.code
    assert db.read("MATCH (n:ShouldNotExist) RETURN count(n) AS n")[0]["n"] == 0


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
