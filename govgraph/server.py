"""The local Neo4j Community server.

Built from Maven Central artifacts (org.neo4j:neo4j + org.neo4j:neo4j-bolt, the version in
neo4j-server/NEO4J_VERSION) and started by our small Java launcher
(neo4j-server/src/main/java/govgraph/server/Launcher.java): an embedded
DatabaseManagementService with Bolt on 127.0.0.1 and authentication on.

Where things live (HOME = $GOVGRAPH_NEO4J_HOME, default PROJECT_ROOT/.neo4j, git-ignored):
HOME/data (databases, transaction logs, and Neo4j's own logs in HOME/data/logs),
HOME/neo4j.pid and HOME/launcher.log (the launcher's stdout/stderr).
The Bolt port is the port of NEO4J_URI (default 7687); the password comes from
NEO4J_PASSWORD or .env (created with a random one on first start).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
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
CLASSES = TARGET / "classes"
LIB = TARGET / "lib"
STAMP = TARGET / "govgraph-build.json"
MAIN_CLASS = "govgraph.server.Launcher"
MIN_JAVA = 17
BIND_ADDRESS = "127.0.0.1"
# Memory: the heap of the embedded DBMS and its page cache (off-heap, the store's pages),
# from GOVGRAPH_NEO4J_HEAP / GOVGRAPH_NEO4J_PAGE_CACHE (e.g. "2g"), else these defaults.
# The page cache is best at least the store's size: a national twenty-year graph is about
# 200 MB on disk. Then the module openings Neo4j's own start script passes (without them the
# page cache falls back to a slower mode and native file advice fails with "Incorrect file
# descriptor").
HEAP = "1g"
PAGE_CACHE = "256m"
JVM_OPTIONS = [
    "-Xms256m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
    "-XX:-OmitStackTraceInFastThrow", "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true", "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
]
TX_TIMEOUT = "10m"
READY_MARK = "govgraph-neo4j ready"
LOG_ROTATE_BYTES = 10 * 1024 * 1024

_children: dict[int, subprocess.Popen] = {}  # launchers started by this process (to reap them)


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

    def __str__(self) -> str:
        return self.message or repr(self)


# ---------------------------------------------------------------------------------------
# paths


def neo4j_version() -> str:
    return VERSION_FILE.read_text(encoding="utf-8").strip()


def home() -> Path:
    """Where the server keeps its data, pid file and log (GOVGRAPH_NEO4J_HOME or .neo4j)."""
    return Path(os.environ.get("GOVGRAPH_NEO4J_HOME") or PROJECT_ROOT / ".neo4j").resolve()


def data_dir() -> Path:
    return home() / "data"


def _pid_file() -> Path:
    return home() / "neo4j.pid"


def _log_file() -> Path:
    return home() / "launcher.log"


# ---------------------------------------------------------------------------------------
# build


def _java() -> str:
    """The java executable (JAVA_HOME first, then PATH), checked to be 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    java = None
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        java = str(Path(java_home) / "bin" / "java")
    java = java or shutil.which("java")
    if not java:
        raise ServerError(f"Java {MIN_JAVA}+ is needed to run the local Neo4j: install a JDK "
                          "(e.g. apt-get install openjdk-17-jdk-headless), or set NEO4J_URI "
                          "to a Neo4j you already run")
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
        text = (out.stderr or "") + (out.stdout or "")
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServerError(f"Java {MIN_JAVA}+ is needed to run the local Neo4j; {java} does not "
                          f"run ({exc})") from None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    major = int(m.group(1)) if m else 0
    if major == 1 and m and m.group(2):  # "1.8.0_..." is Java 8
        major = int(m.group(2))
    if major < MIN_JAVA:
        first = text.strip().splitlines()[0] if text.strip() else "unknown"
        raise ServerError(f"Java {MIN_JAVA}+ is needed to run the local Neo4j "
                          f"{neo4j_version()}; {java} is: {first}. Install a JDK 17 "
                          "(e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME")
    return java


def _mvn() -> str:
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError("Maven is needed to fetch Neo4j from Maven Central: install it "
                          "(e.g. apt-get install maven), or set NEO4J_URI to a Neo4j you "
                          "already run")
    return mvn


def _fingerprint() -> str:
    """What the build depends on: the version, the pom and the launcher's sources."""
    h = hashlib.sha256()
    h.update(neo4j_version().encode())
    for path in [SERVER_DIR / "pom.xml", *sorted((SERVER_DIR / "src").rglob("*"))]:
        if path.is_file():
            h.update(str(path.relative_to(SERVER_DIR)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _read_stamp() -> dict:
    try:
        return json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_built() -> bool:
    stamp = _read_stamp()
    version = neo4j_version()
    return (stamp.get("version") == version and stamp.get("fingerprint") == _fingerprint()
            and (CLASSES / "govgraph" / "server" / "Launcher.class").is_file()
            and (LIB / f"neo4j-{version}.jar").is_file())


@contextlib.contextmanager
def _file_lock(path: Path):
    """An exclusive advisory lock (POSIX flock) held for the with-block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build(quiet: bool = True) -> bool:
    """Fetch the Neo4j jars from Maven Central and compile the launcher, when needed (jars
    missing, NEO4J_VERSION / pom / launcher changed). Returns True when Maven ran."""
    if is_built():
        return False
    _java()
    mvn = _mvn()
    with _file_lock(TARGET / ".build.lock"):
        if is_built():  # another process built it while we waited
            return False
        version = neo4j_version()
        if LIB.is_dir() and any(p.name != f"neo4j-{version}.jar" for p in LIB.glob("neo4j-5*.jar")):
            shutil.rmtree(LIB)  # jars of another Neo4j version must not stay on the classpath
        cmd = [mvn, "-B", "-f", str(SERVER_DIR / "pom.xml"), f"-Dneo4j.version={version}", "package"]
        if quiet:
            cmd.insert(1, "-q")
        started = time.monotonic()
        result = subprocess.run(cmd, cwd=str(SERVER_DIR), stdin=subprocess.DEVNULL,
                                capture_output=quiet, text=True)
        if result.returncode != 0:
            tail = "\n".join(((result.stdout or "") + (result.stderr or "")).splitlines()[-20:])
            raise ServerError(f"building the local Neo4j {version} with Maven failed "
                              f"(exit {result.returncode}):\n{tail}")
        if not (LIB / f"neo4j-{version}.jar").is_file():
            raise ServerError(f"Maven finished but {LIB}/neo4j-{version}.jar is missing")
        STAMP.write_text(json.dumps({"version": version, "fingerprint": _fingerprint(),
                                     "seconds": round(time.monotonic() - started, 1)}),
                         encoding="utf-8")
    return True


# ---------------------------------------------------------------------------------------
# processes


def _reap(pid: int) -> None:
    proc = _children.get(pid)
    if proc is not None and proc.poll() is not None:
        _children.pop(pid, None)


def _alive(pid: int) -> bool:
    _reap(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not reaped) is not alive
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        return state != "Z"
    except (OSError, IndexError):
        return True


def _cmdline(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def _arg(cmd: list[str], name: str) -> str | None:
    for i, part in enumerate(cmd):
        if part == name and i + 1 < len(cmd):
            return cmd[i + 1]
        if part.startswith(name + "="):
            return part.split("=", 1)[1]
    return None


def _launchers() -> list[tuple[int, Path | None, int | None]]:
    """(pid, data dir, bolt port) of every govgraph launcher on this machine (Linux /proc)."""
    found = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        cmd = _cmdline(int(entry.name))
        if not cmd or MAIN_CLASS not in cmd or not _alive(int(entry.name)):
            continue
        data = _arg(cmd, "--data")
        port = _arg(cmd, "--bolt-port")
        found.append((int(entry.name), Path(data).resolve() if data else None,
                      int(port) if port and port.isdigit() else None))
    return found


def _is_our_launcher(pid: int) -> bool:
    """pid runs the govgraph launcher on this home's data dir (not a recycled pid)."""
    if not _alive(pid):
        return False
    cmd = _cmdline(pid)
    if cmd is None:  # no /proc (not Linux): trust the pid file
        return True
    data = _arg(cmd, "--data")
    return MAIN_CLASS in cmd and data is not None and Path(data).resolve() == data_dir()


def _server_pid() -> int | None:
    """The pid of the launcher serving this home, from the pid file (or found in /proc if
    the pid file was lost)."""
    try:
        pid = int(_pid_file().read_text().strip())
    except (OSError, ValueError):
        pid = None
    if pid is not None and _is_our_launcher(pid):
        return pid
    for other, data, _port in _launchers():
        if data == data_dir():
            with contextlib.suppress(OSError):
                _pid_file().write_text(str(other))
            return other
    return None


def _running_port(pid: int) -> int | None:
    cmd = _cmdline(pid) or []
    port = _arg(cmd, "--bolt-port")
    return int(port) if port and port.isdigit() else None


def _check_port(pid: int, port: int) -> None:
    """The running server of this home must listen on the port NEO4J_URI names."""
    running = _running_port(pid)
    if running is not None and running != port:
        raise ServerError(
            f"the local Neo4j of {home()} (pid {pid}) runs on port {running}, but NEO4J_URI "
            f"names port {port}: set NEO4J_URI=bolt://127.0.0.1:{running}, or restart it there "
            "(`govgraph db stop`, then `govgraph db start`)")


def _port_open(port: int, host: str = BIND_ADDRESS) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def _port_user(port: int) -> str:
    for pid, data, other_port in _launchers():
        if other_port == port:
            return f"another govgraph Neo4j (pid {pid}, data {data})"
    return "another program"


def _probe(uri: str, user: str, password: str) -> tuple[str | None, Exception | None]:
    """(version, None) when Bolt answers an authenticated query; else (None, the error)."""
    import neo4j

    try:
        with neo4j.GraphDatabase.driver(uri, auth=(user, password), connection_timeout=3,
                                        connection_acquisition_timeout=10) as drv:
            with drv.session(database="system") as session:  # auto-commit: no retries
                record = session.run(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v").single()
                return str(record["v"]), None
    except Exception as exc:  # noqa: BLE001 - "not answering" is the answer
        return None, exc


def _is_auth_error(exc: Exception | None) -> bool:
    """Refused credentials, or the lock-out Neo4j imposes after repeated refusals."""
    import neo4j

    if isinstance(exc, neo4j.exceptions.AuthError):
        return True
    return str(getattr(exc, "code", "") or "").startswith("Neo.ClientError.Security.")


def _local_uri() -> str:
    uri = settings().uri
    if not is_local_uri(uri):
        raise ServerError(f"NEO4J_URI is {uri}: that is not a local server; `govgraph db` "
                          "manages only the local one (unset NEO4J_URI to use it)")
    return uri


def _log_text(offset: int = 0) -> str:
    try:
        with open(_log_file(), "rb") as fh:
            fh.seek(offset)
            return fh.read().decode(errors="replace")
    except OSError:
        return ""


def _log_tail(offset: int = 0, n: int = 15) -> str:
    lines = _log_text(offset).splitlines()
    return "\n".join(lines[-n:]) if lines else "(the log is empty)"


def _launch_state(pid: int) -> str:
    """'ready' once the launcher with this pid printed its ready line, 'starting' before,
    'unknown' when the log does not record its launch (started some other way)."""
    text = _log_text()
    start = text.rfind(f"govgraph-neo4j launch pid {pid} ")
    if start < 0:
        return "unknown"
    return "ready" if READY_MARK in text[start:] else "starting"


_REFUSED = ("the local Neo4j (pid {pid}) runs but refuses the credentials of user {user!r} "
            "from NEO4J_PASSWORD / .env; restart it to apply them: "
            "`govgraph db stop && govgraph db start`")


# ---------------------------------------------------------------------------------------
# the API


def status() -> Status:
    """Whether the local server runs (process alive and Bolt answering our credentials)."""
    uri = _local_uri()
    cfg = settings()
    pid = _server_pid()
    data = str(data_dir())
    if pid is None:
        port = port_of(uri)
        msg = f"the local Neo4j is not running ({uri}, data {data})"
        if _port_open(port):
            msg += f"; port {port} is in use by {_port_user(port)}"
        return Status(False, None, uri, None, data, msg)
    running_port = _running_port(pid)
    if running_port is not None and running_port != port_of(uri):
        return Status(False, pid, uri, None, data,
                      f"the local Neo4j of {home()} (pid {pid}) runs on port {running_port}, "
                      f"not on the port of {uri}")
    if _launch_state(pid) == "starting":
        return Status(False, pid, uri, None, data,
                      f"the local Neo4j (pid {pid}) is starting; see {_log_file()}")
    version, err = _probe(uri, cfg.user, cfg.password or "")
    if version:
        return Status(True, pid, uri, version, data, f"Neo4j {version} runs at {uri} (pid {pid})")
    if _is_auth_error(err):
        msg = _REFUSED.format(pid=pid, user=cfg.user)
    else:
        msg = f"the local Neo4j (pid {pid}) runs but Bolt does not answer at {uri} yet"
    return Status(False, pid, uri, None, data, msg)


def _memory_setting(name: str, default: str) -> str:
    value = (os.environ.get(name) or default).strip().lower()
    if not re.fullmatch(r"[1-9][0-9]*[kmg]", value):
        raise ServerError(f"{name}={value!r} is not a size such as 512m or 2g")
    return value


def _launch(port: int, password: str, user: str) -> tuple[int, subprocess.Popen, int]:
    """Start the launcher detached (its own session, output appended to launcher.log);
    returns (pid, process, offset of this start in the log)."""
    if _port_open(port):
        raise ServerError(
            f"port {port} on {BIND_ADDRESS} is taken by {_port_user(port)}, not by the local "
            f"Neo4j of {home()}: stop that program, or choose another port with NEO4J_URI "
            f"(e.g. NEO4J_URI=bolt://127.0.0.1:{port + 1})")
    heap = _memory_setting("GOVGRAPH_NEO4J_HEAP", HEAP)
    page_cache = _memory_setting("GOVGRAPH_NEO4J_PAGE_CACHE", PAGE_CACHE)
    build()
    java = _java()
    home().mkdir(parents=True, exist_ok=True)
    data_dir().mkdir(parents=True, exist_ok=True)
    cmd = [java, f"-Xmx{heap}", *JVM_OPTIONS, "-cp", f"{CLASSES}{os.pathsep}{LIB}{os.sep}*", MAIN_CLASS,
           "--data", str(data_dir()), "--bolt-address", BIND_ADDRESS,
           "--bolt-port", str(port), "--page-cache", page_cache, "--tx-timeout", TX_TIMEOUT]
    env = dict(os.environ, NEO4J_PASSWORD=password, NEO4J_USER=user)
    log_file = _log_file()
    if log_file.is_file() and log_file.stat().st_size > LOG_ROTATE_BYTES:
        log_file.replace(log_file.with_name(log_file.name + ".1"))
    with open(log_file, "ab") as log:
        log_offset = log.tell()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, cwd=str(home()),
                                start_new_session=True, close_fds=True)
        log.write(f"govgraph-neo4j launch pid {proc.pid} at {time.strftime('%Y-%m-%d %H:%M:%S')}"
                  f" port {port}\n".encode())
    _children[proc.pid] = proc
    _pid_file().write_text(str(proc.pid))
    return proc.pid, proc, log_offset


def start(timeout: float = 180) -> Status:
    """Start the local server and return once Bolt answers an authenticated query.
    Does nothing (and says "already running") if it already runs."""
    uri = _local_uri()
    port = port_of(uri)
    password = ensure_local_password()
    if len(password) < 8:
        raise ServerError("NEO4J_PASSWORD is too short for Neo4j (it needs 8 characters or more)")
    cfg = settings()
    began = time.monotonic()
    proc = None
    log_offset = 0
    with _file_lock(home() / ".start.lock"):  # one launch at a time for this home
        pid = _server_pid()
        if pid is None:
            pid, proc, log_offset = _launch(port, password, cfg.user)
        else:
            _check_port(pid, port)
    if proc is None:
        version, err = _probe(uri, cfg.user, password)
        if version:
            return Status(True, pid, uri, version, str(data_dir()),
                          f"already running: Neo4j {version} at {uri} (pid {pid})")
        # refused credentials are judged in the loop below (they may be a brief lock-out)
        # else: it is still starting (maybe launched by another process): wait for it below

    deadline = began + timeout
    refused_since = None  # when the server first refused our credentials
    while True:
        if not _alive(pid):
            with contextlib.suppress(OSError, ValueError):
                if int(_pid_file().read_text().strip()) == pid:
                    _pid_file().unlink()
            code = proc.poll() if proc is not None else None
            raise ServerError(
                f"the local Neo4j stopped while starting"
                f"{f' (exit code {code})' if code is not None else ''}; the end of "
                f"{_log_file()}:\n{_log_tail(log_offset)}")
        if _launch_state(pid) == "starting":
            # Bolt may open before the launcher has set the password: logging in then would
            # only fail and count towards Neo4j's lock-out of the user. Wait for "ready".
            if time.monotonic() >= deadline:
                raise _not_ready(pid, "get ready", timeout, log_offset)
            time.sleep(0.3)
            continue
        version, err = _probe(uri, cfg.user, password)
        if version:
            took = time.monotonic() - began
            how = "started" if proc is not None else "waited for another start of"
            return Status(True, pid, uri, version, str(data_dir()),
                          f"{how} Neo4j {version} at {uri} (pid {pid}, {took:.1f} s)")
        if _is_auth_error(err):
            # Ask once more after Neo4j's 5 s lock-out, in case an earlier failure caused it.
            if refused_since is not None:
                raise ServerError(_REFUSED.format(pid=pid, user=cfg.user))
            refused_since = time.monotonic()
            time.sleep(6)
            continue
        if time.monotonic() >= deadline:
            raise _not_ready(pid, f"answer on {uri}", timeout, log_offset)
        time.sleep(0.5)


def _not_ready(pid: int, what: str, timeout: float, log_offset: int) -> ServerError:
    return ServerError(f"the local Neo4j (pid {pid}) did not {what} within {timeout:.0f} s; "
                       f"it may still be starting (`govgraph db status`), see {_log_file()}:\n"
                       f"{_log_tail(log_offset)}")


def stop(timeout: float = 60) -> Status:
    """Stop the local server: SIGTERM (a clean shutdown), then SIGKILL after `timeout`."""
    uri = _local_uri()
    data = str(data_dir())
    pid = _server_pid()
    if pid is None:
        _pid_file().unlink(missing_ok=True)
        return Status(False, None, uri, None, data, "the local Neo4j was not running")
    began = time.monotonic()
    how = "stopped"
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    while _alive(pid) and time.monotonic() - began < timeout:
        time.sleep(0.2)
    if _alive(pid):
        how = f"killed (no clean shutdown within {timeout:.0f} s)"
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        kill_deadline = time.monotonic() + 15
        while _alive(pid) and time.monotonic() < kill_deadline:
            time.sleep(0.2)
    _reap(pid)
    _pid_file().unlink(missing_ok=True)
    return Status(False, None, uri, None, data,
                  f"{how} the local Neo4j (pid {pid}) in {time.monotonic() - began:.1f} s")
