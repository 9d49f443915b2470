"""Connections to Neo4j: one driver per process, schema installation, read/write helpers.

Credentials come from the environment (or the git-ignored .env) via govgraph.config.
Reads run in READ transactions, so the server refuses writes in them; writes go
through `write()`, which retries transient errors (the driver's managed transactions).
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
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


def read(query: str, params: dict | None = None, *, timeout: float | None = None,
         compact: bool = False) -> list[dict]:
    """Run a query in a READ transaction; return rows as dicts.

    `compact`: the server sends all the rows as one record (the query wrapped in
    `CALL () { … } RETURN collect([…])`, rows in the same order). The same rows, about
    twice as fast for thousands of rows: the driver's cost is per record. For queries
    whose columns are plain values (a node, relationship or path falls back to records)."""
    params = params or {}
    if compact:
        out = read_records(lambda tx: compact_rows(tx, query, params), timeout)
        if out is not None:
            return out
    return read_records(lambda tx: rows(tx.run(query, params)), timeout)


_GRAPH_TYPES = (neo4j.graph.Node, neo4j.graph.Relationship, neo4j.graph.Path)
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _has_graph_value(value) -> bool:
    if isinstance(value, _GRAPH_TYPES):
        return True
    if isinstance(value, list):
        return any(_has_graph_value(v) for v in value)
    if isinstance(value, dict):
        return any(_has_graph_value(v) for v in value.values())
    return False


def _has_graph_values(values) -> bool:
    """Whether a row holds a node, relationship or path (anywhere in its lists/maps)."""
    return not _PLAIN.issuperset(map(type, values)) and any(_has_graph_value(v) for v in values)


def rows(result: neo4j.Result) -> list[dict]:
    """A result's records as dicts. Plain values (what stored queries return) are taken as
    they are, several times faster than Record.data(); a row holding a node, relationship
    or path is converted by data() as before."""
    keys = result.keys()
    out = []
    for record in result:
        values = tuple(record)
        if _has_graph_values(values):
            out.append(record.data())
        else:
            out.append(dict(zip(keys, values)))
    return out


_COLUMNS: dict[str, tuple[str, ...]] = {}


def compact_rows(tx: neo4j.ManagedTransaction, query: str, params: dict | None = None) -> list[dict] | None:
    """Inside a transaction: the rows of `query` sent as one record (see `read`), or None
    when a value is a node, relationship or path (the caller then reads records)."""
    params = params or {}
    keys = _COLUMNS.get(query)
    if keys is None:  # the columns, from the plan (nothing is run)
        result = tx.run("EXPLAIN " + query, params)
        keys = _COLUMNS[query] = tuple(result.keys())
        result.consume()
    cols = ", ".join("`" + k.replace("`", "``") + "`" for k in keys)
    packed = tx.run(f"CALL () {{\n{query}\n}}\nRETURN collect([{cols}]) AS rows", params).single()[0]
    if any(_has_graph_values(row) for row in packed):
        return None
    return [dict(zip(keys, row)) for row in packed]


_POOL: ThreadPoolExecutor | None = None


def at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run independent reads at once (each call opens its own session and READ
    transaction; the driver is thread-safe): the server works on them side by side while
    this process decodes the first answers. Results in the order of `calls`."""
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=6, thread_name_prefix="govgraph-read")
    return [f.result() for f in [_POOL.submit(c) for c in calls]]


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
