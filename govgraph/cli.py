"""`govgraph`: one command line over the library.

Every command is a thin wrapper: parse options, call the library, print. Errors
are one clear line (file and place named) and a non-zero exit code; --debug shows
the traceback.
"""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from govgraph.commands_audit import audit
from govgraph.errors import Failure, handle_errors, parse_params

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="govgraph")
def main(debug: bool) -> None:
    """govgraph: how Danish health care is governed, 2007–2027, as a Neo4j graph.

    Connection settings come from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (or the
    git-ignored .env file that `govgraph db start` writes for the local server).
    """
    import logging

    logging.getLogger("neo4j").setLevel(logging.DEBUG if debug else logging.CRITICAL)


# --------------------------------------------------------------------------- db


@main.group()
def db() -> None:
    """Manage the local Neo4j Community server (assembled from Maven Central)."""


@db.command("start")
@click.option("--timeout", default=180, show_default=True, help="Seconds to wait for Bolt.")
@handle_errors
def db_start(timeout: int) -> None:
    """Start the local Neo4j (returns when Bolt answers) and install the schema."""
    from govgraph import server

    status = server.start(timeout=timeout)
    click.echo(status.message if hasattr(status, "message") else str(status))
    _install_schema_quietly()


def _install_schema_quietly() -> None:
    from govgraph import db as gdb
    from model.schema import install_schema

    gdb.check()
    install_schema()
    click.echo("schema: constraints and indexes installed")


@db.command("stop")
@handle_errors
def db_stop() -> None:
    """Stop the local Neo4j."""
    from govgraph import server

    result = server.stop()
    click.echo(getattr(result, "message", None) or str(result) or "stopped")


@db.command("status")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@handle_errors
def db_status(fmt: str) -> None:
    """Say whether the local Neo4j runs, where, and which version."""
    import dataclasses

    from govgraph import server

    status = server.status()
    data = dataclasses.asdict(status) if dataclasses.is_dataclass(status) else dict(status)
    if fmt == "json":
        click.echo(json.dumps(data, default=str, indent=2))
    else:
        for k, v in data.items():
            click.echo(f"{k}: {v}")
    if not data.get("running"):
        sys.exit(3)


# --------------------------------------------------------------------------- load


def _print_report(report) -> None:
    c = report.counts
    parts = []
    for kind in ("bodies", "organisations", "seats", "relations"):
        x = c[kind]
        parts.append(f"{kind} +{x.inserted} ~{x.updated} ={x.unchanged} -{x.removed}")
    verb = "would change" if report.dry_run and report.changed else (
        "unchanged" if not report.changed else ("updated" if c["documents"].updated else
                                                "inserted" if c["documents"].inserted else "updated"))
    click.echo(f"{report.document}: {verb} | " + " | ".join(parts))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change in the graph; write nothing.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@handle_errors
def load(paths: tuple[Path, ...], dry_run: bool, fmt: str) -> None:
    """Load annotation files or folders (default: the bundled ones).

    Prints, per document, what was inserted (+), updated (~), left unchanged (=)
    and removed (-). Each document loads completely or not at all.
    """
    from loaders.load import load_paths

    def progress(i, n, report):
        if fmt == "table":
            click.echo(f"[{i}/{n}] ", nl=False)
            _print_report(report)
            if dry_run:
                for change in report.changes:
                    click.echo(f"    {change}")

    result = load_paths(list(paths) or None, dry_run=dry_run, progress=progress)
    if fmt == "json":
        click.echo(json.dumps({"dry_run": dry_run, "documents": [r.as_dict() for r in result.reports],
                               "totals": result.totals()}, indent=2))
        return
    t = result.totals()
    click.echo("total: " + " | ".join(
        f"{k} +{v['inserted']} ~{v['updated']} ={v['unchanged']} -{v['removed']}" for k, v in t.items()))
    if not dry_run:
        _print_graph_counts()


def _print_graph_counts() -> None:
    from govgraph import db as gdb

    row = gdb.read(
        "CALL () { MATCH (d:Document) RETURN count(d) AS documents } "
        "CALL () { MATCH (b:Body) RETURN count(b) AS bodies } "
        "CALL () { MATCH (o:Organisation) RETURN count(o) AS organisations } "
        "CALL () { MATCH (s:Seat) RETURN count(s) AS seats } "
        "CALL () { MATCH (:Party)-[r]->(:Party) WHERE r.document IS NOT NULL RETURN count(r) AS relations } "
        "RETURN documents, bodies, organisations, seats, relations")[0]
    click.echo("graph: " + ", ".join(f"{v} {k}" for k, v in row.items()))


# --------------------------------------------------------------------------- export


@main.command()
@click.option("--format", "fmt", type=click.Choice(["annotation", "graphml", "gexf", "jsonld", "csv"]),
              default="annotation", show_default=True)
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True,
              help="A folder (annotation, csv) or a file.")
@click.option("--at", "at", default=None, help="Only what holds at this date (YYYY[-MM[-DD]]).")
@handle_errors
def export(fmt: str, output: Path, at: str | None) -> None:
    """Export the graph: annotation files (the backup path), GraphML, GEXF, JSON-LD or CSV."""
    if fmt == "annotation":
        if at:
            raise Failure("--at does not apply to --format annotation (it exports every document)")
        from loaders.export import export_annotations

        files = export_annotations(output)
        click.echo(f"wrote {len(files)} annotation files to {output}")
        return
    from queries import exports

    written = exports.export(fmt, output, at=at)
    click.echo(f"wrote {written}")


# --------------------------------------------------------------------------- extract


def _graph_parties() -> tuple[list[dict] | None, str | None]:
    """The bodies and organisations already loaded, for name resolution (None if no graph)."""
    from govgraph import db as gdb
    from govgraph.db import DatabaseUnavailable
    from loaders.load import GRAPH_PARTIES

    try:
        gdb.check()
        return gdb.read(GRAPH_PARTIES), None
    except DatabaseUnavailable as exc:
        return None, f"names were not resolved against the graph: {exc}"


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write the draft (a folder when FILE is a folder); default: standard output.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@handle_errors
def extract(file: Path, output: Path | None, fmt: str) -> None:
    """Draft an annotation of a kommissorium (.txt, .docx, .pdf, .html) for review.

    Prints a summary and what the extractor was unsure of; then review the draft,
    check it with `govgraph load DRAFT --dry-run`, and load it with `govgraph load DRAFT`.
    """
    import os

    from loaders.extract import extract as draft_of
    from loaders.extract import write_draft
    from loaders.readers import read_text

    known, warning = _graph_parties()
    if warning:
        click.echo(f"warning: {warning}", err=True)
    if file.is_dir():
        files = sorted(p for p in file.iterdir() if p.is_file() and p.suffix.lower() in
                       (".txt", ".docx", ".pdf", ".html", ".htm"))
        if not output:
            raise Failure("extracting a folder needs -o FOLDER for the drafts")
        for i, f in enumerate(files, 1):
            target = output / f"{f.stem}.draft.{fmt}"
            draft = draft_of(read_text(f), known=known)
            draft.annotation["document"]["file"] = os.path.relpath(f.resolve(), target.parent.resolve())
            write_draft(draft, target, fmt)
            click.echo(f"[{i}/{len(files)}] {f.name} → {target} ({len(draft.review)} to review)", err=True)
        return
    draft = draft_of(read_text(file), known=known)
    if output:
        draft.annotation["document"]["file"] = os.path.relpath(file.resolve(), output.parent.resolve())
        write_draft(draft, output, fmt)
    else:
        draft.annotation["document"]["file"] = str(file.resolve())
    click.echo(draft.summary(), err=True)
    if draft.review:
        click.echo("to review:", err=True)
        for item in draft.review:
            click.echo(f"  - {item}", err=True)
    if output:
        click.echo(f"wrote the draft to {output}; next: govgraph load {output} --dry-run", err=True)
    else:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = write_draft(draft, Path(tmp) / f"draft.{fmt}", fmt)
            click.echo(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- time


SNAPSHOT_COLUMNS = {
    "bodies": ["name", "kind", "level", "region", "valid_from", "valid_to", "certain", "document"],
    "seats": ["body", "count", "count_max", "per", "title", "organisation", "appointed_by", "role"],
    "relations": ["source", "type", "target", "valid_from", "valid_to", "inferred", "document"],
}


@main.command()
@click.option("--at", "at", required=True, help="The date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@handle_errors
def snapshot(at: str, fmt: str) -> None:
    """The structure at a date: bodies, seats and relations valid then."""
    from govgraph.output import table, to_json
    from queries.structure import snapshot as snap

    data = snap(at)
    if fmt == "json":
        click.echo(to_json(data))
        return
    click.echo(f"Structure at {data['at']}: {len(data['bodies'])} bodies, {len(data['seats'])} seats, "
               f"{len(data['relations'])} relations")
    for kind, cols in SNAPSHOT_COLUMNS.items():
        click.echo(f"\n{kind.upper()}")
        click.echo(table(data[kind], cols))


@main.command()
@click.argument("date_a")
@click.argument("date_b")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@handle_errors
def diff(date_a: str, date_b: str, fmt: str) -> None:
    """What changed between two dates: bodies, seats and relations added, removed, changed."""
    from govgraph.output import table, to_json
    from queries.structure import diff as compute

    data = compute(date_a, date_b)
    if fmt == "json":
        click.echo(to_json(data))
        return
    click.echo(f"From {data['from']} to {data['to']}")
    for change in ("added", "removed", "changed"):
        for kind, cols in SNAPSHOT_COLUMNS.items():
            rows = data[change][kind]
            if rows:
                click.echo(f"\n{change.upper()} {kind} ({len(rows)})")
                extra = ["changes"] if change == "changed" else []
                click.echo(table(rows, cols[:4] + extra, width=70))
    if not any(data[c][k] for c in ("added", "removed", "changed") for k in SNAPSHOT_COLUMNS):
        click.echo("no changes")


@main.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@handle_errors
def lineage(name: str, fmt: str) -> None:
    """A body's predecessors, successors and the tasks it passed on or took over."""
    from govgraph.output import table, to_json
    from queries.structure import lineage as compute

    data = compute(name)
    if fmt == "json":
        click.echo(to_json(data))
        return
    b = data["body"]
    click.echo(f"{b['name']} [{b['uid']}] {b['valid_from'] or '?'} – {b['valid_to'] or ''}")
    for key, cols in (("predecessors", ["other", "steps", "other_from", "other_to", "inferred", "note"]),
                      ("successors", ["other", "steps", "other_from", "other_to", "inferred", "note"]),
                      ("tasks", ["task", "target", "direction", "other", "body_from", "other_from"])):
        click.echo(f"\n{key.upper()}")
        click.echo(table(data[key], cols, width=70))


# --------------------------------------------------------------------------- query


@main.command()
@click.argument("cypher")
@click.option("--param", "params", multiple=True, help="A query parameter KEY=VALUE (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--limit", default=1000, show_default=True, help="The most rows returned.")
@click.option("--timeout", default=10.0, show_default=True, help="The time limit in seconds.")
@handle_errors
def query(cypher: str, params: tuple[str, ...], fmt: str, limit: int, timeout: float) -> None:
    """Run a read-only Cypher query (writes, admin commands, LOAD CSV and APOC are refused).

    Values travel as parameters: govgraph query 'MATCH (b:Body {name:$n}) RETURN b.uid' --param n=KOSU
    """
    from govgraph.output import table, to_json
    from queries.console import run_read_only

    rows, truncated = run_read_only(cypher, parse_params(params), limit=limit, timeout=timeout)
    if fmt == "json":
        click.echo(to_json(rows))
    else:
        click.echo(table(rows))
    if truncated:
        click.echo(f"(stopped at the row limit of {limit})", err=True)


# --------------------------------------------------------------------------- explore / up


@main.command()
@click.option("--port", default=8501, show_default=True, help="The port of the explorer.")
@click.option("--address", default="127.0.0.1", show_default=True,
              help="Where it listens (localhost unless you say otherwise).")
@click.option("--open/--no-open", "open_browser", default=False, help="Open it in the browser.")
@click.option("--headless/--no-headless", default=True, show_default=True)
@handle_errors
def explore(port: int, address: str, open_browser: bool, headless: bool) -> None:
    """Start the explorer (Streamlit) on the loaded graph."""
    run_explorer(port=port, address=address, open_browser=open_browser, headless=headless)


def run_explorer(*, port: int, address: str, open_browser: bool, headless: bool = True) -> None:
    import subprocess
    import threading
    import time
    import urllib.request
    import webbrowser

    app = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
           "--server.address", address, "--server.headless", "true" if headless else "false",
           "--browser.gatherUsageStats", "false", "--global.developmentMode", "false"]
    url = f"http://{address}:{port}/"
    click.echo(f"explorer: {url}  (Ctrl+C stops it)")
    proc = subprocess.Popen(cmd)

    def opener():
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "_stcore/health", timeout=1)
                webbrowser.open(url)
                return
            except OSError:
                time.sleep(0.5)

    if open_browser:
        threading.Thread(target=opener, daemon=True).start()
    try:
        sys.exit(proc.wait())
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(timeout=10)


@main.command()
@click.option("--port", default=8501, show_default=True, help="The port of the explorer.")
@click.option("--no-explore", is_flag=True, help="Stop after loading; do not start the explorer.")
@handle_errors
def up(port: int, no_explore: bool) -> None:
    """The main job: start the local Neo4j (unless NEO4J_URI points elsewhere), load the
    bundled documents, and open the explorer in the browser."""
    import os

    from govgraph import server
    from govgraph.config import is_local_uri, settings

    if not os.environ.get("NEO4J_URI") or is_local_uri(settings().uri):
        status = server.start()
        click.echo(getattr(status, "message", None) or str(status))
    _install_schema_quietly()
    ctx = click.get_current_context()
    ctx.invoke(load, paths=(), dry_run=False, fmt="table")
    if not no_explore:
        run_explorer(port=port, address="127.0.0.1", open_browser=True)


# --------------------------------------------------------------------------- audit

main.add_command(audit)


if __name__ == "__main__":  # pragma: no cover
    main()
