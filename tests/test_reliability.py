"""Faults and concurrency against a real Neo4j: a load killed half-way, the server stopped
during a load, and loads running at the same time. See RELIABILITY.md."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from govgraph import db
from tests.conftest import graph_checksum

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"
FORUM_DOC = ROOT / "data" / "annotations" / "midt-2026-tvaergaaende-direktoerforum.yaml"


def cli(*args, env_extra=None, **kw) -> subprocess.Popen:
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.Popen([sys.executable, "-m", "govgraph", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def wait_for_line(proc: subprocess.Popen, needle: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line and proc.poll() is not None:
            break
        seen.append(line)
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} never appeared; stderr: {''.join(seen)}")


def corrected_forum(tmp_path: Path) -> Path:
    """A corrected version of the 2026 kommissorium's annotation (one seat fewer, new chair)."""
    data = yaml.safe_load(FORUM_DOC.read_text(encoding="utf-8"))
    data["seats"] = data["seats"][1:]
    data["bodies"][0]["chair"] = "Delt formandskab (rettet)"
    (tmp_path / "documents").mkdir(exist_ok=True)
    shutil.copy(ROOT / "data" / "documents" / "000_1b6cf4986cfd6714.txt", tmp_path / "documents")
    path = tmp_path / "forum-v2.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_load_killed_half_way_leaves_the_old_version(dirty_graph, tmp_path):
    v2 = corrected_forum(tmp_path)
    before = graph_checksum()
    proc = cli("load", str(v2), env_extra={"GOVGRAPH_FAULT": "pause:after-parties:60"})
    wait_for_line(proc, "fault point after-parties")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    time.sleep(1.0)  # the server notices the dropped connection and rolls back
    assert graph_checksum() == before, "a killed load left part of its document behind"
    # and a retry lands the new version completely
    done = cli("load", str(v2))
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    chair = db.read("MATCH (b:Body {name: 'Tværgående direktørforum for det nære sundhedsvæsen'}) "
                    "RETURN b.chair AS c")[0]["c"]
    assert chair == "Delt formandskab (rettet)"


def _mini_copy(tmp_path: Path, doc_id: str) -> Path:
    folder = tmp_path / doc_id
    shutil.copytree(MINI, folder)
    data = yaml.safe_load((folder / "mini.yaml").read_text(encoding="utf-8"))
    data["document"]["id"] = doc_id
    (folder / "mini.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    return folder / "mini.yaml"


def test_two_loads_of_different_documents_at_once_both_land(empty_graph, tmp_path):
    a, b = _mini_copy(tmp_path, "doc-a"), _mini_copy(tmp_path, "doc-b")
    fault = {"GOVGRAPH_FAULT": "pause:after-parties:2"}
    procs = [cli("load", str(a), env_extra=fault), cli("load", str(b), env_extra=fault)]
    results = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    docs = {r["uid"] for r in db.read("MATCH (d:Document) RETURN d.uid AS uid")}
    assert docs == {"doc-a", "doc-b"}
    # both documents describe the same bodies: one node each, described twice
    rows = db.read("MATCH (b:Body {name: 'Testudvalg for sundhedssamarbejde'})-[r:DESCRIBED_IN]->() "
                   "RETURN count(DISTINCT b) AS bodies, count(r) AS facts")
    assert rows == [{"bodies": 1, "facts": 2}]
    assert db.read("MATCH (s:Seat) RETURN count(s) AS n")[0]["n"] == 6


def test_the_same_document_loaded_twice_at_once_leaves_no_duplicates(empty_graph, tmp_path):
    a = _mini_copy(tmp_path, "doc-same")
    fault = {"GOVGRAPH_FAULT": "pause:after-parties:2"}
    procs = [cli("load", str(a), env_extra=fault), cli("load", str(a), env_extra=fault)]
    results = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    counts = db.read("MATCH (d:Document) WITH count(d) AS d MATCH (b:Body) WITH d, count(b) AS b "
                     "MATCH (s:Seat) RETURN d, b, count(s) AS s")[0]
    assert counts == {"d": 1, "b": 3, "s": 3}
    dupes = db.read("MATCH (n) WHERE n.uid IS NOT NULL WITH n.uid AS u, count(*) AS c WHERE c > 1 RETURN u")
    assert dupes == []
    rels = db.read("MATCH ()-[r]->() WHERE r.uid IS NOT NULL WITH r.uid AS u, count(*) AS c "
                   "WHERE c > 1 RETURN u")
    assert rels == []


@pytest.fixture()
def own_server(tmp_path, monkeypatch, neo4j_server):
    """A separate local server that this test may stop and start."""
    from govgraph import config, server

    if not config.is_local_uri(os.environ.get("NEO4J_URI", "bolt://127.0.0.1")):
        pytest.skip("needs the local launcher (NEO4J_URI points elsewhere)")
    monkeypatch.setenv("GOVGRAPH_NEO4J_HOME", str(tmp_path / "neo4j"))
    from tests.conftest import TEST_PORT

    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{TEST_PORT + 100}")
    monkeypatch.setenv("NEO4J_PASSWORD", "fault-test-password")
    db.close()
    server.start(timeout=240)
    yield server
    server.stop()
    db.close()


def test_neo4j_stopped_during_a_load_is_a_clear_error_and_a_retry_succeeds(own_server, tmp_path):
    doc = _mini_copy(tmp_path, "doc-fault")
    proc = cli("load", str(doc), env_extra={"GOVGRAPH_FAULT": "pause:after-parties:8"})
    wait_for_line(proc, "fault point after-parties")
    own_server.stop()
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 1, err
    assert "Traceback" not in err and err.strip().startswith("error:")
    own_server.start(timeout=240)
    db.close()
    assert db.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"] == 0  # nothing half-written
    retry = cli("load", str(doc))
    _, err = retry.communicate(timeout=180)
    assert retry.returncode == 0, err
    assert db.read("MATCH (d:Document) RETURN d.uid AS uid") == [{"uid": "doc-fault"}]
