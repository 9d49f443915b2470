"""Organisationer: an organisation's seats across bodies and over time."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard import labels as L


def render() -> None:
    st.title("Organisationer")
    st.caption("Hvor mange pladser en organisation (en region, kommunerne, PLO …) har i "
               "samarbejdets organer, på hver dokument- og reformdato.")
    options = data.organisation_options()
    if not options:
        st.info("Der er ingen organisationer i grafen endnu.")
        return
    labels = {o["uid"]: f"{o['label']} ({o['seats']} sædelinjer)" for o in options}
    default = [o["uid"] for o in options if o["seats"]][:3]
    chosen = st.multiselect("Organisationer", list(labels), default=default, format_func=labels.get,
                            key="org_valg")
    if not chosen:
        st.info("Vælg en eller flere organisationer.")
        return
    series = pd.DataFrame(data.organisation_series(chosen))
    chart = alt.Chart(series).mark_line(point=True, interpolate="step-after").encode(
        x=alt.X("dato:T", title=None, axis=alt.Axis(format="%Y", tickCount="year", labelAngle=0)),
        y=alt.Y("sæder:Q", title="Pladser"),
        color=alt.Color("organisation:N", title=None, legend=alt.Legend(orient="top", labelLimit=320)),
        tooltip=[alt.Tooltip("dato:T", title="Dato", format="%Y-%m-%d"), "organisation:N",
                 alt.Tooltip("sæder:Q", title="Pladser"), alt.Tooltip("organer:Q", title="Organer")])
    st.altair_chart(chart.properties(height=320, title="Pladser på hver dato"), width="stretch")
    pivot = series.pivot_table(index="dato", columns="organisation", values="sæder", aggfunc="sum").reset_index()
    st.dataframe(pivot, hide_index=True, width="stretch")
    st.caption("Pladser = summen af medlemslistens antal (største tal, hvor et interval er angivet). "
               "En linje “1 pr. kommune” tæller én gang.")

    for uid in chosen:
        seats = data.organisation_seats(uid)
        name = data.parties().get(uid, {}).get("name", uid)
        st.subheader(f"{name}: {len(seats)} sædelinjer")
        if not seats:
            st.caption("Ingen sæder i de indlæste dokumenter.")
            continue
        st.dataframe(pd.DataFrame([{
            "organ": s["body"], "antal": s.get("count"), "pr.": s.get("per"), "titel": s.get("title"),
            "rolle": L.role(s.get("role")), "udpeget af": s.get("appointed_by"),
            "periode": L.period(s.get("valid_from"), s.get("valid_to")), "citat": s.get("evidence"),
            "dokument": data.document_label(s.get("document"))} for s in seats]),
            hide_index=True, width="stretch")


if __name__ == "__main__":
    render()
