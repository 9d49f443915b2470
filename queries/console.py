"""The read-only Cypher surface (CLI `govgraph query` and the explorer's console).

Two guards: a static check refuses writes, admin commands, LOAD CSV, APOC and
procedures outside a small read-only allow-list, with a clear message; and every
query runs in a READ transaction with a time limit, so the server refuses any
write the check missed. User input travels as parameters only.
"""
from __future__ import annotations

import re

from queries.catalogue import QueryError

MAX_ROWS_DEFAULT = 1000
TIMEOUT_DEFAULT_S = 10.0

_FORBIDDEN = [
    (r"\bCREATE\b", "CREATE writes to the graph"),
    (r"\bMERGE\b", "MERGE writes to the graph"),
    (r"\bDELETE\b", "DELETE writes to the graph"),
    (r"\bDETACH\b", "DETACH DELETE writes to the graph"),
    (r"\bSET\b", "SET writes to the graph"),
    (r"\bREMOVE\b", "REMOVE writes to the graph"),
    (r"\bDROP\b", "DROP is an admin command"),
    (r"\bALTER\b", "ALTER is an admin command"),
    (r"\bGRANT\b|\bREVOKE\b|\bDENY\b", "privilege commands are admin commands"),
    (r"\bLOAD\s+CSV\b", "LOAD CSV reads files from the server"),
    (r"\bIN\s+TRANSACTIONS\b", "CALL … IN TRANSACTIONS writes in batches"),
    (r"\bFOREACH\b", "FOREACH is only used to write"),
    (r"\bTERMINATE\b|\bSTART\s+DATABASE\b|\bSTOP\s+DATABASE\b", "admin commands are not allowed"),
    (r"\bUSE\b", "switching databases (USE) is not allowed"),
    (r"\bapoc\.", "APOC procedures are not allowed"),
]
ALLOWED_PROCEDURES = {
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "dbms.components",
}


def _strip_literals(cypher: str) -> str:
    """Blank out string literals, quoted names and comments before looking for keywords."""
    out = re.sub(r"//[^\n]*", " ", cypher)
    out = re.sub(r"/\*.*?\*/", " ", out, flags=re.S)
    out = re.sub(r"'(?:\\.|[^'\\])*'", "''", out)
    out = re.sub(r'"(?:\\.|[^"\\])*"', '""', out)
    out = re.sub(r"`[^`]*`", "``", out)
    return out


def check_read_only(cypher: str) -> None:
    """Raise QueryError naming the reason when the query is not a plain read."""
    if not cypher or not cypher.strip():
        raise QueryError("the query is empty")
    text = _strip_literals(cypher)
    for pattern, why in _FORBIDDEN:
        if re.search(pattern, text, flags=re.I):
            raise QueryError(f"refused: {why}; this console is read-only")
    for proc in re.findall(r"\bCALL\s+([A-Za-z_][\w.]*)", text, flags=re.I):
        if proc.lower() not in ALLOWED_PROCEDURES:
            raise QueryError(f"refused: procedure {proc} is not on the read-only allow-list "
                             f"({', '.join(sorted(ALLOWED_PROCEDURES))})")


def run_read_only(cypher: str, params: dict | None = None, *, limit: int = MAX_ROWS_DEFAULT,
                  timeout: float = TIMEOUT_DEFAULT_S) -> tuple[list[dict], bool]:
    """Run a user's query read-only; return (rows, truncated)."""
    import neo4j

    from govgraph import db

    check_read_only(cypher)

    def work(tx):
        result = tx.run(cypher, params or {})
        rows = []
        for record in result:
            if len(rows) >= limit:
                return rows, True
            rows.append({k: _plain(v) for k, v in record.items()})
        return rows, False

    try:
        return db.read_records(work, timeout=timeout)
    except neo4j.exceptions.ClientError as exc:
        code = exc.code or ""
        if "AccessMode" in code or "ForbiddenDueToTransactionType" in code or "Forbidden" in code:
            raise QueryError(f"refused by the server: {exc.message}") from None
        if "TransactionTimedOut" in code or "Terminated" in code:
            raise QueryError(f"the query ran longer than the time limit of {timeout:g} s") from None
        raise QueryError(f"Cypher error: {exc.message}") from None


def _plain(value):
    """Neo4j values → JSON-friendly values (nodes as their properties plus labels)."""
    import neo4j.graph as ng
    import neo4j.time as nt

    if isinstance(value, ng.Node):
        return {"_labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, ng.Relationship):
        return {"_type": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, ng.Path):
        return {"_path": [_plain(n) for n in value.nodes]}
    if isinstance(value, (nt.Date, nt.DateTime, nt.Time, nt.Duration)):
        return value.iso_format()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
