"""Load annotation files into Neo4j: parse → validate → resolve → one writer.

Every file is parsed and validated (in worker processes for a large batch) before
anything is written. Documents are then written in date order, several per transaction
(write_many); a transaction that fails is redone one document per transaction, so each
document loads completely or not at all and a document that fails leaves the graph as it
was. Validity is derived once at the end (derive_if_pending).
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
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

from loaders.writer import LoadReport, build_payload, write_batch, write_document

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED = PROJECT_ROOT / "data" / "annotations"
REFERENCE = PROJECT_ROOT / "data" / "reference" / "annotations"
DEFAULT_PATHS = (BUNDLED, REFERENCE)  # the bundled documents, reference data and lineage notes
BATCH_FACTS = 5_000  # documents are committed together up to about this many facts
BATCH_DOCUMENTS = 100
PARALLEL_MIN_FILES = 24  # fewer files parse faster in this process than in a pool
PARSE_WORKERS = 4

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
    for f, p, problems in _read_all(files):
        if problems:
            errors.extend(AnnotationError(*x) for x in problems)
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


def _read(path: Path) -> tuple[Path, ParsedAnnotation | None, list[tuple[str, str, str]] | None]:
    try:
        return path, read_annotation(path), None
    except AnnotationErrors as exc:  # as plain tuples: they cross a process boundary
        return path, None, [(e.file, e.entry, e.message) for e in exc.errors]


def _read_all(files: list[Path], parallel: bool | None = None):
    """Parse the files, on every core for a large batch (YAML parsing is CPU-bound, and the
    database is idle until everything is parsed and validated). Results in file order.
    `parallel`: None decides by the number of files and the process (see below)."""
    workers = max(2, min(os.cpu_count() or 1, PARSE_WORKERS))
    if parallel is None:
        # fork only a single-threaded process (the command line, not the explorer's server:
        # forking a process with other threads can copy a held lock); fork re-imports nothing
        parallel = (len(files) >= PARALLEL_MIN_FILES and (os.cpu_count() or 1) > 1
                    and threading.active_count() == 1
                    and "fork" in multiprocessing.get_all_start_methods())
    if not parallel:
        yield from map(_read, files)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(_read, files, chunksize=max(1, len(files) // (workers * 8)))


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

    reports: list[LoadReport] = []
    ordered = _order(parsed)

    def done(batch_reports):
        for report in batch_reports:
            reports.append(report)
            if progress:
                progress(len(reports), len(ordered), report)

    try:
        if dry_run:  # each document against the graph as it is (nothing is written)
            for p in ordered:
                done([write_one(p, dry_run=True)])
        else:
            _write_batches(ordered, done)
    finally:
        if not dry_run:
            derive_if_pending()
    return LoadResult(reports)


def _write_batches(ordered: list[ParsedAnnotation], done: Callable[[list[LoadReport]], None]) -> None:
    """Write the documents batch by batch. Each batch's payloads (pure Python) are built
    in a thread while the database works on the batch before it (the main thread then
    mostly waits on the server); one batch ahead only, so they do not pile up in memory."""
    batches = list(_batches(ordered))
    prepare = ThreadPoolExecutor(1, thread_name_prefix="govgraph-payload")

    def start(batch):
        return {p.document.uid: prepare.submit(build_payload, p) for p in batch}

    try:
        upcoming = start(batches[0]) if batches else {}
        for i, batch in enumerate(batches):
            current, upcoming = upcoming, (start(batches[i + 1]) if i + 1 < len(batches) else {})
            done(write_many(batch, current))
    finally:  # after a failure, do not build payloads nobody will write
        prepare.shutdown(wait=True, cancel_futures=True)


def _facts(p: ParsedAnnotation) -> int:
    return 1 + len(p.parties) + len(p.seats) + len(p.relations)


def _batches(ordered: list[ParsedAnnotation]) -> Iterable[list[ParsedAnnotation]]:
    batch: list[ParsedAnnotation] = []
    size = 0
    for p in ordered:
        if batch and (size + _facts(p) > BATCH_FACTS or len(batch) >= BATCH_DOCUMENTS):
            yield batch
            batch, size = [], 0
        batch.append(p)
        size += _facts(p)
    if batch:
        yield batch


def write_many(batch: list[ParsedAnnotation], payloads: dict | None = None) -> list[LoadReport]:
    """Write documents in one transaction (one commit, one statement per kind of write for
    all of them). Each document still loads completely or not at all: if the batch fails
    (a reference the graph lacks, a concurrent writer, ...), nothing of it was committed
    and its documents are written one by one, so the ones before the culprit land and the
    culprit's own error is the one raised."""
    from govgraph import db

    if len(batch) == 1:
        return [write_one(batch[0], derive=False)]

    def work(tx):
        _check_references(tx, batch)
        return write_batch(tx, batch, payloads)

    try:
        return db.write(work)
    except (AnnotationErrors, ConstraintError):
        return [write_one(p, derive=False) for p in batch]


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
        _check_references(tx, [parsed])
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


def _check_references(tx, batch: list[ParsedAnnotation]) -> None:
    """Every party a document of the batch refers to is its own, a document's before it in
    the batch, or in the graph: one lookup for the whole batch."""
    refs: dict[str, tuple[Path, str]] = {}
    own: set[str] = set()
    for parsed in batch:
        own |= {x.uid for x in parsed.parties}
        for s in parsed.seats:
            for u in (s.body_uid, s.organisation_uid, s.appointed_by_uid):
                if u and u not in own:
                    refs.setdefault(u, (parsed.path, s.entry))
        for r in parsed.relations:
            for u in (r.source_uid, r.target_uid):
                if u and u not in own:
                    refs.setdefault(u, (parsed.path, r.entry))
    if not refs:
        return
    found = {r["uid"] for r in tx.run("UNWIND $u AS x MATCH (p:Party {uid:x}) RETURN p.uid AS uid",
                                      u=list(refs)).data()}
    missing = [u for u in refs if u not in found]
    if missing:
        raise AnnotationErrors([AnnotationError(refs[u][0], refs[u][1],
                                                f"refers to {u}, which is not in the graph") for u in missing])
