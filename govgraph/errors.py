"""Shared command-line helpers: one-line errors (the library's known errors become a clear
message and exit code 1; no traceback unless --debug) and KEY=VALUE parameters."""
from __future__ import annotations

import functools

import click

EXIT_ERROR = 1


class Failure(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file=None):
        click.echo(f"error: {self.message}", err=True)


def _known_errors():
    from govgraph.db import DatabaseUnavailable
    from govgraph.server import ServerError
    from loaders.annotation import AnnotationError, AnnotationErrors
    from loaders.readers import ReaderError
    from model.dates import DateError
    from queries.catalogue import QueryError

    return (AnnotationErrors, AnnotationError, DatabaseUnavailable, DateError, ServerError,
            QueryError, ReaderError)


def handle_errors(fn):
    """Turn the library's known errors into clear one-line messages and exit 1."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        debug = (ctx.find_root().params or {}).get("debug", False)
        try:
            return fn(*args, **kwargs)
        except _known_errors() as exc:
            if debug:
                raise
            lines = str(exc).splitlines() or [exc.__class__.__name__]
            for line in lines[:20]:
                click.echo(f"error: {line}", err=True)
            if len(lines) > 20:
                click.echo(f"error: … and {len(lines) - 20} more", err=True)
            ctx.exit(EXIT_ERROR)
        except Exception as exc:  # neo4j errors and the like: one line, not a traceback
            if debug:
                raise
            from neo4j.exceptions import Neo4jError, DriverError

            if isinstance(exc, (Neo4jError, DriverError)):
                click.echo(f"error: Neo4j: {getattr(exc, 'message', None) or exc}", err=True)
                ctx.exit(EXIT_ERROR)
            raise

    return wrapper




def parse_params(pairs: tuple[str, ...]) -> dict:
    """--param KEY=VALUE options → a dict (values stay strings; queries convert them)."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise Failure(f"--param {pair!r}: use KEY=VALUE")
        out[key.strip()] = value
    return out
