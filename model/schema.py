"""Install the schema: node constraints/indexes from the neomodel classes, plus the
relationship constraints and indexes the loader and the queries need. Idempotent."""
from __future__ import annotations

import io

from model.graph import NODE_CLASSES
from model.vocab import RELATION_TYPES

# Relationship uniqueness (Neo4j 5.7+) keeps one relationship per stated fact.
EXTRA_STATEMENTS = [
    *(
        f"CREATE CONSTRAINT rel_{t.lower()}_uid IF NOT EXISTS "
        f"FOR ()-[r:{t}]-() REQUIRE r.uid IS UNIQUE"
        for t in RELATION_TYPES
    ),
    *(
        f"CREATE INDEX rel_{t.lower()}_document IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.document)"
        for t in RELATION_TYPES
    ),
    "CREATE INDEX described_in_document IF NOT EXISTS FOR ()-[r:DESCRIBED_IN]-() ON (r.document)",
    "CREATE INDEX mentioned_in_document IF NOT EXISTS FOR ()-[r:MENTIONED_IN]-() ON (r.document)",
    "CREATE INDEX body_validity IF NOT EXISTS FOR (b:Body) ON (b.from_date, b.to_date)",
    "CREATE INDEX seat_validity IF NOT EXISTS FOR (s:Seat) ON (s.from_date, s.to_date)",
]


def install_schema() -> list[str]:
    """Install constraints and indexes through neomodel's (already bound) connection."""
    from neomodel import db

    out = io.StringIO()
    for cls in NODE_CLASSES:
        db.install_labels(cls, quiet=False, stdout=out)
    for statement in EXTRA_STATEMENTS:
        db.cypher_query(statement)
    return [line for line in out.getvalue().splitlines() if line.strip()]
