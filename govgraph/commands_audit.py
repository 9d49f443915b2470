"""`govgraph audit`: run the named audits (queries/audits/*.cypher) and print or save them.

    govgraph audit --list
    govgraph audit NAME [--at DATE] [--param k=v …] [--format table|json|csv|md] [-o FILE]
    govgraph audit --all [--at DATE] [--format md] [-o report.md]

The exit code is 0 whether or not an audit finds something; it is non-zero only on an
error (an unknown audit, a bad date or parameter, no database), with a one-line message.
Registered on the main group by `main.add_command(audit)`.
"""
from __future__ import annotations

from pathlib import Path

import click

FORMATS = ("table", "json", "csv", "md")


from govgraph.errors import Failure, handle_errors, parse_params


def _emit(text: str, output: Path | None, what: str) -> None:
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    click.echo(f"wrote {what} to {output}")


@click.command("audit")
@click.argument("name", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the audits, one a line, the name first.")
@click.option("--all", "run_every", is_flag=True, help="Run every audit.")
@click.option("--at", "at", default=None,
              help="The date (YYYY, YYYY-MM or YYYY-MM-DD); default: the audit's own default.")
@click.option("--param", "params", multiple=True, help="An audit parameter KEY=VALUE (repeatable), e.g. n=3.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of the terminal.")
@handle_errors
def audit(name: str | None, list_only: bool, run_every: bool, at: str | None, params: tuple[str, ...],
          fmt: str, output: Path | None) -> None:
    """Run named audits of the graph at a date; every finding cites its document and quote.

    Exit code 0 whether or not there are findings; 1 on an error.
    """
    from govgraph.output import table
    from queries import audits as lib

    chosen = sum(bool(x) for x in (name, list_only, run_every))
    if chosen != 1:
        raise Failure("give one of: an audit NAME, --list or --all (see govgraph audit --help)")
    extra = parse_params(params)

    if list_only:
        rows = lib.list_audits()
        if fmt == "json":
            _emit(lib.to_json(rows), output, "the audit list")
        elif fmt == "csv":
            _emit(lib.to_csv(rows), output, "the audit list")
        else:
            width = max(len(r["name"]) for r in rows) if rows else 0
            _emit("\n".join(f"{r['name'].ljust(width)}  {r['title']}" for r in rows), output, "the audit list")
        return

    if run_every:
        day = lib.resolved_at(at)
        results = lib.run_all(day, params=extra)
        if fmt == "json":
            text = lib.to_json(results)
        elif fmt == "csv":
            text = lib.all_to_csv(results)
        elif fmt == "md":
            text = lib.report_markdown(results, day, lib.document_index())
        else:
            cat = lib.audits()
            parts = [f"Audits at {day}: {sum(len(r) for r in results.values())} findings"]
            for audit_name, rows in results.items():
                parts.append(f"\n{audit_name}: {cat[audit_name].title} ({len(rows)})")
                if rows:
                    parts.append(table(rows, _table_columns(rows)))
            text = "\n".join(parts)
        _emit(text, output, f"{len(results)} audits")
        return

    q = lib.get_audit(name)
    day = lib.resolved_at(at, [q.name])
    rows = lib.run_audit(q.name, day, extra)
    if fmt == "json":
        text = lib.to_json(rows)
    elif fmt == "csv":
        text = lib.to_csv(rows)
    elif fmt == "md":
        text = lib.report_markdown({q.name: rows}, day, lib.document_index(), title=q.title)
    else:
        text = f"{q.title} — {day}: {len(rows)} findings\n" + (table(rows, _table_columns(rows)) if rows else "")
    _emit(text, output, f"{len(rows)} findings")


def _table_columns(rows: list[dict]) -> list[str]:
    from queries.audits import columns

    return [c for c in columns(rows) if not c.endswith("uid")]
