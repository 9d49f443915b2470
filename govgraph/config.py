"""Connection settings: from the environment, else from the git-ignored .env file.

NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USER (default neo4j),
NEO4J_PASSWORD, NEO4J_DATABASE (default neo4j). `govgraph db start` writes a random
password into PROJECT_ROOT/.env for the local server when none is set.
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


@dataclass(frozen=True)
class Settings:
    uri: str
    user: str
    password: str | None
    database: str

    def __repr__(self) -> str:  # never print the password
        return f"Settings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def read_env_file(path: Path = ENV_FILE) -> dict[str, str]:
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def _get(name: str, default: str | None = None) -> str | None:
    if os.environ.get(name):
        return os.environ[name]
    return read_env_file().get(name, default)


def settings() -> Settings:
    return Settings(
        uri=_get("NEO4J_URI", DEFAULT_URI) or DEFAULT_URI,
        user=_get("NEO4J_USER", "neo4j") or "neo4j",
        password=_get("NEO4J_PASSWORD"),
        database=_get("NEO4J_DATABASE", "neo4j") or "neo4j",
    )


def ensure_local_password() -> str:
    """The password for the local server: from the environment or .env; else a new random
    one, saved in .env (git-ignored, readable by the owner only)."""
    existing = _get("NEO4J_PASSWORD")
    if existing:
        return existing
    password = secrets.token_urlsafe(18)
    lines = [f"{k}={v}" for k, v in read_env_file().items()]
    lines.append(f"NEO4J_PASSWORD={password}")
    ENV_FILE.write_text("# govgraph local settings (git-ignored)\n" + "\n".join(lines) + "\n",
                        encoding="utf-8")
    ENV_FILE.chmod(0o600)
    return password


def is_local_uri(uri: str) -> bool:
    parsed = urlparse(uri)
    return parsed.scheme in ("bolt", "neo4j") and parsed.hostname in ("127.0.0.1", "localhost", "::1")


def port_of(uri: str) -> int:
    return urlparse(uri).port or 7687
