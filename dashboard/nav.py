"""The explorer's pages (one file each in dashboard/views/) and shared widgets state.

Pages are file pages so that `st.switch_page("views/organ.py", ...)` and
AppTest.switch_page("views/organ.py") both address them by path.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

VIEWS = Path(__file__).resolve().parent / "views"

# file, Danish title, icon (emoji: the favicon is then a data: URL; a :material/…: icon
# would make the browser fetch the favicon from fonts.gstatic.com), url path
PAGES = [
    ("tidslinje.py", "Tidslinje", "📅", "tidslinje"),
    ("struktur.py", "Struktur", "🕸️", "struktur"),
    ("sammenlign.py", "Sammenlign", "🔀", "sammenlign"),
    ("organ.py", "Organ", "🏛️", "organ"),
    ("organisationer.py", "Organisationer", "👥", "organisationer"),
    ("revision.py", "Revision", "🔎", "revision"),
    ("cypher.py", "Cypher", "⌨️", "cypher"),
    ("indlaes.py", "Indlæs", "📥", "indlaes"),
]
DEFAULT = "struktur.py"


def pages() -> list:
    return [st.Page(str(VIEWS / f), title=t, icon=i, url_path=u, default=(f == DEFAULT))
            for f, t, i, u in PAGES]


def open_body(uid: str) -> None:
    """Go to the Organ page of a body (its uid in the URL, so the link can be shared)."""
    st.session_state["organ"] = uid
    st.switch_page("views/organ.py", query_params={"organ": uid})


def current_date(default: dt.date | None = None) -> dt.date:
    """The date the user works at (shared by Struktur, Organ and Revision)."""
    value = st.session_state.get("at")
    if value:
        return dt.date.fromisoformat(value)
    return default or min(max(dt.date.today(), dt.date(2007, 1, 1)), dt.date(2027, 12, 31))


def set_current_date(day: dt.date) -> None:
    st.session_state["at"] = day.isoformat()
