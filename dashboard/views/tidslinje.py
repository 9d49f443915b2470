"""Tidslinje: reforms, periods and documents on a time axis; each body's lifetime as a bar."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard import labels as L

LEVEL_DOMAIN = [L.level(k) for k in L.LEVELS]
LEVEL_RANGE = [L.LEVEL_COLOURS[k] for k in L.LEVELS]
X_DOMAIN = [data.FIRST_DAY.isoformat(), "2028-01-01"]


def _axis_x(title: str | None = None) -> alt.X:
    return alt.X("fra:T", title=title, scale=alt.Scale(domain=X_DOMAIN),
                 axis=alt.Axis(format="%Y", tickCount="year", labelAngle=0))


ROWS = ["Perioder", "Reformer", "Dokumenter"]


def events_chart(reforms: dict, documents: list[dict]) -> alt.LayerChart:
    """Three lanes on one time axis: the periods, the reforms, the documents."""
    periods = pd.DataFrame([{"navn": p["name"], "fra": p["start"], "til": p["end"] or X_DOMAIN[1],
                             "slut": p["end"] or "åben", "nr": str(i % 2), "række": "Perioder",
                             # a label only where the bar is wide enough for it (two years or more)
                             "lang": bool(p["end"]) and int(p["end"][:4]) - int(p["start"][:4]) >= 2}
                            for i, p in enumerate(reforms.get("periods", []))])
    refs = pd.DataFrame([{"navn": r["name"], "fra": r["date"], "beskrivelse": r.get("summary", ""),
                          "række": "Reformer", "kort": r["name"].split(" (")[0], "nr": i % 2}
                         for i, r in enumerate(reforms.get("reforms", []))])
    docs = pd.DataFrame([{"navn": d["title"], "fra": d["date_start"],
                          "dato": d.get("date") or f"{d.get('date_inferred')} (udledt)",
                          "region": (d.get("region") or "").replace("Region ", ""), "organer": d.get("bodies"),
                          "række": "Dokumenter"}
                         for d in documents if d.get("date_start")])
    y = alt.Y("række:N", sort=ROWS, title=None, scale=alt.Scale(domain=ROWS),
              axis=alt.Axis(labelFontWeight="bold", labelFontSize=12, ticks=False, domain=False, labelOverlap=False))
    layers = [
        alt.Chart(periods).mark_bar(height=26, cornerRadius=3).encode(
            x=_axis_x(), x2="til:T", y=y,
            color=alt.Color("nr:N", scale=alt.Scale(domain=["0", "1"], range=["#c6d9ee", "#f3dcb6"]), legend=None),
            tooltip=[alt.Tooltip("navn:N", title="Periode"), alt.Tooltip("fra:T", title="Fra", format="%Y-%m-%d"),
                     alt.Tooltip("slut:N", title="Til")]),
        alt.Chart(periods[periods["lang"]]).mark_text(align="left", dx=4, fontSize=10, color="#333", limit=95)
        .encode(x="fra:T", y=y, text="navn:N"),
    ]
    if not refs.empty:
        layers.append(alt.Chart(refs).mark_rule(color="#d62728", strokeDash=[4, 3], opacity=0.6).encode(x="fra:T"))
        layers.append(alt.Chart(refs).mark_point(shape="triangle-down", size=160, filled=True, color="#d62728")
                      .encode(x="fra:T", y=y, tooltip=[alt.Tooltip("navn:N", title="Reform"),
                                                      alt.Tooltip("fra:T", title="Dato", format="%Y-%m-%d"),
                                                      alt.Tooltip("beskrivelse:N", title="Indhold")]))
        for nr, dy in ((0, -13), (1, 15)):
            layers.append(alt.Chart(refs[refs["nr"] == nr]).mark_text(
                align="left", dx=6, dy=dy, fontSize=10.5, color="#b22222", fontWeight="bold", limit=125)
                .encode(x="fra:T", y=y, text="kort:N"))
    if not docs.empty:
        layers.append(alt.Chart(docs).mark_point(shape="diamond", size=200, filled=True, color="#1f3b73").encode(
            x="fra:T", y=y,
            tooltip=[alt.Tooltip("navn:N", title="Dokument"), alt.Tooltip("dato:N", title="Dato"),
                     alt.Tooltip("region:N", title="Region"), alt.Tooltip("organer:Q", title="Organer")]))
        layers.append(alt.Chart(docs).mark_text(align="left", dx=8, dy=0, fontSize=10.5, color="#1f3b73",
                                                limit=150).encode(x="fra:T", y=y, text="dato:N"))
    return alt.layer(*layers).properties(height=230, title="Perioder, reformer og dokumenter")


def gantt_chart(rows: list[dict], reforms: dict) -> alt.LayerChart:
    df = pd.DataFrame(rows)
    df["navn"] = df["organ"] + " · " + df["region"] + " · " + df["fra"].str[:4]
    order = df.sort_values(["fra", "organ"])["navn"].tolist()
    bars = alt.Chart(df).mark_bar(height=14, cornerRadius=2).encode(
        x=_axis_x("Gyldighed"), x2="til:T",
        y=alt.Y("navn:N", sort=order, title=None, axis=alt.Axis(labelLimit=380, labelOverlap=False)),
        color=alt.Color("niveau:N", scale=alt.Scale(domain=LEVEL_DOMAIN, range=LEVEL_RANGE),
                        legend=alt.Legend(title="Niveau", orient="top")),
        opacity=alt.condition("datum['åben']", alt.value(0.6), alt.value(0.95)),
        tooltip=[alt.Tooltip("organ:N", title="Organ"), alt.Tooltip("type:N", title="Type"),
                 alt.Tooltip("niveau:N", title="Niveau"), alt.Tooltip("region:N", title="Region"),
                 alt.Tooltip("periode:N", title="Periode"), alt.Tooltip("slutter fordi:N", title="Slutter")])
    refs = pd.DataFrame([{"reform": r["name"], "fra": r["date"]} for r in reforms.get("reforms", [])])
    rules = alt.Chart(refs).mark_rule(color="#d62728", strokeDash=[4, 3], opacity=0.7).encode(
        x="fra:T", tooltip=[alt.Tooltip("reform:N", title="Reform")])
    return alt.layer(bars, rules).properties(height=max(260, 21 * len(df) + 110),
                                             title="Organernes levetid (lys: åben slutdato)")


def render() -> None:
    st.title("Tidslinje")
    st.caption("Reformer og perioder (data/reference/reforms.yaml), de indlæste dokumenter og hvert "
               "organs levetid, som dokumenterne og reformerne afgrænser den.")
    ref = data.reforms()
    docs = data.documents()
    st.altair_chart(events_chart(ref, docs), width="stretch")

    rows = data.lifetimes()
    regions = sorted({r["region"] for r in rows})
    c1, c2 = st.columns([2, 1])
    chosen = c1.multiselect("Region", regions, key="tidslinje_region", placeholder="Alle regioner") or regions
    levels = sorted({r["niveau"] for r in rows})
    chosen_levels = c2.multiselect("Niveau", levels, key="tidslinje_niveau", placeholder="Alle niveauer") or levels
    shown = [r for r in rows if r["region"] in chosen and r["niveau"] in chosen_levels]
    if shown:
        st.altair_chart(gantt_chart(shown, ref), width="stretch")
    else:
        st.info("Ingen organer med de valgte filtre.")

    st.subheader("Organer og sæder pr. periode")
    counts = pd.DataFrame(data.period_counts())
    long = counts.melt(id_vars=["periode", "fra"], value_vars=["organer i perioden", "sæder i perioden"],
                       var_name="hvad", value_name="antal")
    st.altair_chart(alt.Chart(long).mark_bar().encode(
        x=alt.X("periode:N", sort=counts["periode"].tolist(), title=None, axis=alt.Axis(labelAngle=-20,
                                                                                       labelLimit=200)),
        xOffset="hvad:N", y=alt.Y("antal:Q", title="Antal"),
        color=alt.Color("hvad:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=["periode:N", "hvad:N", "antal:Q"]).properties(height=260), width="stretch")
    st.dataframe(counts, hide_index=True, width="stretch")
    st.caption("Sæder tælles som summen af medlemslisternes antal (en linje “1 pr. kommune” tæller én gang). "
               "Et organ tæller med i en periode, når det er gyldigt på mindst én dag i den.")
    with st.expander("Dokumenterne"):
        st.dataframe(pd.DataFrame([{"dokument": d["title"], "dato": d.get("date") or "",
                                    "udledt dato": d.get("date_inferred") or "", "note": d.get("date_note") or "",
                                    "region": d.get("region"), "type": d.get("kind"), "organer": d.get("bodies"),
                                    "sæder": d.get("seats"), "id": d["uid"]} for d in docs]),
                     hide_index=True, width="stretch")


if __name__ == "__main__":
    render()
