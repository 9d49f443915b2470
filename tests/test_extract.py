"""loaders.extract: each pattern on Danish sentences written for these tests (no bundled text)."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.extract import Draft, extract, write_draft
from loaders.readers import read_text

# --------------------------------------------------------------------------- helpers


def body(draft: Draft, name: str) -> dict:
    for b in draft.annotation["bodies"]:
        if b["name"] == name:
            return b
    raise AssertionError(f"no body {name!r} in {[b['name'] for b in draft.annotation['bodies']]}")


def seats(draft: Draft, **where) -> list[dict]:
    return [s for s in draft.annotation["seats"] if all(s.get(k) == v for k, v in where.items())]


def rels(draft: Draft, typ: str | None = None) -> set[tuple[str, str, str]]:
    return {(r["source"], r["type"], r["target"]) for r in draft.annotation["relations"]
            if typ is None or r["type"] == typ}


def flat(s: str) -> str:
    return " ".join(s.split())


def doc(title: str, *paras: str) -> str:
    return "\n\n".join([title, *paras]) + "\n"


# --------------------------------------------------------------------------- seats


LIST_DOC = doc(
    "Kommissorium for Styregruppen for Rehabilitering",
    "Sammensætning",
    "Styregruppen består af:",
    "- Tre repræsentanter fra Region Sjælland\n"
    "- En repræsentant fra hver af de deltagende kommuner\n"
    "- 1-2 praktiserende læger udpeget af PLO-Sjælland\n"
    "- Op til 3 repræsentanter for patienter udpeget af Danske Patienter\n"
    "- 1 kommunaldirektør fra Køge Kommune (medformand)\n"
    "- Koncerndirektør fra Region Sjælland (formand)\n"
    "- Direktør fra Holbæk Kommune (næstformand)\n"
    "- Formand for PLO-Sjælland\n"
    "- ti medlemmer fra kommunerne\n"
    "- Sekretærer fra kommuner og region",
    "Formanden for Ældrerådet har en stående invitation til møderne.",
    "Hvert medlem udpeger en suppleant.",
)


@pytest.fixture(scope="module")
def list_draft():
    return extract(LIST_DOC)


def test_number_words_and_digits(list_draft):
    assert seats(list_draft, title="repræsentant", organisation="Region Sjælland")[0]["count"] == 3
    assert seats(list_draft, title="medlem", organisation="Kommunerne i Region Sjælland")[0]["count"] == 10


@pytest.mark.parametrize("word,n", [("en", 1), ("to", 2), ("tre", 3), ("fire", 4), ("fem", 5),
                                    ("seks", 6), ("syv", 7), ("otte", 8), ("ni", 9), ("ti", 10)])
def test_each_number_word(word, n):
    d = extract(doc("Kommissorium for Kvalitetsrådet", "Kvalitetsrådet består af:",
                    f"- {word.capitalize()} repræsentanter fra Region Midtjylland"))
    assert [s["count"] for s in d.annotation["seats"]] == [n]


def test_range_gives_count_and_count_max(list_draft):
    s = seats(list_draft, title="praktiserende læge")[0]
    assert (s["count"], s["count_max"]) == (1, 2)
    assert s["appointed_by"] == "PLO-Sjælland"


def test_op_til_gives_only_count_max(list_draft):
    s = seats(list_draft, title="repræsentant for patienter")[0]
    assert (s["count"], s["count_max"]) == (None, 3)
    assert s["appointed_by"] == "Danske Patienter"


def test_one_per_kommune(list_draft):
    s = seats(list_draft, per="kommune")[0]
    assert s["count"] == 1 and s["count_max"] is None
    assert s["organisation"] == "Kommunerne i Region Sjælland"


def test_chair_marks(list_draft):
    assert seats(list_draft, title="kommunaldirektør")[0]["role"] == "co-chair"
    assert seats(list_draft, title="koncerndirektør")[0]["role"] == "chair"
    assert seats(list_draft, title="direktør", organisation="Holbæk Kommune")[0]["role"] == "vice-chair"


def test_officer_of_another_organisation_is_a_member(list_draft):
    s = seats(list_draft, title="formand for PLO-Sjælland")[0]
    assert s["role"] == "member" and s["count"] == 1
    assert s["organisation"] == "PLO-Sjælland"


def test_secretaries_split_by_organisation(list_draft):
    sec = seats(list_draft, role="secretary")
    assert {s["organisation"] for s in sec} == {"Kommunerne i Region Sjælland", "Region Sjælland"}
    assert all(s["count"] is None for s in sec)


def test_standing_invitation_and_substitute(list_draft):
    inv = seats(list_draft, role="standing-invitation")
    assert len(inv) == 1 and inv[0]["title"] == "formand for Ældrerådet" and inv[0]["count"] == 1
    sub = seats(list_draft, role="substitute")
    assert len(sub) == 1 and sub[0]["count"] == 1 and sub[0]["per"] == "medlem"


def test_every_seat_belongs_to_the_body_and_quotes_the_text(list_draft):
    assert {s["body"] for s in list_draft.annotation["seats"]} == {"Styregruppe for Rehabilitering"}
    for s in list_draft.annotation["seats"]:
        assert flat(s["evidence"]) in flat(LIST_DOC)


def test_seat_organisations_and_appointers_are_declared(list_draft):
    names = {o["name"] for o in list_draft.annotation["organisations"]} | \
        {b["name"] for b in list_draft.annotation["bodies"]}
    for s in list_draft.annotation["seats"]:
        for k in ("organisation", "appointed_by"):
            assert s[k] is None or s[k] in names


def test_inline_composition_with_hhv():
    d = extract(doc("Kommissorium for Koordinationsforum",
                    "Koordinationsforum består af 6 medlemmer fra hhv. region og kommuner samt to medlemmer "
                    "fra almen praksis."))
    got = sorted((s["count"], s["organisation"]) for s in d.annotation["seats"])
    assert got == [(2, "Almen praksis"), (6, "Kommunerne"), (6, "Regionen")]


def test_henholdsvis_distributes_the_count():
    d = extract(doc("Kommissorium for Praksisforum i Region Nordjylland",
                    "Praksisforum består af:",
                    "- Tre repræsentanter fra regionen henholdsvis Aalborg Universitetshospital, Psykiatrien samt "
                    "Regionshuset"))
    ss = d.annotation["seats"]
    assert [s["count"] for s in ss] == [1, 1, 1]
    assert all(s["organisation"] == "Region Nordjylland" for s in ss)
    assert ss[1]["title"] == "repræsentant fra Psykiatrien"


def test_heraf_gives_a_chair_seat_inside_a_group():
    d = extract(doc("Kommissorium for Demensforum", "Demensforum består af:",
                    "- Fire repræsentanter fra Region Hovedstaden, heraf en vicedirektør (medformand)"))
    ss = d.annotation["seats"]
    assert [(s["count"], s["role"]) for s in ss] == [(4, "member"), (1, "co-chair")]
    assert ss[1]["organisation"] == "Region Hovedstaden"


def test_named_persons_are_grouped_into_seats():
    d = extract(doc("Medlemmer af Kontaktforum for Psykiatri",
                    "Repræsentanter fra kommunerne",
                    " • Hanne Jensen, Direktør, Greve Kommune\n • Ole Berg (formand), Direktør, Køge Kommune\n"
                    " • Lise Holm, Sundhedschef, Greve Kommune\n • Per Lund, Sundhedschef, Greve Kommune"))
    got = sorted((s["title"], s["organisation"], s["role"], s["count"]) for s in d.annotation["seats"])
    assert got == [("direktør", "Greve Kommune", "member", 1), ("direktør", "Køge Kommune", "chair", 1),
                   ("sundhedschef", "Greve Kommune", "member", 2)]


def test_prose_representation_sentences():
    d = extract(doc("Notat om Samarbejdsforum",
                    "Samarbejdsforum",
                    "I Samarbejdsforum deltager repræsentanter fra kommunerne og repræsentanter fra regionen. "
                    "Hospitalsledelserne repræsenteres med to medlemmer."))
    got = [(s["count"], s["title"], s["organisation"]) for s in d.annotation["seats"]
           if s["body"] == "Samarbejdsforum"]
    assert (2, "medlem fra hospitalsledelserne", "Regionen") in got
    assert (None, "repræsentant", "Kommunerne") in got


# --------------------------------------------------------------------------- meetings, chair, decisions


@pytest.mark.parametrize("sentence,expected", [
    ("Udvalget mødes mindst fire gange årligt.", {"min": 4, "max": None}),
    ("Udvalget mødes 4-5 gange om året.", {"min": 4, "max": 5}),
    ("Udvalget afholder møder ca. 4 gange om året.", {"min": 4, "max": 4}),
    ("Udvalget mødes omkring 4 gange årligt.", {"min": 4, "max": 4}),
    ("Udvalget mødes kvartalsvist.", {"min": 4, "max": 4}),
    ("Udvalget mødes 2-3 gange årligt efter behov.", {"min": 2, "max": 3}),
    ("Udvalget mødes månedligt.", {"min": 12, "max": 12}),
    ("Udvalget mødes 2-3 uger før møderne i regionsrådet.", None),
    ("Der afholdes to møder i 2026.", {"min": 2, "max": 2}),
])
def test_meeting_frequencies(sentence, expected):
    d = extract(doc("Kommissorium for Kvalitetsudvalget", "Mødeafholdelse", sentence))
    assert body(d, "Kvalitetsudvalg")["meetings_per_year"] == expected


def test_shared_chair_and_consensus():
    d = extract(doc("Kommissorium for Forum for Sammenhæng",
                    "Formandskab", "Delt regionalt og kommunalt formandskab.",
                    "Beslutninger i forummet træffes ved konsensus."))
    b = body(d, "Forum for Sammenhæng")
    assert b["chair"] == "Delt regionalt og kommunalt formandskab"
    assert b["decision_rule"] == "konsensus"
    assert "forummet" in b["aliases"]
    assert all(x["name"] != "Formandskab" for x in d.annotation["bodies"])


# --------------------------------------------------------------------------- relations


@pytest.mark.parametrize("sentence,typ,source,target", [
    ("Styregruppen forbereder sager til Sundhedssamarbejdsudvalget.", "PREPARES_CASES_FOR",
     "Sundhedsstyregruppe", "Sundhedssamarbejdsudvalg"),
    ("Styregruppen varetager sagsforberedelsen til Sundhedssamarbejdsudvalget.", "PREPARES_CASES_FOR",
     "Sundhedsstyregruppe", "Sundhedssamarbejdsudvalg"),
    ("Styregruppen refererer til Sundhedssamarbejdsudvalget.", "REPORTS_TO",
     "Sundhedsstyregruppe", "Sundhedssamarbejdsudvalg"),
    ("Styregruppen indstiller til Sundhedssamarbejdsudvalget.", "REPORTS_TO",
     "Sundhedsstyregruppe", "Sundhedssamarbejdsudvalg"),
    ("Væsentlige sager skal videre til godkendelse i Sundhedssamarbejdsudvalget.", "REPORTS_TO",
     "Sundhedsstyregruppe", "Sundhedssamarbejdsudvalg"),
    ("Styregruppen kan rejse sager til Praksisplanudvalget.", "CAN_RAISE_CASES_TO",
     "Sundhedsstyregruppe", "Praksisplanudvalg"),
    ("Styregruppen kan indbringe sager for Praksisplanudvalget.", "CAN_RAISE_CASES_TO",
     "Sundhedsstyregruppe", "Praksisplanudvalg"),
    ("Styregruppen er nedsat af Sundhedssamarbejdsudvalget.", "SUBGROUP_OF",
     "Sundhedsstyregruppe", "Sundhedssamarbejdsudvalg"),
    ("Styregruppen er nedsat under Sundhedssamarbejdsudvalget.", "SUBGROUP_OF",
     "Sundhedsstyregruppe", "Sundhedssamarbejdsudvalg"),
    ("Til styregruppen nedsættes en teknikergruppe.", "SUBGROUP_OF", "Teknikergruppe", "Sundhedsstyregruppe"),
    ("Styregruppen udgør bestyrelsen for Center for Sundhedsinnovation.", "BOARD_OF",
     "Sundhedsstyregruppe", "Center for Sundhedsinnovation"),
    ("Styregruppen fungerer som bestyrelse for Center for Sundhedsinnovation.", "BOARD_OF",
     "Sundhedsstyregruppe", "Center for Sundhedsinnovation"),
    ("Sekretariatsfunktionen varetages af Sundhedssekretariatet.", "SECRETARIAT_FOR",
     "Sundhedssekretariatet", "Sundhedsstyregruppe"),
    ("Styregruppen sekretariatsbetjenes af Sundhedssekretariatet.", "SECRETARIAT_FOR",
     "Sundhedssekretariatet", "Sundhedsstyregruppe"),
    ("Styregruppen følger op på sager i Sundhedssamarbejdsudvalget.", "FOLLOWS_UP_ON",
     "Sundhedsstyregruppe", "Sundhedssamarbejdsudvalg"),
    ("Styregruppen er rådgivende over for Sundhedssamarbejdsudvalget.", "ADVISES",
     "Sundhedsstyregruppe", "Sundhedssamarbejdsudvalg"),
    ("Styregruppen er en stabsfunktion for Sundhedssamarbejdsudvalget.", "ADVISES",
     "Sundhedsstyregruppe", "Sundhedssamarbejdsudvalg"),
    ("Styregruppen koordinerer med Praksisplanudvalget.", "COORDINATES_WITH",
     "Sundhedsstyregruppe", "Praksisplanudvalg"),
    ("Styregruppen har et tæt samarbejde med Praksisplanudvalget.", "COORDINATES_WITH",
     "Sundhedsstyregruppe", "Praksisplanudvalg"),
    ("Styregruppen afløser Koordinationsgruppen.", "SUCCEEDS", "Sundhedsstyregruppe", "Koordinationsgruppe"),
    ("Styregruppen erstatter Koordinationsgruppen.", "SUCCEEDS", "Sundhedsstyregruppe", "Koordinationsgruppe"),
    ("Styregruppen viderefører Koordinationsgruppen.", "SUCCEEDS", "Sundhedsstyregruppe", "Koordinationsgruppe"),
    ("Styregruppen er en del af Sundhedsklyngen.", "PART_OF", "Sundhedsstyregruppe", "Sundhedsklynge"),
    ("Styregruppen er et niveau i Sundhedsklyngen.", "PART_OF", "Sundhedsstyregruppe", "Sundhedsklynge"),
])
def test_relation_wordings(sentence, typ, source, target):
    text = doc("Kommissorium for Sundhedsstyregruppen", "Opgaver", sentence)
    d = extract(text)
    assert (source, typ, target) in rels(d, typ)
    ev = [r["evidence"] for r in d.annotation["relations"] if r["type"] == typ][0]
    assert flat(ev) in flat(text)


def test_coordinated_targets_give_one_relation_each():
    d = extract(doc("Kommissorium for Kommunernes Styregruppe på Sundhedsområdet",
                    "Opgaver for styregruppen",
                    " • Rejse sager til Praksisplanudvalget, sundhedsstyregruppen og Sundhedssamarbejdsudvalget"))
    src = "Kommunernes Styregruppe på Sundhedsområdet"
    assert rels(d, "CAN_RAISE_CASES_TO") == {(src, "CAN_RAISE_CASES_TO", t) for t in
                                             ("Praksisplanudvalg", "Sundhedsstyregruppe",
                                              "Sundhedssamarbejdsudvalg")}


def test_coordinated_sources():
    d = extract(doc("Kommissorium for Tværgående forum",
                    "Ældrerådet og Handicaprådet kan rejse sager til forummet."))
    assert rels(d, "CAN_RAISE_CASES_TO") == {("Ældreråd", "CAN_RAISE_CASES_TO", "Tværgående forum"),
                                             ("Handicapråd", "CAN_RAISE_CASES_TO", "Tværgående forum")}


def test_secretariat_shared_by_several():
    d = extract(doc("Kommissorium for Styregruppen for Forebyggelse",
                    "Sekretariatsfunktion",
                    "Sekretariatsfunktionen varetages i samarbejde mellem Sundhedssekretariatet og "
                    "KKR-sekretariatet."))
    got = rels(d, "SECRETARIAT_FOR")
    assert ("Sundhedssekretariatet", "SECRETARIAT_FOR", "Styregruppe for Forebyggelse") in got
    assert ("KKR-sekretariatet", "SECRETARIAT_FOR", "Styregruppe for Forebyggelse") in got
    kinds = {o["name"]: o["kind"] for o in d.annotation["organisations"]}
    assert kinds["Sundhedssekretariatet"] == "secretariat"


def test_named_instances_are_subgroups_of_the_kind():
    d = extract(doc("Organisering af samarbejdet",
                    "Der nedsættes arbejdsgrupper om:",
                    "- Forebyggelse\n- Rehabilitering\n- Akutområdet"))
    names = {b["name"] for b in d.annotation["bodies"]}
    assert {"Arbejdsgruppe om forebyggelse", "Arbejdsgruppe om rehabilitering",
            "Arbejdsgruppe om akutområdet", "Arbejdsgruppe"} <= names
    assert ("Arbejdsgruppe om forebyggelse", "SUBGROUP_OF", "Arbejdsgruppe") in rels(d)


def test_no_relation_without_a_wording():
    d = extract(doc("Kommissorium for Sundhedsstyregruppen",
                    "Sundhedsstyregruppen drøfter sager om sammenhæng med Praksisplanudvalget."))
    assert d.annotation["relations"] == []


# --------------------------------------------------------------------------- names


def test_definite_forms_become_indefinite_names_with_aliases():
    d = extract(doc("Notat om samarbejdet i Region Midtjylland",
                    "Sundhedsstyregruppen",
                    "Sundhedsstyregruppen mødes fire gange årligt.",
                    "Kontaktudvalget",
                    "Kontaktudvalget mødes efter behov og forbereder sager til Sundhedsstyregruppen.",
                    "Det Administrative Kontaktforum (DAK) koordinerer med Kontaktudvalget. DAK mødes sjældent."))
    names = [b["name"] for b in d.annotation["bodies"]]
    assert "Sundhedsstyregruppe" in names and "Sundhedsstyregruppen" not in names
    assert "Kontaktudvalg" in names and "Kontaktudvalget" not in names
    assert "Sundhedsstyregruppen" in body(d, "Sundhedsstyregruppe")["aliases"]
    dak = body(d, "Administrativt kontaktforum")
    assert "DAK" in dak["aliases"] and "Det Administrative Kontaktforum" in dak["aliases"]
    assert names.count("Sundhedsstyregruppe") == 1


def test_plural_and_definite_plural_are_one_body():
    d = extract(doc("Organisering",
                    "Temagrupperne har til opgave at udvikle fælles rammer.",
                    "Temagrupperne mødes efter behov, og alle temagrupper er repræsenteret."))
    tg = [b for b in d.annotation["bodies"] if b["name"] == "Temagruppe"]
    assert len(tg) == 1 and "Temagrupperne" in tg[0]["aliases"]


def test_forummet_is_an_alias_of_the_forum():
    d = extract(doc("Kommissorium for Tværgående direktørforum",
                    "Forummet følger op på sager i Regionsrådet."))
    b = body(d, "Tværgående direktørforum")
    assert "Forummet" in b["aliases"]
    assert ("Tværgående direktørforum", "FOLLOWS_UP_ON", "Regionsråd") in rels(d)


def test_organ_only_appointing_is_an_organisation():
    d = extract(doc("Kommissorium for Kvalitetsrådet", "Kvalitetsrådet består af:",
                    "- To repræsentanter udpeget af Patientinddragelsesudvalget"))
    assert "Patientinddragelsesudvalget" in {o["name"] for o in d.annotation["organisations"]}
    assert all("Patientinddragelses" not in b["name"] for b in d.annotation["bodies"])


def test_generic_words_alone_make_no_body():
    d = extract(doc("Notat om sundhedsområdet",
                    "Der findes mange råd, nævn, styregrupper og arbejdsgrupper på området."))
    assert d.annotation["bodies"] == []


# --------------------------------------------------------------------------- known names


KNOWN = [
    {"name": "Sundhedsstyregruppe", "aliases": ["SSG"], "label": "Body", "region": "Region Midtjylland"},
    {"name": "Sundhedskoordinationsudvalg", "aliases": ["SKU"], "label": "Body", "region": "Region Midtjylland"},
    {"name": "Praktiserende Lægers Organisation", "aliases": ["PLO"], "label": "Organisation", "region": None},
]


def test_known_names_resolve_definite_forms():
    d = extract(doc("Notat om samarbejdet i Region Midtjylland",
                    "Sundhedsstyregruppen forbereder sager til Sundhedskoordinationsudvalget."), known=KNOWN)
    names = [b["name"] for b in d.annotation["bodies"]]
    assert names.count("Sundhedsstyregruppe") == 1
    assert ("Sundhedsstyregruppe", "PREPARES_CASES_FOR", "Sundhedskoordinationsudvalg") in rels(d)
    assert not any("is not in the graph" in r and "Sundhedsstyregruppe" in r for r in d.review)


def test_known_names_resolve_near_matches_with_a_review_note():
    d = extract(doc("Notat om samarbejdet i Region Midtjylland",
                    "Sundheds-styregruppen forbereder sager til Sundhedskoordinationsudvalget."), known=KNOWN)
    assert ("Sundhedsstyregruppe", "PREPARES_CASES_FOR", "Sundhedskoordinationsudvalg") in rels(d)
    assert any("taken to be the known 'Sundhedsstyregruppe'" in r for r in d.review)


def test_two_forms_of_one_known_body_are_merged():
    d = extract(doc("Notat om samarbejdet i Region Midtjylland",
                    "Sundhedsstyregruppen mødes fire gange årligt.",
                    "Sundheds-styregruppen forbereder sager til Sundhedskoordinationsudvalget."), known=KNOWN)
    names = [b["name"] for b in d.annotation["bodies"]]
    assert names.count("Sundhedsstyregruppe") == 1 and "Sundheds-styregruppe" not in names
    assert ("Sundhedsstyregruppe", "PREPARES_CASES_FOR", "Sundhedskoordinationsudvalg") in rels(d)


def test_known_organisation_by_alias():
    d = extract(doc("Kommissorium for Kvalitetsrådet i Region Midtjylland", "Kvalitetsrådet består af:",
                    "- Formand for PLO"), known=KNOWN)
    assert d.annotation["seats"][0]["organisation"] == "Praktiserende Lægers Organisation"


def test_unresolved_names_are_listed_for_review():
    d = extract(doc("Kommissorium for Kvalitetsrådet i Region Midtjylland",
                    "Kvalitetsrådet refererer til Sundhedskoordinationsudvalget."), known=KNOWN)
    assert any("'Kvalitetsråd' is not in the graph" in r for r in d.review)
    assert not any("'Sundhedskoordinationsudvalg' is not in the graph" in r for r in d.review)


def test_a_known_body_of_another_region_is_not_used():
    d = extract(doc("Notat om samarbejdet i Region Syddanmark",
                    "Sundhedsstyregruppen mødes fire gange årligt."), known=KNOWN)
    assert any("'Sundhedsstyregruppe' is not in the graph" in r for r in d.review)


# --------------------------------------------------------------------------- document


@pytest.mark.parametrize("text,date", [
    ("Kommissorium for Forum\n\nDato 4-11-2015\n\nForum mødes.", "2015-11-04"),
    ("Kommissorium for Forum\n\nGodkendt i Det Administrative Kontaktforum d. 23.06.2022\n", "2022-06-23"),
    ("Notat\n\nNotatet behandles på mødet den 10. september 2007 i udvalget.", "2007-09-10"),
    ("Kommissorium for Praksisforum 2024\n\nForum mødes.", "2024"),
    ("Kommissorium for Forum\n\nFolketinget har d. 9. juni 2022 vedtaget loven.\n\nDato 1-2-2023", "2023-02-01"),
])
def test_dates(text, date):
    assert extract(text).annotation["document"]["date"] == date


def test_a_meeting_plan_is_not_a_date():
    d = extract(doc("Kommissorium for Tværgående forum", "Mødefrekvens", "To møder i 2026."))
    assert d.annotation["document"]["date"] is None
    assert body(d, "Tværgående forum")["meetings_per_year"] == {"min": 2, "max": 2}
    assert any("2026" in r for r in d.review)


def test_document_fields():
    d = extract(doc("Kommissorium for Styregruppen for Akutområdet",
                    "Dato 1-3-2021", "Styregruppen dækker Region Syddanmark og mødes kvartalsvis."))
    docu = d.annotation["document"]
    assert docu["title"] == "Kommissorium for Styregruppen for Akutområdet"
    assert docu["kind"] == "kommissorium"
    assert docu["region"] == "Region Syddanmark"
    assert docu["id"] == "syd-2021-styregruppen-akutomraadet"
    assert docu["file"] is None and docu["sha256"] is None
    assert extract("Organisering af samarbejdet\n\nTekst.").annotation["document"]["kind"] == "notat"


def test_region_from_kommune_names():
    d = extract(doc("Notat om klyngerne", "Klynge Vest omfatter Holstebro Kommune, Struer Kommune og Lemvig Kommune."))
    assert d.annotation["document"]["region"] == "Region Midtjylland"


def test_sha256_and_file_from_a_read_file(tmp_path):
    p = tmp_path / "k.txt"
    p.write_text(doc("Kommissorium for Kvalitetsrådet", "Kvalitetsrådet mødes to gange årligt."), encoding="utf-8")
    import hashlib

    d = extract(read_text(p))
    assert d.annotation["document"]["sha256"] == hashlib.sha256(p.read_bytes()).hexdigest()
    assert d.annotation["document"]["file"] == str(p)


def test_annotation_uses_only_allowed_values(list_draft):
    from model.vocab import BODY_KINDS, LEVELS, ORGANISATION_KINDS, RELATION_TYPES, SEAT_ROLES

    a = list_draft.annotation
    assert list(a) == ["document", "organisations", "bodies", "seats", "relations"]
    assert all(b["kind"] in BODY_KINDS and (b["level"] is None or b["level"] in LEVELS) for b in a["bodies"])
    assert all(o["kind"] in ORGANISATION_KINDS for o in a["organisations"])
    assert all(s["role"] in SEAT_ROLES for s in a["seats"])
    assert all(r["type"] in RELATION_TYPES for r in a["relations"])


# --------------------------------------------------------------------------- output


def test_summary_counts(list_draft):
    text = list_draft.summary()
    assert f"bodies: {len(list_draft.annotation['bodies'])}" in text
    assert f"seats: {len(list_draft.annotation['seats'])}" in text
    assert 2 <= len(text.splitlines()) <= 6


def test_write_draft_yaml_is_readable(tmp_path, list_draft):
    p = write_draft(list_draft, tmp_path / "d.yaml")
    raw = p.read_text(encoding="utf-8")
    assert "Ældrerådet" in raw and "\\xe6" not in raw and "\\u00e6" not in raw
    assert raw.index("document:") < raw.index("organisations:") < raw.index("bodies:") < raw.index("seats:")
    assert yaml.safe_load(raw) == list_draft.annotation


def test_write_draft_json(tmp_path, list_draft):
    p = write_draft(list_draft, tmp_path / "d.json", fmt="json")
    data = json.loads(p.read_text(encoding="utf-8"))
    assert data["bodies"] == list_draft.annotation["bodies"]
    assert data["review"] == list_draft.review
    with pytest.raises(ValueError):
        write_draft(list_draft, tmp_path / "d.txt", fmt="xml")


def test_speed_of_a_long_document():
    import time

    unit = LIST_DOC + "\n" + doc("Opgaver", "Styregruppen forbereder sager til Sundhedssamarbejdsudvalget og "
                                 "kan rejse sager til Praksisplanudvalget.", "Styregruppen mødes 4-5 gange om året.")
    text = (unit * (30000 // len(unit) + 1))[:30000]
    extract(text)
    t0 = time.process_time()
    extract(text)
    assert time.process_time() - t0 < 1.0


# --------------------------------------------------------------------------- properties

VOCAB = ["Sundhedsstyregruppen", "udvalget", "Kontaktforum", "(KOSU)", "består af:", "\n- ", "1-2",
         "To", "repræsentanter", "fra", "hver af de deltagende kommuner", "Region Midtjylland", "(medformand)",
         "forbereder sager til", "kan rejse sager til", "sekretariatsfunktionen varetages af", "mødes",
         "4-5 gange om året", "kvartalsvist", "og", ",", ".", "\n\n", "Formand for PLO", "Dato 4-11-2015",
         "nedsættes", "Til", "temagrupper om:", "udgør bestyrelsen for", "Folkesundhed", "(", ")", "–", "hhv.",
         "henholdsvis", "heraf", "suppleant", "stående invitation", "Kommissorium for", "fælles",
         "det politiske niveau", "Sundhedsklyngerne udgøres af", "i", " "]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=12)), max_size=60))
def test_extract_never_raises_and_evidence_is_verbatim(parts):
    text = " ".join(parts)
    d = extract(text)
    a = d.annotation
    haystack = flat(text)
    for group in ("bodies", "seats", "relations", "organisations"):
        for item in a[group]:
            ev = item.get("evidence")
            if ev is not None:
                assert flat(ev) in haystack
    assert isinstance(d.review, list) and isinstance(d.summary(), str)
    # every name a seat or relation uses is declared once in the same draft
    names = [o["name"] for o in a["organisations"]] + [b["name"] for b in a["bodies"]]
    assert len(names) == len(set(names))
    for s in a["seats"]:
        assert all(s[k] is None or s[k] in names for k in ("body", "organisation", "appointed_by"))
    for r in a["relations"]:
        assert r["source"] in names and r["target"] in names


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_extract_never_raises_on_any_text(text):
    d = extract(text)
    for b in d.annotation["bodies"]:
        assert flat(b["evidence"]) in flat(text)
