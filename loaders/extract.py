"""Draft an annotation (../shared/ANNOTATION.md) from the text of a kommissorium or notat.

`extract(source, known=...)` reads the text with general rules of Danish governance
prose: which words name a body (udvalg, styregruppe, forum, råd, klynge …), how a
name is inflected (Sundhedsstyregruppen → Sundhedsstyregruppe), how a member list is
written ("1-2 Koncerndirektør fra Region X", "En repræsentant fra hver af de
deltagende kommuner"), how meetings are counted and which wordings state a typed
relation ("forbereder sager til", "kan rejse sager til", "sekretariatsfunktionen
varetages af" …). It knows no names of particular bodies. Every evidence it writes is
a slice of the input text. What it is unsure of goes to `Draft.review` for the person
who reviews the draft.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from loaders.readers import SourceText

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

# =========================================================================== lexicon

NUMBER_WORDS = {
    "en": 1, "et": 1, "én": 1, "ét": 1, "ene": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
    "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
}
_NUM = r"(?:\d{1,3}|en|et|én|ét|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv)"

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}

REGIONS = {
    "hovedstaden": "Region Hovedstaden", "sjælland": "Region Sjælland",
    "syddanmark": "Region Syddanmark", "midtjylland": "Region Midtjylland",
    "nordjylland": "Region Nordjylland", "midt": "Region Midtjylland",
    "nord": "Region Nordjylland", "h": "Region Hovedstaden", "syd": "Region Syddanmark",
}
REGION_ADJECTIVES = {
    "midtjysk": "Region Midtjylland", "syddansk": "Region Syddanmark",
    "nordjysk": "Region Nordjylland", "sjællandsk": "Region Sjælland",
}
REGION_SLUG = {
    "Region Hovedstaden": "hovedstaden", "Region Sjælland": "sjaelland",
    "Region Syddanmark": "syd", "Region Midtjylland": "midt", "Region Nordjylland": "nord",
}
# The 98 kommuner since 2007, by region: a mention of a kommune tells the region.
KOMMUNER = {
    "Region Nordjylland": "Brønderslev Frederikshavn Hjørring Jammerbugt Læsø Mariagerfjord "
                          "Morsø Rebild Thisted Vesthimmerland Aalborg",
    "Region Midtjylland": "Favrskov Hedensted Herning Holstebro Horsens Ikast-Brande Lemvig "
                          "Norddjurs Odder Randers Ringkøbing-Skjern Samsø Silkeborg "
                          "Skanderborg Skive Struer Syddjurs Viborg Aarhus",
    "Region Syddanmark": "Assens Billund Esbjerg Fanø Fredericia Faaborg-Midtfyn Haderslev "
                         "Kerteminde Kolding Langeland Middelfart Nordfyn Nyborg Odense "
                         "Svendborg Sønderborg Tønder Varde Vejen Vejle Ærø Aabenraa",
    "Region Sjælland": "Faxe Greve Guldborgsund Holbæk Kalundborg Køge Lejre Lolland Næstved "
                       "Odsherred Ringsted Roskilde Slagelse Solrød Sorø Stevns Vordingborg",
    "Region Hovedstaden": "Albertslund Allerød Ballerup Bornholm Brøndby Dragør Egedal "
                          "Fredensborg Frederiksberg Frederikssund Furesø Gentofte Gladsaxe "
                          "Glostrup Gribskov Halsnæs Helsingør Herlev Hillerød Hvidovre "
                          "Høje-Taastrup Hørsholm Ishøj København Københavns Lyngby-Taarbæk "
                          "Rudersdal Rødovre Tårnby Vallensbæk",
}
KOMMUNE_REGION = {k.casefold(): r for r, ks in KOMMUNER.items() for k in ks.split()}

# Head nouns that name a collegial body: stem -> (kind, inflection class)
HEADS = [
    ("styregruppe", "styregruppe", "e"),
    ("arbejdsgruppe", "arbejdsgruppe", "e"),
    ("temagruppe", "temagruppe", "e"),
    ("gruppe", "other", "e"),
    ("udvalg", "udvalg", "c"),
    ("forum", "forum", "forum"),
    ("råd", "råd", "c"),
    ("klynge", "klynge", "e"),
    ("formandskab", "formandskab", "et"),
    ("sekretariat", "sekretariat", "et"),
    ("bestyrelse", "bestyrelse", "e"),
    ("nævn", "other", "c"),
    ("netværk", "other", "c"),
    ("niveau", "other", "et"),
]
NEUTER = {"udvalg", "forum", "råd", "formandskab", "sekretariat", "nævn", "netværk", "niveau"}
# suffix -> (plural, definite)
SUFFIXES = {
    "e": {"": (False, False), "n": (False, True), "r": (True, False), "rne": (True, True)},
    "c": {"": (False, False), "et": (False, True), "ene": (True, True)},
    "et": {"": (False, False), "et": (False, True), "er": (True, False), "erne": (True, True)},
    "forum": {"": (False, False), "met": (False, True), "mer": (True, False),
              "merne": (True, True)},
}
# -gruppe compounds that name groups of people, not bodies ("målgruppe", "faggruppe")
NON_BODY_PREFIXES = (
    "mål", "patient", "alders", "befolknings", "borger", "diagnose", "risiko", "fag",
    "personale", "medarbejder", "bruger", "person", "interesse", "køns", "indkomst",
    "produkt", "vare", "sortiments",
)
GENERIC_PREFIXES = ("", "under", "del", "ad hoc", "projekt")
NON_DISTINCTIVE = {
    "mindre", "større", "ny", "nye", "nyt", "relevante", "relevant", "forskellige", "øvrige",
    "enkelte", "konkrete", "alle", "andre", "eventuelle", "faste", "fast", "stående",
    "respektive", "pågældende", "nævnte", "samme", "flere", "mange", "disse", "denne",
    "dette", "nuværende", "kommende", "hver", "hvert", "første", "anden", "sådanne",
    "lokale", "lokalt", "lokal", "egen", "eget", "egne", "sin", "sit", "sine", "deres",
    "syddanske", "syddansk", "midtjyske", "midtjysk", "nordjyske", "nordjysk", "sjællandske",
    "sjællandsk", "regionens", "samtlige", "nævnte", "ovennævnte",
}
ADJ_WORDS = {"fælles", "tværgående", "rådgivende", "øverste", "ordinære", "teknisk",
             "særlige", "særligt", "overordnede", "overordnet", "centrale", "centralt"}
ADJ_RE = re.compile(
    r"(ende|iske|isk|ige|igt|ig|ale|alt|al|ive|ivt|iv|elle|elt|el|ære|ært|ede|ske|sk|lige|"
    r"ligt|nære|nært|lle|ære)$"
)
ARTICLES = {"den", "det", "de", "en", "et"}
NOT_ADJ = {"antal", "kvartal", "materiale", "personale", "signal", "areal", "kapital", "rektoral",
           "tal", "udtale", "aftale", "sundhedsaftale", "rammeaftale", "praksis", "vedtægt"}
STOP_WORDS = {
    "i", "på", "til", "for", "med", "af", "fra", "om", "under", "over", "mellem", "ved",
    "hos", "efter", "og", "eller", "samt", "som", "der", "at", "er", "har", "kan", "skal",
    "vil", "hvor", "når", "hvis", "ikke", "også", "både", "men", "så", "blev", "bliver",
    "være", "været", "sig", "hhv", "herunder", "bl", "mv", "fx", "f", "eks", "jf",
}
VERBS = {
    "er", "har", "kan", "skal", "vil", "bør", "må", "mødes", "består", "deltager",
    "varetager", "varetages", "forbereder", "behandler", "drøfter", "træffer", "udgør",
    "udgøres", "følger", "refererer", "indstiller", "rapporterer", "koordinerer", "sikrer",
    "nedsætter", "nedsættes", "etableres", "oprettes", "afløser", "erstatter",
    "viderefører", "fungerer", "understøtter", "rådgiver", "arbejder", "mødes", "afholder",
    "fastlægger", "håndterer", "vælger", "beskæftiger", "ledes", "sekretariatsbetjenes",
    "sekretariatsbetjener", "godkender", "beslutter", "spiller", "aftaler", "iværksætter",
    "bidrager", "udarbejder", "udpeger", "udpeges", "repræsenteres", "omsætter", "løser",
    "indgår", "tager", "får", "gælder", "fremgår", "går", "blev", "var", "bliver",
    "vurderer", "anvender", "lader", "deltage", "rejse", "indbringe", "drøfte", "sætte",
    "sker", "foregår", "dækker", "står", "giver", "kommer", "tilbydes",
}
# Verbs that make their subject an acting body
BODY_VERBS = re.compile(
    r"\b(mødes|består af|er sammensat|sammensættes|har til opgave|har som (?:hoved)?opgave|"
    r"har ansvar|har ansvaret|har kompetence|træffer|behandler|drøfter|forbereder|"
    r"fastlægger|håndterer|varetager|følger op|følger løbende|spiller|skal|kan|"
    r"nedsætter|nedsættes|etableres|oprettes|er nedsat|er etableret|aftaler|afholder|"
    r"sekretariatsbetjener|understøtter|udarbejder|iværksætter|bidrager|"
    r"er det (?:øverste|overordnede))\b")

TITLE_STEMS = (
    "direktør", "chef", "repræsentant", "medlem", "formand", "formænd", "forperson", "læge",
    "konsulent", "sekretær", "koordinator", "borgmester", "borgmestre", "rådmand",
    "rådmænd", "leder", "medarbejder", "fuldmægtig", "sygeplejerske", "terapeut",
    "politiker", "suppleant", "observatør", "tovholder", "udvalgsmedlem", "rådsmedlem",
    "direktion", "ledelse", "ansvarlig", "specialist", "jordemoder", "psykolog",
    "praktiserende", "tandlæge", "embedsmand", "embedsmænd", "deltager",
)
PLURAL_TITLES = [
    ("medlemmer", "medlem"), ("medlemmerne", "medlem"), ("borgmestre", "borgmester"),
    ("formænd", "formand"), ("rådmænd", "rådmand"), ("embedsmænd", "embedsmand"),
    ("ledere", "leder"), ("medarbejdere", "medarbejder"), ("fuldmægtige", "fuldmægtig"),
    ("læger", "læge"), ("sygeplejersker", "sygeplejerske"), ("repræsentanterne", "repræsentant"),
    ("direktørerne", "direktør"), ("tovholdere", "tovholder"), ("suppleanter", "suppleant"),
    ("deltagere", "deltager"), ("formanden", "formand"), ("direktøren", "direktør"),
    ("repræsentanten", "repræsentant"), ("lederen", "leder"),
    ("erne", ""), ("er", ""),
]

ABBR_RE = re.compile(r"\(\s*((?:[A-ZÆØÅ][A-ZÆØÅa-zæøå0-9]*[A-ZÆØÅ0-9][A-ZÆØÅa-zæøå0-9\-]*"
                     r"(?: [A-ZÆØÅ][a-zæøåA-ZÆØÅ\-]+)?)|[a-zæøå]{1,5}-[a-zæøå]{1,6})\s*\)")
TOKEN_RE = re.compile(r"\w(?:[\w’'\-]*\w)?-?|\d+", re.U)
BULLET_RE = re.compile(r"^[ \t]*(?:[-•*–·▪◦●○►]|\d{1,2}[.)](?=\s))[ \t]*")
ABBREVIATIONS = {"bl", "f", "eks", "mv", "m.v", "d", "ca", "jf", "nr", "hhv", "mhp", "inkl",
                 "evt", "pr", "stk", "kl", "dvs", "fx", "etc", "vedr", "iht", "ift", "mfl",
                 "t", "o", "s", "p", "sept", "okt", "nov", "dec", "jan", "feb", "aug", "ff"}

RELATION_TYPES = (
    "PREPARES_CASES_FOR", "REPORTS_TO", "CAN_RAISE_CASES_TO", "SUBGROUP_OF", "BOARD_OF",
    "SECRETARIAT_FOR", "FOLLOWS_UP_ON", "ADVISES", "COORDINATES_WITH", "SUCCEEDS", "PART_OF",
)


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s or "").replace("’", "'").replace("”", "").replace("“", "")
    s = s.replace('"', "")
    return " ".join(s.casefold().split())


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _is_cap(w: str) -> bool:
    return bool(w) and w[0].isupper()


def _number(word: str) -> int | None:
    w = word.casefold().strip(".")
    if w.isdecimal():
        return int(w)
    return NUMBER_WORDS.get(w)


# =========================================================================== result


@dataclass
class Draft:
    annotation: dict
    review: list[str] = field(default_factory=list)

    def summary(self) -> str:
        a = self.annotation
        doc = a.get("document", {})
        rel_types: dict[str, int] = {}
        for r in a.get("relations", []):
            rel_types[r["type"]] = rel_types.get(r["type"], 0) + 1
        lines = [
            f"document: {doc.get('title')!r} ({doc.get('kind')}, date {doc.get('date') or 'unknown'},"
            f" {doc.get('region') or 'no region'})",
            f"bodies: {len(a.get('bodies', []))}, organisations: {len(a.get('organisations', []))},"
            f" seats: {len(a.get('seats', []))}, relations: {len(a.get('relations', []))}",
        ]
        if rel_types:
            lines.append("relations by type: " + ", ".join(f"{k} {v}" for k, v in sorted(rel_types.items())))
        lines.append(f"to review: {len(self.review)} item(s)")
        return "\n".join(lines)


def write_draft(draft: Draft, path, fmt: str = "yaml") -> Path:
    """Write the draft annotation (and its review list as a comment / key) to `path`."""
    path = Path(path)
    fmt = fmt.lower()
    if fmt not in ("yaml", "json"):
        raise ValueError(f"unknown format {fmt!r}: use 'yaml' or 'json'")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        data = dict(draft.annotation)
        data["review"] = list(draft.review)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path
    import yaml

    head = ["# Draft annotation written by `extract`: review every entry before loading.",
            "# Things the extractor was unsure of:"]
    head += [f"#  - {line}" for item in draft.review for line in item.splitlines()[:1]] or ["#  (none)"]
    body = yaml.safe_dump(draft.annotation, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=False)
    path.write_text("\n".join(head) + "\n\n" + body, encoding="utf-8")
    return path


# =========================================================================== text structure


@dataclass
class Sent:
    start: int
    end: int
    line: int  # index of the first line
    block: int  # paragraph index
    heading: bool = False
    bullet: bool = False
    item: bool = False  # a short list-like line


@dataclass
class Line:
    start: int  # content start (after a bullet)
    end: int
    raw_start: int
    text: str
    bullet: bool
    blank: bool
    heading: bool = False


class Doc:
    def __init__(self, text: str):
        self.text = text
        self.lines: list[Line] = []
        pos = 0
        for raw in text.split("\n"):
            s, e = pos, pos + len(raw)
            pos = e + 1
            m = BULLET_RE.match(raw)
            bullet = bool(m) and len(raw.strip()) > 1
            if bullet and re.match(r"\s*\d{1,2}[.)]\s+[A-ZÆØÅ]", raw) and len(raw.split()) <= 7 \
                    and not raw.rstrip().endswith((".", ",", ";")) and (not self.lines or self.lines[-1].blank):
                bullet = False  # "4. Sekretariat": a numbered heading, not a list item
            cs = s + (m.end() if bullet else len(raw) - len(raw.lstrip()))
            ce = s + len(raw.rstrip())
            content = text[cs:ce] if ce > cs else ""
            self.lines.append(Line(cs, max(ce, cs), s, content, bullet, not content.strip()))
        for i, ln in enumerate(self.lines):
            ln.heading = self._is_heading(i)
        self.sents: list[Sent] = []
        self._split()
        self.lower = text.casefold()

    def _is_heading(self, i: int) -> bool:
        ln = self.lines[i]
        if ln.blank or ln.bullet:
            return False
        t = ln.text.strip()
        words = t.split()
        if len(words) > 12 or len(t) > 110 or t.endswith((":", ",", ";")):
            return False
        prev_blank = i == 0 or self.lines[i - 1].blank
        next_blank = i + 1 >= len(self.lines) or self.lines[i + 1].blank or self.lines[i + 1].bullet
        if not (prev_blank or next_blank):
            return False
        low = [w.strip(".,()").casefold() for w in words]
        if any(w in VERBS for w in low[1:]) or (low and low[0] in VERBS):
            return False
        if t.endswith(".") and len(words) > 8:
            return False
        if "\t" in t or re.search(r"\d{1,2}[.\-/]\d{1,2}[.\-/]\d{2,4}|\b(?:19|20)\d\d\b", t) or \
                re.match(r"(?:godkendt|vedtaget|dato|revideret|opdateret)\b", t, re.I):
            return False
        j = i - 1
        while j >= 0 and self.lines[j].blank:
            j -= 1
        if j >= 0 and self.lines[j].heading and any(not x.blank for x in self.lines[:j]):
            return False  # the line under a heading is its text
        return True

    def _split(self) -> None:
        block = -1
        i = 0
        n = len(self.lines)
        while i < n:
            ln = self.lines[i]
            if ln.blank:
                i += 1
                continue
            block += 1
            # join wrapped lines of one paragraph (PDF text) into one span
            j = i
            if not ln.bullet and not ln.heading:
                while (j + 1 < n and not self.lines[j + 1].blank and not self.lines[j + 1].bullet
                       and not self.lines[j + 1].heading
                       and not self.lines[j].text.rstrip().endswith((".", ":", "!", "?"))
                       and self.lines[j + 1].text[:1].islower()):
                    j += 1
            start, end = ln.start, self.lines[j].end
            for s, e in self._sentences(start, end):
                self.sents.append(Sent(s, e, i, block, heading=ln.heading, bullet=ln.bullet))
            i = j + 1

    _SPLIT = re.compile(r"[.!?](?=\s+[\"”“'(]?[A-ZÆØÅ0-9•\-–])|\t")

    def _sentences(self, start: int, end: int):
        text = self.text
        s = start
        for m in self._SPLIT.finditer(text, start, end):
            if m.group() == ".":
                before = re.search(r"(\w+)\.?$", text[max(start, m.start() - 12):m.start()])
                w = before.group(1).casefold() if before else ""
                if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or (w.isdecimal() and len(w) <= 2):
                    continue
            e = m.end() if m.group() != "\t" else m.start()
            if text[s:e].strip():
                yield self._trim(s, e)
            s = m.end()
        if text[s:end].strip():
            yield self._trim(s, end)

    def _trim(self, s: int, e: int):
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return s, e

    def sent_at(self, pos: int) -> int:
        lo, hi = 0, len(self.sents) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            st = self.sents[mid]
            if pos < st.start:
                hi = mid - 1
            elif pos >= st.end:
                lo = mid + 1
            else:
                return mid
        return max(0, min(lo, len(self.sents) - 1))

    def stext(self, i: int) -> str:
        s = self.sents[i]
        return self.text[s.start:s.end]


# =========================================================================== head analysis

_HEAD_CACHE: dict[str, tuple | None] = {}


def analyse_head(word: str):
    """(compound_singular_indefinite, stem, kind, plural, definite, genitive, prefix) or None."""
    key = word
    if key in _HEAD_CACHE:
        return _HEAD_CACHE[key]
    res = _analyse_head(word)
    _HEAD_CACHE[key] = res
    return res


def _analyse_head(word: str):
    w = word.replace("’", "'")
    low = w.casefold()
    if "områd" in low or len(low) < 3:
        return None
    genitive = False
    base = low
    if base.endswith("'s"):
        base, genitive = base[:-2], True
    best = None
    for gen in ((False, True) if not genitive else (True,)):
        b = base
        if gen and not genitive:
            if not b.endswith("s"):
                continue
            b = b[:-1]
        for stem, kind, cls in HEADS:
            if stem == "forum":
                for form, (pl, de) in (("forum", (False, False)), ("forummet", (False, True)),
                                       ("fora", (True, False)), ("foraene", (True, True)),
                                       ("forummer", (True, False)), ("forummerne", (True, True)),
                                       ("fora'er", (True, False)), ("foraer", (True, False))):
                    if b.endswith(form):
                        prefix = b[: len(b) - len(form)]
                        cand = (prefix, stem, kind, pl, de, gen or genitive)
                        if best is None or len(stem) > len(best[1]):
                            best = cand
                continue
            for suf, (pl, de) in SUFFIXES[cls].items():
                form = stem + suf
                if b.endswith(form):
                    prefix = b[: len(b) - len(form)]
                    if stem == "råd" and prefix.endswith(("fo", "be", "ud", "til")):
                        continue
                    if cls == "c" and suf == "" and stem != "råd":
                        pl = False  # indefinite plural looks like the singular
                    cand = (prefix, stem, kind, pl, de, gen or genitive)
                    if best is None or len(stem) > len(best[1]):
                        best = cand
        if best:
            break
    if not best:
        return None
    prefix, stem, kind, pl, de, gen = best
    if stem == "gruppe" and prefix and prefix.rstrip("-").endswith(NON_BODY_PREFIXES):
        return None
    if prefix and not re.fullmatch(r"[\wæøå\-]+", prefix):
        return None
    # the compound in singular indefinite form, keeping the word's case
    compound = word[: len(prefix)] + stem
    if compound[:1] != word[:1]:
        compound = word[:1] + compound[1:]
    return (compound, stem, kind, pl, de, gen, prefix)


def de_inflect_adj(word: str, neuter: bool) -> str:
    """Definite/plural adjective -> indefinite singular (Administrative -> Administrativt)."""
    parts = word.split("-")
    out = []
    for p in parts:
        low = p.casefold()
        if not low or low in ADJ_WORDS and not low.endswith(("ale", "ske", "ige")) \
                or low.endswith("ende") or low in NON_DISTINCTIVE or low == "fælles":
            out.append(p)
            continue
        base = p
        if low.endswith("iske") or low.endswith("ske"):
            base = p[:-1]
        elif low.endswith("ede"):
            base = p[:-3] + "et"
        elif low.endswith("ige") or low.endswith("ale") or low.endswith("ive") or \
                low.endswith("elle") or low.endswith("ære") or low.endswith("lle"):
            base = p[:-1]
            if low.endswith("elle"):
                base = p[:-2]
            if neuter:
                base += "t"
        out.append(base)
    return "-".join(out)


# =========================================================================== entities


@dataclass(eq=False)
class Entity:
    name: str
    label: str  # "body" | "org"
    kind: str
    key: str
    aliases: list = field(default_factory=list)
    mentions: list = field(default_factory=list)  # Mention
    strong: bool = True
    confirmed: bool = False
    nonorigin: bool = False
    first: int = 10 ** 9
    level: str | None = None
    meetings: dict | None = None
    chair: str | None = None
    decision_rule: str | None = None
    evidence: str | None = None
    evidence_pos: int = 10 ** 9
    part_of: str | None = None
    org_kind: str | None = None
    stem: str | None = None
    generic: bool = False
    established: bool = False
    kind_of: "Entity | None" = None  # for named instances

    def add_alias(self, form: str) -> None:
        form = " ".join(form.split()).strip(" ,.:;")
        if form and _norm(form) != _norm(self.name) and all(_norm(form) != _norm(a) for a in self.aliases):
            self.aliases.append(form)


@dataclass(eq=False)
class Mention:
    start: int
    end: int
    core_start: int
    surface: str
    canonical: str
    key: str
    stem: str | None
    kind: str
    plural: bool
    definite: bool
    generic: bool
    sent: int
    label: str = "body"
    org_kind: str | None = None
    abbr: str | None = None
    owner: "Mention | None" = None
    origin: bool = False
    entity: Entity | None = None
    established: bool = False


# =========================================================================== extractor


class _Extractor:
    def __init__(self, text: str, known: list[dict] | None):
        self.text = text
        self.doc = Doc(text)
        self.known = known or []
        self.review: list[str] = []
        self.entities: list[Entity] = []
        self.by_key: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self.region: str | None = None
        self.main: Entity | None = None
        self.relations: list[dict] = []
        self.seats: list[dict] = []
        self.abbr: dict[str, Entity] = {}
        self.tokens = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
        self.tok_index = {s: i for i, (s, _, _) in enumerate(self.tokens)}
        self.topic_at: list[Entity | None] = []
        self.seat_spans: list[tuple[int, int]] = []
        self.list_spans: list[tuple[int, int]] = []
        self.pending_persons: list = []

    # ------------------------------------------------------------------ helpers
    def ev(self, start: int, end: int) -> str:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return self.text[start:end]

    def sent_ev(self, i: int) -> str:
        s = self.doc.sents[i]
        return self.ev(s.start, s.end)

    def gap(self, a: int, b: int) -> str:
        return self.text[a:b]

    def tok_at(self, pos: int) -> int | None:
        return self.tok_index.get(pos)

    # ------------------------------------------------------------------ metadata
    def title(self) -> tuple[str, int]:
        for ln in self.doc.lines:
            t = ln.text.strip()
            if t and sum(ch.isalpha() for ch in t) >= 3:
                return " ".join(t.split()).rstrip("."), ln.start
        return "", 0

    def find_region(self) -> str | None:
        votes: dict[str, float] = {}
        low = self.text
        for m in re.finditer(r"\bRegion (Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland|Midt|Nord|H)s?\b", low):
            r = REGIONS[m.group(1).casefold()]
            votes[r] = votes.get(r, 0) + 3
        for m in re.finditer(r"\b(?:KKR|PLO)[ \-](Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)\b", low):
            r = REGIONS[m.group(1).casefold()]
            votes[r] = votes.get(r, 0) + 2
        for m in re.finditer(r"\b(midtjysk|syddansk|nordjysk|sjællandsk)e?\b", low, re.I):
            r = REGION_ADJECTIVES[m.group(1).casefold()]
            votes[r] = votes.get(r, 0) + 1
        for m in re.finditer(r"\b([A-ZÆØÅ][\wæøå\-]+)(?: [Kk]ommune\b|\b)", low):
            r = KOMMUNE_REGION.get(m.group(1).casefold())
            if r:
                votes[r] = votes.get(r, 0) + (1 if "ommune" in m.group(0) else 0.5)
        if not votes:
            return None
        best = max(votes.items(), key=lambda kv: kv[1])
        if best[1] < 1:
            return None
        others = [r for r, v in votes.items() if r != best[0] and v >= best[1] * 0.6]
        if others:
            self.review.append(f"region: chose {best[0]}; the text also points to {', '.join(others)}")
        return best[0]

    def find_date(self, title_end: int) -> tuple[str | None, str | None]:
        """The document's date and the text it came from."""
        text = self.text
        cands = []  # (priority, pos, value, evidence)
        month_names = "|".join(sorted(MONTHS, key=len, reverse=True))
        pats = [
            (re.compile(r"\b(\d{1,2})\.\s*(" + month_names + r")\.?\s+(\d{4})\b", re.I), "dmy_name"),
            (re.compile(r"\b(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})\b"), "dmy"),
            (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
            (re.compile(r"\b(" + month_names + r")\.?\s+(\d{4})\b", re.I), "my"),
        ]
        used = []
        for pat, kind in pats:
            for m in pat.finditer(text):
                if any(a <= m.start() < b for a, b in used):
                    continue
                try:
                    if kind == "dmy_name":
                        d, mo, y = int(m.group(1)), MONTHS[m.group(2).casefold().rstrip(".")], int(m.group(3))
                        val = f"{y:04d}-{mo:02d}-{d:02d}"
                    elif kind == "dmy":
                        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
                        val = f"{y:04d}-{mo:02d}-{d:02d}"
                    elif kind == "iso":
                        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
                        val = f"{y:04d}-{mo:02d}-{d:02d}"
                    else:
                        mo, y = MONTHS[m.group(1).casefold().rstrip(".")], int(m.group(2))
                        val = f"{y:04d}-{mo:02d}"
                        d = 1
                    import datetime as _dt
                    _dt.date(y, mo, d)
                    if not 1950 <= y <= 2100:
                        continue
                except (ValueError, KeyError):
                    continue
                used.append((m.start(), m.end()))
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                line = text[line_start: line_end if line_end >= 0 else len(text)]
                before = text[max(line_start, m.start() - 60): m.start()].casefold()
                prio = 3
                if re.search(r"\b(dato|godkendt|vedtaget af|revideret|opdateret|udarbejdet|"
                             r"version|senest ændret|besluttet)\b", line.casefold()):
                    prio = 0
                if re.search(r"\b(folketinget|loven?|lovforslag|bekendtgørelse|træder i kraft|"
                             r"ikrafttræden|fra og med|frem til|senest|deadline|frist)\b", before):
                    prio = 5
                if re.search(r"\b(folketinget|lov)\b", line.casefold()) and prio:
                    prio = 5
                if prio == 3 and m.start() < max(title_end + 400, 600):
                    prio = 1
                if re.match(r"^\s*(?:[-–]|til)\s*\d", text[m.end(): m.end() + 6]) or \
                        re.search(r"\d\s*[-–]\s*$", text[max(0, m.start() - 4): m.start()]):
                    prio = 6  # a period "2015-2019" or "1.1.-31.12."
                if kind == "my" and prio > 0:
                    prio += 1
                cands.append((prio, m.start(), val, self.ev(line_start, line_end if line_end >= 0 else len(text))))
        cands = [c for c in cands if c[0] < 5]
        if cands:
            cands.sort(key=lambda c: (c[0], c[1]))
            best = cands[0]
            if len({c[2] for c in cands if c[0] == best[0]}) > 1:
                self.review.append(f"date: several dates in the text; chose {best[2]} from {best[3]!r}")
            return best[2], best[3]
        # a year alone: only from the title or a dateline, not from a meeting plan
        years = []
        for m in re.finditer(r"\b(19[5-9]\d|20\d\d)\b", text):
            ctx = text[max(0, m.start() - 30): m.start()].casefold()
            after = text[m.end(): m.end() + 3]
            if re.search(r"[-–/]\s*$", text[max(0, m.start() - 2): m.start()]) or re.match(r"\s*[-–/]\s*\d", after):
                continue  # a period 2015-2019
            line_start = text.rfind("\n", 0, m.start()) + 1
            line = text[line_start: text.find("\n", m.end()) if text.find("\n", m.end()) >= 0 else len(text)]
            dated = re.search(r"\b(dato|godkendt|vedtaget|revideret|opdateret|version|år)\b", line.casefold())
            in_title = m.start() <= title_end
            meeting = re.search(r"(møder?|mødet|ultimo|primo|medio|budget|senest|inden|frem til|"
                                r"fra|til|i løbet af|periode|aftale|lov|plan)\s*(i|for|af)?\s*$", ctx)
            if in_title or (dated and not meeting):
                years.append((0 if in_title else 1, m.group(1), line))
        if years:
            years.sort()
            return years[0][1], self.ev(0, 0) or years[0][2]
        ys = sorted({m.group(1) for m in re.finditer(r"\b(19[5-9]\d|20\d\d)\b", text)})
        if ys:
            self.review.append(f"date: the text states no date; it mentions the year(s) {', '.join(ys)} "
                               "(e.g. in a meeting plan or a deadline), which were not taken as its date")
        else:
            self.review.append("date: the text states no date")
        return None, None

    # ------------------------------------------------------------------ mentions
    def scan_mentions(self) -> None:
        toks = self.tokens
        text = self.text
        n = len(toks)
        out: list[Mention] = []
        i = 0
        while i < n:
            s, e, w = toks[i]
            info = analyse_head(w)
            if not info:
                i += 1
                continue
            compound, stem, kind, plural, definite, genitive, prefix = info
            # a genitive body followed by a body ("styregruppens forretningsudvalg"):
            if genitive and i + 1 < n and text[e:toks[i + 1][0]] == " " and analyse_head(toks[i + 1][2]):
                owner = self._make_mention(i, info, owner=None)
                if owner:
                    owner.origin = False
                    nxt = analyse_head(toks[i + 1][2])
                    m = self._make_mention(i + 1, nxt, owner=owner)
                    if m:
                        out.append(owner)
                        out.append(m)
                        i += 2
                        continue
            if genitive and stem != "niveau":
                # "Sundhedsstyregruppens dialog": a possessive use of the body
                m = self._make_mention(i, info, owner=None)
                if m:
                    out.append(m)
                i += 1
                continue
            m = self._make_mention(i, info, owner=None)
            if m:
                out.append(m)
                # skip tokens covered
                while i < n and toks[i][0] < m.end:
                    i += 1
                continue
            i += 1
        # organisation mentions
        out.extend(self._org_mentions(out))
        out.sort(key=lambda m: (m.start, -m.end))
        # drop overlaps (keep the longer / first)
        clean: list[Mention] = []
        for m in out:
            if clean and m.start < clean[-1].end:
                if (m.end - m.start) > (clean[-1].end - clean[-1].start) and m.label == "body" and clean[-1].label == "org":
                    clean[-1] = m
                continue
            clean.append(m)
        self.mentions = clean

    def _make_mention(self, i: int, info, owner: Mention | None) -> Mention | None:
        toks, text = self.tokens, self.text
        s, e, w = toks[i]
        compound, stem, kind, plural, definite, genitive, prefix = info
        neuter = stem in NEUTER
        # ---- left modifiers
        j = i - 1
        mods: list[int] = []
        article = None
        number = None
        start = s
        while j >= 0:
            js, je, jw = toks[j]
            gap = text[je:toks[j + 1][0]]
            if gap.strip() or "\n" in gap:
                break
            low = jw.casefold()
            if low in ARTICLES:
                article = j
                start = js
                break
            if _number(low) is not None and low not in ("en", "et", "én", "ét", "ene") or low.isdecimal():
                number = j
                start = js
                j -= 1
                continue
            if number is not None:
                break
            if low in ("og", "eller") and j - 1 >= 0 and toks[j - 1][2].endswith("-"):
                mods.extend([j, j - 1])
                start = toks[j - 1][0]
                j -= 2
                continue
            if jw.endswith("-"):
                mods.append(j)
                start = js
                j -= 1
                continue
            if definite and not genitive and not _is_cap(jw) and low != "fælles" and not jw.isupper():
                break  # "rådgive bestyrelsen": no adjective stands before a definite noun without article
            is_adj = low in ADJ_WORDS or low in NON_DISTINCTIVE or (
                ADJ_RE.search(low.split("-")[-1]) and low not in STOP_WORDS and low not in VERBS
                and low not in NOT_ADJ and not low.endswith("aftale")
                and not analyse_head(jw) and len(low) > 3)
            if low in ("alle", "hver", "hvert", "disse", "denne", "dette", "sine", "sin", "sit"):
                start = js
                break
            if is_adj or (jw.isupper() and len(jw) >= 2 and low not in STOP_WORDS):
                mods.append(j)
                start = js
                j -= 1
                continue
            # a genitive owner that is an organisation: "PLO's bestyrelse", "Kommunernes Styregruppe"
            if (jw.endswith(("'s", "’s")) or (_is_cap(jw) and low.endswith("s") and len(low) > 4
                                              and low.endswith(("nes", "ens", "ets")))
                    or low in ("kommunernes", "regionens", "kommunens", "regionernes")) and not analyse_head(jw):
                mods.append(j)
                start = js
                break
            break
        if number is not None and j >= 0 and toks[j][2].casefold() in ("de", "alle"):
            start = toks[j][0]
        mods.reverse()
        # ---- right extension
        end = e
        k = i + 1
        ext_words: list[str] = []
        n = len(toks)

        def gap_ok(a, b):
            g = text[a:b]
            return g == " "

        if k < n and gap_ok(e, toks[k][0]):
            nw = toks[k][2]
            nlow = nw.casefold()
            if nlow == "for" and not self._board_context(start):
                stop = self._np_after(k + 1)
                if stop is not None:
                    end = toks[stop][1]
                    ext_words = [t[2] for t in toks[k:stop + 1]]
            elif nlow == "på" and k + 1 < n:
                stop = self._area_after(k + 1)
                if stop is not None:
                    end = toks[stop][1]
                    ext_words = [t[2] for t in toks[k:stop + 1]]
            elif nlow == "i" and k + 1 < n and _is_cap(toks[k + 1][2]) and gap_ok(toks[k][1], toks[k + 1][0]) \
                    and (any(_is_cap(toks[x][2]) for x in mods) or _is_cap(w) or toks[k + 1][2] == "Region") \
                    and not analyse_head(toks[k + 1][2]):
                stop = k + 1
                if toks[stop][2] == "Region" and stop + 1 < n:
                    stop += 1
                end = toks[stop][1]
                ext_words = [t[2] for t in toks[k:stop + 1]]
            elif (prefix == "" or stem == "klynge") and _is_cap(nw) and nlow not in STOP_WORDS \
                    and nlow not in VERBS and not analyse_head(nw) and _is_cap(w) and not nw.isupper() \
                    and self.doc.sent_at(toks[k][0]) == self.doc.sent_at(s):
                end = toks[k][1]
                ext_words = [nw]
        if stem == "formandskab" and re.match(r"\s+(?:er|bliver|var|skal være)\s+(?:delt|fælles)\b", text[end:end + 30]):
            return None
        kar = re.match(r" af (?:mere |en |et |mere )?([a-zæøå]+(?:e|t|sk|ig|al|iv|el|ende)) karakter\b", text[end:end + 60])
        if kar and not ext_words:
            ext_adj = kar.group(1)
            end = end + kar.end()
        else:
            ext_adj = None
        # abbreviation right after
        abbr = None
        am = ABBR_RE.match(text, end + 1) if end < len(text) and text[end:end + 1] == " " else None
        if am and am.start() == end + 1:
            abbr = am.group(1)
        # ---- canonical name
        generic_mods = [toks[x][2] for x in mods if toks[x][2].casefold() in NON_DISTINCTIVE]
        dist_mods = [x for x in mods if toks[x][2].casefold() not in NON_DISTINCTIVE]
        inflect = definite or plural or article is not None
        words = []
        for x in dist_mods:
            tw = toks[x][2]
            if tw.endswith(("'s", "’s")) or tw.isupper() or tw.casefold() in ("og", "eller") or tw.endswith("-"):
                words.append(tw)
            else:
                words.append(de_inflect_adj(tw, neuter) if inflect else tw)
        head_word = compound
        if words:
            head_word = head_word if head_word[:1].isupper() and not inflect else head_word.casefold() \
                if not (len(words) == 1 and words[0].isupper()) else head_word
        canonical = " ".join(words + [head_word] + ext_words)
        if article is not None and words and _is_cap(toks[article][2]) and _is_cap(words[0]):
            # "Den Administrative Styregruppe" -> "Administrativ styregruppe"
            canonical = " ".join([words[0]] + [x.casefold() if not x.isupper() else x for x in words[1:]]
                                 + [head_word.casefold()] + ext_words)
        if ext_adj:
            canonical = de_inflect_adj(ext_adj, neuter) + " " + head_word.casefold()
        if ext_words[:2] == ["i", "Region"] and not dist_mods:
            canonical = _cap(head_word)
        canonical = _cap(canonical.strip())
        generic = not ext_adj and not dist_mods and not ext_words and prefix.rstrip("-") in GENERIC_PREFIXES and owner is None
        weak = (plural and not definite and article is None and number is None
                and not any(_is_cap(toks[x][2]) for x in mods) and not _is_cap(w))
        if stem == "formandskab" and re.search(r"\bdelt\b[\w\s]{0,40}$", text[max(0, s - 45):s], re.I):
            return None  # "delt (regionalt og kommunalt) formandskab": a chair arrangement
        if stem == "niveau" and prefix and owner is None:
            return None  # "direktørniveau", "klyngeniveauet": a level of representation
        if stem == "niveau" and plural:
            return None
        if stem == "niveau" and re.match(r"\s*\(", text[end:end + 3]):
            return None  # "Det politiske niveau (Sundhedskoordinationsudvalget)": a level, not a body
        if owner is not None:
            canonical = _cap(compound.casefold() if not compound.isupper() else compound)
        surf_end = end
        if abbr:
            surf_end = am.end()
        num_known = not (info[1] in ("udvalg", "råd", "nævn", "netværk") and not definite)
        if not plural and ((article is not None and toks[article][2].casefold() == "de") or
                           (number is not None and (_number(toks[number][2]) or 0) > 1)):
            plural = True
            num_known = True
        elif article is not None:
            num_known = True
        m = Mention(start=start, end=surf_end, core_start=toks[mods[0]][0] if mods else s,
                    surface=text[start:end], canonical=canonical, key=_norm(canonical), stem=stem,
                    kind=kind, plural=plural, definite=definite or article is not None and toks[article][2].casefold() in ("den", "det", "de"),
                    generic=generic, sent=self.doc.sent_at(s), abbr=abbr, owner=owner)
        m.head_end = end  # type: ignore[attr-defined]
        m.compound = compound  # type: ignore[attr-defined]
        m.weak = weak  # type: ignore[attr-defined]
        m.num_known = num_known  # type: ignore[attr-defined]
        m.genitive = genitive  # type: ignore[attr-defined]
        m.generic_mods = generic_mods  # type: ignore[attr-defined]
        m.prefix = prefix  # type: ignore[attr-defined]
        return m

    def _board_context(self, start: int) -> bool:
        before = self.text[max(0, start - 30):start].casefold()
        return bool(re.search(r"(udgør|fungerer\s+(?:\w+\s+)?som|er|som)\s*$", before))

    def _np_after(self, k: int) -> int | None:
        """Index of the last token of the noun phrase starting at token k (after 'for')."""
        toks, text = self.tokens, self.text
        n = len(toks)
        last = None
        j = k
        count = 0
        while j < n and count < 9:
            if j > k:
                g = text[toks[j - 1][1]:toks[j][0]]
                if g.strip() and g.strip() not in ("-",):
                    break
                if "\n" in g:
                    break
            w = toks[j][2]
            low = w.casefold()
            if low in ("og", "samt", "eller"):
                # continue only inside the NP ("det nære og sammenhængende sundhedsvæsen",
                # "børn og unge"), not into a new entity
                nxt = toks[j + 1][2] if j + 1 < n else ""
                look = [toks[x][2] for x in range(j + 1, min(n, j + 4))]
                if any(analyse_head(t) for t in look) or _is_cap(nxt) and not last:
                    break
                if low != "og":
                    break
                j += 1
                count += 1
                continue
            if low in VERBS or low in ("som", "der", "hvor", "at", "til", "i", "på", "af", "fra",
                                       "mellem", "ved", "hos", "under", "efter", "om", "når",
                                       "hvis", "herunder", "jf", "inkl", "mhp"):
                break
            if low == "med" and last is None:
                break
            last = j
            j += 1
            count += 1
        if last is None:
            return None
        # do not end on an article/adjective-only NP or a conjunction
        while last >= k and toks[last][2].casefold() in ARTICLES | {"og", "med"}:
            last -= 1
        return last if last >= k else None

    def _area_after(self, k: int) -> int | None:
        """'på (det almenmedicinske) område' / 'på sundhedsområdet' / 'på tandområdet'."""
        toks = self.tokens
        j = k
        for _ in range(4):
            if j >= len(toks):
                return None
            low = toks[j][2].casefold()
            if "område" in low or "området" in low:
                return j
            if low in ARTICLES or ADJ_RE.search(low):
                j += 1
                continue
            return None
        return None

    _ORG_PATTERNS = [
        (re.compile(r"\bRegion (?:Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland|Midt|Nord)s [a-zæøå][\wæøå\-]+\b"), "unit"),
        (re.compile(r"\bRegion (?:Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland|Midt|Nord)\b"), "region"),
        (re.compile(r"\b[A-ZÆØÅ][\wæøåÆØÅ\-]+ [Kk]ommune\b"), "kommune"),
        (re.compile(r"\b(?:[Kk]ommunerne|[Kk]ommuner|[Kk]ommunen|de deltagende kommuner|"
                    r"hver af de deltagende kommuner|de \d+ kommuner|alle kommuner|de \w+ kommuner|kommunesiden)\b"), "kommune"),
        (re.compile(r"\b(?:[Rr]egionen|[Rr]egionens|[Rr]egion(?= og| samt|\.|,| på|$)|regionssiden)\b", re.M), "region"),
        (re.compile(r"\bPraktiserende Lægers Organisation\b|\bPLO(?:-[A-ZÆØÅ]\w*)?(?:'s|’s)?\b"), "almen-praksis"),
        (re.compile(r"\b(?:[Aa]lmen ?praksis|[Pp]raksissektoren|[Pp]raksissektor|de almenmedicinske tilbud|"
                    r"det almenmedicinske tilbud|[Aa]lmenmedicinske tilbud)\b"), "almen-praksis"),
        (re.compile(r"\b(?:KKR(?: (?:Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland))?|"
                    r"KL|Danske Regioner|DSAM|Lægeforeningen|Sundhedsstyrelsen|Danske Patienter)\b"), "interest-organisation"),
        (re.compile(r"\b(?:[A-ZÆØÅ][\wæøå]+ )?(?:[A-ZÆØÅ]\. )?(?:[A-ZÆØÅ][\wæøå\-]*(?:[Hh]ospital|[Ss]ygehus)(?:et|e|ene)?)\b"
                    r"|\b[A-ZÆØÅ][\wæøå]+ (?:[A-ZÆØÅ]\. )?[Ss]ygehus(?:e|et)?\b|\bPsykiatrien\b|\bRegionshuset\b|"
                    r"\b(?:[Hh]ospitalerne|[Hh]ospitaler|[Hh]ospitalsledelserne|[Hh]ospitalsledelser|[Ss]ygehusene|"
                    r"det somatiske sygehus|de \d+ hospitaler)\b"), "hospital"),
        (re.compile(r"\b(?:[Aa]dministrationen|[A-ZÆØÅ][\w\-]*-sekretariatet)\b"), "staff-unit"),
    ]

    def _org_mentions(self, bodies: list[Mention]) -> list[Mention]:
        out = []
        spans = [(m.start, m.end) for m in bodies]
        for pat, okind in self._ORG_PATTERNS:
            for m in pat.finditer(self.text):
                if any(a <= m.start() < b or a < m.end() <= b for a, b in spans):
                    continue
                surface = m.group(0)
                canon, okind2 = self._org_canonical(surface, okind)
                if canon is None:
                    continue
                end = m.end()
                abbr = None
                am = ABBR_RE.match(self.text, end + 1) if self.text[end:end + 1] == " " else None
                if am:
                    abbr = am.group(1)
                    end = am.end()
                mm = Mention(start=m.start(), end=end, core_start=m.start(), surface=surface,
                             canonical=canon, key=_norm(canon), stem=None, kind="org", plural=False,
                             definite=False, generic=False, sent=self.doc.sent_at(m.start()),
                             label="org", org_kind=okind2, abbr=abbr)
                mm.head_end = m.end()  # type: ignore[attr-defined]
                mm.pattern_kind = okind2 if (okind == "almen-praksis" or okind2 == "secretariat") else okind  # type: ignore[attr-defined]
                out.append(mm)
                spans.append((m.start(), end))
        return out

    def _org_canonical(self, surface: str, kind: str):
        low = surface.casefold().replace("’", "'")
        if kind == "unit":  # "Region Midtjyllands sundhedsplanlægning": a unit of the region
            if surface.split()[2].casefold() in STOP_WORDS | VERBS | ARTICLES:
                return None, None
            return surface, "staff-unit"
        if kind == "region":
            if low.startswith("region "):
                return REGIONS.get(low.split()[1], surface), "region"
            return (self.region or "Regionen"), "region"
        if kind == "kommune":
            if re.match(r"^[a-zæøå\-]+ kommune$", low) and low.split()[0] not in ("hver", "den", "egen", "enkelte"):
                return _cap(surface.split()[0]) + " Kommune", "kommune"
            return (f"Kommunerne i {self.region}" if self.region else "Kommunerne"), "kommune"
        if kind == "almen-praksis":
            if low.startswith("plo") or low.startswith("praktiserende"):
                name = surface.replace("’s", "").replace("'s", "")
                return name, "interest-organisation"
            if "almenmedicinsk" in low:
                return ("Det almenmedicinske tilbud" + (f" i {self.region}" if self.region else "")), "almen-praksis"
            return "Almen praksis", "almen-praksis"
        if kind == "hospital":
            if low in ("hospitalerne", "hospitaler", "hospitalsledelserne", "hospitalsledelser",
                       "sygehusene") or re.match(r"de \d+ hospitaler", low):
                return (self.region or "Regionen"), "region"
            if low == "det somatiske sygehus":
                return None, None
            return _cap(surface), "hospital"
        if kind == "staff-unit":
            if low.endswith("sekretariatet"):
                return surface, "secretariat"
            if low == "administrationen" and self.region:
                return self.region, "region"  # the region's own administration
            return _cap(surface), "staff-unit"
        if surface.startswith("KKR"):
            return surface, "other"
        return surface, kind

    # ------------------------------------------------------------------ grouping
    def group(self) -> None:
        """Turn mentions into entities: canonical names, aliases, anaphora, abbreviations."""
        title_text, title_pos = self.title()
        title_end = title_pos + len(title_text)
        # abbreviations defined in the text: "(KOSU)"
        for m in self.mentions:
            if not m.generic or m.label == "org":
                ent = self._entity_for(m)
                m.entity = ent
                if m.abbr:
                    self.abbr.setdefault(m.abbr.casefold(), ent)
                    ent.add_alias(m.abbr)
        # stand-alone abbreviations used later ("KOSU mødes")
        extra = []
        if self.abbr:
            spans = [(m.start, m.end) for m in self.mentions]
            pat = re.compile(r"(?<![\w\-])(" + "|".join(re.escape(a) for a in sorted(
                {e for e in self.abbr}, key=len, reverse=True)) + r")(?:'s|’s|’er|'er|-\w+)?(?![\w])", re.I)
            for am in pat.finditer(self.text):
                if any(a <= am.start() < b for a, b in spans):
                    continue
                word = am.group(0)
                if not word[:1].isupper() and not word.islower():
                    continue
                if word.casefold() != am.group(1).casefold() and "-" in word and not word.casefold().endswith(("'s", "’s", "’er", "'er")):
                    continue  # "KOSU-sekretariatet" is another thing
                if not am.group(1).isupper() and am.group(1) != am.group(1).casefold():
                    continue
                ent = self.abbr[am.group(1).casefold()]
                mm = Mention(start=am.start(), end=am.end(), core_start=am.start(), surface=word,
                             canonical=ent.name, key=ent.key, stem=ent.stem, kind=ent.kind,
                             plural=word.endswith("er"), definite=False, generic=False,
                             sent=self.doc.sent_at(am.start()), label=ent.label, entity=ent)
                mm.head_end = am.end()  # type: ignore[attr-defined]
                extra.append(mm)
                ent.add_alias(am.group(1))
        if extra:
            self.mentions = sorted(self.mentions + extra, key=lambda m: m.start)
        self._merge_variants(title_end)
        # the main body: the one the title names
        for m in self.mentions:
            if m.start <= title_end and m.entity is not None and m.label == "body":
                self.main = m.entity
                break
        if self.main is None:
            for m in self.mentions:
                if m.start <= title_end and m.label == "body" and m.generic:
                    ent = self._generic_entity(m)
                    m.entity = ent
                    self.main = ent
                    break
        self._topics()
        # generic mentions: anaphora or the kind itself
        main_head = None
        if self.main is not None and any(x.plural for x in self.main.mentions):
            main_head = _norm(getattr(self.main.mentions[0], "compound", "") or "")
        for idx, m in enumerate(self.mentions):
            if m.entity is not None or m.label != "body":
                continue
            if main_head and _norm(getattr(m, "compound", "")) == main_head and (m.plural or m.definite):
                m.entity = self.main
                self.main.mentions.append(m)
                self.main.add_alias(self._alias_form(m))
                continue
            if m.definite and not m.plural and m.stem not in ("niveau",):
                ref = self._antecedent(m, idx)
                if ref is not None:
                    m.entity = ref
                    ref.add_alias(self._alias_form(m))
                    continue
            if m.stem == "formandskab":
                continue  # "delt formandskab" is a chair arrangement, not a body
            if not m.plural and not m.definite and self._established_here(m):
                m.entity = self._established_entity(m)
                continue
            m.entity = self._generic_entity(m)
        # "styregruppens forretningsudvalg" -> "Forretningsudvalg for <the styregruppe>"
        for m in self.mentions:
            own = getattr(m, "owner", None)
            e = m.entity
            if own is None or own.entity is None or e is None or own.entity.label != "body":
                continue
            if " for " not in e.name and e.name.casefold() == getattr(m, "compound", "").casefold() and m.stem != "niveau":
                e.add_alias(e.name)
                e.add_alias(self.text[own.start:getattr(m, "head_end", m.end)])
                e.name = f"{_cap(e.name)} for {own.entity.name}"
                e.key = _norm(e.name)
                self.by_key[e.key] = e

    def _established_here(self, m: Mention) -> bool:
        st = self.doc.sents[m.sent]
        before = self.text[st.start:m.start]
        return bool(re.search(r"\b(?:nedsætte[rs]?|nedsættes|oprettes|etableres|nedsat|etableret|oprettet)\s+(?:der\s+)?$",
                              before, re.I))

    def _established_entity(self, m: Mention) -> Entity:
        """An unnamed group that the text sets up: named by its noun phrase
        ("en mindre arbejdsgruppe med repræsentanter fra Administrationen")."""
        st = self.doc.sents[m.sent]
        end = getattr(m, "head_end", m.end)
        stop = re.search(r"[,;.:!?\n]|\s+(?:som|der|hvor|og\s+(?:skal|kan|har|vil))\b", self.text[end:st.end])
        tail_end = end + stop.start() if stop else st.end
        if len(self.text[end:tail_end].split()) > 10 or not re.match(r"\s+(?:med|for|om|til|under)\b", self.text[end:tail_end]):
            tail_end = end
        name = _cap(" ".join(self.text[m.core_start:tail_end].split()))
        key = _norm(name)
        ent = self._known_or_add(key, lambda: Entity(name=name, label="body", kind=m.kind, key=key, stem=m.stem,
                                                     first=m.start, strong=True, confirmed=True))
        ent.add_alias(self.text[m.start:tail_end])
        ent.add_alias(self._alias_form(m))
        ent.mentions.append(m)
        m.established = True
        ent.established = True
        ent.evidence = self.sent_ev(m.sent)
        return ent

    def _known_or_add(self, key: str, make: Callable[[], Entity]) -> Entity:
        """The entity known under `key`, or a new one (`make()`) registered under it."""
        ent = self.by_key.get(key)
        if ent is None:
            ent = make()
            self.by_key[key] = ent
            self.entities.append(ent)
        return ent

    def _alias_form(self, m: Mention) -> str:
        return self.text[m.start:getattr(m, "head_end", m.end)]

    def _entity_for(self, m: Mention) -> Entity:
        key = m.key
        ent = self._known_or_add(key, lambda: Entity(
            name=m.canonical, label=m.label, kind=m.kind if m.label == "body" else "org", key=key, stem=m.stem,
            org_kind=m.org_kind, first=m.start,
            strong=not (m.label == "body" and (m.stem == "niveau" or getattr(m, "weak", False)))))
        if m.label == "body" and getattr(m, "owner", None) is not None and m.owner.label == "body":
            ent.owner_mention = m.owner  # type: ignore[attr-defined]
        if m.label == "body" and not getattr(m, "weak", False) and m.stem != "niveau":
            ent.strong = True
        if m.label == "org" and getattr(m, "pattern_kind", m.org_kind) != m.org_kind:
            ent.mentions.append(m)
            return ent  # "de 5 hospitaler" stands for the region but is not its name
        ent.add_alias(self._alias_form(m))
        if m.core_start != m.start:
            ent.add_alias(self.text[m.core_start:getattr(m, "head_end", m.end)])
        ent.mentions.append(m)
        return ent

    def _generic_entity(self, m: Mention) -> Entity:
        word = self.text[m.start:getattr(m, "head_end", m.end)].split()[-1]
        info = analyse_head(word)
        name = _cap(info[0].casefold()) if info else _cap(m.canonical)
        key = _norm(name)
        ent = self._known_or_add(key, lambda: Entity(name=name, label="body", kind=m.kind, key=key, stem=m.stem,
                                                     first=m.start, strong=False, generic=True))
        ent.add_alias(self._alias_form(m))
        ent.mentions.append(m)
        m.entity = ent
        return ent

    def _merge_variants(self, title_end: int) -> None:
        """'det tværgående direktørforum' is 'Tværgående direktørforum for det nære sundhedsvæsen'."""
        bodies = [e for e in self.entities if e.label == "body"]
        heads: dict[str, list[Entity]] = {}
        for e in bodies:
            hm = e.mentions[0]
            comp = getattr(hm, "compound", None)
            hk = _norm(comp) if comp else e.key
            e.head_key = hk  # type: ignore[attr-defined]
            heads.setdefault(hk, []).append(e)
        for hk, group in heads.items():
            if len(group) < 2:
                continue
            group.sort(key=lambda e: -len(e.key))
            for short in sorted(group, key=lambda e: len(e.key)):
                if short not in self.entities:
                    continue
                swords = set(short.key.split()) - {hk}
                if not swords:
                    # a bare compound: merge only into the owner-less genitive form ("PLO's X")
                    continue
                s_pl = {mm.plural for mm in short.mentions if getattr(mm, "num_known", True)}
                cands = []
                for long in group:
                    if long is short or long not in self.entities or len(long.key) <= len(short.key):
                        continue
                    lwords = set(long.key.split())
                    if swords <= lwords:
                        cands.append(long)
                agree = [c for c in cands if s_pl & {mm.plural for mm in c.mentions if getattr(mm, "num_known", True)}]
                if len(cands) == 1 or len(agree) == 1:
                    self._absorb(cands[0] if len(cands) == 1 else agree[0], short)
        # "Fællessekretariatet" and "Fælles sekretariat for sundhedsaftalen"
        for e in list(self.entities):
            if e.label != "body" or e not in self.entities or " " in e.key:
                continue
            for other in list(self.entities):
                if other is e or other.label != "body" or other not in self.entities or " " not in other.key:
                    continue
                words = other.key.split(" for ")[0].split()
                if len(words) >= 2 and "".join(words) == e.key:
                    self._absorb(other, e)
                    break
        # "PLO's kommuneudvalg" and "Kommuneudvalget": one body (the owner is an organisation)
        for e in list(self.entities):
            if e.label != "body" or e not in self.entities:
                continue
            m = re.match(r"^(\S+)(?:'s|’s|s) (.+)$", e.name)
            if m and "'" in e.name or "’" in e.name:
                rest = e.name.split(" ", 1)[1] if " " in e.name else ""
                bare = self.by_key.get(_norm(rest))
                if bare is not None and bare is not e and bare.label == "body":
                    owners = [x for x in self.entities if x is not e and x.key.endswith(" " + _norm(rest))]
                    if not owners:
                        self._absorb(bare, e)
        # singular variants of the title body with the same head word
        title_body = None
        for m in self.mentions:
            if m.start <= title_end and m.entity is not None and m.label == "body":
                title_body = m.entity
                break
        if title_body is not None:
            hk = getattr(title_body, "head_key", None)
            plural_keys = {e.key for e in self.entities if e.label == "body"
                           and any(mm.plural for mm in e.mentions) and not any(not mm.plural for mm in e.mentions)}
            for e in list(self.entities):
                if e is title_body or e.label != "body" or getattr(e, "head_key", None) != hk:
                    continue
                if e.key in plural_keys or any(mm.plural for mm in e.mentions):
                    continue
                if any(_is_cap(self.text[mm.core_start:mm.core_start + 1]) and mm.core_start != mm.start
                       for mm in e.mentions):
                    pass
                modified = any(set(_norm(mm.canonical).split()) - {hk} for mm in e.mentions)
                together = {mm.sent for mm in e.mentions} & {mm.sent for mm in title_body.mentions}
                if together:
                    continue  # named side by side: two bodies
                named = any(re.search(r"\S+ [A-ZÆØÅ]", mm.canonical[mm.canonical.casefold().find(hk) :])
                            for mm in e.mentions if hk in mm.canonical.casefold())
                if named:
                    continue  # "Klynge Nord" is an instance, not the title's body
                if modified and not any(mm.abbr for mm in e.mentions):
                    self._absorb(title_body, e)

    def _absorb(self, into: Entity, other: Entity) -> None:
        for m in other.mentions:
            m.entity = into
            into.mentions.append(m)
        into.add_alias(other.name)
        for a in other.aliases:
            into.add_alias(a)
        for k, v in list(self.abbr.items()):
            if v is other:
                self.abbr[k] = into
        self.entities.remove(other)
        self.by_key[other.key] = into
        into.first = min(into.first, other.first)

    def _topics(self) -> None:
        """The body each sentence is about: its section heading's body, else the main body."""
        topic = self.main
        heading_topic = self.main
        self.topic_at = []
        for i, s in enumerate(self.doc.sents):
            if s.heading:
                ents = [m.entity for m in self.mentions_in(i) if m.entity is not None and m.label == "body"]
                if ents:
                    heading_topic = ents[0]
                else:
                    heading_topic = self.main
            topic = heading_topic
            self.topic_at.append(topic)

    def mentions_in(self, si: int) -> list[Mention]:
        """The mentions that start in sentence si (indexed; rebuilt when the list changes)."""
        if getattr(self, "_ms_src", None) is not self.mentions or getattr(self, "_ms_len", -1) != len(self.mentions):
            idx: dict[int, list[Mention]] = {}
            for m in self.mentions:
                idx.setdefault(self.doc.sent_at(m.start), []).append(m)
            self._ms_index = idx
            self._ms_src = self.mentions
            self._ms_len = len(self.mentions)
        return list(self._ms_index.get(si, ()))

    def _antecedent(self, m: Mention, idx: int) -> Entity | None:
        def fits(e: Entity | None, singular: bool = True) -> bool:
            if e is None or e.label != "body" or e.generic:
                return False
            if not (e.stem == m.stem or (m.stem == "gruppe" and (e.stem or "").endswith("gruppe"))
                    or (e.key.replace(" ", "").endswith(m.stem) if m.stem else False)):
                return False
            return not singular or any(not x.plural for x in e.mentions)

        topic = self.topic_at[m.sent] if m.sent < len(self.topic_at) else None
        block = self.doc.sents[m.sent].block
        for singular in (True, False):
            if not singular:
                # a plural-only body is referred to in the singular only when it is what the text is about
                for e in (topic, self.main):
                    if fits(e, False):
                        return e
                return None
            # the most recent named body of the family in the same paragraph, then the section topic
            for prev in reversed(self.mentions[:idx]):
                if self.doc.sents[prev.sent].block < block:
                    break
                if fits(prev.entity, singular):
                    return prev.entity
            if fits(topic, singular):
                return topic
            if fits(self.main, singular):
                return self.main
            for prev in reversed(self.mentions[:idx]):
                if fits(prev.entity, singular):
                    return prev.entity
            cands = [e for e in self.entities if fits(e, singular)]
            if cands:
                cands.sort(key=lambda e: -len(e.mentions))
                return cands[0]
        return None

    def lookup(self, name: str) -> Entity | None:
        name = name.strip(" ,.;:")
        for k in (name.casefold(), _norm(name), _canon_form(name)):
            if k in self.abbr:
                return self.abbr[k]
            if k in self.by_key:
                return self.by_key[k]
        return None

    # ------------------------------------------------------------------ genre abbreviations
    GENRE_ABBR = {
        # abbreviation: (words that must all occur in the body's name)
        "kosu": ("styregruppe", "sundhed", "kommun"),
        "sku": ("sundhedskoordinationsudvalg",),
        "ssu": ("sundhedssamarbejdsudvalg",),
    }

    def genre_abbreviations(self) -> None:
        """Undefined genre abbreviations (KOSU, SKU, SSU) that a body of the text spells out."""
        spans = [(m.start, m.end) for m in self.mentions]
        extra = []
        for ab, words in self.GENRE_ABBR.items():
            if ab in self.abbr:
                continue
            target = None
            for e in self.entities:
                if e.label == "body" and all(w in e.key.replace(" ", "") for w in words):
                    target = e
                    break
            for am in re.finditer(r"(?<![\w\-])" + ab.upper() + r"(?:'s|’s)?(?![\w\-])", self.text):
                if any(a <= am.start() < b for a, b in spans):
                    continue
                if target is None:
                    target = Entity(name=ab.upper(), label="body", kind="styregruppe" if ab == "kosu" else "udvalg",
                                    key=ab, stem="styregruppe" if ab == "kosu" else "udvalg", first=am.start())
                    self.entities.append(target)
                    self.by_key[ab] = target
                mm = Mention(start=am.start(), end=am.end(), core_start=am.start(), surface=am.group(0),
                             canonical=target.name, key=target.key, stem=target.stem, kind=target.kind,
                             plural=False, definite=False, generic=False, sent=self.doc.sent_at(am.start()),
                             entity=target)
                mm.head_end = am.end()  # type: ignore[attr-defined]
                extra.append(mm)
                target.mentions.append(mm)
                target.add_alias(ab.upper())
            if target is not None:
                self.abbr[ab] = target
        if extra:
            self.mentions = sorted(self.mentions + extra, key=lambda m: m.start)

    # ------------------------------------------------------------------ sentence roles
    _LEADING = {"i", "eller", "og", "men", "herudover", "desuden", "endvidere", "derudover", "derfor", "endelig",
                "samtidig", "samtidigt", "ligeledes", "også", "således", "hertil", "her"}

    def subject_of(self, si: int) -> list[Mention]:
        """The mention(s) a sentence opens with ("Sundhedsstyregruppen forbereder …")."""
        s = self.doc.sents[si]
        ms = [m for m in self.mentions_in(si) if m.entity is not None]
        if not ms:
            return []
        first = ms[0]
        lead = self.text[s.start:first.start]
        words = [w.casefold() for w in TOKEN_RE.findall(lead)]
        if len(words) > 2 or any(w not in self._LEADING for w in words) or "," in lead:
            return []
        if words and words[0] == "i":
            return []  # "I Kontaktudvalget deltager …": a place, not a subject
        return self.coordinated(ms, 0)

    def coordinated(self, ms: list[Mention], k: int) -> list[Mention]:
        group = [ms[k]]
        for j in range(k + 1, len(ms)):
            g = self.text[ms[j - 1].end:ms[j].start]
            g = re.sub(r"\([^()]*\)", "", g)
            if re.fullmatch(r"\s*(?:i\s+\w+\s+)?(?:,|og|samt|eller|/|,\s*og|,\s*samt|i fællesskab med|i samarbejde med|"
                            r"sammen med)\s*(?:i|det|den|de|til|for|hhv\.?)?\s*", g):
                group.append(ms[j])
            else:
                break
        return group

    def focus_for(self, si: int) -> Entity | None:
        """The body a sentence without its own subject is about."""
        s = self.doc.sents[si]
        # a bullet: the lead line above the list
        if s.bullet:
            li = s.line - 1
            while li >= 0 and (self.doc.lines[li].bullet or self.doc.lines[li].blank):
                li -= 1
            if li >= 0:
                ln = self.doc.lines[li]
                for m in self.mentions:
                    if ln.start <= m.start < ln.end and m.entity is not None and m.entity.label == "body":
                        return m.entity
        # the subject of an earlier sentence of the same section
        j = si - 1
        while j >= 0 and not self.doc.sents[j].heading and si - j <= 6:
            subj = self.subject_of(j)
            if subj and subj[0].entity.label == "body":
                return subj[0].entity
            est = [m.entity for m in self.mentions_in(j) if m.established and m.entity is not None]
            if est:
                return est[-1]
            j -= 1
        return self.topic_at[si] if si < len(self.topic_at) else self.main

    # ------------------------------------------------------------------ relations
    REL_FWD = [
        ("PREPARES_CASES_FOR", r"forbered(?:er|e) (?:\w+ ){0,2}(?:sager|møder|møderne|dagsordene?n?)\s+(?:til|for|i)\b"),
        ("PREPARES_CASES_FOR", r"sagsforberedelsen? (?:til|for)\b"),
        ("PREPARES_CASES_FOR", r"forberedelse af sager (?:\w+ ){0,4}til\b"),
        ("PREPARES_CASES_FOR", r"ansvar(?:et)? for at (?:bringe|forberede|fremlægge|forelægge) sager (?:i|til|for)\b"),
        ("REPORTS_TO", r"\b(?:refererer|rapporterer|afrapporterer|referere|rapportere|afrapportere)\s+(?:\w+\s+)?til\b"),
        ("REPORTS_TO", r"\bindstill(?:er|e) (?:\w+ ){0,3}til\b"),
        ("REPORTS_TO", r"videre til (?:endelig |politisk )?godkendelse (?:i|hos)\b"),
        ("REPORTS_TO", r"\bsendes til (?:endelig )?godkendelse (?:i|hos)\b"),
        ("REPORTS_TO", r"\ber underlagt\b"),
        ("CAN_RAISE_CASES_TO", r"\brejse (?:\w+ )?sager (?:til|for|i|over for)\b"),
        ("CAN_RAISE_CASES_TO", r"\bindbringe (?:\w+ )?sager(?: (?:for|til|i)\b)?"),
        ("CAN_RAISE_CASES_TO", r"\bløfte (?:\w+ )?sager (?:til|op til)\b"),
        ("SUBGROUP_OF", r"\b(?:er )?nedsat (?:af|under)\b"),
        ("SUBGROUP_OF", r"\b(?:hører|er placeret|er forankret|refererer|ligger) under\b"),
        ("SUBGROUP_OF", r"\ber (?:en )?(?:arbejdsgruppe|undergruppe|underudvalg|temagruppe) under\b"),
        ("BOARD_OF", r"\b(?:udgør|er|fungerer (?:\w+ )?som|virker som) (?:også |endvidere )?bestyrelse(?:n)? for\b"),
        ("SECRETARIAT_FOR", r"\bsekretariatsbetjener\b"),
        ("SECRETARIAT_FOR", r"\bvaretager sekretariat(?:sfunktionen|sbetjeningen|et)(?: for| i forhold til)?\b"),
        ("SECRETARIAT_FOR", r"\ber sekretariat for\b"),
        ("FOLLOWS_UP_ON", r"\bfølger? op på (?:\w+ ){0,2}(?:sager|beslutninger|indstillinger|arbejdet) (?:i|fra)\b"),
        ("ADVISES", r"\brådgivende (?:over ?for|for|i forhold til)\b"),
        ("ADVISES", r"stabsfunktion['’\"]? for\b"),
        ("ADVISES", r"\b(?:rådgiver|rådgive|bistår|bistå|understøtter|understøtte)(?: og (?:rådgive|rådgiver|understøtte|understøtter))?\b"),
        ("COORDINATES_WITH", r"\bkoordinerer? (?:\w+ )?med\b"),
        ("COORDINATES_WITH", r"\b(?:samarbejder|(?:at|skal|kan|vil|bør) samarbejde) (?:\w+ )?med\b"),
        ("COORDINATES_WITH", r"\b(?:tæt|tætte|et tæt|løbende|nært) samarbejde (?:og dialog )?med\b"),
        ("SUCCEEDS", r"\b(?:afløser|erstatter|viderefører|afløse|erstatte|videreføre|træder i stedet for)\b"),
        ("SUCCEEDS", r"\bovertager (?:opgaverne|funktionen|rollen) (?:fra|efter)\b"),
        ("PART_OF", r"\ber (?:en )?(?:del|delelement) af\b"),
        ("PART_OF", r"\bindgår som (?:en )?(?:del|niveau) i\b"),
        ("PART_OF", r"\ber (?:et )?niveau i\b"),
    ]
    REL_PASSIVE = [  # the subject is the target
        ("SECRETARIAT_FOR", r"\bsekretariatsbetjenes (?:i fællesskab |i samarbejde )?af\b"),
        ("SUCCEEDS", r"\b(?:afløses|erstattes) af\b"),
        ("PART_OF", r"\budgøres af\b"),
    ]
    # targets must follow these at once (few filler words)
    TIGHT = {"ADVISES", "PART_OF", "SUCCEEDS", "COORDINATES_WITH", "SUBGROUP_OF", "BOARD_OF"}
    FILLER = {"det", "den", "de", "i", "hhv", "både", "også", "endvidere", "desuden", "sager",
              "kommunale", "regionale", "politiske", "politikere", "medlemmer", "medlemmerne", "af",
              "samtidig", "samtidigt", "løbende"}

    def add_rel(self, src: Entity, typ: str, tgt: Entity, si: int, start=None, end=None) -> None:
        if src is None or tgt is None or src is tgt:
            return
        ev = self.sent_ev(si) if start is None else self.ev(start, end)
        for r in self.relations:
            if r["_src"] is src and r["_tgt"] is tgt and r["type"] == typ:
                return
        self.relations.append({"_src": src, "type": typ, "_tgt": tgt, "evidence": ev})
        src.confirmed = tgt.confirmed = True

    def targets_after(self, si: int, pos: int, typ: str, ms: list[Mention]) -> list[Mention]:
        after = [m for m in ms if m.start >= pos and m.entity is not None]
        if not after:
            return []
        gap = re.sub(r"\([^()]*\)", " ", self.text[pos:after[0].start])
        if re.search(r"[.;:!?]", gap):
            return []
        words = [w.casefold().rstrip(".") for w in TOKEN_RE.findall(gap)]
        limit = 5 if typ == "ADVISES" else (2 if typ in self.TIGHT else 6)
        if len(words) > limit:
            return []
        if typ in self.TIGHT and any(w not in self.FILLER for w in words):
            return []
        if typ not in self.TIGHT and any(w in VERBS or w in ("som", "der", "hvor", "at") for w in words):
            return []
        return self.coordinated(after, 0)

    def sources_before(self, si: int, pos: int, ms: list[Mention]) -> list[Entity]:
        before = [m for m in ms if m.end <= pos and m.entity is not None]
        subj = self.subject_of(si)
        clause_start = self.doc.sents[si].start
        cut = max(self.text.rfind(";", clause_start, pos), self.text.rfind(":", clause_start, pos))
        for mm in re.finditer(r",\s*(?:som|der|hvor|hvorvidt|at|når|hvis|men)\b", self.text[clause_start:pos]):
            cut = max(cut, clause_start + mm.start())
        if subj and subj[0].start >= cut:
            return [m.entity for m in subj]
        rel = re.match(r",\s*(?:som|der)\b", self.text[cut:pos]) if cut >= clause_start else None
        if rel:  # "… et administrativt forum, som forbereder sager til …": the antecedent
            ante = [m for m in ms if m.entity is not None and m.end <= cut and not self.text[m.end:cut].strip()]
            if ante:
                return [ante[-1].entity]
        if before:
            last = before[-1]
            if last.start > cut:
                gap = self.text[last.end:pos]
                words = TOKEN_RE.findall(gap)
                if len(words) <= 4 and not re.search(r"[,.;:]", gap) and not any(
                        w.casefold() in ("og", "eller", "samt") for w in words):
                    # the mention right before the verb, with what it is coordinated with
                    k = before.index(last)
                    while k > 0 and re.fullmatch(r"\s*(?:i\s+\w+\s+)?(?:,|og|samt)\s*(?:det|den|de)?\s*",
                                                 re.sub(r"\([^()]*\)", "", self.text[before[k - 1].end:before[k].start])):
                        k -= 1
                    return [m.entity for m in self.coordinated(before, k)]
        pre = self.text[max(clause_start, cut if cut > 0 else clause_start):pos]
        if before and any(m.start > cut for m in before):
            return []  # a subject is there but not at the verb: do not guess
        if re.search(r"\b(den|det|de|disse|denne|dette)\s+\w*\s*$", pre) or not pre.strip() or \
                len(TOKEN_RE.findall(pre)) <= 4:
            f = self.focus_for(si)
            return [f] if f is not None else []
        return []

    def extract_relations(self) -> None:
        text = self.text
        fwd = [(t, re.compile(p, re.I)) for t, p in self.REL_FWD]
        pas = [(t, re.compile(p, re.I)) for t, p in self.REL_PASSIVE]
        for si, s in enumerate(self.doc.sents):
            st = text[s.start:s.end]
            ms = [m for m in self.mentions_in(si) if m.entity is not None]
            for typ, rx in fwd:
                for mt in rx.finditer(st):
                    a, b = s.start + mt.start(), s.start + mt.end()
                    if typ == "ADVISES" and mt.group(0).casefold().startswith(("understøtte", "bistå")):
                        tg = self.targets_after(si, b, "ADVISES", ms)
                    else:
                        tg = self.targets_after(si, b, typ, ms)
                    if typ == "BOARD_OF" and not tg:
                        org = self.proper_np(b)
                        if org:
                            tg_ents = [org]
                        else:
                            continue
                    else:
                        tg_ents = [m.entity for m in tg]
                    if typ == "CAN_RAISE_CASES_TO" and not tg_ents:
                        t = self.topic_at[si]
                        tg_ents = [t] if t is not None else []
                    if typ == "SECRETARIAT_FOR" and not tg_ents and "varetager" in mt.group(0).casefold():
                        t = self.topic_at[si]
                        tg_ents = [t] if t is not None else []
                    if not tg_ents:
                        continue
                    # inverted order: "På denne måde understøtter KOSU de … i X"
                    clause0 = self._clause_start(s, a)
                    bare_verb = not re.search(r"\b(til|i|for|af|med|hos|under|på|fra|mellem|over)$", mt.group(0).casefold())
                    if bare_verb and tg and not any(clause0 <= m.start and m.end <= a for m in ms) and \
                            not self.text[b:tg[0].start].strip() and len(tg) == 1 and not self.subject_of(si):
                        rest = self.targets_after(si, tg[0].end, typ, ms)
                        if rest:
                            for t2 in rest:
                                self.add_rel(tg[0].entity, typ, t2.entity, si)
                            continue
                        if TOKEN_RE.findall(self.text[clause0:a]):
                            continue  # "Ligeledes understøtter X den brede formidling": X is the subject
                    srcs = self.sources_before(si, a, ms)
                    if not srcs:
                        continue
                    for src in srcs:
                        for tgt in tg_ents:
                            self.add_rel(src, typ, tgt, si)
            for typ, rx in pas:
                for mt in rx.finditer(st):
                    a, b = s.start + mt.start(), s.start + mt.end()
                    tg = self.targets_after(si, b, "X", ms)
                    if not tg:
                        continue
                    subj = self.sources_before(si, a, ms)
                    for whole in subj:
                        for part in tg:
                            self.add_rel(part.entity, typ, whole, si)
            self._special_relations(si, s, st, ms)

    def proper_np(self, pos: int) -> Entity | None:
        m = re.match(r"\s*((?:[A-ZÆØÅ][\wæøå\-]*)(?:\s+(?:i|for|og|på|af)?\s*[A-ZÆØÅ][\wæøå\-]*)*)", self.text[pos:pos + 120])
        if not m:
            return None
        name = m.group(1).strip()
        return self.org_entity(name, "other", pos + m.start(1))

    def org_entity(self, name: str, kind: str, pos: int = 10 ** 9) -> Entity:
        key = _norm(name)
        return self._known_or_add(key, lambda: Entity(name=name, label="org", kind="org", key=key, org_kind=kind,
                                                      first=pos))

    def _special_relations(self, si: int, s: Sent, st: str, ms: list[Mention]) -> None:
        text = self.text
        low = st.casefold()
        # "Sekretariatsfunktionen varetages (i samarbejde mellem|af) A, B og C"
        m = re.search(r"sekretariat(?:sfunktion|sbetjening|et)(?:en)?(?: for ([^,.]+?))? (?:varetages|løses|leveres|ydes)"
                      r" (?:i (?:et )?samarbejde mellem|i fællesskab (?:af|mellem)|af et samarbejde mellem|af|"
                      r"fælles af|af både)\b", low)
        if m:
            b = s.start + m.end()
            provs = [x for x in ms if x.start >= b]
            provs = self.coordinated(provs, 0) if provs else []
            tgt = None
            if m.group(1):
                inner = [x for x in ms if s.start + m.start(1) <= x.start < s.start + m.end(1)]
                tgt = inner[0].entity if inner else None
            if tgt is None:
                tgt = self.topic_at[si]
            for p in provs:
                p.origin = True
                self.add_rel(p.entity, "SECRETARIAT_FOR", tgt, si)
        # "Til X nedsættes en Y" / "X (kan) nedsætte(r) Y" / "Y nedsættes under X"
        m = re.match(r"\s*(?:til|under)\s+", low)
        if m and "nedsættes" in low:
            parent = [x for x in ms if x.start < s.start + low.index("nedsættes")]
            child = [x for x in ms if x.start > s.start + low.index("nedsættes")]
            if parent and child:
                child[0].established = True
                self.add_rel(child[0].entity, "SUBGROUP_OF", parent[0].entity, si)
        for mm in re.finditer(r"\bnedsætte[rs]?\b", low):
            if mm.group(0) == "nedsættes":
                under = re.search(r"\bnedsættes\b.*?\bunder\b", low)
                if under:
                    child = [x for x in ms if s.start + mm.end() <= x.start < s.start + under.start() + len(under.group(0))]
                    parent = [x for x in ms if x.start >= s.start + under.end()]
                    if child and parent:
                        self.add_rel(child[0].entity, "SUBGROUP_OF", parent[0].entity, si)
                continue
            a = s.start + mm.start()
            subj = [x for x in self.subject_of(si) if x.end <= a]
            child = [x for x in ms if x.start >= s.start + mm.end()]
            if subj and child:
                gap = text[s.start + mm.end():child[0].start]
                if len(TOKEN_RE.findall(gap)) <= 4 and not re.search(r"[.;:]", gap):
                    child[0].established = True
                    if subj[0].entity.label == "body" and child[0].entity.label == "body":
                        self.add_rel(child[0].entity, "SUBGROUP_OF", subj[0].entity, si)
        # adjacency: "Følgegrupper under det Administrative Kontaktforum"
        for x, y in zip(ms, ms[1:]):
            gap = text[x.end:y.start]
            if re.fullmatch(r"\s+under\s+(?:det|den|de)?\s*", gap, re.I) and x.entity.label == "body":
                self.add_rel(x.entity, "SUBGROUP_OF", y.entity, si)
            elif re.fullmatch(r"\s+i\s+(?:det|den|de)?\s*(?:enkelte\s+)?", gap, re.I) and x.stem == "niveau" \
                    and y.entity.label == "body":
                self.add_rel(x.entity, "PART_OF", y.entity, si, x.start, y.end)
        # "formandskabet for X" (a named formandskab) is part of X; genitive owners
        for x in ms:
            own = getattr(x, "owner", None)
            if own is not None and own.entity is not None and x.entity is not None and x.entity.label == "body":
                typ = "PART_OF" if x.stem == "niveau" else "SUBGROUP_OF"
                self.add_rel(x.entity, typ, own.entity, si, own.start, x.end)
        # "tæt samarbejde (og dialog) mellem A og B"
        m = re.search(r"(?<!\bi )(?<!\bet )samarbejde (?:og dialog )?mellem\b", low)
        if m and not re.search(r"\b(?:varetages|løses|foregår|sker)\s+(?:\w+\s+)?i\s+(?:et\s+)?(?:tæt\s+)?$", low[:m.start()]):
            after = [x for x in ms if x.start >= s.start + m.end()]
            if len(after) >= 2 and re.fullmatch(r"\s+og\s+", text[after[0].end:after[1].start]) \
                    and after[0].entity.label == "body" and after[1].entity.label == "body":
                self.add_rel(after[0].entity, "COORDINATES_WITH", after[1].entity, si)

    # ------------------------------------------------------------------ named instances
    def instances(self) -> None:
        text = self.text
        lines = self.doc.lines
        for li, ln in enumerate(lines):
            t = ln.text.rstrip()
            if not t.endswith(":") or ln.bullet:
                continue
            ms = [m for m in self.mentions if ln.start <= m.start < ln.end and m.entity is not None
                  and m.label == "body" and m.plural]
            if not ms:
                continue
            lead = ms[-1]
            if not re.search(r"\b(nedsættes|nedsat|etableres|etableret|oprettes|er|følgende|om|for)\b", t.casefold()) \
                    and not re.search(r"\d|\b(to|tre|fire|fem|seks|syv|otte|ni|ti)\b", t.casefold()):
                continue
            prep = ""
            tail = t.casefold()[t.casefold().rfind(lead.surface.casefold()) + len(lead.surface):]
            if re.match(r"\s*om\b", tail):
                prep = "om"
            elif re.match(r"\s*for\b", tail):
                prep = "for"
            kind_ent = lead.entity
            kind_ent.confirmed = True
            kind_ent.instance_lead = True  # type: ignore[attr-defined]
            bare = self.by_key.get(_norm(getattr(lead, "compound", "") or ""))
            if bare is not None and bare is not kind_ent and bare.label == "body" and \
                    _norm(lead.canonical) != _norm(getattr(lead, "compound", "") or ""):
                self.add_rel(kind_ent, "SUBGROUP_OF", bare, lead.sent, ln.start, ln.end)
            j = li + 1
            while j < len(lines) and (lines[j].blank or lines[j].bullet):
                item = lines[j]
                j += 1
                if item.blank:
                    if j < len(lines) and not lines[j].bullet and not lines[j].blank:
                        break
                    continue
                self._instance(item.start, item.end, kind_ent, prep, lead)
        # inline: "fire sundhedsklynger – Fyn, Lillebælt og Sydvestjylland", "grupper for A, B og C"
        for m in self.mentions:
            if m.entity is None or m.label != "body" or not m.plural:
                continue
            rest = text[m.end:m.end + 300]
            il = re.match(r"\s*(?:[–\-:]|,\s*nemlig|som er)\s*((?:[A-ZÆØÅ][\wæøå\-]*(?: [A-ZÆØÅ][\wæøå\-]*)*)"
                          r"(?:,\s*[A-ZÆØÅ][\wæøå\-]*(?: [A-ZÆØÅ][\wæøå\-]*)*)*\s+og\s+[A-ZÆØÅ][\wæøå\-]*"
                          r"(?: [A-ZÆØÅ][\wæøå\-]*)*)", rest)
            if il:
                items = re.split(r",\s*|\s+og\s+", il.group(1))
                base = m.entity
                kind_name = base.name
                for it in items:
                    st0 = self.doc.sents[m.sent]
                    self._make_instance(f"{kind_name} {it}", it, base, m.sent, st0.start, st0.end)
                base.confirmed = True
                continue
            ext = self.text[m.start:getattr(m, "head_end", m.end)]
            fm = re.search(r" for (.+)$", ext)
            if fm:
                il = re.match(r"((?:,\s*[^,.;:()]+?)*)\s+og\s+([^,.;:()]+?)(?=[.;:]|\s*$|\n)", rest)
                if il:
                    items = [fm.group(1)] + [x.strip() for x in re.split(r",\s*", il.group(1)) if x.strip()] + [il.group(2).strip()]
                    if len(items) >= 3 and all(len(x.split()) <= 4 for x in items):
                        word = self.text[m.start:getattr(m, "head_end", m.end)].split(" for ")[0].split()[-1]
                        info = analyse_head(word)
                        kind_name = _cap(info[0].casefold()) if info else _cap(m.canonical.split(" for ")[0])
                        old = m.entity
                        base = self.by_key.get(_norm(kind_name)) or Entity(
                            name=kind_name, label="body", kind=m.kind, key=_norm(kind_name), stem=m.stem, first=m.start)
                        if base not in self.entities:
                            self.entities.append(base)
                            self.by_key[base.key] = base
                        base.add_alias(word)
                        base.confirmed = True
                        base.mentions.append(m)
                        m.entity = base
                        if old is not base and old in self.entities and len(old.mentions) <= 1:
                            self.entities.remove(old)
                            if self.by_key.get(old.key) is old:
                                del self.by_key[old.key]
                        ev_start = m.start
                        ev_end = m.end + il.end()
                        for it in items:
                            self._make_instance(f"{kind_name} for {it}", None, base, m.sent, ev_start, ev_end)

    def _instance(self, a: int, b: int, kind_ent: Entity, prep: str, lead: Mention) -> None:
        item = self.text[a:b].strip().rstrip(".;,")
        if not item:
            return
        inner = [m for m in self.mentions if a <= m.start < b and m.entity is not None and m.label == "body"]
        words = [w.casefold() for w in TOKEN_RE.findall(item)]
        if inner:
            if any(w in VERBS or w.endswith("es") and len(w) > 5 for w in words[1:]):
                return  # "Svangreomsorg varetages i regi af Fødeplanudvalget": not an instance
            head = inner[0]
            if head.start - a <= 1:
                head.entity.confirmed = True
                self.add_rel(head.entity, "SUBGROUP_OF", kind_ent, head.sent, a, b)
                head.entity.evidence = head.entity.evidence or self.ev(a, b)
                return
        if len(words) > 8 or any(w in VERBS for w in words):
            return
        name_part = item.split(":")[0].strip()
        comp = getattr(lead, "compound", None)
        kind_name = _cap(comp.casefold()) if comp else kind_ent.name
        low_item = name_part[:1].lower() + name_part[1:] if not name_part[:2].isupper() else name_part
        name = f"{kind_name} {prep} {low_item}" if prep else f"{kind_name} {name_part}"
        self._make_instance(name, name_part, kind_ent, self.doc.sent_at(a), a, b)

    def _make_instance(self, name: str, alias: str | None, kind_ent: Entity, si: int, a: int, b: int) -> None:
        key = _norm(name)
        ent = self._known_or_add(key, lambda: Entity(name=name, label="body", kind=kind_ent.kind, key=key,
                                                     stem=kind_ent.stem, first=a, confirmed=True))
        if alias:
            ent.add_alias(alias)
        ent.evidence = self.ev(a, b)
        ent.evidence_pos = a
        ent.kind_of = kind_ent
        self.add_rel(ent, "SUBGROUP_OF", kind_ent, si, a, b)

    # ------------------------------------------------------------------ seats
    CUE_RE = re.compile(r"\b(medlemmer|medlemmerne|deltagere|deltagerkreds(?:en)?|sammensætning(?:en)?|"
                        r"repræsentanter fra|består af|sammensat af|udgøres af)\b", re.I)
    ROLE_MARK = re.compile(r"\(\s*(medformand|formand|næstformand|forperson|medforperson|næstforperson)\s*\)"
                           r"|\s[-–]\s*(medformand|formand|næstformand|forperson)\s*$", re.I)
    ROLE_OF = {"medformand": "co-chair", "medforperson": "co-chair", "formand": "chair",
               "forperson": "chair", "næstformand": "vice-chair", "næstforperson": "vice-chair"}
    ORG_WORDS = re.compile(r"\b(kommune|kommuner|kommunerne|region|regionen|sygehus|hospital|praksis|"
                           r"sekretariat\w*|organisation|plo|kkr|kl)\b", re.I)

    def _is_title_word(self, w: str) -> bool:
        low = w.casefold().strip("()/,.")
        return any(st in low for st in TITLE_STEMS)

    def _singular_title(self, t: str) -> str:
        words = t.split()
        out = []
        for w in words:
            low = w.casefold()
            done = False
            if self._is_title_word(w) or low.endswith(("direktører", "repræsentanter", "konsulenter",
                                                       "sekretærer", "chefer", "koordinatorer")):
                for pl, sg in PLURAL_TITLES:
                    if low.endswith(pl) and (pl not in ("erne", "er") or low.endswith(
                            ("direktører", "direktørerne", "repræsentanter", "konsulenter", "sekretærer",
                             "chefer", "koordinatorer", "politikere", "observatører"))):
                        base = w[: len(w) - len(pl)] + sg
                        if pl == "er" and low.endswith("politikere"):
                            base = w[:-1]
                        out.append(base)
                        done = True
                        break
            if not done:
                out.append(w)
        t = " ".join(out)
        if t and not t[:2].isupper():
            t = t[:1].lower() + t[1:]
        return t

    def _count_prefix(self, p: str):
        """(count, count_max, rest) from the start of a seat phrase."""
        m = re.match(r"\s*(?:op til|højst|maks(?:imalt)?\.?|maximum)\s+(" + _NUM + r")\b\s*", p, re.I)
        if m:
            return None, _number(m.group(1)), p[m.end():], True
        m = re.match(r"\s*(" + _NUM + r")\s*(?:-|–|til)\s*(" + _NUM + r")\b\s*", p, re.I)
        if m and _number(m.group(1)) is not None and _number(m.group(2)) is not None:
            return _number(m.group(1)), _number(m.group(2)), p[m.end():], True
        m = re.match(r"\s*(?:mindst|minimum)\s+(" + _NUM + r")\b\s*", p, re.I)
        if m:
            return _number(m.group(1)), None, p[m.end():], True
        m = re.match(r"\s*(" + _NUM + r")\b(?![.:]\d)\s*", p, re.I)
        if m:
            rest = p[m.end():]
            nxt = TOKEN_RE.findall(rest[:60])
            word = m.group(1).casefold()
            if word.isdecimal() or (nxt and (self._is_title_word(nxt[0]) or (len(nxt) > 1 and self._is_title_word(nxt[1])))):
                return _number(word), None, rest, True
        return None, None, p, False

    def _ents_in(self, a: int, b: int) -> list[Mention]:
        return [m for m in self.mentions if a <= m.start < b and m.entity is not None]

    def _org_from_span(self, a: int, b: int) -> list[Entity]:
        """Organisations named in text[a:b]: known mentions, else the phrase itself."""
        ms = self._ents_in(a, b)
        if ms:
            out = []
            for m in self.coordinated(ms, 0):
                out.append(m.entity)
            return out
        phrase = self.text[a:b].strip(" ,.;:")
        phrase = re.sub(r"^(?:det|den|de)\s+", "", phrase)
        if not phrase or not re.search(r"[A-ZÆØÅ]", phrase[:1]) and not re.search(r"\b[A-ZÆØÅ]{2,}", phrase):
            return []
        if len(phrase.split()) > 6:
            return []
        kind = "secretariat" if "sekretariat" in phrase.casefold() else "other"
        return [self.org_entity(_cap(phrase), kind, a)]

    def seat_phrase(self, a: int, b: int, body: Entity, *, role: str | None = None,
                    default_org: Entity | None = None, ev: tuple[int, int] | None = None) -> list[dict]:
        text = self.text
        while a < b and text[a] in " \t-–•*":
            a += 1
        p = text[a:b]
        if not p.strip():
            return []
        ev_a, ev_b = ev or (a, b)
        lab = re.match(r"\s*(observatør(?:er)?|(?:med|næst)?formand|sekretær(?:er)?|sekretariat|suppleant(?:er)?|"
                       r"stående invitation)\s*:\s*", p, re.I)
        if lab and p[lab.end():].strip():
            word = lab.group(1).casefold()
            role = ("observer" if word.startswith("observ") else "substitute" if word.startswith("suppl") else
                    "secretary" if word.startswith("sekret") else "standing-invitation" if word.startswith("stående")
                    else self.ROLE_OF.get(word, role))
            out = self.seat_phrase(a + lab.end(), b, body, role=role, default_org=default_org, ev=(ev_a, ev_b))
            for x in out:
                x["role"] = role
            return out
        hm = re.search(r",?\s+heraf\s+", p)
        if hm:  # "Fire repræsentanter fra regionen, heraf en direktør (medformand)"
            first = self.seat_phrase(a, a + hm.start(), body, role=role, default_org=default_org, ev=(ev_a, ev_b))
            org0 = first[0]["_org"] if first else default_org
            return first + self.seat_phrase(a + hm.end(), b, body, default_org=org0, ev=(ev_a, ev_b))
        rm = self.ROLE_MARK.search(p)
        if rm:
            role = self.ROLE_OF[(rm.group(1) or rm.group(2)).casefold()]
        cut = [(rm.start(), rm.end())] if rm else []
        appointed = None
        am = re.search(r"\budpeg(?:et|es|ede)\s+(?:af|fra)\s+(.+?)(?=,|;|\s+hvor\b|\s+blandt\b|$)", p, re.I)
        if am:
            ap = self._org_from_span(a + am.start(1), a + am.end(1))
            appointed = ap[0] if ap else None
            cut.append((am.start(), len(p)) if not re.search(r",", p[am.end():]) else (am.start(), am.end()))
        count, cmax, rest, had = self._count_prefix(p)
        off = len(p) - len(rest)
        # per X
        per = None
        per_m = re.search(r"\b(?:fra|i)\s+hver(?:t)?\s+(?:af\s+)?(?:de\s+)?(?:deltagende\s+|enkelte\s+|respektive\s+)?([\wæøå\-]+)", p, re.I) \
            or re.search(r"\b(?:pr\.|per)\s+([\wæøå\-]+)", p, re.I)
        if per_m:
            w = per_m.group(1)
            per = {"kommuner": "kommune", "klynger": "klynge", "hospitaler": "hospital",
                   "regioner": "region", "medlemmer": "medlem", "sygehuse": "sygehus",
                   "sundhedsklynger": "sundhedsklynge"}.get(w.casefold(), w if w.isupper() or "-" in w else w.casefold())
        if re.search(r"\bklyngevis\b", p, re.I):
            per = "klynge"
        # organisation span
        masked = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), p)
        hv = re.search(r",\s*(?:hvor|hvoraf|som|der|så)\b", masked)
        if hv:
            cut.append((hv.start(), len(p)))
        for s0, e0 in cut:
            masked = masked[:s0] + " " * (e0 - s0) + masked[e0:]
        orgs: list[Entity] = []
        org_a = None
        fm = re.search(r"\bfra\b", masked[off:], re.I)
        title_end = len(p)
        if fm:
            org_a = off + fm.end()
            title_end = off + fm.start()
            span_end = len(masked.rstrip(" .;,"))
            ce = [x for x in (masked.find(",", org_a),) if x > 0]
            if ce and not re.search(r"\bhhv\b|henholdsvis", masked[org_a:ce[0]], re.I):
                span_end = min(span_end, ce[0])
            orgs = self._org_from_span(a + org_a, a + span_end)
            if not orgs and ce:
                orgs = self._org_from_span(a + ce[0] + 1, a + len(masked.rstrip(" .;,")))
        else:
            # "Formand for PLO", "koncerndirektør for Region X", "Koncerndirektør Region X",
            # "Lægelig koordinator for …, MidtKraft"
            ms = [m for m in self._ents_in(a + off, b) if not any(s0 <= m.start - a < e0 for s0, e0 in cut)]
            ms = [m for m in ms if not (rm and rm.start() <= m.start - a < rm.end())]
            fo = re.match(r"(.+?)\s+for\s+(.+)$", ms[0].canonical) if ms and ms[0].start - a <= off + 1 else None
            if fo and ms[0].entity is not None and ms[0].entity.label == "body" and self.lookup(fo.group(2)):
                # "Forretningsudvalget for KOSU": a group of another body holds the seat
                orgs = [self.lookup(fo.group(2))]
                title_end = ms[0].end - a
            elif ms:
                first = ms[0]
                orgs = [first.entity]
                title_end = first.start - a
                pre = p[:title_end].rstrip()
                if re.search(r"\bfor$", pre, re.I):
                    if re.search(r"\b(næst|med)?formand(en)?\s+for$|\bforretningsudvalg\w*\s+for$|\bleder\s+for$", pre, re.I):
                        title_end = first.end - a  # "formand for PLO" is the title
                    else:
                        title_end = len(pre) - 3
                elif re.search(r"\b(?:medlem\w*|repræsentant\w*)\s+af$", pre, re.I):
                    title_end = getattr(first, "head_end", first.end) - a  # "medlem af PLO's bestyrelse"
            else:
                parts = [x for x in re.split(r",", masked[off:]) if x.strip()]
                if len(parts) > 1:
                    tail = parts[-1]
                    ta = off + masked[off:].rfind(tail)
                    orgs = self._org_from_span(a + ta, a + ta + len(tail))
                    if orgs:
                        title_end = off + masked[off:].find(",")
        if not orgs and default_org is not None:
            orgs = [default_org]
        if len(orgs) == 1 and fm is None:
            # "Vicedirektør Region X, Nære Sundhedstilbud": the unit after the comma
            tail = masked[off:].rstrip(" .;").rsplit(",", 1)
            if len(tail) == 2 and tail[1].strip()[:1].isupper() and not self._is_title_word(tail[1].split()[0]):
                ta = off + len(tail[0]) + 1
                more = self._org_from_span(a + ta, a + ta + len(tail[1]))
                if more and more[0] is not orgs[0]:
                    orgs = more
        if not orgs:
            tl = p[off:title_end].casefold()
            if re.search(r"kommunaldirektør|borgmester|byrådsmedlem|\bkommunal\b|kommunale?\s", tl):
                orgs = [self.org_entity(f"Kommunerne i {self.region}" if self.region else "Kommunerne", "kommune")]
            elif re.search(r"regionsrådsmedlem|koncerndirektør|\bregional\b", tl):
                orgs = [self.org_entity(self.region or "Regionen", "region")]
        title = p[off:title_end]
        for s0, e0 in cut:
            if s0 < title_end:
                title = p[off:min(title_end, s0)]
        title = re.sub(r"\s+", " ", title).strip(" ,.;:-–")
        if title.count("(") > title.count(")"):
            title = title[:title.rfind("(")].strip()
        title = re.sub(r"^(?:den|det|de)\s+", "", title, flags=re.I)
        title = self._singular_title(title) if title else ""
        if title.casefold().startswith("sekretær") and role is None:
            role = "secretary"
        if title.casefold().startswith("suppleant"):
            role = "substitute"
        if title.casefold().startswith("observatør"):
            role = "observer"
        if not had:
            plural_title = bool(re.search(r"(er|erne|ere|mer)\b", (TOKEN_RE.findall(p[off:title_end]) or [""])[-1].casefold())) \
                and not re.search(r"(direktør|sekretær|leder|medarbejder|borgmester|koordinator|fuldmægtig|tovholder)$",
                                  (TOKEN_RE.findall(p[off:title_end]) or [""])[-1].casefold())
            pl_word = (TOKEN_RE.findall(p[off:title_end]) or [""])[-1].casefold()
            if pl_word.endswith(("medlemmer", "læger", "repræsentanter", "direktører", "konsulenter",
                                 "sekretærer", "ledere", "medarbejdere", "borgmestre", "formænd",
                                 "chefer", "politikere", "suppleanter")):
                plural_title = True
            org_txt = masked[org_a:] if org_a is not None else ""
            group_title = any(analyse_head(w) for w in TOKEN_RE.findall(title or ""))
            if plural_title or group_title or "/" in title or re.search(r"^\s*(?:relevante|de|alle|flere|forskellige)\b", org_txt, re.I):
                count = None
            else:
                count = 1
        if role is None:
            role = "member"
        seats = []
        hh = re.search(r"\b(?:hhv\.?|henholdsvis)\s+", masked, re.I)
        if hh and org_a is not None and hh.start() >= org_a:
            tail_end = len(masked.rstrip(" .;,"))
            items = []
            pos0 = hh.end()
            for sep in list(re.finditer(r",\s*|\s+og\s+|\s+samt\s+|\s+eller\s+", masked[hh.end():tail_end])) + [None]:
                x = pos0
                y = hh.end() + sep.start() if sep is not None else tail_end
                if masked[x:y].strip():
                    lead_ws = len(masked[x:y]) - len(masked[x:y].lstrip())
                    items.append((x + lead_ws, y))
                if sep is not None:
                    pos0 = hh.end() + sep.end()
            before = masked[org_a:hh.start()].strip()
            if before:
                # "Tre repræsentanter fra regionen henholdsvis A, B samt C"
                main_org = (self._org_from_span(a + org_a, a + hh.start()) or [None])[0]
                if count is not None and count == len(items):
                    for x, y in items:
                        seats.append(self._seat(body, 1, None, per, f"{title} fra {p[x:y].strip()}", main_org,
                                                appointed, role, ev_a, ev_b))
                    return seats
                orgs = [main_org] if main_org else orgs
            else:
                # "8 medlemmer fra hhv. region og kommuner"
                each = []
                for x, y in items:
                    each.extend(self._org_from_span(a + x, a + y)[:1])
                if each:
                    for o in each:
                        seats.append(self._seat(body, count, cmax, per, title or "medlem", o, appointed, role, ev_a, ev_b))
                    return seats
        if not orgs and appointed is not None and appointed.label == "org" and \
                appointed.org_kind in ("almen-praksis", "interest-organisation", "region", "kommune"):
            orgs = [appointed]  # "udpeget af PLO": PLO's seat
        if len(orgs) > 1 and count is not None and len(orgs) == count and not hh:
            orgs_each = [(o, 1) for o in orgs]
        else:
            orgs_each = [(o, count) for o in orgs] or [(None, count)]
        for o, c in orgs_each:
            seats.append(self._seat(body, c, cmax, per, title or ("medlem" if role == "member" else title),
                                    o, appointed, role, ev_a, ev_b))
        return seats

    def _seat(self, body, count, cmax, per, title, org, appointed, role, a, b) -> dict:
        if org is not None:
            org.seat_org = True  # type: ignore[attr-defined]
        if appointed is not None:
            appointed.seat_org = True  # type: ignore[attr-defined]
        self.seat_spans.append((a, b))
        return {"_body": body, "count": count, "count_max": cmax, "per": per, "title": title or None,
                "_org": org, "_appointed": appointed, "role": role, "evidence": self.ev(a, b)}

    def split_parts(self, a: int, b: int) -> list[tuple[int, int]]:
        """Split 'A, B og C' into seat phrases where a new part starts with a count or a title."""
        text = self.text
        depth = 0
        cuts = [a]
        i = a
        while i < b:
            ch = text[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                m = re.match(r",\s+|\s+og\s+|\s+samt\s+|;\s*", text[i:b])
                if m and text[max(a, i - 1):i] == "-":
                    m = None
                if m:
                    nxt = text[i + m.end(): b]
                    toks = TOKEN_RE.findall(nxt[:50])
                    if toks and (_number(toks[0]) is not None and (len(toks) > 1 and (self._is_title_word(toks[1]) or toks[0].isdecimal()
                                                                                        or len(toks) > 2 and self._is_title_word(toks[2])))
                                 or self._is_title_word(toks[0]) or toks[0].casefold() in ("op", "højst", "mindst")):
                        cuts.append(i)
                        cuts.append(i + m.end())
                        i += m.end()
                        continue
            i += 1
        cuts.append(b)
        parts = []
        for k in range(0, len(cuts), 2):
            s, e = cuts[k], cuts[k + 1]
            if text[s:e].strip():
                parts.append((s, e))
        return parts

    def _is_person(self, seg: str) -> bool:
        seg = re.sub(r"\([^()]*\)*\)?", "", seg).strip(" .,")
        toks = seg.split()
        if not 2 <= len(toks) <= 5:
            return False
        for t in toks:
            if t.casefold() in ("de", "von", "van", "la", "af", "le", "du"):
                continue
            if not t[:1].isupper() or (t.isupper() and len(t) > 2):
                return False
            if self._is_title_word(t) or self.ORG_WORDS.search(t) or analyse_head(t):
                return False
        return True

    def member_lists(self) -> None:
        lines = self.doc.lines
        n = len(lines)
        li = 0
        while li < n:
            ln = lines[li]
            t = ln.text.strip()
            if ln.blank or not t:
                li += 1
                continue
            is_lead = (t.endswith(":") and self.CUE_RE.search(t)) or (
                ln.heading and re.search(r"\b(medlemmer|deltagerkreds|deltagere|repræsentanter fra|sammensætning)\b", t, re.I))
            if not is_lead:
                li += 1
                continue
            body = None
            for m in self._ents_in(ln.start, ln.end):
                if m.entity.label == "body" and m.entity.stem is not None and \
                        not self.ORIGIN_RE.search(self.text[max(ln.start, m.start - 40):m.start]):
                    body = m.entity
                    break
            si = self.doc.sent_at(ln.start)
            if body is None:
                body = self.focus_for(si) or self.main
            if body is None:
                li += 1
                continue
            # a count lead: "5 medlemmer udpeget af regionsrådet:"
            lead_seat = None
            cnt, cmax, rest, had = self._count_prefix(re.sub(r"^(?:herudover|desuden|endvidere)\s+", "", t, flags=re.I))
            if had and t.endswith(":"):
                a = ln.start + (len(ln.text) - len(ln.text.lstrip()))
                adv = re.match(r"(?:herudover|desuden|endvidere)\s+", t, re.I)
                a += adv.end() if adv else 0
                lead_seat = self.seat_phrase(a, ln.end - 1, body)
                lead_seat = lead_seat[0] if lead_seat else None
            items, li = self._collect_items(li + 1)
            if not items and lead_seat is None:
                continue
            self._seats_from_items(body, items, lead_seat)

    def _collect_items(self, li: int):
        lines = self.doc.lines
        n = len(lines)
        items = []
        while li < n:
            ln = lines[li]
            if ln.blank:
                li += 1
                continue
            t = ln.text.strip()
            words = TOKEN_RE.findall(t)
            low = [w.casefold() for w in words]
            if t.endswith(":") and self.CUE_RE.search(t) and not ln.bullet:
                break  # the next lead
            if len(words) > 16 and not ln.bullet:
                break
            if any(w in VERBS or (w.endswith("es") and len(w) > 5 and w not in ("proces",)) for w in low) and not ln.bullet:
                break
            if any(w in VERBS for w in low[:3]) and ln.bullet and not re.search(r"\d", t[:4]):
                break
            items.append(ln)
            li += 1
        return items, li

    def _seats_from_items(self, body: Entity, items: list[Line], lead_seat: dict | None) -> None:
        if items:
            self.list_spans.append((items[0].start, items[-1].end))
        persons = []
        sub_org = None
        sub_role = None
        sub_title = None
        out = []
        for idx, ln in enumerate(items):
            t = ln.text.strip().rstrip(".")
            segs = [x.strip() for x in re.split(r",|\t|\s[-–]\s|(?<=[a-zæøå]{2})\.\s", re.sub(r"\([^()]*\)", lambda m: m.group().replace(",", ";"), t)) if x.strip()]
            # a person: "Name (role), Title, Org" / "Title Name (Party), Org" / "Name, Title - role"
            first = segs[0] if segs else ""
            person_first = self._is_person(first) and (len(segs) > 1 or not ln.bullet or sub_org or sub_role or lead_seat)
            tprefix = re.match(r"^((?:[\wæøåÆØÅ\-]+\s+og\s+)?[\wæøåÆØÅ\-]+(?:\s+for\s+[\wæøåÆØÅ\-]+)?)\s+([A-ZÆØÅ][\wæøå]+(?:\s+[A-ZÆØÅ][\wæøå\-]+){1,4})(?:\s*\(.*\))?$", first)
            person_titled = bool(tprefix and self._is_title_word(tprefix.group(1)) and self._is_person(tprefix.group(2)))
            if person_first or person_titled:
                rm = self.ROLE_MARK.search(t) or re.search(r"\b(medformand|næstformand|formand)\b\s*$", t, re.I)
                role = self.ROLE_OF[(rm.group(1) or (rm.group(2) if rm.lastindex and rm.lastindex > 1 else None) or "formand").casefold()] if rm else None
                if rm and re.search(r"\bfor\b", t[rm.end():rm.end() + 5] if rm.end() < len(t) else ""):
                    role = None
                title = None
                org = None
                if person_titled:
                    title = tprefix.group(1)
                    rest_segs = segs[1:]
                else:
                    rest_segs = segs[1:]
                for sg in rest_segs:
                    sgc = self.ROLE_MARK.sub("", sg).strip()
                    sgc = re.sub(r"\s*[-–]?\s*(medformand|næstformand|formand)\s*$", "", sgc, flags=re.I).strip()
                    if not sgc:
                        continue
                    a = ln.start + ln.text.find(sg) if sg in ln.text else ln.start
                    oe = self._org_from_span(a, a + len(sg)) if (self.ORG_WORDS.search(sgc) or self._ents_in(a, a + len(sg))
                                                                 or (sgc[:1].isupper() and len(sgc.split()) > 1
                                                                     and not self._is_title_word(sgc.split()[0]))) else []
                    if oe and not self._is_title_word(sgc.split()[0]):
                        org = org or oe[0]
                    elif title is None:
                        title = sgc
                    else:
                        title = title
                fo = re.search(r"\bfor\s+([A-ZÆØÅ][A-ZÆØÅ]+(?:-[\wæøå]+)?)\b", title or "")
                if fo:  # "Formand for PLO-Hovedstaden"
                    org = org or self.lookup(fo.group(1)) or self.org_entity(fo.group(1), "interest-organisation", ln.start)
                persons.append({"title": self._singular_title(title or sub_title or "medlem"),
                                "org": org, "role": role or sub_role, "line": ln, "sub_org": sub_org,
                                "secsub": sub_title == "sekretariat"})
                continue
            # an organisation line that completes the person above ("Ikast-Brande Kommune")
            ents = self._ents_in(ln.start, ln.end)
            only_org = ents and all(m.entity.label == "org" or m.label == "org" for m in ents) and \
                len(TOKEN_RE.findall(t)) <= len(TOKEN_RE.findall(" ".join(m.surface for m in ents))) + 1
            if only_org and persons and persons[-1]["org"] is None and persons[-1]["line"] is items[idx - 1]:
                persons[-1]["org"] = ents[0].entity
                continue
            words = TOKEN_RE.findall(t)
            cnt, cmax, rest, had = self._count_prefix(t)
            covered = sum(len(TOKEN_RE.findall(self.text[m.start:m.end])) for m in ents) >= len(words) if ents else False
            nxt = items[idx + 1] if idx + 1 < len(items) else None
            heads_a_list = (not ln.bullet and nxt is not None and nxt.bullet and not t.endswith(".")
                            and not had and len(words) <= 6)
            if heads_a_list or not had and not ln.bullet and len(words) <= 6 and (
                    not any(self._is_title_word(w) for w in words) or (covered and all(m.entity.label == "org" or m.label == "org" for m in ents))):
                # a sub-heading: "Region", "Kommuner", "Sekretariat", "PLO"
                sub_title = None
                if re.search(r"sekretariat", t, re.I):
                    sub_role, sub_org, sub_title = "secretary", None, "sekretariat"
                else:
                    sub_role = None
                    so = self._org_from_span(ln.start, ln.end) if (ents or (len(words) <= 4 and "\t" not in t)) else []
                    sub_org = so[0] if so else None
                continue
            if not had and not any(self._is_title_word(w) for w in words) and not ents:
                continue
            for a, b in self.split_parts(ln.start, ln.end):
                for x in self.seat_phrase(a, b, body, role=sub_role, default_org=sub_org,
                                          ev=(a, b) if len(self.split_parts(ln.start, ln.end)) > 1 else (ln.start, ln.end)):
                    x["_secsub"] = sub_title == "sekretariat"
                    out.append(x)
        if lead_seat is not None and out and not persons:
            lead_seat = None  # "består af 11 medlemmer:" then the detail: annotated once
        if lead_seat is not None:
            if persons:
                titles = []
                for p in persons:
                    if p["title"] not in titles:
                        titles.append(p["title"])
                lead_seat["title"] = "/".join(titles) if lead_seat["title"] in (None, "medlem") else lead_seat["title"]
                orgs = {id(p["org"]): p["org"] for p in persons if p["org"] is not None}
                if len(orgs) == 1:
                    lead_seat["_org"] = list(orgs.values())[0]
                elif orgs and all(o.org_kind == "kommune" for o in orgs.values()):
                    lead_seat["_org"] = self.org_entity(f"Kommunerne i {self.region}" if self.region else "Kommunerne", "kommune")
                if lead_seat["_org"] is None and lead_seat["_appointed"] is not None:
                    ap = lead_seat["_appointed"]
                    if "regionsråd" in ap.key:
                        lead_seat["_org"] = self.org_entity(self.region or "Regionen", "region")
                    elif "kommunekontaktråd" in ap.key or ap.key.startswith("kkr"):
                        lead_seat["_org"] = self.org_entity(f"Kommunerne i {self.region}" if self.region else "Kommunerne", "kommune")
                    else:
                        lead_seat["_org"] = ap
            lead_seat["_list"] = True
            self.seats.append(lead_seat)
            for p in persons:
                if p["role"] in ("chair", "co-chair", "vice-chair", "secretary"):
                    self.seats.append(self._person_seat(body, [p]))
            return
        for s in out:
            s["_list"] = True
        self.seats.extend(out)
        if persons:
            self.pending_persons.append((body, persons))

    def finish_persons(self) -> None:
        """Named persons: grouped into seats, or only their chair/secretary roles when the
        text gives the composition with counts elsewhere (not annotated twice)."""
        for body, persons in self.pending_persons:
            has_rule = any(s["_body"] is body and s["count"] is not None and s.get("_rule") for s in self.seats)
            special = [p for p in persons if p["role"] in ("chair", "co-chair", "vice-chair", "secretary")]
            group = special if has_rule else persons
            buckets: dict = {}
            for p in group:
                org = p["org"] or p["sub_org"]
                p["org"] = org
                k = (_norm(p["title"]), id(org), p["role"])
                buckets.setdefault(k, []).append(p)
            for ps in buckets.values():
                self.seats.append(self._person_seat(body, ps))

    def _person_seat(self, body: Entity, ps: list[dict]) -> dict:
        p = ps[0]
        a = ps[0]["line"].start
        b = ps[-1]["line"].end
        org = p["org"] or p.get("sub_org")
        if org is not None and org.org_kind == "region" and self.region and org.name == "Regionen":
            org = self.org_entity(self.region, "region")
        seat = self._seat(body, len(ps), None, None, p["title"], org, None, p["role"] or "member",
                          a, b if len(ps) > 1 and b - a < 2000 else ps[0]["line"].end)
        seat["_list"] = True
        seat["_person"] = True
        seat["_secsub"] = p.get("secsub", False)
        return seat

    # ------------------------------------------------------------------ prose seats
    def _body_in_sentence(self, si: int, before: int | None = None) -> Entity | None:
        """'I Kontaktudvalget deltager …', 'vil i Sundhedsstyregruppen …', or the subject."""
        s = self.doc.sents[si]
        end = before if before is not None else s.end
        for m in self.mentions_in(si):
            if m.start >= end or m.entity is None or m.entity.label != "body" or m.entity.stem is None:
                continue
            pre = self.text[max(s.start, m.start - 20):m.start].casefold()
            if re.search(r"\b(i|til)\s+(?:de\w*\s+)?(?:alle\s+)?$", pre) or m.start - s.start <= 4:
                if m.stem == "formandskab" and not m.entity.confirmed:
                    continue
                return m.entity
        return None

    def prose_seats(self) -> None:
        text = self.text
        for si, s in enumerate(self.doc.sents):
            if any(a <= s.start < b for a, b in self.seat_spans):
                continue
            st = text[s.start:s.end]
            low = st.casefold()
            found: list[dict] = []
            # "X består af A, B og C" (inline)
            m = re.search(r"\b(?:består|bestående) af\b|\ber sammensat af\b|\bsammensættes af\b", low)
            if m and not re.match(r"\s*(?:følgende\s*)?:", low[m.end():]) and m.end() < len(low) - 3 \
                    and not low.rstrip().endswith(":"):
                if not re.search(r"\bledes af\b", low[:m.start()]):
                    body = self._body_in_sentence(si, s.start + m.start()) or self.focus_for(si)
                    parts = self.split_parts(s.start + m.end(), s.end)
                    part_ents = [self._ents_in(a, b) for a, b in parts]
                    if parts and all(pe and pe[0].entity.label == "body" and not self._count_prefix(text[a:b])[3]
                                     and not self._is_title_word(TOKEN_RE.findall(text[a:b])[0]) for pe, (a, b) in zip(part_ents, parts)):
                        for pe in part_ents:
                            for x in self.coordinated(pe, 0):
                                if body is not None:
                                    self.add_rel(x.entity, "PART_OF", body, si)
                    elif body is not None:
                        for a, b in parts:
                            toks = TOKEN_RE.findall(text[a:b])
                            if not toks or not (self._count_prefix(text[a:b])[3] or any(self._is_title_word(w) for w in toks[:3])):
                                continue
                            ss = self.seat_phrase(a, b, body, ev=(s.start, s.end) if len(parts) == 1 else (a, b))
                            for x in ss:
                                x["_rule"] = x["count"] is not None
                                x["_summary"] = x["count"] is None
                            found.extend(ss)
            # "I X deltager A og B" / "Der deltager desuden …"
            m = re.search(r"\bdeltager\s+(?:desuden\s+|også\s+|endvidere\s+|herudover\s+)?", low)
            if m and not found:
                body = self._body_in_sentence(si, s.start + m.start()) or self.focus_for(si)
                rest_a = s.start + m.end()
                toks = TOKEN_RE.findall(text[rest_a:s.end])
                if body is not None and toks and (self._is_title_word(toks[0]) or _number(toks[0]) is not None and len(toks) > 1 and self._is_title_word(toks[1])):
                    for a, b in self.split_parts(rest_a, s.end):
                        ss = self.seat_phrase(a, b, body)
                        for x in ss:
                            if re.search(r"konsulent|sekretær", x["title"] or "", re.I) and body.stem != "sekretariat":
                                x["role"] = "secretary"
                        found.extend(ss)
            # "X repræsenteres med to medlemmer", "X er repræsenteret klyngevis", "på direktørniveau"
            m = re.search(r"\b(repræsenteres|er repræsenteret|lader sig repræsentere|vil\b.{0,60}?\bdeltage)\b", low)
            if m and not found:
                body = None
                for x in self.mentions_in(si):
                    pre = low[max(0, x.start - s.start - 4):x.start - s.start]
                    if x.entity is not None and x.entity.label == "body" and x.entity.stem and re.search(r"\bi\s*$", pre):
                        body = x.entity
                body = body or self.focus_for(si)
                orgs = [x.entity for x in self.mentions_in(si) if x.start < s.start + m.start() and x.entity is not None
                        and x.entity is not body and (x.entity.label == "org" or x.label == "org")]
                after = s.start + m.end()
                if not orgs:
                    ms_after = [x for x in self.mentions_in(si) if x.start >= after and x.entity is not None]
                    if ms_after and len(TOKEN_RE.findall(text[after:ms_after[0].start])) == 0:
                        orgs = [x.entity for x in self.coordinated(ms_after, 0)]
                rest = low[m.end():]
                count = None
                title = None
                per = None
                mm = re.search(r"\bmed\s+(" + _NUM + r")\s+([\wæøå\-]+)", rest)
                if mm:
                    count = _number(mm.group(1))
                    title = self._singular_title(mm.group(2))
                nv = re.search(r"\bpå\s+([^.;:]{0,80}?)niveau(?:et)?\b(.*)$", rest)
                if nv:
                    raw = (nv.group(1) + "niveau").replace("niveau", "")
                    parts = [x.strip(" -,") for x in re.split(r",|\s+og\s+|\s+eller\s+|-\s+", raw) if x.strip(" -,")]
                    title = " og ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else (parts[0] if parts else None)
                    extra = nv.group(2).strip(" .")
                    if extra.startswith("eller "):
                        title = f"{title} {extra}"
                if "klyngevis" in rest:
                    per = "klynge"
                    title = title or "repræsentant"
                blk = self.doc.sents[si].block
                para = " ".join(self.doc.stext(j) for j in range(len(self.doc.sents)) if self.doc.sents[j].block == blk)
                chair_role = None
                if re.search(r"\bformandskab", para, re.I) and not re.search(r"\bformandskab", st, re.I) and \
                        re.search(r"\bformandskab", self.doc.stext(min(j for j in range(len(self.doc.sents)) if self.doc.sents[j].block == blk)), re.I):
                    chair_role = "co-chair" if re.search(r"\bdelt\b|medformand", para, re.I) else "chair"
                if body is not None and orgs and (title or count):
                    for o in orgs:
                        if o is body:
                            continue
                        t = title or "repræsentant"
                        if o.org_kind == "region" and re.search(r"hospital", st[:m.start()], re.I):
                            t = f"{t} fra hospitalsledelserne" if count else f"repræsentant for hospitalsledelserne"
                        found.append(self._seat(body, count, None, per, t, o, None, chair_role or "member", s.start, s.end))
            # "udpeges repræsentanter fra hver klynge", "Fra X udpeges der medlemmer med …"
            m = re.search(r"\budpeges\s+(?:der\s+)?", low)
            if m and not found and "formand" not in low[:m.start()]:
                body = self._body_in_sentence(si) or self.focus_for(si)
                fr = re.match(r"\s*fra\s+(.+?)\s+udpeges", low)
                if body is not None and fr:
                    orgs = self._org_from_span(s.start + fr.start(1), s.start + fr.end(1))
                    tt = st[m.end():].strip(" .")
                    if tt and self._is_title_word(tt.split()[0]):
                        for o in orgs:
                            found.append(self._seat(body, None, None, None, self._singular_title(tt), o, None,
                                                    "member", s.start, s.end))
                elif body is not None:
                    rest_a = s.start + m.end()
                    toks = TOKEN_RE.findall(text[rest_a:s.end])
                    if toks and self._is_title_word(toks[0]):
                        found.extend(self.seat_phrase(rest_a, s.end, body, ev=(self._clause_start(s, rest_a), s.end)))
            # "Der nedsættes en arbejdsgruppe med repræsentanter fra X"
            for x in self.mentions_in(si):
                if x.established and x.entity is not None:
                    mm = re.match(r"\s+med\s+", self.text[getattr(x, "head_end", x.end):s.end])
                    if mm:
                        a0 = getattr(x, "head_end", x.end) + mm.end()
                        toks = TOKEN_RE.findall(self.text[a0:s.end])
                        if toks and (self._is_title_word(toks[0]) or len(toks) > 1 and _number(toks[0]) is not None
                                     and self._is_title_word(toks[1])):
                            found.extend(self.seat_phrase(a0, self._clause_end(s, a0), x.entity, ev=(s.start, s.end)))
            # stående invitation
            m = re.search(r"\b(?:tilbydes|har|får|gives|modtager)\s+(?:en\s+)?stående invitation", low)
            if m:
                body = self._body_in_sentence(si) or self.focus_for(si)
                pre = st[:m.start()]
                at = re.search(r",\s*at\s+|\bat\s+", pre)
                a0 = s.start + (at.end() if at else 0)
                if body is not None:
                    ss = self.seat_phrase(a0, s.start + m.start(), body, role="standing-invitation", ev=(s.start, s.end))
                    for x in ss:
                        x["role"] = "standing-invitation"
                        if x["count"] is None and not re.search(r"er\b", x["title"] or ""):
                            x["count"] = 1
                    found.extend(ss)
            # suppleanter
            m = re.search(r"\b(?:(" + _NUM + r")\s+)?suppleant(?:er)?\b", low)
            if m and not found and not re.search(r"\bikke\b", low):
                body = self._body_in_sentence(si) or self.focus_for(si)
                if body is not None:
                    count = _number(m.group(1)) if m.group(1) else None
                    per = "medlem" if re.search(r"\bhvert medlem\b", low) else None
                    if per is None and (pm := re.search(r"\bhver(?:t)?\s+(kommune|region|klynge|organisation|medlem)\b", low)):
                        per = pm.group(1)
                    cl = self._clause_end(s, s.start + m.end())
                    found.append(self._seat(body, count, None, per, "suppleant", None, None, "substitute", s.start, cl))
            # "Formanden udpeges af X (blandt …)"
            m = re.search(r"\b(formand(?:en)?|forperson(?:en)?)\s+(?:udpeges|vælges)\s+af\s+", low)
            if m:
                body = self._body_in_sentence(si) or self.focus_for(si)
                ap = self._ents_in(s.start + m.end(), s.end)
                if body is not None:
                    apo = ap[0].entity if ap else None
                    bl = re.search(r"\bblandt\s+([^.]+)", st[m.end():])
                    title = "formand" + (f" (blandt {bl.group(1).strip()})" if bl else "")
                    sx = self._seat(body, 1, None, None, title, apo, apo, "chair", s.start, s.end)
                    sx["_prose_chair"] = True
                    found.append(sx)
            # "ledes af (et fælles ledelsesteam bestående af) en A og en B"
            m = re.search(r"\bledes af\b(?:.*?\bbestående af\b)?", low)
            if m:
                body = self._body_in_sentence(si, s.start + m.start()) or self.focus_for(si)
                parts = self.split_parts(s.start + m.end(), s.end)
                if body is not None:
                    ss = []
                    for a, b in parts:
                        ph = text[a:b].strip(" .")
                        ph2 = re.sub(r"^(?:en|et)\s+", "", ph)
                        org = None
                        if re.match(r"kommunal", ph2, re.I):
                            org = self.org_entity(f"Kommunerne i {self.region}" if self.region else "Kommunerne", "kommune")
                        elif re.match(r"regional", ph2, re.I):
                            org = self.org_entity(self.region or "Regionen", "region")
                        x = self.seat_phrase(a, b, body, ev=(s.start, s.end))
                        for y in x:
                            if org is not None and y["_org"] is None:
                                y["_org"] = org
                        ss.extend(x)
                    for y in ss:
                        y["role"] = "co-chair" if len(ss) > 1 else "chair"
                        y["count"] = 1 if y["count"] is None else y["count"]
                    found.extend(ss)
            # "alle X er repræsenteret i (hver) Y"
            m = re.search(r"\balle\s+([\wæøå\-]+)\s+(?:\w+\s+){0,2}er repræsenteret i\s+(?:hver\s+)?", low)
            if m and not any(x["_body"] is not None for x in found if x.get("_allrep")):
                rp = s.start + m.start() + m.group(0).find("er repræsenteret")
                ys = [x for x in self.mentions_in(si) if x.start >= rp and x.entity is not None]
                xs = [x for x in self.mentions_in(si) if s.start + m.start() <= x.start < rp and x.entity is not None]
                if ys and xs:
                    word = m.group(1)
                    info = analyse_head(word)
                    per = info[0].casefold() if info else word
                    cl0 = self._clause_start(s, s.start + m.start())
                    sx = self._seat(ys[0].entity, None, None, per, "repræsentant", xs[0].entity, None, "member",
                                    s.start if cl0 - s.start < 3 else s.start, s.end)
                    sx["_allrep"] = True
                    found.append(sx)
            # "1 repræsentant pr. klynge" inline
            m = re.search(r"\b(" + _NUM + r")\s+(repræsentant|medlem)\w*\s+(?:pr\.|per)\s+([\wæøå\-]+)", low)
            if m and not found:
                body = None
                for x in self.mentions_in(si):
                    if x.start < s.start + m.start() and x.entity is not None and x.entity.label == "body" and x.entity.stem:
                        body = x.entity
                body = body or self.focus_for(si)
                if body is not None:
                    org = None
                    if re.search(r"\bkommun", low[:m.start()]):
                        org = self.org_entity(f"Kommunerne i {self.region}" if self.region else "Kommunerne", "kommune")
                    found.append(self._seat(body, _number(m.group(1)), None, m.group(3).casefold(),
                                            self._singular_title(m.group(2)), org, None, "member",
                                            s.start + m.start(), s.start + m.end()))
            for x in found:
                x["_prose"] = True
            self.seats.extend(found)

    def _clause_start(self, s: Sent, pos: int) -> int:
        k = max(self.text.rfind(",", s.start, pos), self.text.rfind(";", s.start, pos))
        return k + 1 if k >= 0 else s.start

    def _clause_end(self, s: Sent, pos: int) -> int:
        k = self.text.find(",", pos, s.end)
        return k if k >= 0 else s.end

    def tidy_seats(self) -> None:
        """Members named twice (a summary and the detail) are kept once; appointers apply."""
        out = []
        for s in self.seats:
            body = s["_body"]
            others = [x for x in self.seats if x is not s and x["_body"] is body]
            if s.get("_allrep") and any(x.get("_list") for x in others):
                continue
            if s.get("_summary") and s["count"] is None and _norm(s["title"] or "") in ("repræsentant", "medlem") and \
                    any(not x.get("_summary") and x["evidence"] != s["evidence"] for x in others):
                continue
            if s.get("_prose_chair") and any(x["role"] == "chair" and not x.get("_prose_chair") for x in others):
                continue
            key = (id(body), s["role"], _norm(s["title"] or ""), id(s["_org"]), s["count"], s["evidence"])
            if any((id(x["_body"]), x["role"], _norm(x["title"] or ""), id(x["_org"]), x["count"], x["evidence"]) == key for x in out):
                continue
            out.append(s)
        # "Medlemmerne af X er udpeget af Y": every seat of X without an appointer
        for si, st in enumerate(self.doc.sents):
            low = self.doc.stext(si).casefold()
            m = re.search(r"\bmedlemmerne(?:\s+af\s+.+?)?\s+(?:er|bliver)\s+udpeget\s+af\s+", low)
            if m:
                body = self._body_in_sentence(si) or self.focus_for(si)
                for x in self.mentions_in(si):
                    if x.start - st.start < m.start() and x.entity is not None and x.entity.label == "body" and x.entity.stem:
                        body = x.entity
                ap = [x for x in self.mentions_in(si) if x.start >= st.start + m.end() and x.entity is not None]
                if ap and body is not None:
                    for s in out:
                        if s["_body"] is body and s["_appointed"] is None and s["role"] in ("member", "chair", "vice-chair", "co-chair"):
                            s["_appointed"] = ap[0].entity
                            ap[0].entity.seat_org = True  # type: ignore[attr-defined]
        self.seats = out
        for s in self.seats:
            if s["_body"] is not None:
                s["_body"].confirmed = True

    # ------------------------------------------------------------------ body attributes
    FREQ = [
        (r"(?:mindst|minimum|som minimum)\s+(" + _NUM + r")\s+gange", "min"),
        (r"(?:højst|maksimalt|op til)\s+(" + _NUM + r")\s+gange", "max"),
        (r"(" + _NUM + r")\s*(?:-|–|til|eller)\s*(" + _NUM + r")\s+(?:gange|møder)", "range"),
        (r"(?:ca\.?|cirka|omkring|normalt|typisk|ordinært)\s+(" + _NUM + r")\s+(?:gange|møder)", "exact"),
        (r"(" + _NUM + r")\s+(?:gange|ordinære møder|møder)", "exact"),
    ]
    PERIOD = r"\s*(?:årligt|om året|pr\.? år|per år|i året|hvert år|i (?:19|20)\d\d|årlig)\b"

    def meetings(self) -> None:
        for si, s in enumerate(self.doc.sents):
            st = self.doc.stext(si)
            low = st.casefold()
            head = self._section_heading(si)
            if not re.search(r"mød|gange|kvartal|måned", low):
                continue
            val = None
            for pat, kind in self.FREQ:
                m = re.search(pat + self.PERIOD, low)
                if not m:
                    continue
                if kind == "min":
                    val = {"min": _number(m.group(1)), "max": None}
                elif kind == "max":
                    val = {"min": None, "max": _number(m.group(1))}
                elif kind == "range":
                    val = {"min": _number(m.group(1)), "max": _number(m.group(2))}
                else:
                    n = _number(m.group(1))
                    val = {"min": n, "max": n}
                break
            if val is None:
                if re.search(r"\bkvartalsvis\w*|\bhvert kvartal\b", low):
                    val = {"min": 4, "max": 4}
                elif re.search(r"\bmånedlig\w*|\bhver måned\b|\bén gang om måneden\b|\ben gang om måneden\b", low):
                    val = {"min": 12, "max": 12}
                elif re.search(r"\bhver anden måned\b", low):
                    val = {"min": 6, "max": 6}
                elif re.search(r"\bhalvårlig\w*|\bhvert halve år\b", low):
                    val = {"min": 2, "max": 2}
                elif re.search(r"\b(?:en|én) gang (?:årligt|om året)\b|\bet årligt møde\b", low):
                    val = {"min": 1, "max": 1}
            if val is None or not (re.search(r"mød", low) or re.search(r"mød", head)):
                continue
            subj = self.subject_of(si)
            body = subj[0].entity if subj and subj[0].entity.label == "body" else None
            body = body or self._body_in_sentence(si) or self.focus_for(si)
            if body is not None and body.meetings is None:
                body.meetings = val
                body.confirmed = True

    def _section_heading(self, si: int) -> str:
        j = si
        while j >= 0:
            if self.doc.sents[j].heading:
                return self.doc.stext(j).casefold()
            j -= 1
        return ""

    def chairs_and_rules(self) -> None:
        for si, s in enumerate(self.doc.sents):
            st = self.doc.stext(si)
            low = st.casefold()
            m = re.search(r"\bdelt\s+(?:[\wæøå]+\s+og\s+[\wæøå]+\s+)?formandskab\b(?:\s+mellem\s+[^.,]+?(?=\s+for\b|[.,]|$))?", low)
            m2 = re.search(r"\bformandskab(?:et)?(?:\s+for\s+.+?)?\s+er\s+delt\s+mellem\s+[^.]+", low)
            m3 = re.search(r"\bvælger\s+(?:en\s+)?(?:fælles ledelse|formand\w*|formandskab\w*)[^.]*", low) or \
                re.search(r"\b(?:næst|med)?formand(?:en|skabet)?\s+(?:vælges|udpeges|findes)\s+(?:af\s+og\s+)?blandt\s+[^.]+", low)
            m4 = re.search(r"\b(?:er|som)\s+(?:med)?formand(?:en)?\b", low)
            chosen = m or m2 or m3
            if chosen:
                body = None
                blandt = re.search(r"\bblandt\b", low)
                for x in self.mentions_in(si):
                    if blandt and x.start >= s.start + blandt.start():
                        break
                    if x.entity is not None and x.entity.label == "body" and x.entity.stem != "formandskab":
                        body = x.entity
                        break
                    if x.entity is not None and x.stem == "formandskab":
                        inner = [y for y in self.mentions_in(si) if y.start > x.start and y.entity is not None
                                 and y.entity.label == "body" and y.entity is not x.entity]
                        if inner:
                            body = inner[0].entity
                            break
                body = body or self.focus_for(si)
                if body is not None:
                    a = s.start + chosen.start()
                    b = s.start + chosen.end()
                    frag = self.ev(a, b).rstrip(" .")
                    if frag and frag[:1].islower() and a == s.start:
                        frag = _cap(frag)
                    if body.chair is None:
                        body.chair = frag
                    elif frag not in body.chair and len(body.chair) + len(frag) < 300:
                        body.chair = f"{body.chair}; {frag}"
            elif m4 and "formand for" not in low:
                body = self.focus_for(si)
                if body is not None and body.chair is None and len(st) < 200:
                    body.chair = st.rstrip(" .")
            r = re.search(r"\b(konsensus|enstemmig\w*|simpelt flertal|kvalificeret flertal|almindeligt flertal)\b", low)
            if r and re.search(r"beslut|træffes|afgør|vedtag|enig", low):
                body = self._body_in_sentence(si) or self.focus_for(si)
                for x in self.mentions_in(si):
                    if x.entity is not None and x.entity.label == "body":
                        body = x.entity
                        break
                if body is not None and body.decision_rule is None:
                    w = r.group(1)
                    body.decision_rule = "enstemmighed" if w.startswith("enstemmig") else w
        for s in self.seats:
            b = s["_body"]
            if s["role"] == "co-chair" and b is not None and b.chair is None:
                b.chair = "delt formandskab (medformænd)"

    def levels(self) -> None:
        rules = [
            (r"politisk|sundhedskoordinationsudvalg|sundhedssamarbejdsudvalg|regionsråd|kommunalbestyrelse|"
             r"byråd|sundhedsråd|kommunekontaktråd|\bkkr\b", "political"),
            (r"fagligt? strategisk|faglig strategisk", "professional-strategic"),
            (r"implementering", "implementation"),
            (r"administrativ|direktør|styregruppe|ledelsesforum|kontaktforum", "administrative"),
            (r"\blokal|samordningsfor|klynge\b", "local"),
        ]
        for e in self.entities:
            if e.label != "body":
                continue
            for forms in (e.name.casefold(), " ".join(e.aliases).casefold()):
                for pat, lvl in rules:
                    if re.search(pat, forms):
                        e.level = lvl
                        break
                if e.level:
                    break
        # "Det politiske niveau (X)", "Administrativt niveau (A, B, C)"
        for m in re.finditer(r"\b(politisk\w*|administrativ\w*|lokal\w*|fagligt? strategisk\w*)\b[^()\n]{0,60}?niveau\w*\s*\(([^()]+)\)",
                             self.text, re.I):
            lvl = {"p": "political", "a": "administrative", "l": "local", "f": "professional-strategic"}[m.group(1)[0].casefold()]
            for x in self.mentions:
                if m.start(2) <= x.start < m.end(2) and x.entity is not None and x.entity.label == "body":
                    x.entity.level = lvl
        for si, s in enumerate(self.doc.sents):
            low = self.doc.stext(si).casefold()
            m = re.search(r"\ber\s+(?:det|et)\s+(?:øverste\s+|overordnede\s+)?(politiske|administrative)\s+(?:organ|niveau|forum)", low)
            if m:
                subj = self.subject_of(si)
                if subj and subj[0].entity.label == "body":
                    subj[0].entity.level = "political" if m.group(1).startswith("p") else "administrative"
        for s in self.seats:
            b = s["_body"]
            if b is None or b.level:
                continue
            t = (s["title"] or "").casefold()
            if re.search(r"borgmester|rådsmedlem|politiker|byrådsmedlem", t):
                b.level = "political"
            elif re.search(r"direktør|chef", t):
                b.level = "administrative"

    # ------------------------------------------------------------------ classification
    ORIGIN_RE = re.compile(r"(?:\bfra|\budpeget af|\budpeges af|\bmedlem(?:mer)? af|\b(?:næst)?formand(?:en)? for|"
                           r"\bkonsulent(?:er)? fra|\bvaretages af|\bsamarbejde mellem|\bforetræde|"
                           r"\bsekretariatsbetjenes af)\s+(?:hhv\.?\s+)?(?:det|den|de)?\s*$", re.I)

    def formandskab_part_of(self) -> None:
        """'Formandskabet for X' is a part of X."""
        for e in list(self.entities):
            if e.label != "body" or e.stem != "formandskab":
                continue
            m = re.match(r"formandskab\w*\s+for\s+(.+)$", e.name, re.I)
            whole = self.lookup(m.group(1)) if m else None
            if whole is not None and whole is not e and whole.label == "body" and whole.stem != "formandskab":
                mm = next((x for x in e.mentions if " for " in x.surface), None)
                if mm is not None:
                    self.add_rel(e, "PART_OF", whole, mm.sent, mm.start, getattr(mm, "head_end", mm.end))

    def classify(self) -> None:
        text = self.text
        in_rel = {}
        for r in self.relations:
            in_rel.setdefault(id(r["_src"]), set()).add(("src", r["type"]))
            in_rel.setdefault(id(r["_tgt"]), set()).add(("tgt", r["type"]))
        for m in self.mentions:
            pre = text[max(0, m.start - 40):m.start]
            post = text[m.end:m.end + 30]
            if self.ORIGIN_RE.search(pre) or any(a <= m.start < b for a, b in self.seat_spans) or \
                    re.match(r"\s+(?:har\s+|har\s+\w+\s+)?udpeg(?:et|er)\b", post):
                m.origin = True
        for e in list(self.entities):
            if e.label != "body":
                continue
            rels = in_rel.get(id(e), set())
            real_rel = {r for r in rels if not (r[0] == "src" and r[1] == "SECRETARIAT_FOR")}
            has_seats = any(s["_body"] is e for s in self.seats)
            nonorigin = [m for m in e.mentions if not m.origin and not getattr(m, "genitive", False)
                         and not self._legal(m.sent)]
            subject = any(self._acts(m) for m in e.mentions)
            if not real_rel and not has_seats and not nonorigin:
                # named only as where a seat comes from, who appoints or who serves: an organisation
                e.label = "org"
                e.org_kind = "secretariat" if e.stem == "sekretariat" else (
                    "patient-organisation" if "patient" in e.key else "other")
                self._org_name_from_text(e)
                continue
            if rels and not real_rel and not has_seats and e.stem == "sekretariat":
                e.label = "org"
                e.org_kind = "secretariat"
                self._org_name_from_text(e)
                continue
            if e.stem == "formandskab" and not (real_rel or has_seats or e.meetings or
                                                 any(re.search(r"består af|mødes|afholder", self.doc.stext(m.sent).casefold())
                                                     for m in e.mentions)):
                self.entities.remove(e)
                continue
            if not e.strong or e.generic:
                heading = any(self.doc.sents[m.sent].heading and not any(a <= m.start < b for a, b in self.list_spans)
                              for m in e.mentions)
                if not (real_rel or has_seats or e.meetings or subject or (heading and not e.generic) or e.confirmed
                        or getattr(e, "instance_lead", False) or any(m.established for m in e.mentions)):
                    self.entities.remove(e)
                    continue
                if e.generic and not (real_rel or has_seats or getattr(e, "instance_lead", False)):
                    self.review.append(f"body {e.name!r}: a generic group word the text names no further; check that it is a body")
        # seat organisations that never became entities of the list
        for s in self.seats:
            for k in ("_org", "_appointed"):
                o = s.get(k)
                if o is not None and o not in self.entities:
                    self.entities.append(o)

    def _org_name_from_text(self, e: Entity) -> None:
        """An organisation keeps the form the text uses ('Patientinddragelsesudvalget')."""
        for m in e.mentions:
            form = self.text[m.core_start:getattr(m, "head_end", m.end)]
            if form and not form.isupper() and not getattr(m, "genitive", False) and " " not in form.strip() or \
                    (form and form[:1].isupper() and not getattr(m, "genitive", False)):
                new = _cap(" ".join(form.split()))
                if _norm(new) != _norm(e.name):
                    e.add_alias(e.name)
                    e.name = new
                    e.aliases = [a for a in e.aliases if _norm(a) != _norm(new)]
                return

    def _legal(self, si: int) -> bool:
        """A sentence that cites the law ("Det følger af sundhedsloven, at …")."""
        return bool(re.search(r"\b(?:sundhedsloven|loven|lov om|lovforslag|bekendtgørelse)\b|§", self.doc.stext(si), re.I))

    def _acts(self, m: Mention) -> bool:
        """Is the mention the subject of a verb that bodies do (mødes, forbereder …)?"""
        subj = self.subject_of(m.sent)
        if m not in subj:
            return False
        rest = self.text[m.end:self.doc.sents[m.sent].end]
        return bool(BODY_VERBS.match(rest.strip()) or BODY_VERBS.search(rest[:60]))

    # ------------------------------------------------------------------ evidence
    def body_evidence(self, e: Entity) -> str:
        if e.evidence:
            return e.evidence
        best = None
        for m in e.mentions:
            si = m.sent
            if m.established or self._acts(m):
                best = si
                break
        if best is None:
            for m in e.mentions:
                if not self.doc.sents[m.sent].heading and not m.origin:
                    best = m.sent
                    break
        if best is None and e.mentions:
            best = e.mentions[0].sent
        if best is None:
            return e.name
        ev = self.sent_ev(best)
        return ev

    # ------------------------------------------------------------------ known entities
    def resolve_known(self, region: str | None) -> None:
        if not self.known:
            return
        index: list[tuple[str, dict]] = []
        for k in self.known:
            if not isinstance(k, dict) or not k.get("name"):
                continue
            forms = [k["name"]] + [a for a in (k.get("aliases") or []) if isinstance(a, str)]
            for f in forms:
                index.append((_norm(f), k))
                c = _canon_form(f)
                if c != _norm(f):
                    index.append((c, k))
        forms_only = [f for f, _ in index]
        taken: dict[str, Entity] = {}
        for e in list(self.entities):
            if e not in self.entities:
                continue
            mine = [e.name] + e.aliases
            mine_n = {_norm(x) for x in mine} | {_canon_form(x) for x in mine}
            hit = None
            for f, k in index:
                if f in mine_n and self._region_ok(k, region, e):
                    hit = (k, 1.0)
                    break
            if hit is None:
                best = (0.0, None)
                for x in mine_n:
                    for f in difflib.get_close_matches(x, forms_only, n=3, cutoff=0.75):
                        ratio = difflib.SequenceMatcher(None, x, f).ratio()
                        k = next(k for ff, k in index if ff == f)
                        if ratio > best[0] and self._region_ok(k, region, e):
                            best = (ratio, k)
                if best[1] is not None and best[0] >= 0.88:
                    hit = (best[1], best[0])
                elif best[1] is not None:
                    self.review.append(f"{'body' if e.label == 'body' else 'organisation'} {e.name!r} is new; "
                                       f"it resembles the known {best[1]['name']!r} "
                                       f"({best[0]:.2f}): the same? then rename it")
            if hit is not None:
                k, score = hit
                other = taken.get(k["name"])
                if other is not None and other is not e:
                    self.review.append(f"{e.name!r} and {other.name!r} both taken to be the known {k['name']!r}"
                                       f" (similarity {score:.2f}): merged")
                    self._replace(e, other)  # two forms of one known entity
                    continue
                taken[k["name"]] = e
                if k["name"] != e.name:
                    e.add_alias(e.name)
                    old = e.name
                    e.name = k["name"]
                    e.aliases = [a for a in e.aliases if _norm(a) != _norm(e.name)]
                    if score < 1.0:
                        self.review.append(f"{old!r} taken to be the known {k['name']!r} (similarity {score:.2f})")
                label = str(k.get("label") or "").casefold()
                if label == "organisation" and e.label == "body":
                    e.label = "org"
                    e.org_kind = e.org_kind or "other"
                elif label == "body" and e.label == "org":
                    e.label = "body"
                e.known = True  # type: ignore[attr-defined]
            elif e.label == "body" and not any("resembles the known" in r and repr(e.name) in r for r in self.review):
                self.review.append(f"body {e.name!r} is not in the graph: a new body (check the name)")

    def _replace(self, old: Entity, new: Entity) -> None:
        """Merge `old` into `new` everywhere (mentions, seats, relations)."""
        for s in self.seats:
            for key in ("_body", "_org", "_appointed"):
                if s.get(key) is old:
                    s[key] = new
        for r in self.relations:
            for key in ("_src", "_tgt"):
                if r[key] is old:
                    r[key] = new
        self.relations = [r for r in self.relations if r["_src"] is not r["_tgt"]]
        new.add_alias(old.name)
        for a in old.aliases:
            new.add_alias(a)
        for m in old.mentions:
            m.entity = new
            new.mentions.append(m)
        if old in self.entities:
            self.entities.remove(old)

    def _region_ok(self, k: dict, region: str | None, e: Entity) -> bool:
        kr = k.get("region")
        return not kr or not region or kr == region or e.label == "org"


def _canon_form(form: str) -> str:
    """A name's comparison form with Danish inflection removed ('Sundhedsstyregruppen' -> 'sundhedsstyregruppe')."""
    words = form.split()
    while words and words[0].casefold() in ARTICLES:
        words = words[1:]
    out = []
    for w in words:
        info = analyse_head(w)
        out.append(info[0] if info else w)
    return _norm(" ".join(out))


def _slug(text: str) -> str:
    t = text.casefold()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "u"), ("ö", "oe"), ("ä", "ae")):
        t = t.replace(a, b)
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


_SLUG_STOP = {"for", "af", "det", "den", "de", "og", "i", "om", "til", "paa", "med", "en", "et",
              "kommissorium", "notat", "udarbejdelse", "generisk", "regionens", "samt", "vedr", "ved"}


def _doc_id(region: str | None, date: str | None, title: str) -> str:
    parts = []
    if region:
        parts.append(REGION_SLUG.get(region, _slug(region.replace("Region ", ""))))
    if date:
        parts.append(date[:4])
    words = [w for w in _slug(title).split("-") if w and w not in _SLUG_STOP and not w.isdecimal()]
    if "kommissorium" in _slug(title).split("-") and not parts:
        words = ["kommissorium"] + words
    parts.extend(words[:4] or ["dokument"])
    return "-".join(parts)[:80].strip("-")


def _file_ref(path) -> str | None:
    if path is None:
        return None
    p = Path(path)
    try:
        return p.resolve().relative_to(DATA_DIR.resolve()).as_posix()
    except ValueError:
        return str(path)


def _doc_kind(title: str, text: str) -> str:
    t = title.casefold()
    if "kommissorium" in t:
        return "kommissorium"
    if "forretningsorden" in t:
        return "forretningsorden"
    if re.match(r"^(?:samarbejds|sundheds)?aftale\b", t):
        return "aftale"
    return "notat"


def _run(text: str, *, path=None, sha=None, fmt="txt", encoding=None, known=None) -> Draft:
    ex = _Extractor(text, known)
    title, title_pos = ex.title()
    title_end = title_pos + len(title)
    ex.region = ex.find_region()
    date, _ = ex.find_date(title_end)
    ex.scan_mentions()
    ex.group()
    ex.genre_abbreviations()
    ex._topics()
    ex.instances()
    ex.extract_relations()
    ex.formandskab_part_of()
    ex.member_lists()
    ex.prose_seats()
    ex.finish_persons()
    ex.tidy_seats()
    ex.meetings()
    ex.chairs_and_rules()
    ex.classify()
    ex.levels()
    ex.resolve_known(ex.region)
    return _assemble(ex, title, date, path=path, sha=sha, fmt=fmt, encoding=encoding)


def _assemble(ex: _Extractor, title: str, date: str | None, *, path, sha, fmt, encoding) -> Draft:
    review = ex.review
    region = ex.region
    kind = _doc_kind(title, ex.text)
    # prøveperiode: the body ends unless renewed
    valid_main = (None, None)
    pm = re.search(r"prøveperiode på (\w+) år", ex.text, re.I)
    if pm and date and ex.main is not None:
        n = _number(pm.group(1)) or (int(pm.group(1)) if pm.group(1).isdecimal() else None)
        if n:
            y = int(date[:4])
            valid_main = (str(y), f"{y + n - 1}-12-31")
            review.append(f"{ex.main.name!r} is on a trial period ({pm.group(0)}): valid_to set to {valid_main[1]}")
    bodies = [e for e in ex.entities if e.label == "body"]
    bodies.sort(key=lambda e: (e is not ex.main, e.first))
    used_orgs = set()
    for s in ex.seats:
        for k in ("_org", "_appointed"):
            if s.get(k) is not None and s[k].label == "org":
                used_orgs.add(id(s[k]))
    rels = []
    for r in ex.relations:
        src, tgt = r["_src"], r["_tgt"]
        if src not in ex.entities or tgt not in ex.entities:
            continue
        if r["type"] in ("SUBGROUP_OF", "PART_OF", "PREPARES_CASES_FOR", "REPORTS_TO", "ADVISES",
                         "CAN_RAISE_CASES_TO", "FOLLOWS_UP_ON", "COORDINATES_WITH") and src.label == "org" \
                and tgt.label == "org":
            continue
        if r["type"] == "SECRETARIAT_FOR" and tgt.label != "body":
            continue
        for x in (src, tgt):
            if x.label == "org":
                used_orgs.add(id(x))
        rels.append({"source": src.name, "type": r["type"], "target": tgt.name, "evidence": r["evidence"]})
    # secretaries from a secretariat are its SECRETARIAT_FOR
    for s in ex.seats:
        o = s["_org"]
        if s["role"] == "secretary" and o is not None and s["_body"] is not None and (
                "sekretariat" in o.key or s.get("_secsub")):
            if not any(r["source"] == o.name and r["target"] == s["_body"].name and r["type"] == "SECRETARIAT_FOR" for r in rels):
                rels.append({"source": o.name, "type": "SECRETARIAT_FOR", "target": s["_body"].name,
                             "evidence": s["evidence"]})
                used_orgs.add(id(o))
    orgs = [e for e in ex.entities if e.label == "org" and id(e) in used_orgs]
    region_org = next((o for o in orgs if o.org_kind == "region" and o.name == region), None)
    org_out = []
    for o in sorted(orgs, key=lambda e: e.first):
        part_of = None
        if o.org_kind in ("hospital", "staff-unit") and region_org is not None:
            part_of = region_org.name
        ev = None
        for s in ex.seats:
            if s["_org"] is o or s["_appointed"] is o:
                ev = s["evidence"]
                break
        if ev is None:
            for m in o.mentions:
                ev = ex.sent_ev(m.sent)
                break
        if ev is None:
            for r in rels:
                if o.name in (r["source"], r["target"]):
                    ev = r["evidence"]
                    break
        if "kommunekontaktråd" in o.key and not any(a.startswith("KKR") for a in o.aliases):
            o.add_alias("KKR")  # the genre's abbreviation
        org_out.append({"name": o.name, "kind": o.org_kind or "other", "part_of": part_of,
                        "aliases": [a for a in o.aliases if _norm(a) != _norm(o.name)],
                        "evidence": ev})
    body_out = []
    for e in bodies:
        vf, vt = valid_main if e is ex.main else (None, None)
        body_out.append({
            "name": e.name,
            "aliases": [a for a in e.aliases if _norm(a) != _norm(e.name)],
            "kind": e.kind if e.kind in ("udvalg", "styregruppe", "forum", "temagruppe", "arbejdsgruppe",
                                         "klynge", "råd", "formandskab", "sekretariat", "bestyrelse") else "other",
            "level": e.level,
            "region": region,
            "valid_from": vf,
            "valid_to": vt,
            "meetings_per_year": e.meetings,
            "chair": e.chair,
            "decision_rule": e.decision_rule,
            "evidence": ex.body_evidence(e),
        })
    seat_out = []
    for s in ex.seats:
        if s["_body"] is None or s["_body"] not in ex.entities or s["_body"].label != "body":
            continue
        seat_out.append({
            "body": s["_body"].name, "count": s["count"], "count_max": s["count_max"], "per": s["per"],
            "title": s["title"], "organisation": s["_org"].name if s["_org"] is not None else None,
            "appointed_by": s["_appointed"].name if s["_appointed"] is not None else None,
            "role": s["role"], "evidence": s["evidence"],
        })
        if s["count"] is None and s["count_max"] is None and s["role"] == "member":
            review.append(f"seat {s['title']!r} in {s['_body'].name!r}: the text gives no number")
        if s.get("_person"):
            review.append(f"seat {s['title']!r} in {s['_body'].name!r}: grouped from a list of named persons ({s['count']})")
    if fmt != "txt" or (encoding and not encoding.startswith("utf-8")):
        review.append(f"the source is {fmt}{' in ' + encoding if encoding else ''}: the loader reads it the "
                      "same way to check the evidence; keep the file where document.file points")
    if ex.main is None:
        review.append("no body is named in the title: check which body the document sets up")
    annotation = {
        "document": {
            "id": _doc_id(region, date, title),
            "title": title,
            "date": date,
            "region": region,
            "kind": kind,
            "file": _file_ref(path),
            "sha256": sha,
        },
        "organisations": org_out,
        "bodies": body_out,
        "seats": seat_out,
        "relations": rels,
    }
    return Draft(annotation=annotation, review=review)


def extract(source: "SourceText | str", *, known: list[dict] | None = None) -> Draft:
    """Draft an annotation from a source text (a SourceText from read_text, or a str)."""
    if isinstance(source, SourceText):
        text, path, sha = source.text, source.path, source.sha256
        if sha is None and path is not None and Path(path).is_file():
            sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        fmt, enc = source.format, source.encoding
    else:
        text, path, sha, fmt, enc = str(source), None, None, "txt", None
    return _run(text, path=path, sha=sha, fmt=fmt, encoding=enc, known=known)
