"""Indlæs: upload a kommissorium, review the drafted annotation, dry run, load."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from dashboard import data

COUNT_LABELS = {"inserted": "nye", "updated": "ændrede", "unchanged": "uændrede", "removed": "fjernede"}
KIND_LABELS = {"documents": "dokumenter", "bodies": "organer", "organisations": "organisationer",
               "seats": "sæder", "relations": "relationer"}


def show_reports(reports: list[dict]) -> None:
    for r in reports:
        st.markdown(f"**{r['document']}**: " + ("ændrer grafen" if r["changed"] else "ingen ændringer"))
        st.dataframe(pd.DataFrame([{"hvad": KIND_LABELS.get(k, k), **{COUNT_LABELS[x]: c[x] for x in COUNT_LABELS}}
                                   for k, c in r["counts"].items()]), hide_index=True, width="stretch")
        if r["changes"]:
            st.code("\n".join(r["changes"]), language=None)


def _errors(title: str, exc: BaseException) -> None:
    lines = data.error_lines(exc)
    st.error(title + "\n\n" + "\n".join(f"- {line}" for line in lines[:30])
             + (f"\n- … og {len(lines) - 30} mere" if len(lines) > 30 else ""))


def render() -> None:
    from loaders.annotation import AnnotationError, AnnotationErrors
    from loaders.readers import ReaderError

    st.title("Indlæs")
    st.caption("Læg et nyt kommissorium eller notat ind: udkastet til annotationen vises med citaterne "
               "markeret i teksten. Ret udkastet, se hvad der vil ændre sig (tørkørsel), og indlæs det.")
    up = st.file_uploader("Dokument (txt, docx, pdf, html)", type=["txt", "docx", "pdf", "html", "htm"],
                          key="indlaes_fil")
    if up is None:
        st.info("Vælg en fil for at begynde.")
        return
    try:
        draft = data.draft_from_upload(up.name, up.getvalue())
    except ReaderError as exc:
        st.error(f"Filen kan ikke læses: {exc.message}")
        return
    except ImportError as exc:
        st.error(f"Udtrækket er ikke tilgængeligt i denne installation: {exc}")
        return

    key = "indlaes_yaml_" + hashlib.sha1(up.getvalue()).hexdigest()[:12]  # one draft per file content
    st.session_state.setdefault(key, draft["yaml"])
    st.subheader("Udkastet")
    st.code(draft["summary"], language=None)
    if draft["review"]:
        with st.expander(f"Til gennemsyn ({len(draft['review'])})", expanded=True):
            for item in draft["review"]:
                st.markdown(f"- {item}")
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**Teksten med citaterne markeret** "
                    "(gul: organer, blå: organisationer, grøn: sæder, rosa: relationer)")
        st.html(data.highlighted_html(draft["text"], draft["annotation"]))
        n = len(data.evidence_spans(draft["text"], draft["annotation"]))
        st.caption(f"{n} citater fundet i teksten.")
    with c2:
        annotation_yaml = st.text_area("Annotation (YAML, kan rettes)", key=key, height=560)
        st.download_button("Hent annotationen (YAML)", annotation_yaml.encode("utf-8"),
                           file_name=f"{data._slug(up.name.rsplit('.', 1)[0])}.yaml", mime="application/x-yaml",
                           key="indlaes_hent_yaml")
        st.download_button("Hent teksten (txt)", draft["text"].encode("utf-8"),
                           file_name=draft["source_name"].split("/")[-1], mime="text/plain",
                           key="indlaes_hent_txt")

    st.subheader("Hvad vil ændre sig")
    b1, b2 = st.columns(2)
    if b1.button("Tørkørsel: vis ændringerne", key="indlaes_toerkoer", icon=":material/preview:"):
        try:
            reports = data.dry_run(annotation_yaml, draft["text"])
        except (AnnotationErrors, AnnotationError) as exc:
            _errors("Annotationen kan ikke indlæses, før dette er rettet:", exc)
        else:
            st.session_state["indlaes_sidste"] = (key, "tørkørsel", reports)
    if b2.button("Indlæs i grafen", key="indlaes_koer", type="primary", icon=":material/upload:"):
        try:
            reports = data.load_document(annotation_yaml, draft["text"])
        except (AnnotationErrors, AnnotationError) as exc:
            _errors("Intet er skrevet; annotationen har fejl:", exc)
        else:
            st.session_state["indlaes_sidste"] = (key, "indlæst", reports)
    last = st.session_state.get("indlaes_sidste")
    if last and last[0] == key:
        _, what, reports = last
        if what == "indlæst":
            st.success("Dokumentet er indlæst i grafen.")
        else:
            st.info("Tørkørsel: intet er skrevet.")
        show_reports(reports)


if __name__ == "__main__":
    render()
