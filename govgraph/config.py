"""Connection settings: from the environment, else from the git-ignored .env file.

NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USER (default neo4j),
NEO4J_PASSWORD, NEO4J_DATABASE (default neo4j). A variable set (non-empty) in the
environment wins; otherwise PROJECT_ROOT/.env is read (simple KEY=VALUE lines, `#`
comments). `govgraph db start` writes a random password into .env for the local server
when none is set anywhere (`ensure_local_password`).
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_FILE = PROJECT_ROOT / ".env"
DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_BOLT_PORT = 7687
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Settings:
    uri: str
    user: str
    password: str | None
    database: str

    def __repr__(self) -> str:  # never print the password
        return f"Settings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def read_env_file(path: Path | None = None) -> dict[str, str]:
    """KEY=VALUE lines of the .env file (missing file: empty). Quotes around a value and
    an `export ` prefix are accepted; blank lines and `#` comments are skipped."""
    path = ENV_FILE if path is None else path
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return values
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip()
        if key.startswith("export "):
            key = key[len("export "):].strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key] = value
    return values


def _get(name: str, default: str | None = None) -> str | None:
    if os.environ.get(name):
        return os.environ[name]
    return read_env_file().get(name) or default


def settings() -> Settings:
    """The current connection settings (read anew on every call)."""
    return Settings(
        uri=_get("NEO4J_URI", DEFAULT_URI) or DEFAULT_URI,
        user=_get("NEO4J_USER", "neo4j") or "neo4j",
        password=_get("NEO4J_PASSWORD"),
        database=_get("NEO4J_DATABASE", "neo4j") or "neo4j",
    )


def ensure_local_password() -> str:
    """The password for the local server: from the environment or .env; else a new random
    one, appended to .env (git-ignored, created readable by the owner only)."""
    existing = _get("NEO4J_PASSWORD")
    if existing:
        return existing
    password = secrets.token_urlsafe(18)
    env_file = ENV_FILE
    previous = env_file.read_text(encoding="utf-8") if env_file.is_file() else ""
    if not previous:
        previous = "# govgraph local settings (git-ignored)\n"
    elif not previous.endswith("\n"):
        previous += "\n"
    # Drop an empty NEO4J_PASSWORD= line, if any, so the new value is the only one.
    kept = [ln for ln in previous.splitlines(keepends=True)
            if ln.strip().removeprefix("export ").partition("=")[0].strip() != "NEO4J_PASSWORD"]
    content = "".join(kept) + f"NEO4J_PASSWORD={password}\n"
    fd = os.open(env_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # also when the file existed with wider permissions
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(content)
    return password


def is_local_uri(uri: str) -> bool:
    """bolt:// or neo4j:// on 127.0.0.1 / localhost / [::1]: a server the local launcher can own."""
    try:
        parsed = urlparse(uri)
        host = parsed.hostname
    except ValueError:
        return False
    return parsed.scheme in ("bolt", "neo4j") and host in LOCAL_HOSTS


def port_of(uri: str) -> int:
    """The port of a Bolt URI (7687 when it names none)."""
    try:
        return urlparse(uri).port or DEFAULT_BOLT_PORT
    except ValueError:
        return DEFAULT_BOLT_PORT
