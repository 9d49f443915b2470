"""Printing rows: aligned text tables, JSON, CSV and Markdown."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Iterable


def plain(value):
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def to_json(data) -> str:
    return json.dumps(plain(data), ensure_ascii=False, indent=2)


def _cell(value, width: int | None = 60) -> str:
    value = plain(value)
    if value is None:
        text = ""
    elif isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    text = " ".join(text.split())
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def table(rows: list[dict], columns: Iterable[str] | None = None, width: int | None = 60) -> str:
    rows = list(rows)
    if not rows:
        return "(no rows)"
    cols = list(columns or rows[0].keys())
    cells = [[_cell(r.get(c), width) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(cols), line(["-" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def to_csv(rows: list[dict], columns: Iterable[str] | None = None) -> str:
    rows = list(rows)
    buf = io.StringIO()
    cols = list(columns or (rows[0].keys() if rows else []))
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: _cell(r.get(c), None) for c in cols})
    return buf.getvalue()


def markdown(rows: list[dict], columns: Iterable[str] | None = None) -> str:
    rows = list(rows)
    if not rows:
        return "_Ingen fund / no findings._\n"
    cols = list(columns or rows[0].keys())
    esc = lambda s: s.replace("|", "\\|")  # noqa: E731
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        out.append("| " + " | ".join(esc(_cell(r.get(c), None)) for c in cols) + " |")
    return "\n".join(out) + "\n"
