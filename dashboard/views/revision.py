"""Revision: run the catalogue's audits at a date; findings with sources; CSV/Markdown."""
from __future__ import annotations

import streamlit as st

from dashboard import data, nav


def render() -> None:
    st.title("Revision")
    st.caption("De navngivne revisioner (queries/audits/*.cypher) køres skrivebeskyttet på en dato. "
               "Hvert fund har sin kilde: dokument og citat.")
    audits = data.audits()
    if not audits:
        st.info("Der er endnu ingen revisioner i kataloget. De lægges i queries/audits/*.cypher "
                "(med `// spørgsmål: …` i hovedet) og vises her, så snart de findes.")
        return
    c1, c2 = st.columns([1, 3])
    day = c1.date_input("Dato", value=nav.current_date(), min_value=data.FIRST_DAY, max_value=data.LAST_DAY,
                        key="revision_dato", format="YYYY-MM-DD")
    names = {a["name"]: a for a in audits}
    chosen = c2.multiselect("Revisioner", list(names), default=list(names),
                            format_func=lambda n: names[n]["title"], key="revision_valg")
    findings: dict[str, list[dict]] = {}
    failed = {}
    params: dict[str, dict] = {}
    extra_params = [(n, p) for n in chosen for p in names[n]["params"] if p["name"] != "at"]
    if extra_params:
        with st.expander("Parametre"):
            for name, p in extra_params:
                params.setdefault(name, {})[p["name"]] = st.text_input(
                    f"{names[name]['title']}: {p['name']} ({p['type']})", value=p["default"] or "",
                    key=f"revision_{name}_{p['name']}")
    for name in chosen:
        try:
            findings[name] = data.run_audit(name, day, **params.get(name, {}))
        except data.db_errors():
            raise
        except Exception as exc:  # noqa: BLE001 - one audit failing must not hide the others
            failed[name] = data.error_lines(exc)
    total = sum(len(v) for v in findings.values())
    c1, c2, c3 = st.columns(3)
    c1.metric(f"Fund pr. {day.isoformat()}", total)
    c2.metric("Revisioner med fund", sum(1 for v in findings.values() if v))
    c3.metric("Revisioner uden fund", sum(1 for v in findings.values() if not v))
    for name in chosen:
        a = names[name]
        rows = findings.get(name)
        label = f"{a['spørgsmål']} · {len(rows)} fund" if rows is not None else f"{a['spørgsmål']} · fejl"
        with st.expander(label, expanded=False):
            st.caption(f"{a['title']} ({name}). Hver række: {a['row']}")
            if name in failed:
                st.error("Revisionen kunne ikke køres: " + " ".join(failed[name]))
                continue
            if not rows:
                st.success("Ingen fund på datoen.")
                continue
            st.dataframe(data.findings_table(rows), hide_index=True, width="stretch")
            with st.popover("Vis forespørgslen"):
                st.code(a["cypher"], language="cypher")
    if findings:
        c1, c2 = st.columns(2)
        c1.download_button("Hent fund som CSV", data.findings_csv(findings),
                           file_name=f"revision-{day.isoformat()}.csv", mime="text/csv",
                           icon=":material/download:", key="revision_csv")
        c2.download_button("Hent rapport som Markdown", data.findings_markdown(findings, day.isoformat(), names),
                           file_name=f"revision-{day.isoformat()}.md", mime="text/markdown",
                           icon=":material/description:", key="revision_md")


if __name__ == "__main__":
    render()
