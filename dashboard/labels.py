"""Danish labels, colours and shapes for the explorer (one place, used by every page).

Domain names (Sundhedsstyregruppe, KOSU, PLO …) stay as the graph has them; only the
model's English vocabulary (levels, relation types, roles) gets a Danish label here.
"""
from __future__ import annotations

LEVELS = {
    "political": "Politisk",
    "administrative": "Administrativt",
    "professional-strategic": "Fagligt strategisk",
    "implementation": "Implementering",
    "local": "Lokalt",
    None: "Uoplyst niveau",
}
LEVEL_COLOURS = {
    "political": "#d62728",
    "administrative": "#1f77b4",
    "professional-strategic": "#2ca02c",
    "implementation": "#ff7f0e",
    "local": "#9467bd",
    None: "#8c8c8c",
}

KINDS = {
    "udvalg": "Udvalg",
    "styregruppe": "Styregruppe",
    "forum": "Forum",
    "temagruppe": "Temagruppe",
    "arbejdsgruppe": "Arbejdsgruppe",
    "klynge": "Klynge",
    "råd": "Råd",
    "formandskab": "Formandskab",
    "sekretariat": "Sekretariat",
    "bestyrelse": "Bestyrelse",
    "other": "Andet organ",
    None: "Uoplyst type",
}
# vis-network shapes, all with the label below the shape so labels line up; the kinds
# vis has no native shape left for are drawn as small inline SVG images (graphview.py).
KIND_SHAPES = {
    "udvalg": "dot",
    "styregruppe": "square",
    "forum": "triangle",
    "temagruppe": "triangleDown",
    "arbejdsgruppe": "hexagon",
    "klynge": "star",
    "råd": "diamond",
    "formandskab": "svg:ring",
    "sekretariat": "svg:pill",
    "bestyrelse": "svg:pentagon",
    "other": "svg:small",
    None: "svg:small",
}
SHAPE_SYMBOLS = {  # for the legend
    "dot": "●", "square": "■", "triangle": "▲", "triangleDown": "▼", "hexagon": "⬢",
    "star": "★", "diamond": "◆", "svg:ring": "◎", "svg:pill": "▬", "svg:pentagon": "⬟",
    "svg:small": "•", "box": "▭",
}
ORGANISATION_SHAPE = "box"
ORGANISATION_COLOUR = "#eeeeee"

ORGANISATION_KINDS = {
    "region": "Region",
    "kommune": "Kommune",
    "hospital": "Hospital",
    "almen-praksis": "Almen praksis",
    "interest-organisation": "Interesseorganisation",
    "patient-organisation": "Patientorganisation",
    "secretariat": "Sekretariat",
    "staff-unit": "Stabsenhed",
    "other": "Anden organisation",
    None: "Organisation",
}

RELATIONS = {
    "PREPARES_CASES_FOR": "forbereder sager til",
    "REPORTS_TO": "refererer til",
    "CAN_RAISE_CASES_TO": "kan rejse sager til",
    "SUBGROUP_OF": "undergruppe af",
    "BOARD_OF": "bestyrelse for",
    "SECRETARIAT_FOR": "sekretariat for",
    "FOLLOWS_UP_ON": "følger op på",
    "ADVISES": "rådgiver",
    "COORDINATES_WITH": "koordinerer med",
    "SUCCEEDS": "afløser",
    "PART_OF": "del af",
}
# colour, dashes (False or a vis dash pattern), width, arrow
RELATION_STYLES = {
    "PREPARES_CASES_FOR": ("#1f77b4", False, 2, "to"),
    "REPORTS_TO": ("#333333", False, 2, "to"),
    "CAN_RAISE_CASES_TO": ("#b22222", [8, 4], 1.5, "to"),
    "SUBGROUP_OF": ("#7f7f7f", False, 1.5, "to"),
    "BOARD_OF": ("#8e44ad", False, 3, "to"),
    "SECRETARIAT_FOR": ("#8c564b", [2, 4], 2, "to"),
    "FOLLOWS_UP_ON": ("#17becf", [8, 4], 1.5, "to"),
    "ADVISES": ("#2ca02c", [8, 4], 1.5, "to"),
    "COORDINATES_WITH": ("#ff7f0e", [2, 4], 1.5, ""),
    "SUCCEEDS": ("#000000", [12, 6], 2, "to"),
    "PART_OF": ("#bcbd22", False, 1.5, "to"),
}

ROLES = {
    "member": "medlem",
    "chair": "formand",
    "co-chair": "medformand",
    "vice-chair": "næstformand",
    "secretary": "sekretær",
    "observer": "observatør",
    "standing-invitation": "stående invitation",
    "substitute": "suppleant",
    None: "",
}

STATUS = {"added": "tilføjet", "removed": "fjernet", "changed": "ændret", None: "uændret"}
STATUS_COLOURS = {"added": "#2ca02c", "removed": "#c8c8c8", "changed": "#ff7f0e", None: "#aab7c4"}

def to_reason(text: str | None) -> str:
    """The loader's reason a body ends (English) → Danish, e.g. 'succeeded by X' → 'afløst af X'."""
    import re

    if not text:
        return ""
    out = []
    for part in (p.strip() for p in text.split(";")):
        if part == "explicit end stated in its document":
            out.append("slutdato angivet i dokumentet")
        elif m := re.match(r"succeeded by (.+)", part):
            out.append(f"afløst af {m.group(1)}")
        elif m := re.match(r"ends with (.+)", part):
            out.append(f"ophører med {m.group(1)}")
        elif m := re.match(r"abolished \(([^)]+)\)", part):
            out.append(f"nedlagt ved lov ({m.group(1)})")
        else:
            out.append(part)
    return "; ".join(out)


DB_DOWN = ("Databasen (Neo4j) svarer ikke, så udforskeren kan ikke vise noget lige nu. "
           "Start den lokale server med `govgraph db start` (eller `./dev up`), "
           "eller peg på en anden server med NEO4J_URI, NEO4J_USER og NEO4J_PASSWORD.")


def level(value) -> str:
    return LEVELS.get(value, str(value))


def kind(value) -> str:
    return KINDS.get(value, str(value))


def relation(value) -> str:
    return RELATIONS.get(value, str(value))


def role(value) -> str:
    return ROLES.get(value, str(value))


def period(valid_from, valid_to) -> str:
    """'2019 – 2022-06-30', '2026 –' (open), '? – 2015' (start unknown)."""
    return f"{valid_from or '?'} – {valid_to or ''}".rstrip()


# column names of query rows (the catalogue speaks English) → Danish table headings
COLUMNS = {
    "body": "organ", "name": "navn", "kind": "type", "level": "niveau", "region": "region",
    "document": "kilde", "evidence": "citat", "organisation": "organisation", "title": "titel",
    "bodies": "organer", "body_count": "antal organer", "seats": "sæder", "seats_max": "sæder (højst)",
    "chair": "formandskab", "note": "note", "valid_from": "fra", "valid_to": "til", "type": "relationstype",
    "source": "fra", "target": "til", "decision_competence": "kompetence", "decision_rule": "beslutningsregel",
    "role": "rolle", "count": "antal", "appointed_by": "udpeget af", "via": "via", "reason": "begrundelse",
    "problem": "problem", "expected": "forventet", "found": "fundet", "missing": "mangler",
}
