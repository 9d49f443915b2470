"""Load annotation files into Neo4j: parse → validate → resolve → one writer.

Every file is parsed and validated before anything is written. Each document is
written in its own transaction; a document that fails leaves the graph as it was.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from loaders.annotation import (
    AnnotationError,
    AnnotationErrors,
    NameIndex,
    ParsedAnnotation,
    annotation_files,
    read_annotation,
    resolve,
)
from neo4j.exceptions import ConstraintError

from loaders.writer import LoadReport, write_document

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED = PROJECT_ROOT / "data" / "annotations"
REFERENCE = PROJECT_ROOT / "data" / "reference" / "annotations"
DEFAULT_PATHS = (BUNDLED, REFERENCE)  # the bundled documents, reference data and lineage notes

GRAPH_PARTIES = """
MATCH (p:Party)
RETURN p.uid AS uid, p.name AS name, p.aliases AS aliases, p.region AS region,
       CASE WHEN p:Body THEN 'Body' ELSE 'Organisation' END AS label
"""


@dataclass
class LoadResult:
    reports: list[LoadReport]

    def totals(self) -> dict:
        out: dict = {}
        for r in self.reports:
            for kind, c in r.counts.items():
                t = out.setdefault(kind, {"inserted": 0, "updated": 0, "unchanged": 0, "removed": 0})
                for k in t:
                    t[k] += getattr(c, k)
        return out


def parse_all(paths: Iterable[str | Path]) -> list[ParsedAnnotation]:
    """Parse and validate every file; raise AnnotationErrors listing all problems."""
    files = annotation_files(paths)
    if not files:
        raise AnnotationErrors([AnnotationError(", ".join(map(str, paths)) or ".", "",
                                                "no annotation files (.yaml, .yml, .json) found")])
    parsed, errors = [], []
    seen_docs: dict[str, Path] = {}
    for f in files:
        try:
            p = read_annotation(f)
        except AnnotationErrors as exc:
            errors.extend(exc.errors)
            continue
        if p.document.uid in seen_docs:
            errors.append(AnnotationError(f, "document", f"id {p.document.uid!r} is also the id of "
                                          f"{seen_docs[p.document.uid]}"))
            continue
        seen_docs[p.document.uid] = f
        parsed.append(p)
    if errors:
        raise AnnotationErrors(errors)
    return parsed


def _order(parsed: list[ParsedAnnotation]) -> list[ParsedAnnotation]:
    """Documents in date order (undated last); a document that refers to parties that
    only another file of the batch declares is written after that file."""
    def key(p: ParsedAnnotation):
        d = p.document.effective_date
        return (d is None, d.start if d else None, p.document.uid)

    ordered = sorted(parsed, key=key)
    own = {p.document.uid: {x.uid for x in p.parties} for p in ordered}
    needs = {}
    for p in ordered:
        refs = {s.body_uid for s in p.seats} | {s.organisation_uid for s in p.seats} | \
               {s.appointed_by_uid for s in p.seats} | {r.source_uid for r in p.relations} | \
               {r.target_uid for r in p.relations}
        refs -= own[p.document.uid]
        refs.discard(None)
        needs[p.document.uid] = {q.document.uid for q in ordered
                                 if q is not p and refs & own[q.document.uid]}
    done: list[ParsedAnnotation] = []
    pending = list(ordered)
    while pending:
        for p in pending:
            if needs[p.document.uid] <= {d.document.uid for d in done}:
                done.append(p)
                pending.remove(p)
                break
        else:  # a cycle: keep date order for the rest; the graph check below catches gaps
            done.extend(pending)
            break
    return done


def load_paths(paths: Iterable[str | Path] | None = None, *, dry_run: bool = False,
               progress: Callable[[int, int, LoadReport], None] | None = None) -> LoadResult:
    """Load annotation files or folders (default: the bundled ones)."""
    from govgraph import db
    from model.schema import install_schema

    paths = list(paths or DEFAULT_PATHS)
    parsed = parse_all(paths)
    db.check()
    if not dry_run:
        install_schema()
    index = NameIndex(db.read(GRAPH_PARTIES))
    for p in parsed:
        index.add_batch(p)
    errors = []
    for p in parsed:
        try:
            resolve(p, index)
        except AnnotationErrors as exc:
            errors.extend(exc.errors)
    if errors:
        raise AnnotationErrors(errors)

    reports = []
    ordered = _order(parsed)
    try:
        for i, p in enumerate(ordered, 1):
            report = write_one(p, dry_run=dry_run, derive=False)
            reports.append(report)
            if progress:
                progress(i, len(ordered), report)
    finally:
        if not dry_run:
            derive_if_pending()
    return LoadResult(reports)


def derive_if_pending() -> bool:
    """Derive validity once for a batch (not after every document: that is quadratic).
    Documents written since the last derivation carry `validity_pending`, so a load that
    was interrupted between its commits and the derivation is repaired by the next load."""
    from govgraph import db
    from loaders.validity import derive_validity

    pending = db.read("MATCH (d:Document) WHERE d.validity_pending RETURN count(d) AS n")[0]["n"]
    if pending:
        db.write(derive_validity)
    return bool(pending)


def write_one(parsed: ParsedAnnotation, *, dry_run: bool = False, derive: bool = True) -> LoadReport:
    """One document in one transaction (a dry run rolls back: it never commits). With
    `derive`, the validity of the graph is derived in the same transaction."""
    from govgraph import db
    from loaders.validity import derive_validity

    def work(tx):
        _check_references(tx, parsed)
        report = write_document(tx, parsed, dry_run=dry_run)
        if report.changed and not dry_run and derive:
            derive_validity(tx)
        return report

    if dry_run:
        return db.read_records(work)
    try:
        return db.write(work)
    except ConstraintError:
        # another process wrote the same document at the same moment: its transaction won;
        # ours sees the committed state now and finds it unchanged (or updates it)
        return db.write(work)


def _check_references(tx, parsed: ParsedAnnotation) -> None:
    own = {x.uid for x in parsed.parties}
    refs = {}
    for s in parsed.seats:
        for u in (s.body_uid, s.organisation_uid, s.appointed_by_uid):
            if u and u not in own:
                refs.setdefault(u, s.entry)
    for r in parsed.relations:
        for u in (r.source_uid, r.target_uid):
            if u and u not in own:
                refs.setdefault(u, r.entry)
    if not refs:
        return
    found = {r["uid"] for r in tx.run("UNWIND $u AS x MATCH (p:Party {uid:x}) RETURN p.uid AS uid",
                                      u=list(refs)).data()}
    missing = [u for u in refs if u not in found]
    if missing:
        raise AnnotationErrors([AnnotationError(parsed.path, refs[u],
                                                f"refers to {u}, which is not in the graph") for u in missing])
