"""Cypher: a read-only console (queries.console.run_read_only) with a time and a row limit."""
from __future__ import annotations

import streamlit as st

from dashboard import data, graphview
from queries.catalogue import QueryError


def _on_example() -> None:
    name = st.session_state.get("cypher_eksempel")
    if name:
        st.session_state["cypher_tekst"] = data.EXAMPLES[name]
        if "$at" in data.EXAMPLES[name] and not st.session_state.get("cypher_param"):
            st.session_state["cypher_param"] = "at=2026-06-01"


def render() -> None:
    st.title("Cypher")
    st.caption("Skriv en læsende Cypher-forespørgsel. Skrivninger (CREATE, MERGE, SET, DELETE …), "
               "administration, LOAD CSV og APOC afvises; alt kører i en læsetransaktion med tidsgrænse.")
    st.session_state.setdefault("cypher_tekst", data.EXAMPLES["Organer pr. region"])
    st.session_state.setdefault("cypher_param", "")
    st.selectbox("Eksempler", list(data.EXAMPLES), index=None, placeholder="Vælg et eksempel …",
                 key="cypher_eksempel", on_change=_on_example)
    cypher = st.text_area("Forespørgsel", key="cypher_tekst", height=150)
    c1, c2, c3 = st.columns([2, 1, 1])
    params_text = c1.text_input("Parametre (NAVN=VÆRDI, adskilt af komma)", key="cypher_param",
                                placeholder="at=2026-06-01")
    limit = c2.number_input("Højst rækker", min_value=1, max_value=5000, value=200, step=50, key="cypher_graense")
    timeout = c3.number_input("Tidsgrænse (sekunder)", min_value=1.0, max_value=60.0, value=10.0, step=1.0,
                              key="cypher_tid")
    if not st.button("Kør", type="primary", key="cypher_koer", icon=":material/play_arrow:"):
        return
    try:
        params = data.parse_params(params_text)
        rows, truncated = data.run_console(cypher, params, limit=limit, timeout=timeout)
    except QueryError as exc:
        st.error(f"Forespørgslen blev ikke kørt: {exc}", icon=":material/block:")
        return
    st.success(f"{len(rows)} rækker" + (f" (stoppet ved grænsen på {limit})" if truncated else ""))
    if truncated:
        st.warning(f"Resultatet er afkortet til {limit} rækker.")
    if not rows:
        return
    st.dataframe(data.rows_for_table(rows), hide_index=True, width="stretch")
    page = data.console_graph(rows)
    if page:
        st.markdown("**Som graf** (knuderne i resultatet og relationerne mellem dem)")
        st.iframe(page, height=graphview.html_height(520), alt="Resultatet som graf")


if __name__ == "__main__":
    render()
