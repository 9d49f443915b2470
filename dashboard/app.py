"""govgraph explorer: `streamlit run dashboard/app.py` (or `govgraph explore`).

The entry point: page setup, navigation (Danish titles), one database check and one
clear Danish message, never a traceback, when Neo4j is not there.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import data, nav  # noqa: E402
from dashboard import labels as L  # noqa: E402

st.set_page_config(page_title="govgraph · sundhedssamarbejdet 2007–2027",
                   layout="wide")

page = st.navigation(nav.pages())
st.sidebar.caption("Sådan styres samarbejdet i det danske sundhedsvæsen, 2007–2027: "
                   "organer, sæder og relationer, hver med kilde i et kommissorium eller notat.")


def _db_error(exc: BaseException) -> None:
    st.error(L.DB_DOWN, icon=":material/cloud_off:")
    st.caption(f"Forbindelse: {data.uri()} · {exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")


try:
    data.database_check()
except data.db_errors() as exc:
    _db_error(exc)
    st.stop()

try:
    page.run()
except data.db_errors() as exc:
    _db_error(exc)
except Exception as exc:  # noqa: BLE001 - one clear message; the details folded away
    # (st.switch_page / st.stop raise BaseException subclasses, which pass through)
    st.error(f"Siden kunne ikke vises: {exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    with st.expander("Tekniske detaljer"):
        st.exception(exc)
