"""Struktur: the graph at a chosen date, with filters; stable positions across dates."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import data, graphview, nav
from dashboard import labels as L


def _nearest_option(day: dt.date, options: list[str]) -> str:
    """The last option on or before the day (the first option if none)."""
    best = options[0]
    for o in options:
        if dt.date.fromisoformat(o) <= day:
            best = o
    return best


def _on_slider() -> None:
    day = dt.date.fromisoformat(st.session_state["struktur_slider"])
    nav.set_current_date(day)
    st.session_state["struktur_dato"] = day


def _on_free_date() -> None:
    day = st.session_state.get("struktur_dato")
    if day:
        nav.set_current_date(day)
        st.session_state["struktur_slider"] = _nearest_option(day, st.session_state["_struktur_options"])


def date_controls() -> dt.date:
    options = data.timeline_dates()
    st.session_state["_struktur_options"] = options
    day = nav.current_date()
    day = min(max(day, data.FIRST_DAY), data.LAST_DAY)
    if "struktur_dato" not in st.session_state:
        st.session_state["struktur_dato"] = day
    if st.session_state.get("struktur_slider") not in options:
        st.session_state["struktur_slider"] = _nearest_option(day, options)
    docs = {d["date_start"]: d for d in data.documents()}
    reforms = {r["date"]: r["name"] for r in data.reforms().get("reforms", [])}

    def fmt(o: str) -> str:
        extra = reforms.get(o) or (docs[o]["title"][:30] + "…" if o in docs else "")
        return f"{o}" + (f" · {extra}" if extra else "")

    c1, c2 = st.columns([4, 1])
    c1.select_slider("Dato (dokumenter og reformer)", options=options, key="struktur_slider",
                     on_change=_on_slider, format_func=lambda o: o,
                     help="Trinene er datoerne for de indlæste dokumenter og reformerne.")
    c2.date_input("Eller en fri dato", key="struktur_dato", min_value=data.FIRST_DAY,
                  max_value=data.LAST_DAY, on_change=_on_free_date, format="YYYY-MM-DD")
    day = st.session_state["struktur_dato"]
    nav.set_current_date(day)
    here = st.session_state["struktur_slider"]
    if here in reforms or here in docs:
        c1.caption(f"Nærmeste trin: {fmt(here)}")
    return day


def filters() -> dict:
    fv = data.filter_values()
    with st.expander("Filtre (tomt felt = alle)", expanded=False):
        c1, c2, c3 = st.columns(3)
        regions = c1.multiselect("Region", fv["regions"], key="struktur_region", placeholder="Alle regioner")
        levels = c2.multiselect("Niveau", [k or "" for k in fv["levels"]], format_func=lambda k: L.level(k or None),
                                key="struktur_niveau", placeholder="Alle niveauer")
        kinds = c3.multiselect("Type af organ", [k or "" for k in fv["kinds"]], format_func=lambda k: L.kind(k or None),
                               key="struktur_type", placeholder="Alle typer")
        c4, c5 = st.columns([2, 1])
        types = c4.multiselect("Relationstyper", fv["relation_types"], format_func=L.relation,
                               key="struktur_relationer", placeholder="Alle relationstyper")
        search = c5.text_input("Søg organ (navn eller alias)", key="struktur_soeg",
                               placeholder="fx Sundhedsstyregruppen")
        c6, c7 = st.columns(2)
        orgs = c6.checkbox("Vis organisationer i relationerne", value=True, key="struktur_org")
        neighbours = c7.checkbox("Vis naboer til søgetræf", value=True, key="struktur_naboer")
    # an empty choice means no filter
    return {
        "regions": sorted(regions) or None,
        "levels": [k or None for k in levels] or None,
        "kinds": [k or None for k in kinds] or None,
        "relation_types": list(types) or None,
        "search": search or "",
        "organisations": orgs,
        "neighbours": neighbours,
    }


def render() -> None:
    st.title("Struktur")
    st.caption("Samarbejdsstrukturen på en dato. Knuderne står samme sted på alle datoer, "
               "så du kan se, hvad der kommer til og forsvinder, når du flytter datoen.")
    day = date_controls()
    f = filters()
    view = data.structure_view(day, **f)
    snap = view["snapshot"]
    bodies_shown = [n for n in view["nodes"] if not n["is_org"]]
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Organer på datoen", len(snap["bodies"]))
    m2.metric("Sæder (linjer)", len(snap["seats"]))
    m3.metric("Relationer", len(snap["relations"]))
    m4.metric("Vist i grafen", f"{len(bodies_shown)} organer")
    if not snap["bodies"]:
        st.info(f"Ingen organer er gyldige {day.isoformat()} i de indlæste dokumenter.")
    st.iframe(view["html"], height=graphview.html_height(), alt=f"Netværk over organer pr. {day.isoformat()}")

    if bodies_shown:
        c1, c2 = st.columns([3, 1])
        options = {n["id"]: n for n in sorted(bodies_shown, key=lambda n: n["name"].casefold())}
        uid = c1.selectbox("Vælg et organ for at åbne dets side", list(options),
                           format_func=lambda u: f"{options[u]['name']} · {(options[u].get('region') or '').replace('Region ', '')}",
                           key="struktur_valgt")
        c2.write("")
        if c2.button("Åbn organ", key="struktur_aabn", icon=":material/open_in_new:"):
            nav.open_body(uid)

    t1, t2, t3 = st.tabs([f"Organer ({len(snap['bodies'])})", f"Sæder ({len(snap['seats'])})",
                          f"Relationer ({len(snap['relations'])})"])
    with t1:
        st.dataframe(pd.DataFrame([{
            "organ": b["name"], "type": L.kind(b.get("kind")), "niveau": L.level(b.get("level")),
            "region": b.get("region"), "periode": L.period(b.get("valid_from"), b.get("valid_to")),
            "sikker": b.get("certain"), "formandskab": b.get("chair"), "kilde": b.get("document"),
            "citat": b.get("evidence")} for b in snap["bodies"]]), hide_index=True, width="stretch")
    with t2:
        st.dataframe(pd.DataFrame([{
            "organ": s["body"], "antal": s.get("count"), "titel": s.get("title"),
            "organisation": s.get("organisation"), "udpeget af": s.get("appointed_by"),
            "rolle": L.role(s.get("role")), "kilde": s.get("document"), "citat": s.get("evidence")}
            for s in snap["seats"]]), hide_index=True, width="stretch")
    with t3:
        st.dataframe(pd.DataFrame([{
            "fra": r["source"], "relation": L.relation(r["type"]), "til": r["target"],
            "periode": L.period(r.get("valid_from"), r.get("valid_to")), "udledt": r.get("inferred"),
            "kilde": r.get("document"), "citat": r.get("evidence") or r.get("note")}
            for r in snap["relations"]]), hide_index=True, width="stretch")


if __name__ == "__main__":
    render()
