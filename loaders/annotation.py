"""Parse and validate annotation files (../shared/ANNOTATION.md) into records.

Pure: no database. `read_annotation(path)` gives a `ParsedAnnotation` whose
references are still names; `resolve(parsed, index)` turns them into stable ids
using a `NameIndex` built from the files being loaded and the graph already
loaded. Every problem is an `AnnotationError` naming the file and the entry.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from model import ids
from model.dates import DateError, FuzzyDate, parse_optional
from model.vocab import (
    BODY_KINDS,
    DOCUMENT_KINDS,
    LEVELS,
    ORGANISATION_KINDS,
    RELATION_TYPES,
    SEAT_ROLES,
)

MAX_ANNOTATION_BYTES = 5 * 1024 * 1024
MAX_YAML_ALIASES = 100
MAX_EXPANDED_NODES = 200_000
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


class AnnotationError(ValueError):
    """One problem in one annotation file, at one entry."""

    def __init__(self, file: str | Path, entry: str, message: str):
        self.file = str(file)
        self.entry = entry
        self.message = message
        super().__init__(f"{self.file}: {entry}: {message}" if entry else f"{self.file}: {message}")


class AnnotationErrors(ValueError):
    """All the problems found in one or more files."""

    def __init__(self, errors: list[AnnotationError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


# --------------------------------------------------------------------------- reading


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader that refuses documents using many aliases (a 'YAML bomb')."""

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise yaml.YAMLError(
                    f"more than {MAX_YAML_ALIASES} YAML aliases (a 'YAML bomb'?): refused"
                )
        return super().compose_node(parent, index)


_NOT_A_TREE = object()
_TOO_BIG = object()
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SCALAR_TAGS: dict[str, str] = {}  # plain scalar → resolved tag (depends on the text only)

if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):
        """libyaml's parser and composer, with the implicit tag of a plain scalar memoised
        (the Python resolver's regexes ran once per scalar: a quarter of the parse)."""

        def resolve(self, kind, value, implicit):
            if kind is yaml.ScalarNode and implicit[0]:
                tag = _SCALAR_TAGS.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(_SCALAR_TAGS) < 100_000:
                        _SCALAR_TAGS[value] = tag
                return tag
            return super().resolve(kind, value, implicit)
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None


class _Abort(Exception):
    """Stops _load_tree's builder; args[0] is what _load_tree returns."""


def _load_tree(text: str):
    """YAML → Python for the common case, a tree: 3-4x faster than yaml.load.

    Composes with libyaml, then builds dicts, lists and strings directly (PyYAML's
    constructor, generators and all, only for the other scalar types and explicit
    tags). Returns _NOT_A_TREE when a node occurs twice (an alias: the caller then uses
    the guarded loader, which counts aliases) and _TOO_BIG past MAX_EXPANDED_NODES.
    Duplicate keys keep the last value, as yaml.load does.
    """
    loader = _FastLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        seen: set[int] = set()
        count = 0
        construct_object = loader.construct_object

        def build(node):
            nonlocal count
            count += 1
            if count > MAX_EXPANDED_NODES:
                raise _Abort(_TOO_BIG)
            cls = node.__class__
            if cls is yaml.ScalarNode:
                return node.value if node.tag == _STR_TAG else construct_object(node, deep=True)
            if id(node) in seen:
                raise _Abort(_NOT_A_TREE)
            seen.add(id(node))
            if cls is yaml.MappingNode and node.tag == _MAP_TAG:
                out = {}
                for k, v in node.value:
                    if k.tag == _MERGE_TAG:
                        raise _Abort(_NOT_A_TREE)
                    key = build(k)
                    try:
                        out[key] = build(v)
                    except TypeError:  # an unhashable key: let PyYAML word the error
                        raise _Abort(_NOT_A_TREE) from None
                return out
            if cls is yaml.SequenceNode and node.tag == _SEQ_TAG:
                return [build(c) for c in node.value]
            return construct_object(node, deep=True)  # explicit tags (!!set, !!omap, …)

        try:
            return build(root)
        except _Abort as stop:
            return stop.args[0]
    finally:
        loader.dispose()


def load_mapping(path: Path) -> dict:
    """Read a YAML or JSON annotation file into a dict, with clear errors."""
    path = Path(path)
    if not path.is_file():
        raise AnnotationError(path, "", "no such file")
    size = path.stat().st_size
    if size == 0:
        raise AnnotationError(path, "", "the file is empty")
    if size > MAX_ANNOTATION_BYTES:
        raise AnnotationError(path, "", f"the file is {size} bytes; the limit is {MAX_ANNOTATION_BYTES}")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise AnnotationError(path, "", "this is a binary file, not a YAML/JSON annotation")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnnotationError(path, "", f"not UTF-8 text (byte {exc.start})") from None
    try:
        data = _load_tree(text) if _FastLoader is not None else _NOT_A_TREE
        if data is _NOT_A_TREE:  # aliases (or no libyaml): the guarded pure-Python loader
            data = yaml.load(text, Loader=_GuardedLoader)  # JSON is YAML
            if _expanded_size(data) > MAX_EXPANDED_NODES:
                raise AnnotationError(path, "", f"expands to more than {MAX_EXPANDED_NODES} values "
                                      "through YAML aliases (a 'YAML bomb'?): refused")
        elif data is _TOO_BIG:
            raise AnnotationError(path, "", f"has more than {MAX_EXPANDED_NODES} values: refused")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "parse"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise AnnotationError(path, where, f"malformed YAML/JSON: {problem}") from None
    except RecursionError:
        raise AnnotationError(path, "", "nested too deeply") from None
    if not isinstance(data, dict):
        raise AnnotationError(path, "", "an annotation is a mapping with document, bodies, seats, relations")
    return data


def _expanded_size(data) -> int:
    """How many values the document has once aliases are expanded (memoised, so cheap)."""
    memo: dict[int, int] = {}

    def size(x) -> int:
        if isinstance(x, (list, dict)):
            key = id(x)
            if key not in memo:
                memo[key] = 1  # guards cycles
                items = x.values() if isinstance(x, dict) else x
                memo[key] = 1 + sum(size(v) for v in items)
            return memo[key]
        return 1

    return size(data)


# --------------------------------------------------------------------------- records


@dataclass
class DocumentRecord:
    uid: str
    title: str
    date: str | None
    date_inferred: str | None
    date_note: str | None
    region: str | None
    kind: str
    file: str
    sha256: str
    note: str | None
    source_path: Path | None = None
    text: str | None = None  # the source text, kept in the graph so every quote has its context

    @property
    def effective_date(self) -> FuzzyDate | None:
        return parse_optional(self.date) or parse_optional(self.date_inferred)

    def props(self) -> dict:
        d = self.effective_date
        return {
            "uid": self.uid,
            "title": self.title,
            "date": self.date,
            "date_inferred": self.date_inferred,
            "date_note": self.date_note,
            "date_start": d.start if d else None,
            "date_end": d.end if d else None,
            "date_precision": d.precision if d else None,
            "date_is_inferred": self.date is None and self.date_inferred is not None,
            "region": self.region,
            "kind": self.kind,
            "file": self.file,
            "sha256": self.sha256,
            "note": self.note,
            "text": self.text,
        }


@dataclass
class PartyRecord:
    label: str  # "Body" | "Organisation"
    uid: str
    name: str
    aliases: list[str]
    region: str | None
    entry: str
    facts: dict  # what this document says: goes on DESCRIBED_IN / MENTIONED_IN
    part_of: str | None = None  # organisations: parent name (resolved later)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class SeatRecord:
    entry: str
    body: str
    organisation: str | None
    appointed_by: str | None
    props: dict
    body_uid: str = ""
    organisation_uid: str | None = None
    appointed_by_uid: str | None = None


@dataclass
class RelationRecord:
    entry: str
    source: str
    type: str
    target: str
    props: dict
    source_uid: str = ""
    target_uid: str = ""


@dataclass
class ParsedAnnotation:
    path: Path
    document: DocumentRecord
    parties: list[PartyRecord]
    seats: list[SeatRecord]
    relations: list[RelationRecord]


# --------------------------------------------------------------------------- helpers


def normalise_text(text: str) -> str:
    """Whitespace-insensitive comparison form used for evidence checks."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return " ".join(text.split())


class _Checker:
    def __init__(self, path: Path):
        self.path = path
        self.errors: list[AnnotationError] = []

    def error(self, entry: str, message: str) -> None:
        self.errors.append(AnnotationError(self.path, entry, message))

    def text(self, obj: dict, key: str, entry: str, *, required=False) -> str | None:
        value = obj.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(entry, f"`{key}` is required")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(entry, f"`{key}` must be text, not {type(value).__name__}")
            return None
        return str(value).strip()

    def choice(self, obj: dict, key: str, entry: str, allowed: Iterable[str], *, required=False):
        value = self.text(obj, key, entry, required=required)
        if value is not None and value not in allowed:
            self.error(entry, f"unknown {key} {value!r}; allowed: {', '.join(allowed)}")
            return None
        return value

    def integer(self, obj: dict, key: str, entry: str) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(entry, f"`{key}` must be a whole number or null, not {value!r}")
            return None
        if value < 0:
            self.error(entry, f"`{key}` must not be negative")
            return None
        return value

    def date(self, obj: dict, key: str, entry: str) -> str | None:
        value = obj.get(key)
        if value is None or value == "":
            return None
        try:
            return FuzzyDate.parse(value).text
        except DateError as exc:
            self.error(entry, f"`{key}`: {exc}")
            return None

    def string_list(self, obj: dict, key: str, entry: str) -> list[str]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(entry, f"`{key}` must be a list of names")
            return []
        return [v.strip() for v in value if v.strip()]

    def entries(self, data: dict, key: str) -> list[dict]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, "must be a list")
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.error(f"{key}[{i}]", "each entry must be a mapping")
            else:
                out.append(item)
        return out


def resolve_source(annotation_path: Path, file_ref: str) -> Path | None:
    """Where the source text of an annotation is: tried relative to the annotation,
    its parent folder (the data folder), and the project's data folder."""
    ref = Path(file_ref)
    if ref.is_absolute():
        return ref if ref.is_file() else None
    for base in (annotation_path.parent, annotation_path.parent.parent, DATA_DIR, Path.cwd()):
        candidate = base / ref
        if candidate.is_file():
            return candidate.resolve()
    return None


def _slug_ok(value: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9._-]*", value))


# --------------------------------------------------------------------------- parse


def read_annotation(path: str | Path, *, check_source: bool = True) -> ParsedAnnotation:
    """Parse and validate one annotation file (names not yet resolved to ids).

    Raises AnnotationErrors with every problem found."""
    path = Path(path)
    try:
        data = load_mapping(path)
    except AnnotationError as exc:
        raise AnnotationErrors([exc]) from None
    return parse_annotation(data, path, check_source=check_source)


def parse_annotation(data: dict, path: Path, *, check_source: bool = True) -> ParsedAnnotation:
    c = _Checker(path)
    doc = data.get("document")
    if not isinstance(doc, dict):
        raise AnnotationErrors([AnnotationError(path, "document", "a `document` mapping is required")])

    uid = c.text(doc, "id", "document", required=True)
    if uid and not _slug_ok(uid):
        c.error("document", f"`id` {uid!r} must be a slug of a-z, 0-9, '-', '_' or '.'")
    title = c.text(doc, "title", "document", required=True)
    date = c.date(doc, "date", "document")
    date_inferred = c.date(doc, "date_inferred", "document")
    if date_inferred and not c.text(doc, "date_note", "document"):
        c.error("document", "`date_inferred` needs a `date_note` saying why")
    region = c.text(doc, "region", "document")
    kind = c.choice(doc, "kind", "document", DOCUMENT_KINDS, required=True)
    file_ref = c.text(doc, "file", "document", required=True)
    sha = c.text(doc, "sha256", "document", required=True)

    source_text = None
    source_path = None
    raw_text = None
    if file_ref and check_source:
        if re.match(r"^[a-z]+://", file_ref):
            c.error("document", f"`file` {file_ref!r} is a URL; evidence can only be checked "
                    "against a local copy: put the text in the data folder")
        else:
            source_path = resolve_source(path, file_ref)
            if source_path is None:
                c.error("document", f"source file {file_ref!r} not found (looked beside the "
                        f"annotation, in its parent folder and in {DATA_DIR})")
            else:
                raw = source_path.read_bytes()
                actual = hashlib.sha256(raw).hexdigest()
                if sha and sha.lower() != actual:
                    c.error("document", f"source {file_ref} has changed: its sha256 is {actual}, "
                            f"the annotation says {sha}; review the annotation, then update sha256")
                from loaders.readers import ReaderError, read_text

                try:  # .txt in any common encoding, .docx, .pdf with text, .html
                    raw_text = read_text(source_path).text
                    source_text = normalise_text(raw_text)
                except ReaderError as exc:
                    c.error("document", f"source {file_ref} cannot be read: {exc.message}")

    def check_evidence(entry: str, evidence: str | None, required: bool = True) -> None:
        if evidence is None:
            if required:
                c.error(entry, "`evidence` (a verbatim excerpt of the source) is required")
            return
        if source_text is not None and normalise_text(evidence) not in source_text:
            short = evidence if len(evidence) <= 80 else evidence[:77] + "..."
            c.error(entry, f"evidence not found in the source {file_ref}: {short!r}")

    document = DocumentRecord(
        uid=uid or "", title=title or "", date=date, date_inferred=date_inferred,
        date_note=c.text(doc, "date_note", "document"), region=region, kind=kind or "other",
        file=file_ref or "", sha256=(sha or "").lower(), note=c.text(doc, "note", "document"),
        source_path=source_path, text=raw_text,
    )

    parties: list[PartyRecord] = []
    seen_uids: dict[str, str] = {}
    seen_names: dict[str, str] = {}

    def register(record: PartyRecord) -> None:
        if record.uid in seen_uids:
            c.error(record.entry, f"{record.name!r} is declared twice (also {seen_uids[record.uid]})")
            return
        seen_uids[record.uid] = record.entry
        for name in record.names():
            key = ids.normalise_name(name)
            other = seen_names.get(key)
            if other and other != record.entry:
                c.error(record.entry, f"the name {name!r} is also used by {other}")
            seen_names[key] = record.entry
        parties.append(record)

    for i, org in enumerate(c.entries(data, "organisations")):
        name = c.text(org, "name", f"organisations[{i}]", required=True)
        entry = f"organisations[{i}] ({name})"
        okind = c.choice(org, "kind", entry, ORGANISATION_KINDS, required=True)
        evidence = c.text(org, "evidence", entry)
        check_evidence(entry, evidence, required=False)
        aliases = c.string_list(org, "aliases", entry)
        part_of = c.text(org, "part_of", entry)
        if name:
            register(PartyRecord(
                label="Organisation", uid=ids.organisation_id(name), name=name, aliases=aliases,
                region=None, entry=entry, part_of=part_of,
                facts={"document": document.uid, "evidence": evidence, "aliases": aliases,
                       "kind": okind, "part_of": part_of},
            ))

    for i, body in enumerate(c.entries(data, "bodies")):
        name = c.text(body, "name", f"bodies[{i}]", required=True)
        entry = f"bodies[{i}] ({name})"
        bkind = c.choice(body, "kind", entry, BODY_KINDS, required=True)
        level = c.choice(body, "level", entry, LEVELS)
        bregion = c.text(body, "region", entry) if "region" in body else region
        explicit = c.text(body, "id", entry)
        if explicit and not _slug_ok(explicit):
            c.error(entry, f"`id` {explicit!r} must be a slug of a-z, 0-9, '-', '_' or '.'")
        stated_from = c.date(body, "valid_from", entry)
        stated_to = c.date(body, "valid_to", entry)
        if stated_from and stated_to and FuzzyDate.parse(stated_to).end < FuzzyDate.parse(stated_from).start:
            c.error(entry, f"valid_to {stated_to} is before valid_from {stated_from}")
        meetings = body.get("meetings_per_year")
        mmin = mmax = None
        if meetings is not None:
            if not isinstance(meetings, dict):
                c.error(entry, "`meetings_per_year` must be {min: N, max: N} or null")
            else:
                mmin = c.integer(meetings, "min", entry + " meetings_per_year")
                mmax = c.integer(meetings, "max", entry + " meetings_per_year")
                if mmin is not None and mmax is not None and mmax < mmin:
                    c.error(entry, f"meetings_per_year max {mmax} is below min {mmin}")
        evidence = c.text(body, "evidence", entry)
        check_evidence(entry, evidence)
        competence = c.text(body, "decision_competence", entry)
        if competence:
            check_evidence(entry + " decision_competence", competence)
        aliases = c.string_list(body, "aliases", entry)
        if name:
            register(PartyRecord(
                label="Body", uid=explicit or ids.body_id(name, bregion), name=name,
                aliases=aliases, region=bregion, entry=entry,
                facts={
                    "document": document.uid, "evidence": evidence, "aliases": aliases,
                    "kind": bkind, "level": level, "region": bregion,
                    "stated_from": stated_from, "stated_to": stated_to,
                    "meetings_min": mmin, "meetings_max": mmax,
                    "chair": c.text(body, "chair", entry),
                    "decision_rule": c.text(body, "decision_rule", entry),
                    "decision_competence": competence,
                    "note": c.text(body, "note", entry),
                    "declared_uid": bool(explicit),
                },
            ))

    seats: list[SeatRecord] = []
    for i, seat in enumerate(c.entries(data, "seats")):
        body_name = c.text(seat, "body", f"seats[{i}]", required=True)
        title = c.text(seat, "title", f"seats[{i}]")
        entry = f"seats[{i}] ({body_name} / {title or seat.get('organisation')})"
        role = c.choice(seat, "role", entry, SEAT_ROLES, required=True)
        count = c.integer(seat, "count", entry)
        count_max = c.integer(seat, "count_max", entry)
        if count is not None and count_max is not None and count_max < count:
            c.error(entry, f"count_max {count_max} is below count {count}")
        evidence = c.text(seat, "evidence", entry)
        check_evidence(entry, evidence)
        organisation = c.text(seat, "organisation", entry)
        appointed_by = c.text(seat, "appointed_by", entry)
        seats.append(SeatRecord(
            entry=entry, body=body_name or "", organisation=organisation, appointed_by=appointed_by,
            props={
                "document": document.uid, "body": body_name, "count": count,
                "count_max": count_max, "per": c.text(seat, "per", entry), "title": title,
                "organisation": organisation, "appointed_by": appointed_by, "role": role,
                "evidence": evidence, "note": c.text(seat, "note", entry),
                "stated_from": c.date(seat, "valid_from", entry),
                "stated_to": c.date(seat, "valid_to", entry),
            },
        ))

    relations: list[RelationRecord] = []
    for i, rel in enumerate(c.entries(data, "relations")):
        source = c.text(rel, "source", f"relations[{i}]", required=True)
        target = c.text(rel, "target", f"relations[{i}]", required=True)
        rtype = rel.get("type")
        entry = f"relations[{i}] ({source} {rtype} {target})"
        rtype = c.choice(rel, "type", entry, RELATION_TYPES, required=True)
        inferred = rel.get("inferred", False)
        if not isinstance(inferred, bool):
            c.error(entry, "`inferred` must be true or false")
            inferred = False
        note = c.text(rel, "note", entry)
        evidence = c.text(rel, "evidence", entry)
        if inferred:
            if not note:
                c.error(entry, "an inferred relation needs a `note` saying why")
            check_evidence(entry, evidence, required=False)
        else:
            check_evidence(entry, evidence)
        if source and target and ids.normalise_name(source) == ids.normalise_name(target):
            c.error(entry, "a relation from a body to itself")
        relations.append(RelationRecord(
            entry=entry, source=source or "", type=rtype or "", target=target or "",
            props={"document": document.uid, "evidence": evidence, "inferred": inferred,
                   "note": note, "stated_from": c.date(rel, "valid_from", entry),
                   "stated_to": c.date(rel, "valid_to", entry)},
        ))

    if c.errors:
        raise AnnotationErrors(c.errors)
    return ParsedAnnotation(path=path, document=document, parties=parties, seats=seats,
                            relations=relations)


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True)
class Candidate:
    uid: str
    label: str
    name: str
    region: str | None
    origin: str  # "file" | a document path | "graph"


class NameIndex:
    """Resolves names (canonical, alias or uid) to parties: first the same file,
    then the other files being loaded, then the graph already loaded."""

    def __init__(self, graph_parties: Iterable[dict] = ()):
        self._batch: dict[str, dict[str, Candidate]] = {}
        self._graph: dict[str, dict[str, Candidate]] = {}
        for p in graph_parties:
            cand = Candidate(p["uid"], p["label"], p["name"], p.get("region"), "graph")
            for n in [p["name"], *(p.get("aliases") or []), p["uid"]]:
                self._graph.setdefault(ids.normalise_name(n), {})[cand.uid] = cand

    def add_batch(self, parsed: ParsedAnnotation) -> None:
        for party in parsed.parties:
            cand = Candidate(party.uid, party.label, party.name, party.region, str(parsed.path))
            for n in [*party.names(), party.uid]:
                self._batch.setdefault(ids.normalise_name(n), {})[cand.uid] = cand

    @staticmethod
    def _local(parsed: ParsedAnnotation) -> dict[str, dict[str, Candidate]]:
        table: dict[str, dict[str, Candidate]] = {}
        for party in parsed.parties:
            cand = Candidate(party.uid, party.label, party.name, party.region, "file")
            for n in [*party.names(), party.uid]:
                table.setdefault(ids.normalise_name(n), {})[cand.uid] = cand
        return table

    def lookup(self, name: str, *, region: str | None, local=None, labels=("Body", "Organisation")):
        key = ids.normalise_name(name)
        for table in (local or {}, self._batch, self._graph):
            found = [c for c in table.get(key, {}).values() if c.label in labels]
            if not found:
                continue
            if len(found) > 1:
                same_region = [c for c in found if c.region == region]
                if len(same_region) == 1:
                    return same_region[0], None
                options = ", ".join(sorted(f"{c.name} [{c.uid}]" for c in found))
                return None, f"{name!r} is ambiguous: {options}; use the id"
            return found[0], None
        return None, f"{name!r} resolves to no body or organisation in this file or the graph"


def resolve(parsed: ParsedAnnotation, index: NameIndex) -> ParsedAnnotation:
    """Fill in the uids of every reference; raise AnnotationErrors for what does not resolve."""
    errors: list[AnnotationError] = []
    local = NameIndex._local(parsed)
    region = parsed.document.region

    def find(name: str | None, entry: str, what: str, labels=("Body", "Organisation")):
        if name is None:
            return None
        cand, problem = index.lookup(name, region=region, local=local, labels=labels)
        if cand is None:
            errors.append(AnnotationError(parsed.path, entry, f"{what}: {problem}"))
            return None
        return cand.uid

    for party in parsed.parties:
        if party.part_of:
            uid = find(party.part_of, party.entry, "part_of", labels=("Organisation", "Body"))
            party.facts["part_of_uid"] = uid
    for seat in parsed.seats:
        seat.body_uid = find(seat.body, seat.entry, "body", labels=("Body",)) or ""
        seat.organisation_uid = find(seat.organisation, seat.entry, "organisation")
        seat.appointed_by_uid = find(seat.appointed_by, seat.entry, "appointed_by")
    for rel in parsed.relations:
        rel.source_uid = find(rel.source, rel.entry, "source") or ""
        rel.target_uid = find(rel.target, rel.entry, "target") or ""
    if errors:
        raise AnnotationErrors(errors)
    return parsed


def annotation_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into annotation files (YAML/JSON), sorted."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix.lower() in (".yaml", ".yml", ".json")
                              and q.is_file()))
        else:
            out.append(p)
    return out

