"""The graph model: node labels, their properties and relationships (neomodel 7).

Bodies, organisations, seats and documents are nodes; the typed lines between
bodies and organisations are relationships of exactly the ANNOTATION.md types.
Every node and relationship carries the document(s) it came from and verbatim
evidence. The loader writes with batched Cypher (UNWIND); these classes define
the schema (constraints, indexes) and give typed read access.
"""
from __future__ import annotations

from neomodel import (
    ArrayProperty,
    BooleanProperty,
    DateProperty,
    IntegerProperty,
    RelationshipFrom,
    RelationshipTo,
    StringProperty,
    StructuredNode,
    StructuredRel,
    ZeroOrMore,
)

from model.vocab import (
    BODY_KINDS,
    DOCUMENT_KINDS,
    LEVELS,
    ORGANISATION_KINDS,
    RELATION_TYPES,
    SEAT_ROLES,
)


def _choices(values):
    return {v: v for v in values}


class Validity:
    """Mixin: the derived validity interval (first/last day), with the precision kept."""

    valid_from = StringProperty()  # derived start, with its precision: "2026", "2022-06-23"
    valid_to = StringProperty()  # derived end; null = open
    stated_from = StringProperty()  # what the annotation states, if anything
    stated_to = StringProperty()
    from_date = DateProperty(index=True)  # first day the fact can hold
    to_date = DateProperty(index=True)  # last day it holds; null = open
    from_precision = StringProperty()  # year | month | day
    to_precision = StringProperty()
    to_reason = StringProperty()  # why it ends: explicit, superseded, abolished, …
    from_inferred = BooleanProperty(default=False)


class Fact(StructuredRel, Validity):
    """A typed line between bodies/organisations, as one document states it."""

    uid = StringProperty(required=True)
    document = StringProperty(required=True)
    evidence = StringProperty()
    inferred = BooleanProperty(default=False)
    note = StringProperty()
    hash = StringProperty()


class Described(StructuredRel, Validity):
    """What one document says about a body (or mentions of an organisation)."""

    document = StringProperty(required=True)
    evidence = StringProperty(required=True)
    aliases = ArrayProperty(StringProperty())
    kind = StringProperty()
    level = StringProperty()
    chair = StringProperty()
    decision_rule = StringProperty()
    decision_competence = StringProperty()
    meetings_min = IntegerProperty()
    meetings_max = IntegerProperty()
    note = StringProperty()
    part_of = StringProperty()  # organisations: the parent organisation's name
    declared_uid = BooleanProperty(default=False)  # the annotation gave an explicit id
    hash = StringProperty()


class Document(StructuredNode):
    uid = StringProperty(unique_index=True, required=True)
    title = StringProperty(required=True)
    date = StringProperty()  # as stated; null when the text gives none
    date_inferred = StringProperty()  # an analyst's inference when `date` is null
    date_note = StringProperty()
    date_start = DateProperty(index=True)  # first day of the (stated or inferred) date
    date_precision = StringProperty()
    date_is_inferred = BooleanProperty(default=False)
    region = StringProperty()
    kind = StringProperty(choices=_choices(DOCUMENT_KINDS))
    file = StringProperty()
    sha256 = StringProperty()
    note = StringProperty()
    content_hash = StringProperty()


class Party(StructuredNode):
    """Something that can sit at either end of a governance relation (label Party)."""

    uid = StringProperty(unique_index=True, required=True)
    name = StringProperty(required=True, index=True)
    aliases = ArrayProperty(StringProperty())
    documents = ArrayProperty(StringProperty())
    evidence = ArrayProperty(StringProperty())


def _typed_relations():
    """One RelationshipTo per ANNOTATION.md relation type, e.g. `reports_to`."""
    return {
        t.lower(): RelationshipTo("model.graph.Party", t, model=Fact, cardinality=ZeroOrMore)
        for t in RELATION_TYPES
    }


class Organisation(Party):
    kind = StringProperty(choices=_choices(ORGANISATION_KINDS))
    mentioned_in = RelationshipTo("Document", "MENTIONED_IN", model=Described)
    locals().update(_typed_relations())


class Body(Party, Validity):
    kind = StringProperty(choices=_choices(BODY_KINDS))
    level = StringProperty(choices=_choices(LEVELS))
    region = StringProperty(index=True)
    chair = StringProperty()
    decision_rule = StringProperty()
    decision_competence = StringProperty()
    meetings_min = IntegerProperty()
    meetings_max = IntegerProperty()
    described_in = RelationshipTo("Document", "DESCRIBED_IN", model=Described)
    seats = RelationshipFrom("Seat", "IN_BODY")
    locals().update(_typed_relations())


class Seat(StructuredNode, Validity):
    uid = StringProperty(unique_index=True, required=True)
    document = StringProperty(required=True, index=True)
    body = StringProperty(required=True)  # the body's canonical name
    count = IntegerProperty()
    count_max = IntegerProperty()
    per = StringProperty()
    title = StringProperty()
    organisation = StringProperty()
    appointed_by = StringProperty()
    role = StringProperty(choices=_choices(SEAT_ROLES), required=True)
    evidence = StringProperty(required=True)
    ordinal = IntegerProperty()
    hash = StringProperty()
    in_body = RelationshipTo("Body", "IN_BODY")
    held_by = RelationshipTo("Party", "HELD_BY")
    appointed = RelationshipTo("Party", "APPOINTED_BY")
    source = RelationshipTo("Document", "FROM_DOCUMENT")


class Period(StructuredNode):
    """A period of the time frame (a sundhedsaftale generation, the SKU period …)."""

    uid = StringProperty(unique_index=True, required=True)
    name = StringProperty(required=True)
    start = DateProperty(index=True)
    end = DateProperty()
    evidence = StringProperty()
    source = StringProperty()


class Reform(StructuredNode):
    """A reform or law that changed the structure (data/reference/reforms.yaml)."""

    uid = StringProperty(unique_index=True, required=True)
    name = StringProperty(required=True)
    date = DateProperty(index=True)
    summary = StringProperty()
    evidence = StringProperty()
    source = StringProperty()


NODE_CLASSES = (Document, Party, Organisation, Body, Seat, Period, Reform)
