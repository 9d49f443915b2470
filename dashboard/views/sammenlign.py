"""Sammenlign: two dates in one graph: added (green), removed (grey), changed (orange)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import data, graphview
from dashboard import labels as L


def _changes_text(changes: dict | None) -> str:
    return "; ".join(f"{k}: {v.get('from')} → {v.get('to')}" for k, v in (changes or {}).items())


def tables(d: dict, change: str) -> None:
    bodies, seats, rels = d[change]["bodies"], d[change]["seats"], d[change]["relations"]
    extra = change == "changed"
    st.markdown(f"**Organer ({len(bodies)})**")
    if bodies:
        st.dataframe(pd.DataFrame([{
            "organ": b["name"], "type": L.kind(b.get("kind")), "niveau": L.level(b.get("level")),
            "region": b.get("region"), "periode": L.period(b.get("valid_from"), b.get("valid_to")),
            **({"ændringer": _changes_text(b.get("changes"))} if extra else {}),
            "kilde": b.get("document"), "citat": b.get("evidence")} for b in bodies]),
            hide_index=True, width="stretch")
    st.markdown(f"**Sæder ({len(seats)})**")
    if seats:
        st.dataframe(pd.DataFrame([{
            "organ": s["body"], "antal": s.get("count"), "titel": s.get("title"),
            "organisation": s.get("organisation"), "rolle": L.role(s.get("role")),
            **({"ændringer": _changes_text(s.get("changes"))} if extra else {}),
            "kilde": s.get("document"), "citat": s.get("evidence")} for s in seats]),
            hide_index=True, width="stretch")
    st.markdown(f"**Relationer ({len(rels)})**")
    if rels:
        st.dataframe(pd.DataFrame([{
            "fra": r["source"], "relation": L.relation(r["type"]), "til": r["target"],
            "periode": L.period(r.get("valid_from"), r.get("valid_to")), "kilde": r.get("document"),
            "citat": r.get("evidence") or r.get("note")} for r in rels]), hide_index=True, width="stretch")


def render() -> None:
    st.title("Sammenlign")
    st.caption("To datoer i én graf: grønt er kommet til, blegt og stiplet er forsvundet, orange er ændret "
               "(egenskaber eller sæder), blågrå er uændret. Formen viser organets type.")
    c1, c2, c3 = st.columns([1, 1, 2])
    a = c1.date_input("Fra dato", value=dt.date(2008, 1, 1), min_value=data.FIRST_DAY,
                      max_value=data.LAST_DAY, key="sammenlign_fra", format="YYYY-MM-DD")
    b = c2.date_input("Til dato", value=dt.date(2026, 6, 1), min_value=data.FIRST_DAY,
                      max_value=data.LAST_DAY, key="sammenlign_til", format="YYYY-MM-DD")
    fv = data.filter_values()
    regions = c3.multiselect("Region", fv["regions"], key="sammenlign_region", placeholder="Alle regioner")
    if a == b:
        st.warning("Vælg to forskellige datoer.")
    view = data.compare_view(a, b, regions=sorted(regions) or None)
    d = view["diff"]
    m = st.columns(6)
    m[0].metric("Organer tilføjet", len(d["added"]["bodies"]))
    m[1].metric("Organer fjernet", len(d["removed"]["bodies"]))
    m[2].metric("Organer ændret", len(d["changed"]["bodies"]))
    m[3].metric("Sæder tilføjet/fjernet", f"{len(d['added']['seats'])}/{len(d['removed']['seats'])}")
    m[4].metric("Relationer tilføjet", len(d["added"]["relations"]))
    m[5].metric("Relationer fjernet", len(d["removed"]["relations"]))
    st.iframe(view["html"], height=graphview.html_height(), alt=f"Ændringer fra {d['from']} til {d['to']}")
    t1, t2, t3 = st.tabs(["Tilføjet", "Fjernet", "Ændret"])
    with t1:
        tables(d, "added")
    with t2:
        tables(d, "removed")
    with t3:
        tables(d, "changed")


if __name__ == "__main__":
    render()
