"""Connections to Neo4j: one driver per process, schema installation, read/write helpers.

Credentials come from the environment (or the git-ignored .env) via govgraph.config.
Reads run in READ transactions, so the server refuses writes in them; writes go
through `write()`, which retries transient errors (the driver's managed transactions).
"""
from __future__ import annotations

import threading
from typing import Any, Callable

import neo4j
from neo4j.exceptions import AuthError, ServiceUnavailable

from govgraph.config import settings

_lock = threading.Lock()
_driver: neo4j.Driver | None = None
_driver_key: tuple | None = None


class DatabaseUnavailable(RuntimeError):
    """Neo4j cannot be reached (or refuses our credentials)."""


def driver() -> neo4j.Driver:
    """The process-wide driver for the configured server (re-created if settings change)."""
    global _driver, _driver_key
    cfg = settings()
    key = (cfg.uri, cfg.user, cfg.password)
    with _lock:
        if _driver is None or _driver_key != key:
            if _driver is not None:
                _driver.close()
            _driver = neo4j.GraphDatabase.driver(
                cfg.uri,
                auth=(cfg.user, cfg.password or ""),
                max_transaction_retry_time=15.0,
                connection_acquisition_timeout=30.0,
                # the loader's lookups on a young graph name properties that do not exist yet;
                # the server's notices about that would be logged with every query
                notifications_min_severity="OFF",
            )
            _driver_key = key
            _bind_neomodel(_driver)
        return _driver


def _bind_neomodel(drv: neo4j.Driver) -> None:
    from neomodel import db as neomodel_db
    from neomodel import get_config

    get_config().database_name = settings().database
    neomodel_db.set_connection(driver=drv)


def close() -> None:
    global _driver, _driver_key
    with _lock:
        if _driver is not None:
            _driver.close()
        _driver = None
        _driver_key = None


def check() -> str:
    """Verify that the server answers; return its version. Raises DatabaseUnavailable."""
    cfg = settings()
    try:
        rows = read("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
        return rows[0]["v"]
    except (ServiceUnavailable, OSError) as exc:
        raise DatabaseUnavailable(
            f"Neo4j does not answer at {cfg.uri} ({exc.__class__.__name__}). "
            "Start the local server with `govgraph db start`, or set NEO4J_URI."
        ) from None
    except AuthError:
        raise DatabaseUnavailable(
            f"Neo4j at {cfg.uri} refused the credentials of user {cfg.user!r}: "
            "check NEO4J_USER / NEO4J_PASSWORD (or the .env file)."
        ) from None


def _session(access_mode: str, **kw) -> neo4j.Session:
    return driver().session(database=settings().database, default_access_mode=access_mode, **kw)


def read(query: str, params: dict | None = None, *, timeout: float | None = None) -> list[dict]:
    """Run a query in a READ transaction; return rows as dicts."""
    @neo4j.unit_of_work(timeout=timeout)
    def work(tx):
        return [r.data() for r in tx.run(query, params or {})]

    try:
        with _session(neo4j.READ_ACCESS) as session:
            return session.execute_read(work)
    except ServiceUnavailable as exc:
        raise DatabaseUnavailable(f"Neo4j does not answer at {settings().uri}: {exc}") from None


def read_records(work: Callable[[neo4j.ManagedTransaction], Any], timeout: float | None = None) -> Any:
    """Run `work(tx)` in a READ transaction (with an optional time limit in seconds)."""
    if timeout:
        work = neo4j.unit_of_work(timeout=timeout)(work)
    try:
        with _session(neo4j.READ_ACCESS) as session:
            return session.execute_read(work)
    except ServiceUnavailable as exc:
        raise DatabaseUnavailable(f"Neo4j does not answer at {settings().uri}: {exc}") from None


def write(work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
    """Run `work(tx)` in one write transaction (all or nothing), retried on transient errors."""
    try:
        with _session(neo4j.WRITE_ACCESS) as session:
            return session.execute_write(work)
    except ServiceUnavailable as exc:
        raise DatabaseUnavailable(f"Neo4j does not answer at {settings().uri}: {exc}") from None


def run_write(query: str, params: dict | None = None) -> None:
    write(lambda tx: tx.run(query, params or {}).consume())


def run_autocommit(query: str, params: dict | None = None) -> None:
    """An implicit (auto-commit) transaction: needed for CALL { … } IN TRANSACTIONS."""
    with _session(neo4j.WRITE_ACCESS) as session:
        session.run(query, params or {}).consume()
