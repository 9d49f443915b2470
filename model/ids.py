"""Stable ids from natural keys (content hashes), never Neo4j element ids."""
from __future__ import annotations

import hashlib
import re
import unicodedata


def normalise_name(name: str) -> str:
    """The comparison form of a name: NFC, case-folded, whitespace collapsed, quotes dropped."""
    text = unicodedata.normalize("NFC", name)
    text = re.sub(r"[\"”“'’]", "", text)
    return " ".join(text.casefold().split())


def _digest(*parts: object) -> str:
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def body_id(name: str, region: str | None) -> str:
    return "body-" + _digest(normalise_name(region or ""), normalise_name(name))


def organisation_id(name: str) -> str:
    return "org-" + _digest(normalise_name(name))


def seat_id(document_id: str, body: str, title, organisation, role, per, ordinal: int) -> str:
    return "seat-" + _digest(document_id, body, normalise_name(title or ""),
                             organisation, role, per, ordinal)


def relation_id(document_id: str, source: str, rel_type: str, target: str) -> str:
    return "rel-" + _digest(document_id, source, rel_type, target)


def content_hash(record: dict) -> str:
    """A hash of a record's properties, to tell updated from unchanged."""
    items = sorted((k, repr(v)) for k, v in record.items())
    return _digest(*[f"{k}={v}" for k, v in items])
