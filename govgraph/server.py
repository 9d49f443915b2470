"""The local Neo4j Community server: built from Maven Central artifacts
(org.neo4j:neo4j + org.neo4j:neo4j-bolt, version in neo4j-server/NEO4J_VERSION) and
started by our small Java launcher (neo4j-server/src/.../Launcher.java): an embedded
DatabaseManagementService with Bolt on 127.0.0.1. Data lives in .neo4j/ (git-ignored).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from govgraph.config import PROJECT_ROOT, ensure_local_password, is_local_uri, port_of, settings

SERVER_DIR = PROJECT_ROOT / "neo4j-server"
VERSION_FILE = SERVER_DIR / "NEO4J_VERSION"
TARGET = SERVER_DIR / "target"
STAMP = TARGET / "built-version"
MIN_JAVA = 17


class ServerError(RuntimeError):
    """The local server cannot be built, started or stopped; the message says why."""


@dataclass
class Status:
    running: bool
    pid: int | None
    uri: str
    version: str | None
    data_dir: str
    message: str = ""


def neo4j_version() -> str:
    return VERSION_FILE.read_text().strip()


def home() -> Path:
    """Where the server keeps its data, pid file and log (GOVGRAPH_NEO4J_HOME or .neo4j)."""
    return Path(os.environ.get("GOVGRAPH_NEO4J_HOME") or PROJECT_ROOT / ".neo4j")


def _pid_file() -> Path:
    return home() / "neo4j.pid"


def _log_file() -> Path:
    return home() / "launcher.log"


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise ServerError(f"Java {MIN_JAVA}+ is needed to run the local Neo4j: install a JDK "
                          "(e.g. apt-get install openjdk-17-jdk-headless), or set NEO4J_URI "
                          "to a Neo4j you already run")
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "(\d+)', out)
    if not m or int(m.group(1)) < MIN_JAVA:
        raise ServerError(f"Java {MIN_JAVA}+ is needed for Neo4j {neo4j_version()}; found: "
                          f"{out.splitlines()[0] if out else 'unknown'}")
    return java


def build(quiet: bool = True) -> None:
    """Fetch the Neo4j jars from Maven Central and compile the launcher (only when needed)."""
    version = neo4j_version()
    if STAMP.is_file() and STAMP.read_text().strip() == version and (TARGET / "lib").is_dir():
        return
    _java()
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError("Maven is needed to fetch Neo4j from Maven Central: install it "
                          "(e.g. apt-get install maven), or set NEO4J_URI to a Neo4j you already run")
    if (TARGET / "lib").is_dir():
        shutil.rmtree(TARGET / "lib")
    cmd = [mvn, "-B", "-f", str(SERVER_DIR / "pom.xml"), f"-Dneo4j.version={version}", "package"]
    if quiet:
        cmd.insert(1, "-q")
    result = subprocess.run(cmd, capture_output=quiet, text=True)
    if result.returncode != 0:
        tail = "\n".join(((result.stdout or "") + (result.stderr or "")).splitlines()[-15:])
        raise ServerError(f"building the local Neo4j {version} with Maven failed:\n{tail}")
    STAMP.write_text(version)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not reaped) is not alive
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        return state != "Z"
    except OSError:
        return True


def _read_pid() -> int | None:
    try:
        pid = int(_pid_file().read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _alive(pid) else None


def _port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def _bolt_version(uri: str, user: str, password: str) -> str | None:
    import neo4j

    try:
        with neo4j.GraphDatabase.driver(uri, auth=(user, password), connection_timeout=3) as drv:
            with drv.session(database="system") as session:  # auto-commit: no retries, no noise
                return session.run("CALL dbms.components() YIELD versions RETURN versions[0] AS v").single()["v"]
    except Exception:  # noqa: BLE001 - "not answering" is the answer
        return None


def _local_uri() -> str:
    uri = settings().uri
    if not is_local_uri(uri):
        raise ServerError(f"NEO4J_URI is {uri}: that is not a local server; `govgraph db` "
                          "manages only the local one (unset NEO4J_URI to use it)")
    return uri


def status() -> Status:
    uri = _local_uri()
    pid = _read_pid()
    cfg = settings()
    version = _bolt_version(uri, cfg.user, cfg.password or "") if pid else None
    running = bool(pid and version)
    msg = (f"Neo4j {version} runs at {uri} (pid {pid})" if running else
           f"Neo4j process {pid} runs but Bolt does not answer at {uri} yet" if pid else
           f"the local Neo4j is not running ({uri})")
    return Status(running=running, pid=pid, uri=uri, version=version, data_dir=str(home() / "data"),
                  message=msg)


def start(timeout: float = 180) -> Status:
    """Start the local server; return when Bolt answers. Does nothing if it already runs."""
    uri = _local_uri()
    current = status()
    if current.running:
        current.message = f"already running: {current.message}"
        return current
    port = port_of(uri)
    if current.pid is None and _port_open(port):
        raise ServerError(f"port {port} is taken by another program (not our Neo4j): stop it, "
                          "or point NEO4J_URI at another port")
    build()
    java = _java()
    password = ensure_local_password()
    env = dict(os.environ, NEO4J_PASSWORD=password, NEO4J_USER=settings().user)
    home().mkdir(parents=True, exist_ok=True)
    if current.pid is None:
        log = _log_file().open("ab")
        cmd = [java, "-Xms256m", "-Xmx1g", "-cp", f"{TARGET / 'classes'}:{TARGET / 'lib'}/*",
               "govgraph.server.Launcher", "--data", str(home() / "data"),
               "--bolt-address", "127.0.0.1", "--bolt-port", str(port)]
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env, start_new_session=True, cwd=str(home()))
        _pid_file().write_text(str(proc.pid))
        pid = proc.pid
    else:
        pid = current.pid
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            raise ServerError(f"the local Neo4j stopped while starting; the end of {_log_file()}:\n"
                              + _log_tail())
        version = _bolt_version(uri, settings().user, password)
        if version:
            return Status(True, pid, uri, version, str(home() / "data"),
                          f"started Neo4j {version} at {uri} (pid {pid})")
        time.sleep(0.5)
    raise ServerError(f"the local Neo4j did not answer on {uri} within {timeout:.0f} s; see {_log_file()}")


def _log_tail(n: int = 12) -> str:
    try:
        return "\n".join(_log_file().read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


def stop(timeout: float = 60) -> Status:
    """Stop the local server (SIGTERM, then SIGKILL after `timeout`)."""
    uri = _local_uri()
    pid = _read_pid()
    if pid is None:
        _pid_file().unlink(missing_ok=True)
        return Status(False, None, uri, None, str(home() / "data"), "the local Neo4j was not running")
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    _pid_file().unlink(missing_ok=True)
    return Status(False, None, uri, None, str(home() / "data"), f"stopped the local Neo4j (pid {pid})")
