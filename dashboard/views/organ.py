"""Organ: one body, every fact with its source quote, document and date."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard import labels as L


def quote(evidence: str | None, document: str | None, note: str | None = None) -> None:
    """«citat» — dokument (dato), as a small block under a fact."""
    if not evidence and not note:
        return
    text = f"«{evidence}»" if evidence else f"Udledt: {note}"
    st.caption(f"{text} — {data.document_label(document)}" if document else text)


def _selected_uid(options: list[dict]) -> str | None:
    uids = [o["uid"] for o in options]
    wanted = st.query_params.get("organ") or st.session_state.get("organ")
    if wanted and wanted not in uids:  # a name or alias in the URL
        from queries.structure import find_body

        try:
            wanted = find_body(wanted)["uid"]
        except Exception:  # noqa: BLE001 - unknown: show the chooser
            st.warning(f"Intet organ hedder {wanted!r}.")
            wanted = None
    return wanted if wanted in uids else None


def _on_choose() -> None:
    uid = st.session_state.get("organ_valg")
    if uid:
        st.session_state["organ"] = uid
        st.query_params["organ"] = uid


def render() -> None:
    st.title("Organ")
    options = data.body_options()
    if not options:
        st.info("Der er ingen organer i grafen endnu. Indlæs dokumenter under Indlæs.")
        return
    labels = {o["uid"]: o["label"] for o in options}
    current = _selected_uid(options)
    if current is None and not st.session_state.get("organ_valg"):
        current = data.most_connected_body()  # a useful first view: the hub of the graph
    if current and st.session_state.get("organ_valg") != current:
        st.session_state["organ_valg"] = current
    if st.session_state.get("organ_valg") not in labels:
        st.session_state["organ_valg"] = None
    uid = st.selectbox("Organ", list(labels), format_func=labels.get, key="organ_valg",
                       placeholder="Vælg et organ …", on_change=_on_choose)
    if not uid:
        st.info("Vælg et organ ovenfor, eller åbn et fra Struktur.")
        return
    if st.query_params.get("organ") != uid:
        st.query_params["organ"] = uid
    info = data.body(uid)
    if info is None:
        st.error(f"Organet {uid} findes ikke (længere) i grafen.")
        return
    b = info["body"]
    facts = info["facts"]
    latest = facts[-1] if facts else {}

    def latest_value(key):
        for f in reversed(facts):
            if f.get(key) is not None:
                return f[key], f
        return None, None

    st.header(b.get("name", uid))
    if b.get("aliases"):
        st.caption("Også kaldt: " + ", ".join(b["aliases"]))
    kind_v, kind_f = (b.get("kind"), latest) if b.get("kind") else latest_value("kind")
    level_v, level_f = latest_value("level")
    chair_v, chair_f = latest_value("chair")
    meet_v, meet_f = latest_value("meetings_min")
    meetings = "–"
    if meet_v:
        mx = meet_f.get("meetings_max")
        meetings = f"{meet_v}" + (f"–{mx}" if mx and mx != meet_v else "")
    facts_row = [("Type", L.kind(kind_v)),
                 ("Niveau", L.level(level_v if level_v is not None else b.get("level"))),
                 ("Region", (b.get("region") or "–").replace("Region ", "")),
                 ("Periode", L.period(b.get("valid_from"), b.get("valid_to"))),
                 ("Møder pr. år", meetings)]
    for col, (label, value) in zip(st.columns([1, 1.3, 1, 1.4, 0.8]), facts_row):
        col.markdown(f"<small>{label}</small><br><span style='font-size:1.35rem'>{html.escape(value)}</span>",
                     unsafe_allow_html=True)
    if b.get("to_reason"):
        st.caption(f"Slutter: {L.to_reason(b['to_reason'])}"
                   + (" · startdatoen er udledt" if b.get("from_inferred") else ""))

    st.subheader("Hvad dokumenterne siger")
    for f in facts:
        with st.container(border=True):
            parts = [p for p in (
                f"type: {L.kind(f['kind'])}" if f.get("kind") else "",
                f"niveau: {L.level(f['level'])}" if f.get("level") else "",
                f"formandskab: {f['chair']}" if f.get("chair") else "",
                (f"møder pr. år: {f['meetings_min']}" + (f"–{f['meetings_max']}" if f.get("meetings_max")
                 and f["meetings_max"] != f["meetings_min"] else "")) if f.get("meetings_min") else "",
                f"beslutningsregel: {f['decision_rule']}" if f.get("decision_rule") else "",
            ) if p]
            st.markdown(f"**{html.escape(f.get('title') or f['document'])}** ({f.get('date') or 'udateret'})")
            if parts:
                st.markdown(" · ".join(parts))
            if f.get("decision_competence"):
                st.markdown(f"Kompetence: {f['decision_competence']}")
            quote(f.get("evidence"), f["document"])
            if f.get("note"):
                st.caption(f"Note: {f['note']}")

    st.subheader("Formandskab og sekretariat")
    if chair_v:
        st.markdown(f"**Formandskab:** {chair_v}")
        quote(chair_f.get("evidence"), chair_f.get("document"))
    else:
        st.markdown("**Formandskab:** ikke oplyst")
    sec = info["secretariat"]
    if sec:
        for r in sec:
            st.markdown(f"**Sekretariat:** {r['other']} ({L.period(r.get('valid_from'), r.get('valid_to'))})")
            quote(r.get("evidence"), r.get("document"), r.get("note"))
    else:
        st.markdown("**Sekretariat:** ikke oplyst")

    seats = info["seats"]
    total = sum(data.seat_size(s) for s in seats)
    st.subheader(f"Sæder ({len(seats)} linjer, {total} pladser)")
    if seats:
        st.dataframe(pd.DataFrame([{
            "antal": ("" if s.get("count") is None else str(s["count"]))
            + (f"–{s['count_max']}" if s.get("count_max") and s.get("count_max") != s.get("count") else ""),
            "pr.": s.get("per"), "titel": s.get("title"), "organisation": s.get("organisation"),
            "udpeget af": s.get("appointed_by"), "rolle": L.role(s.get("role")),
            "periode": L.period(s.get("valid_from"), s.get("valid_to")),
            "citat": s.get("evidence"), "dokument": data.document_label(s.get("document"))} for s in seats]),
            hide_index=True, width="stretch")
    else:
        st.caption("Ingen medlemsliste i dokumenterne.")

    st.subheader("Relationer")
    rels = info["relations"]
    for direction, title in (("ud", "Fra dette organ"), ("ind", "Til dette organ")):
        mine = [r for r in rels if r["direction"] == direction]
        st.markdown(f"**{title} ({len(mine)})**")
        for r in mine:
            text = (f"{b['name']} **{L.relation(r['type'])}** {r['other']}" if direction == "ud"
                    else f"{r['other']} **{L.relation(r['type'])}** {b['name']}")
            st.markdown(f"- {text} ({L.period(r.get('valid_from'), r.get('valid_to'))})")
            quote(r.get("evidence"), r.get("document"), r.get("note") if r.get("inferred") else None)

    st.subheader("Forgængere og efterfølgere")
    lin = info["lineage"]
    if lin.get("error"):
        st.warning(lin["error"])
    if not lin["predecessors"] and not lin["successors"]:
        st.caption("Ingen afløsning (SUCCEEDS) er registreret for dette organ.")
    for key, title in (("predecessors", "Forgængere"), ("successors", "Efterfølgere")):
        for r in lin[key]:
            st.markdown(f"- {title[:-1]}: **{r['other']}** ({L.period(r.get('other_from'), r.get('other_to'))}, "
                        f"{r['steps']} trin)")
            quote(r.get("evidence"), r.get("document"), r.get("note") if r.get("inferred") else None)
    if lin.get("tasks"):
        st.markdown("**Opgaver givet videre eller overtaget**")
        st.dataframe(pd.DataFrame([{
            "opgave": L.relation(t["task"]), "mål": t["target"],
            "retning": "givet videre til" if t["direction"] == "passed on to" else "overtaget fra",
            "andet organ": t["other"], "fra": t.get("other_from"), "citat": t.get("other_evidence")}
            for t in lin["tasks"]]), hide_index=True, width="stretch")


if __name__ == "__main__":
    render()
