"""Synthetic annotation files at a chosen scale: regions × kommuner × years.

Writes annotation files in the ANNOTATION.md format (YAML), exactly what the loader
accepts, with one source text per document under OUT/documents/ whose lines contain
every evidence string verbatim (and the sha256 of that file in the annotation):

    OUT/annotations/<document id>.yaml
    OUT/documents/<document id>.txt

What a run holds, per region and year 2007–2026 (the five regions and 98 kommuner of the
2007 reform, with the kommuner of each klynge), and for 2027 the four new regions:

- a yearly notat on the organisation of the region's sundhedsaftale: the political level
  (Sundhedskoordinationsudvalg until 30 Jun 2022, then Sundhedssamarbejdsudvalg, which
  SUCCEEDS it), Kontaktudvalg, Sundhedsstyregruppe with its Formandskab and Fælles
  sekretariat, the temagrupper of the sundhedsaftale generation (themes carried on,
  dropped or renamed: a renamed temagruppe SUCCEEDS the old one) with their arbejdsgrupper
  (one set per generation, each SUCCEEDS its predecessor), and the klynger (from 1 Jul 2022
  the kind "Sundhedsklynge" with its named instances);
- a kommissorium per klynge every other year of a generation: the klynge's member list
  (one seat per kommune, named), its kommuner (PART_OF), its arbejdsgrupper and the
  kommunale lægelige udvalg (KLU) of its kommuner; from 1 Jul 2022 the sundhedsklynge with
  its political and fagligt strategisk levels (PART_OF), the latter composed as the law and
  the syddanske kommissorium say (a few deliberate deviations for the audits to find), and
  Sundhedsklynge X SUCCEEDS Klynge X;
- in 2027 a notat per new region (Nordjylland, Midtjylland, Syddanmark, Østdanmark) with its
  sundhedsråd (each SUCCEEDS the sundhedsklynge(r) of its area) and a direktørforum that
  SUCCEEDS the regions' Sundhedsstyregruppe(r), and a kommissorium per sundhedsråd.

Scales: small (one region, two klynger, 2020–2027: both reforms once), national (5 regions,
98 kommuner, 21 klynger, 2007–2027), 10x (the national structure ten times over, with
numbered copies of every region and kommune: a stress size, not a real country).

Deterministic: the same --seed gives byte-identical files (every random choice comes from
a random.Random seeded with the seed and the document it is for).

    python benchmarks/synthetic.py --scale national -o /tmp/national [--seed 1]
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from model import ids  # noqa: E402  (uids for cross-region references, as the format allows)

try:  # libyaml when present (fast); the pure-Python dumper writes the same text otherwise
    _DUMPER = yaml.CSafeDumper
except AttributeError:  # pragma: no cover
    _DUMPER = yaml.SafeDumper

SCALES = ("small", "national", "10x")

# --------------------------------------------------------------------------- geography

# The five regions of 2007, their klynger (around the akutsygehuse) and the klynger's
# kommuner (Syddanmark's as in shared/DOMAIN.md; the others a plausible partition).
REGIONS: dict[str, dict[str, list[str]]] = {
    "Nordjylland": {
        "Aalborg": ["Aalborg", "Rebild", "Jammerbugt", "Mariagerfjord", "Vesthimmerlands"],
        "Hjørring": ["Hjørring", "Frederikshavn", "Brønderslev", "Læsø"],
        "Thisted": ["Thisted", "Morsø"],
    },
    "Midtjylland": {
        "Horsens": ["Horsens", "Hedensted", "Odder", "Skanderborg"],
        "Midt": ["Viborg", "Silkeborg", "Skive"],
        "Randers": ["Randers", "Favrskov", "Norddjurs", "Syddjurs"],
        "Gødstrup": ["Herning", "Holstebro", "Ikast-Brande", "Lemvig", "Ringkøbing-Skjern", "Struer"],
        "Aarhus": ["Aarhus", "Samsø"],
    },
    "Syddanmark": {
        "Sønderjylland": ["Haderslev", "Aabenraa", "Sønderborg", "Tønder"],
        "Fyn": ["Odense", "Assens", "Faaborg-Midtfyn", "Kerteminde", "Nyborg", "Svendborg",
                "Nordfyns", "Langeland", "Ærø"],
        "Sydvestjylland": ["Billund", "Esbjerg", "Fanø", "Varde", "Vejen"],
        "Lillebælt": ["Fredericia", "Kolding", "Middelfart", "Vejle"],
    },
    "Sjælland": {
        "Køge": ["Køge", "Greve", "Solrød", "Stevns", "Faxe", "Roskilde", "Lejre"],
        "Holbæk": ["Holbæk", "Kalundborg", "Odsherred"],
        "Slagelse": ["Slagelse", "Sorø", "Ringsted", "Næstved"],
        "Nykøbing F.": ["Guldborgsund", "Lolland", "Vordingborg"],
    },
    "Hovedstaden": {
        "Herlev-Gentofte": ["Herlev", "Gentofte", "Gladsaxe", "Lyngby-Taarbæk", "Rudersdal", "Furesø",
                            "Ballerup", "Egedal"],
        "Amager-Hvidovre": ["Hvidovre", "Tårnby", "Dragør", "Brøndby", "Rødovre", "Albertslund",
                            "Glostrup", "Ishøj", "Vallensbæk", "Høje-Taastrup"],
        "Bispebjerg-Frederiksberg": ["Københavns", "Frederiksberg"],
        "Nordsjælland": ["Hillerød", "Helsingør", "Fredensborg", "Allerød", "Hørsholm", "Gribskov",
                         "Halsnæs", "Frederikssund"],
        "Bornholm": ["Bornholms"],
    },
}
HOSPITALS = {
    "Aalborg": "Aalborg Universitetshospital", "Hjørring": "Regionshospital Nordjylland",
    "Thisted": "Sygehus Thy-Mors", "Horsens": "Regionshospitalet Horsens",
    "Midt": "Regionshospital Midt", "Randers": "Regionshospitalet Randers",
    "Gødstrup": "Regionshospitalet Gødstrup", "Aarhus": "Aarhus Universitetshospital",
    "Sønderjylland": "Sygehus Sønderjylland", "Fyn": "Odense Universitetshospital",
    "Sydvestjylland": "Sydvestjysk Sygehus", "Lillebælt": "Sygehus Lillebælt",
    "Køge": "Sjællands Universitetshospital", "Holbæk": "Holbæk Sygehus",
    "Slagelse": "Slagelse Sygehus", "Nykøbing F.": "Nykøbing F. Sygehus",
    "Herlev-Gentofte": "Herlev og Gentofte Hospital", "Amager-Hvidovre": "Amager og Hvidovre Hospital",
    "Bispebjerg-Frederiksberg": "Bispebjerg og Frederiksberg Hospital",
    "Nordsjælland": "Nordsjællands Hospital", "Bornholm": "Bornholms Hospital",
}
# A klynge's name before 1 Jul 2022 when it differs ("Gødstrup (earlier called Vest)").
OLD_KLYNGE_NAMES = {"Gødstrup": ("Vest", 2021)}  # called Vest until the 2021 notat renames it
# 2027: four regions, 17 sundhedsråd, each taking over one or more sundhedsklynger.
NEW_REGIONS = {
    "Nordjylland": (["Nordjylland"], {"Aalborg": ["Aalborg", "Thisted"], "Vendsyssel": ["Hjørring"]}),
    "Midtjylland": (["Midtjylland"], {"Østjylland": ["Aarhus"], "Sydøstjylland": ["Horsens"],
                                      "Midt": ["Midt", "Randers"], "Vestjylland": ["Gødstrup"]}),
    "Syddanmark": (["Syddanmark"], {"Sønderjylland": ["Sønderjylland"], "Fyn": ["Fyn"],
                                    "Sydvestjylland": ["Sydvestjylland"], "Lillebælt": ["Lillebælt"]}),
    "Østdanmark": (["Sjælland", "Hovedstaden"], {
        "Køge": ["Køge"], "Holbæk": ["Holbæk"], "Sydsjælland": ["Slagelse", "Nykøbing F."],
        "Herlev-Gentofte": ["Herlev-Gentofte"], "Amager-Hvidovre": ["Amager-Hvidovre"],
        "Byen": ["Bispebjerg-Frederiksberg", "Bornholm"], "Nordsjælland": ["Nordsjælland"]}),
}

# Sundhedsaftale generations: (label, first year, last year of documents, last day).
GENERATIONS = [
    ("2007–2010", 2007, 2010, "2010-12-31"),
    ("2011–2014", 2011, 2014, "2014-12-31"),
    ("2015–2018", 2015, 2018, "2019-06-30"),
    ("2019–2023", 2019, 2021, "2022-06-30"),
    ("2022–2026", 2022, 2026, "2026-12-31"),
]
REFORM_YEAR = 2022  # SSU and sundhedsklynger from 1 Jul 2022
SUNDHEDSRAAD_YEAR = 2027

# Temagrupper: (theme, the theme it renames or None, first generation, last generation).
THEMES = [
    ("Forebyggelse og sundhedsfremme", None, 0, 2),
    ("Sundhedsfremme og forebyggelse", "Forebyggelse og sundhedsfremme", 3, 4),
    ("Genoptræning og hjælpemidler", None, 0, 0),
    ("Genoptræning og rehabilitering", "Genoptræning og hjælpemidler", 1, 4),
    ("Indlæggelse og udskrivning", None, 0, 1),
    ("Sammenhængende patientforløb", "Indlæggelse og udskrivning", 2, 4),
    ("Psykiatri", None, 0, 2),
    ("Psykiatri-voksen", "Psykiatri", 3, 4),
    ("Psykiatri-børn og unge", None, 3, 4),
    ("Behandlings- og plejeopgaver", None, 0, 3),
    ("Kronisk sygdom", None, 0, 2),
    ("Mennesker med kroniske sygdomme", "Kronisk sygdom", 3, 4),
    ("Sundheds-it og digitale arbejdsgange", None, 1, 4),
    ("Børn og unge", None, 2, 4),
    ("Ældre medicinske patienter", None, 2, 4),
    ("Uddannelse og kompetenceudvikling", None, 3, 3),
    ("Ulighed i sundhed", None, 4, 4),
]
TOPICS = ["udskrivningsaftaler", "medicinhåndtering", "genoptræningsplaner", "forløbsprogrammer",
          "akutfunktioner", "telemedicin", "svangreomsorg", "rusmiddelbehandling", "faldforebyggelse",
          "palliation", "demens", "diabetes", "KOL", "hjertesygdom", "kræftrehabilitering",
          "overgange mellem sektorer", "data og opfølgning", "rekruttering", "sundhedsplatformen",
          "hjemmebehandling", "børn med kronisk sygdom", "mental sundhed", "tobaksforebyggelse",
          "ernæring", "sårbare gravide", "lighed i adgang", "infektionshygiejne", "vaccination"]

NUM = {1: "En", 2: "To", 3: "Tre", 4: "Fire", 5: "Fem", 6: "Seks", 7: "Syv", 8: "Otte", 9: "Ni", 10: "Ti"}


@dataclass(frozen=True)
class Scale:
    regions: tuple[str, ...]
    years: tuple[int, int]
    klynger_per_region: int | None = None  # None = all
    copies: int = 1
    themes_cap: int | None = None
    arbejdsgrupper_per_tema: tuple[int, int] = (3, 5)
    arbejdsgrupper_per_klynge: tuple[int, int] = (6, 9)
    klynge_doc_every: int = 2  # a klynge kommissorium every N years of a generation


SCALE_SPECS = {
    "small": Scale(regions=("Midtjylland",), years=(2020, 2027), klynger_per_region=2, themes_cap=4,
                   arbejdsgrupper_per_tema=(1, 2), arbejdsgrupper_per_klynge=(2, 3)),
    "national": Scale(regions=tuple(REGIONS), years=(2007, 2027)),
    "10x": Scale(regions=tuple(REGIONS), years=(2007, 2027), copies=10),
}


def _slug(text: str) -> str:
    t = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def _n(count: int) -> str:
    return NUM.get(count, str(count))


def generation_of(year: int) -> int:
    for i, (_, first, last, _) in enumerate(GENERATIONS):
        if first <= year <= last:
            return i
    raise ValueError(year)


# --------------------------------------------------------------------------- one document


@dataclass
class Doc:
    uid: str
    title: str
    date: str
    region: str | None
    kind: str
    lines: list[str] = field(default_factory=list)
    orgs: dict[str, dict] = field(default_factory=dict)
    bodies: dict[str, dict] = field(default_factory=dict)
    seats: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    _said: set = field(default_factory=set)
    _rels: set = field(default_factory=set)

    def say(self, sentence: str, prefix: str = "") -> str:
        """Put a sentence in the source text (once) and return it as evidence."""
        if sentence not in self._said:
            self._said.add(sentence)
            self.lines.append(prefix + sentence)
        return sentence

    def heading(self, text: str) -> None:
        self.lines.append("")
        self.lines.append(text)

    def org(self, name: str, kind: str, *, part_of: str | None = None, aliases=()) -> str:
        if name not in self.orgs:
            self.orgs[name] = {"name": name, "kind": kind, "part_of": part_of, "aliases": list(aliases),
                               "evidence": self.say(f"{name} er part i samarbejdet.")}
        return name

    def body(self, name: str, kind: str, level: str | None, evidence: str, *, aliases=(),
             valid_from: str | None = None, valid_to: str | None = None, meetings=None,
             chair: str | None = None, decision_rule: str | None = None,
             decision_competence: str | None = None, region: str | None = "doc") -> str:
        if name in self.bodies:
            return name
        entry = {"name": name, "aliases": list(aliases), "kind": kind, "level": level,
                 "valid_from": valid_from, "valid_to": valid_to,
                 "meetings_per_year": ({"min": meetings[0], "max": meetings[1]} if meetings else None),
                 "chair": chair, "decision_rule": decision_rule, "evidence": self.say(evidence)}
        if region != "doc":
            entry["region"] = region
        if decision_competence:
            entry["decision_competence"] = self.say(decision_competence)
        self.bodies[name] = entry
        return name

    def seat(self, body: str, count: int | None, title: str | None, evidence: str, *,
             organisation: str | None = None, appointed_by: str | None = None, role: str = "member",
             per: str | None = None, count_max: int | None = None) -> None:
        self.seats.append({"body": body, "count": count, "count_max": count_max, "per": per,
                           "title": title, "organisation": organisation, "appointed_by": appointed_by,
                           "role": role, "evidence": self.say(evidence, "- ")})

    def rel(self, source: str, rtype: str, target: str, evidence: str) -> None:
        key = (source, rtype, target)
        if key in self._rels:
            return
        self._rels.add(key)
        self.relations.append({"source": source, "type": rtype, "target": target,
                               "evidence": self.say(evidence)})

    def write(self, out: Path) -> dict:
        text = f"{self.title}\n{self.date}\n" + "\n".join(self.lines) + "\n"
        raw = text.encode("utf-8")
        doc_path = out / "documents" / f"{self.uid}.txt"
        doc_path.write_bytes(raw)
        data = {
            "document": {"id": self.uid, "title": self.title, "date": self.date, "region": self.region,
                         "kind": self.kind, "file": f"documents/{self.uid}.txt",
                         "sha256": hashlib.sha256(raw).hexdigest()},
            "organisations": list(self.orgs.values()),
            "bodies": list(self.bodies.values()),
            "seats": self.seats,
            "relations": self.relations,
        }
        header = (f"# Synthetic annotation (benchmarks/synthetic.py) of documents/{self.uid}.txt.\n"
                  "# Generated data for load and query benchmarks: not a real document.\n")
        body = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=4096,
                         default_flow_style=False)
        (out / "annotations" / f"{self.uid}.yaml").write_text(header + body, encoding="utf-8")
        return {"bodies": len(self.bodies), "seats": len(self.seats), "relations": len(self.relations),
                "organisations": len(self.orgs),
                "succeeds": sum(r["type"] == "SUCCEEDS" for r in self.relations),
                "part_of_orgs": sum(1 for o in self.orgs.values() if o["part_of"]),
                "bytes": len(raw)}


# --------------------------------------------------------------------------- the country


@dataclass
class Region:
    key: str  # "Midtjylland" (+ " 2" for copies)
    name: str  # "Region Midtjylland"
    klynger: dict[str, list[str]]  # klynge key → kommune names ("Horsens Kommune")
    hospitals: dict[str, str]
    copy: int

    @property
    def kommuner(self) -> list[str]:
        return [k for ks in self.klynger.values() for k in ks]

    @property
    def plo(self) -> str:
        return f"PLO-{self.key}"

    @property
    def kkr(self) -> str:
        return f"KKR {self.key}"

    @property
    def piu(self) -> str:
        return f"Patientinddragelsesudvalget i {self.name}"

    @property
    def psykiatri(self) -> str:
        return f"Psykiatrien i {self.name}"

    @property
    def slug(self) -> str:
        return _slug(self.key)


def _suffix(copy: int) -> str:
    return "" if copy == 1 else f" {copy}"


def build_country(scale: Scale) -> list[Region]:
    out = []
    for copy in range(1, scale.copies + 1):
        sfx = _suffix(copy)
        for key in scale.regions:
            klynger = dict(list(REGIONS[key].items())[: scale.klynger_per_region])
            out.append(Region(
                key=key + sfx, name=f"Region {key}{sfx}",
                klynger={k + sfx: [_kommune(m, sfx) for m in ms] for k, ms in klynger.items()},
                hospitals={k + sfx: HOSPITALS[k] + sfx for k in klynger}, copy=copy))
    return out


def _kommune(name: str, sfx: str) -> str:
    if name == "Bornholms":
        return f"Bornholms{sfx} Regionskommune"
    return f"{name}{sfx} Kommune"


def _base(key: str, copy: int) -> str:
    sfx = _suffix(copy)
    return key[: -len(sfx)] if sfx and key.endswith(sfx) else key


def klynge_name(region: Region, klynge: str, year: int) -> str:
    """The klynge body's name in a year: "Klynge Horsens", from the reform "Sundhedsklynge Horsens"."""
    if year >= REFORM_YEAR:
        return f"Sundhedsklynge {klynge}"
    base = _base(klynge, region.copy)
    old = OLD_KLYNGE_NAMES.get(base)
    if old and year < old[1]:
        return f"Klynge {old[0]}{_suffix(region.copy)}"
    return f"Klynge {klynge}"


def doc_date(rng: random.Random, year: int, *, after_month: int | None = None, fuzzy_ok: bool = True) -> str:
    """A document date in the year: region notater in Jan–May (Jul–Sep in 2019 and 2022, when the
    new structure is in force from 1 Jul); a klynge's kommissorium a few months after its notat."""
    if after_month is not None:
        lo, hi = after_month + 1, min(after_month + 3, 12)
    elif year in (2019, REFORM_YEAR):
        lo, hi = 7, 9
    else:
        lo, hi = 1, 5
    month = rng.randint(lo, hi)
    if fuzzy_ok and rng.random() < 0.1:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def themes_for(gen: int, rng: random.Random, cap: int | None) -> list[tuple[str, str | None]]:
    live = [(t, prev) for t, prev, first, last in THEMES if first <= gen <= last]
    return live[:cap] if cap else live


def arbejdsgruppe_name(topic: str, where: str, gen: int) -> str:
    return f"Arbejdsgruppe om {topic} under {where} ({GENERATIONS[gen][0]})"


class Generator:
    def __init__(self, scale: Scale, seed: int):
        self.scale = scale
        self.seed = seed
        self.country = build_country(scale)
        self.years = list(range(scale.years[0], min(scale.years[1], SUNDHEDSRAAD_YEAR - 1) + 1))
        self.made: set[tuple[str | None, str]] = set()  # (region, body name) declared so far

    def succeeds(self, d: Doc, new: str, old: str, evidence: str, *, made_as: tuple | None = None) -> None:
        """new SUCCEEDS old, when old was declared (in this document or an earlier one of the run)."""
        if old in d.bodies or (made_as or (d.region, old)) in self.made:
            d.rel(new, "SUCCEEDS", old, evidence)

    def rng(self, *parts) -> random.Random:
        return random.Random(":".join(str(p) for p in (self.seed, *parts)))

    # ------------------------------------------------------------ shared organisations

    def region_orgs(self, d: Doc, r: Region, *, kommuner_part_of: bool) -> None:
        d.org(r.name, "region", aliases=["regionen"])
        d.org("Praktiserende Lægers Organisation", "interest-organisation")
        d.org(r.plo, "interest-organisation", part_of="Praktiserende Lægers Organisation", aliases=["PLO"])
        d.org(r.kkr, "other", aliases=["KKR"])
        d.org(r.piu, "patient-organisation", part_of=r.name, aliases=["Patientinddragelsesudvalget"])
        d.org(r.psykiatri, "hospital", part_of=r.name)
        for k, hosp in r.hospitals.items():
            d.org(hosp, "hospital", part_of=r.name)
        for m in r.kommuner:
            d.org(m, "kommune", part_of=r.name if kommuner_part_of else None)

    # ------------------------------------------------------------ yearly region notat

    def themes(self, r: Region, gen: int) -> list[tuple[str, str | None]]:
        rng = self.rng("themes", r.key, gen)
        live = themes_for(gen, rng, self.scale.themes_cap)
        # each region drops one of the optional themes in some generations
        if len(live) > 4 and rng.random() < 0.5:
            drop = rng.choice([t for t, prev in live if prev is None])
            live = [x for x in live if x[0] != drop]
        return live

    def arbejdsgrupper(self, r: Region, where: str, gen: int, span: tuple[int, int]) -> list[str]:
        rng = self.rng("ag", r.key, where, gen)
        return rng.sample(TOPICS, rng.randint(*span))

    def region_doc(self, r: Region, year: int) -> Doc:
        rng = self.rng("region", r.key, year)
        gen = generation_of(year)
        label, _, last_doc_year, gen_end = GENERATIONS[gen]
        after = year >= REFORM_YEAR
        d = Doc(uid=f"syn-{r.slug}-{year}-organisering", kind="notat", region=r.name,
                title=f"Notat om organiseringen af sundhedssamarbejdet i {r.name} {year}",
                date=doc_date(rng, year))
        d.heading("1. Parter")
        self.region_orgs(d, r, kommuner_part_of=True)
        biggest = max(r.kommuner, key=lambda m: (len(m), m))
        last_year = year == self.years[-1] and year == SUNDHEDSRAAD_YEAR - 1
        end_2026 = "2026-12-31" if last_year else None

        d.heading("2. Den politiske organisering")
        pol = "Sundhedssamarbejdsudvalg" if after else "Sundhedskoordinationsudvalg"
        pol_alias = ["Sundhedssamarbejdsudvalget", "SSU"] if after else ["Sundhedskoordinationsudvalget", "SKU"]
        d.body(pol, "udvalg", "political",
               f"{pol}et er det politiske samarbejdsorgan mellem {r.name} og kommunerne i regionen.",
               aliases=pol_alias, meetings=(4, 4), valid_from="2022-07-01" if year == REFORM_YEAR else None,
               chair="Formandskabet varetages af regionsrådsformanden med en borgmester som næstformand")
        d.seat(pol, 4, "regionsrådsmedlem", f"Fire medlemmer udpeget af regionsrådet i {r.name}",
               organisation=r.name)
        d.seat(pol, 4, "kommunalbestyrelsesmedlem", f"Fire medlemmer fra kommunerne udpeget af {r.kkr}",
               organisation=r.kkr, appointed_by=r.kkr)
        d.seat(pol, 1, "praktiserende læge", f"En praktiserende læge udpeget af {r.plo}",
               organisation=r.plo, appointed_by=r.plo)
        if after:
            d.seat(pol, 2, "patientrepræsentant",
                   f"To repræsentanter for patienter og pårørende udpeget af {r.piu}", appointed_by=r.piu)
        if year == REFORM_YEAR:
            self.succeeds(d, pol, "Sundhedskoordinationsudvalg",
                  "Sundhedssamarbejdsudvalget afløser Sundhedskoordinationsudvalget fra 1. juli 2022.")
        d.body("Kontaktudvalg", "udvalg", "political",
               f"Kontaktudvalget er det politiske forum for {r.name} og kommunernes borgmestre.",
               aliases=["Kontaktudvalget"], meetings=(2, 3) if rng.random() < 0.7 else None)
        d.seat("Kontaktudvalg", 1, "regionsrådsformand", f"Regionsrådsformanden for {r.name}",
               organisation=r.name, role="chair")
        d.seat("Kontaktudvalg", 1, "borgmester", "En borgmester fra hver kommune i regionen",
               organisation=r.kkr, per="kommune")
        d.rel("Kontaktudvalg", "COORDINATES_WITH", pol, f"Kontaktudvalget koordinerer med {pol}et.")

        d.heading("3. Den administrative organisering")
        sg = "Sundhedsstyregruppe"
        d.body(sg, "styregruppe", "administrative",
               f"Sundhedsstyregruppen er den administrative styregruppe for sundhedsaftalen {label} i {r.name}.",
               aliases=["Sundhedsstyregruppen"], meetings=(rng.choice([4, 5, 6]), 6), valid_to=end_2026,
               chair="delt formandskab mellem regionen og kommunerne",
               decision_competence=f"Sundhedsstyregruppen kan træffe beslutning om udmøntningen af "
                                   f"sundhedsaftalen i {r.name}.")
        d.seat(sg, 1, "koncerndirektør (medformand)", f"En koncerndirektør fra {r.name} (medformand)",
               organisation=r.name, role="co-chair")
        d.seat(sg, 1, "kommunaldirektør (medformand)", f"En kommunaldirektør fra {biggest} (medformand)",
               organisation=biggest, role="co-chair")
        for k, hosp in r.hospitals.items():
            d.seat(sg, 1, "hospitalsdirektør", f"En hospitalsdirektør fra {hosp}", organisation=hosp)
        d.seat(sg, 1, "direktør for psykiatrien", f"En direktør fra {r.psykiatri}", organisation=r.psykiatri)
        for k, ms in r.klynger.items():
            m = ms[(year + len(k)) % len(ms)]
            d.seat(sg, 1, "kommunal direktør", f"En kommunal direktør fra {m} for klyngen {k}", organisation=m)
        d.seat(sg, 1, "formand for PLO", f"Formanden for {r.plo}", organisation=r.plo)
        if year >= 2015 and rng.random() < 0.85:
            d.seat(sg, 2, "patientrepræsentant", f"To patientrepræsentanter udpeget af {r.piu}",
                   appointed_by=r.piu)
        if rng.random() < 0.6:
            d.seat(sg, 1, "sekretariatschef", f"En sekretariatschef fra {r.name} (sekretær)",
                   organisation=r.name, role="secretary")
        d.rel(sg, "PREPARES_CASES_FOR", pol, f"Sundhedsstyregruppen forbereder sager til {pol}et.")
        d.rel(sg, "REPORTS_TO", pol, f"Sundhedsstyregruppen refererer til {pol}et.")

        d.body("Formandskab for Sundhedsstyregruppen", "formandskab", "administrative",
               "Formandskabet for Sundhedsstyregruppen består af de to medformænd.",
               aliases=["Formandskabet"], valid_to=end_2026)
        d.seat("Formandskab for Sundhedsstyregruppen", 1, "koncerndirektør",
               f"Koncerndirektøren fra {r.name} er medformand", organisation=r.name, role="co-chair")
        d.seat("Formandskab for Sundhedsstyregruppen", 1, "kommunaldirektør",
               f"Kommunaldirektøren fra {biggest} er medformand", organisation=biggest, role="co-chair")
        d.rel("Formandskab for Sundhedsstyregruppen", "PART_OF", sg,
              "Formandskabet er en del af Sundhedsstyregruppen.")
        d.body("Fælles sekretariat", "sekretariat", "administrative",
               f"Det fælles sekretariat betjener sundhedssamarbejdet i {r.name}.",
               aliases=["Fælles sekretariat for sundhedsaftalen", "sekretariatet"], valid_to=end_2026)
        d.seat("Fælles sekretariat", None, "medarbejder",
               f"Medarbejdere fra {r.name} og {r.kkr}s sekretariat", organisation=r.name)
        for target in (sg, pol):
            d.rel("Fælles sekretariat", "SECRETARIAT_FOR", target,
                  f"Sekretariatsfunktionen for {target} varetages af Fælles sekretariat.")

        d.heading("4. Temagrupper og arbejdsgrupper")
        themes = self.themes(r, gen)
        next_themes = {t for t, _ in self.themes(r, gen + 1)} if gen + 1 < len(GENERATIONS) else set()
        prev_themes = {t for t, _ in self.themes(r, gen - 1)} if gen > 0 else set()
        for theme, renamed in themes:
            tg = f"Temagruppe {theme}"
            continues = theme in next_themes or any(prev == theme for t, prev, *_ in THEMES
                                                    if t in next_themes)
            to = None
            if year == GENERATIONS[gen][2] and not continues and gen + 1 < len(GENERATIONS):
                to = gen_end  # dropped at the end of the generation
            if last_year:
                to = "2026-12-31"
            d.body(tg, "temagruppe", "implementation",
                   f"{tg} er nedsat under Sundhedsstyregruppen for aftaleperioden {label}.",
                   meetings=(4, 4) if rng.random() < 0.8 else None, valid_to=to,
                   chair=("delt formandskab mellem region og kommune" if rng.random() < 0.7 else None))
            d.rel(tg, "SUBGROUP_OF", sg, f"{tg} er nedsat under Sundhedsstyregruppen.")
            d.rel(tg, "REPORTS_TO", sg, f"{tg} refererer til Sundhedsstyregruppen.")
            if renamed and renamed in prev_themes and year == GENERATIONS[gen][1]:
                old = f"Temagruppe {renamed}"
                self.succeeds(d, tg, old, f"{tg} afløser {old}.")
            d.seat(tg, 2, "repræsentant for hospitalerne", f"To repræsentanter fra {r.name} for {tg}",
                   organisation=r.name)
            for k, ms in r.klynger.items():
                m = ms[(year + len(theme)) % len(ms)]
                d.seat(tg, 1, "kommunal repræsentant", f"En repræsentant fra {m} for klyngen {k} i {tg}",
                       organisation=m)
            if rng.random() < 0.9:
                d.seat(tg, 1, "praktiserende læge", f"En praktiserende læge udpeget af {r.plo} til {tg}",
                       organisation=r.plo, appointed_by=r.plo)
            if year >= 2015 and rng.random() < 0.7:
                d.seat(tg, 1, "patientrepræsentant", f"En patientrepræsentant udpeget af {r.piu} til {tg}",
                       appointed_by=r.piu)
            # arbejdsgrupper of this generation (each SUCCEEDS the one of the previous generation)
            topics = self.arbejdsgrupper(r, tg, gen, self.scale.arbejdsgrupper_per_tema)
            prev_topics = (set(self.arbejdsgrupper(r, tg, gen - 1, self.scale.arbejdsgrupper_per_tema))
                           if gen > 0 and theme in prev_themes else set())
            for topic in topics:
                ag = arbejdsgruppe_name(topic, tg, gen)
                ag_to = "2026-12-31" if last_year else gen_end
                d.body(ag, "arbejdsgruppe", "implementation",
                       f"{ag} er nedsat af {tg} og løber til {ag_to}.", valid_to=ag_to,
                       decision_rule="konsensus" if rng.random() < 0.15 else None,
                       meetings=(rng.randint(2, 4), 6) if rng.random() < 0.5 else None)
                d.rel(ag, "SUBGROUP_OF", tg, f"{ag} er nedsat under {tg}.")
                if topic in prev_topics and year == GENERATIONS[gen][1]:
                    old = arbejdsgruppe_name(topic, tg, gen - 1)
                    self.succeeds(d, ag, old, f"{ag} viderefører {old}.")
                d.seat(ag, rng.randint(1, 2), "fagperson", f"Fagpersoner fra {r.name} i {ag}",
                       organisation=r.name)
                for m in rng.sample(r.kommuner, min(len(r.kommuner), rng.randint(2, 3))):
                    d.seat(ag, 1, "fagperson", f"En fagperson fra {m} i {ag}", organisation=m)
                if rng.random() < 0.4:
                    d.seat(ag, 1, "praktiserende læge", f"En praktiserende læge udpeget af {r.plo} til {ag}",
                           organisation=r.plo, appointed_by=r.plo)

        d.heading("5. Klynger")
        if after:
            d.body("Sundhedsklynge", "klynge", None,
                   f"Sundhedsklyngerne i {r.name} er etableret efter sundhedsloven § 203.",
                   aliases=["sundhedsklynger", "Sundhedsklyngerne"])
            d.rel("Sundhedsklynge", "REPORTS_TO", pol, f"Sundhedsklyngerne refererer til {pol}et.")
        for k in r.klynger:
            kn = klynge_name(r, k, year)
            d.body(kn, "klynge", None if after else "local",
                   f"{kn} samler kommunerne omkring {r.hospitals[k]}.",
                   valid_from="2022-07-01" if year == REFORM_YEAR else None)
            if after:
                d.rel(kn, "SUBGROUP_OF", "Sundhedsklynge", f"{kn} er en af sundhedsklyngerne i {r.name}.")
            else:
                d.rel(kn, "REPORTS_TO", sg, f"{kn} refererer til Sundhedsstyregruppen.")
                base = _base(k, r.copy)
                old = OLD_KLYNGE_NAMES.get(base)
                if old and year == old[1]:
                    prev = f"Klynge {old[0]}{_suffix(r.copy)}"
                    self.succeeds(d, kn, prev, f"{kn} afløser {prev} (nyt navn efter hospitalet).")
        return d

    # ------------------------------------------------------------ klynge kommissorium

    def klynge_doc(self, r: Region, k: str, year: int, region_date: str) -> Doc:
        rng = self.rng("klynge", r.key, k, year)
        gen = generation_of(year)
        label, _, _, gen_end = GENERATIONS[gen]
        after = year >= REFORM_YEAR
        kn = klynge_name(r, k, year)
        month = int(region_date[5:7])
        d = Doc(uid=f"syn-{r.slug}-{_slug(k)}-{year}-kommissorium", kind="kommissorium", region=r.name,
                title=f"Kommissorium for {kn} {year}", date=doc_date(rng, year, after_month=month))
        kommuner = r.klynger[k]
        hosp = r.hospitals[k]
        d.heading("Parter")
        d.org(r.name, "region", aliases=["regionen"])
        d.org(r.plo, "interest-organisation", aliases=["PLO"])
        d.org(r.piu, "patient-organisation", aliases=["Patientinddragelsesudvalget"])
        d.org(r.psykiatri, "hospital")
        d.org(hosp, "hospital")
        for m in kommuner:
            d.org(m, "kommune")
        last_year = year == SUNDHEDSRAAD_YEAR - 1
        d.heading("Formål og organisering")
        d.body(kn, "klynge", None if after else "local",
               f"{kn} er et samarbejde mellem {hosp}, kommunerne og almen praksis i klyngens område.",
               meetings=(4, 6) if rng.random() < 0.8 else None,
               chair="delt formandskab mellem hospitalet og kommunerne" if rng.random() < 0.85 else None)
        for m in kommuner:
            d.rel(m, "PART_OF", kn, f"{m} er en del af {kn}.")
        d.rel(hosp, "SECRETARIAT_FOR", kn, f"Sekretariatsfunktionen for {kn} varetages af {hosp}.")
        if after:
            d.rel(kn, "SUBGROUP_OF", "Sundhedsklynge", f"{kn} er en af sundhedsklyngerne i {r.name}.")
            if year == REFORM_YEAR:
                old = klynge_name(r, k, REFORM_YEAR - 1)
                self.succeeds(d, kn, old, f"{kn} viderefører samarbejdet i {old}.")
            self._levels(d, r, k, kn, rng, year)
            parent_of_groups = f"Fagligt strategisk niveau i {kn}"
        else:
            d.rel(kn, "REPORTS_TO", "Sundhedsstyregruppe", f"{kn} refererer til Sundhedsstyregruppen.")
            d.seat(kn, 1, "hospitalsdirektør (medformand)", f"En hospitalsdirektør fra {hosp} (medformand)",
                   organisation=hosp, role="co-chair")
            d.seat(kn, 1, "kommunal direktør (medformand)", f"En direktør fra {kommuner[0]} (medformand)",
                   organisation=kommuner[0], role="co-chair")
            for m in kommuner[1:]:
                d.seat(kn, 1, "direktør for sundhed og omsorg", f"Direktøren for sundhed og omsorg i {m}",
                       organisation=m)
            d.seat(kn, 1, "praksiskonsulent", f"En praksiskonsulent udpeget af {r.plo} for {kn}",
                   organisation=r.plo, appointed_by=r.plo)
            if rng.random() < 0.7:
                d.seat(kn, 1, "repræsentant for psykiatrien", f"En repræsentant fra {r.psykiatri} i {kn}",
                       organisation=r.psykiatri)
            parent_of_groups = kn
        d.heading("Arbejdsgrupper")
        topics = self.arbejdsgrupper(r, kn, gen, self.scale.arbejdsgrupper_per_klynge)
        prev_name = klynge_name(r, k, GENERATIONS[gen - 1][2]) if gen > 0 else None
        prev_topics = (set(self.arbejdsgrupper(r, prev_name, gen - 1, self.scale.arbejdsgrupper_per_klynge))
                       if prev_name else set())
        first_doc = year == GENERATIONS[gen][1]
        for topic in topics:
            ag = arbejdsgruppe_name(topic, kn, gen)
            ag_to = "2026-12-31" if last_year else gen_end
            d.body(ag, "arbejdsgruppe", "implementation", f"{ag} er nedsat af {kn} og løber til {ag_to}.",
                   valid_to=ag_to, meetings=(2, 4) if rng.random() < 0.5 else None,
                   decision_rule="konsensus" if rng.random() < 0.1 else None)
            d.rel(ag, "SUBGROUP_OF", parent_of_groups, f"{ag} er nedsat under {parent_of_groups}.")
            if topic in prev_topics and first_doc:
                old = arbejdsgruppe_name(topic, prev_name, gen - 1)
                self.succeeds(d, ag, old, f"{ag} viderefører {old}.")
            d.seat(ag, 1, "fagperson", f"En fagperson fra {hosp} i {ag}", organisation=hosp)
            for m in rng.sample(kommuner, min(len(kommuner), 2)):
                d.seat(ag, 1, "fagperson", f"En fagperson fra {m} i {ag}", organisation=m)
            if rng.random() < 0.5:
                d.seat(ag, 1, "praktiserende læge", f"En praktiserende læge udpeget af {r.plo} til {ag}",
                       organisation=r.plo, appointed_by=r.plo)
        d.heading("Kommunale lægelige udvalg")
        for m in kommuner:
            self._klu(d, r, m, kn, rng)
        return d

    def _klu(self, d: Doc, r: Region, m: str, coordinates_with: str, rng: random.Random) -> None:
        town = m.replace(" Kommune", "").replace(" Regionskommune", "")
        klu = f"Kommunalt Lægeligt Udvalg {town}"
        d.body(klu, "udvalg", "local", f"{klu} er rådgivende over for {m} i samarbejdet med almen praksis.",
               aliases=[f"KLU {town}"], meetings=(4, 4) if rng.random() < 0.6 else None,
               chair=f"Formanden udpeges af {m}" if rng.random() < 0.8 else None)
        d.seat(klu, rng.randint(2, 3), "kommunal repræsentant", f"Repræsentanter fra {m} i {klu}",
               organisation=m)
        d.seat(klu, rng.randint(2, 3), "praktiserende læge", f"Praktiserende læger udpeget af {r.plo} i {klu}",
               organisation=r.plo, appointed_by=r.plo)
        d.rel(klu, "ADVISES", m, f"{klu} er rådgivende over for {m}.")
        d.rel(klu, "COORDINATES_WITH", coordinates_with, f"{klu} koordinerer med {coordinates_with}.")

    def _levels(self, d: Doc, r: Region, k: str, kn: str, rng: random.Random, year: int) -> None:
        hosp = r.hospitals[k]
        kommuner = r.klynger[k]
        pol = f"Politisk niveau i {kn}"
        fs = f"Fagligt strategisk niveau i {kn}"
        d.heading("Det politiske niveau")
        d.body(pol, "udvalg", "political", f"Det politiske niveau i {kn} består af borgmestre og regionsrådsmedlemmer.",
               meetings=(2, 4), chair="delt formandskab mellem en regionsrådspolitiker og en borgmester")
        d.rel(pol, "PART_OF", kn, f"Det politiske niveau er en del af {kn}.")
        d.rel(pol, "REPORTS_TO", "Sundhedssamarbejdsudvalg", f"Det politiske niveau i {kn} refererer til "
                                                             "Sundhedssamarbejdsudvalget.")
        for m in kommuner:
            d.seat(pol, 1, "borgmester", f"Borgmesteren i {m}", organisation=m)
        d.seat(pol, 3, "regionsrådsmedlem", f"Tre regionsrådsmedlemmer fra {r.name} i {kn}", organisation=r.name)
        d.seat(pol, 1, "praktiserende læge", f"En praktiserende læge udpeget af {r.plo} i {kn}s politiske niveau",
               organisation=r.plo, appointed_by=r.plo)
        d.heading("Det fagligt strategiske niveau")
        d.body(fs, "forum", "professional-strategic",
               f"Det fagligt strategiske niveau i {kn} forbereder sager til det politiske niveau.",
               meetings=(4, 6) if rng.random() < 0.85 else None,
               chair=("Formandskabet er delt mellem kommune og region" if rng.random() < 0.9 else None))
        d.rel(fs, "PART_OF", kn, f"Det fagligt strategiske niveau er en del af {kn}.")
        d.rel(fs, "PREPARES_CASES_FOR", pol, f"Det fagligt strategiske niveau forbereder sager til {pol}.")
        d.rel(hosp, "SECRETARIAT_FOR", fs, f"Sekretariatsfunktionen for {fs} varetages af {hosp}.")
        d.seat(fs, 1, "direktør, somatisk sygehus", f"En repræsentant fra det somatiske sygehus {hosp}",
               organisation=hosp)
        if rng.random() < 0.92:
            d.seat(fs, 1, "direktør, psykiatri", f"En repræsentant fra {r.psykiatri} (psykiatri)",
                   organisation=r.psykiatri)
        d.seat(fs, 1, "direktør, regionshuset", f"En repræsentant fra Regionshuset i {r.name}",
               organisation=r.name)
        skip = rng.choice(kommuner) if rng.random() < 0.08 and len(kommuner) > 1 else None
        for m in kommuner:
            if m != skip:
                d.seat(fs, 1, "kommunal direktør", f"En repræsentant (relevant direktør) fra {m}", organisation=m)
        plo = 2 if rng.random() < 0.93 else 1
        d.seat(fs, plo, "praktiserende læge",
               f"{_n(plo)} praktiserende læge{'r' if plo > 1 else ''} udpeget af {r.plo}, hvor mindst en er "
               "udpeget inden for sundhedsklyngens område", organisation=r.plo, appointed_by=r.plo)
        if rng.random() < 0.9:
            d.seat(fs, 2, "repræsentant for patienter og pårørende",
                   f"To repræsentanter for patienter og pårørende udpeget af {r.piu}", appointed_by=r.piu)

    # ------------------------------------------------------------ 2027: sundhedsråd

    def reform_2027(self) -> list[Doc]:
        """The four new regions' notater and a kommissorium per sundhedsråd (when 2027 is in range)."""
        docs = []
        for copy in range(1, self.scale.copies + 1):
            sfx = _suffix(copy)
            present = {r.key: r for r in self.country if r.copy == copy}
            for new, (olds, raad) in NEW_REGIONS.items():
                old_regions = [present[o + sfx] for o in olds if o + sfx in present]
                if not old_regions:
                    continue
                name = f"Region {new}{sfx}"
                rng = self.rng("2027", new, copy)
                d = Doc(uid=f"syn-{_slug(new + sfx)}-2027-sundhedsraad", kind="notat", region=name,
                        title=f"Notat om sundhedsrådene i {name}", date=doc_date(rng, SUNDHEDSRAAD_YEAR))
                d.heading("Parter")
                d.org(name, "region", aliases=["regionen"])
                d.org(f"PLO-{new}{sfx}", "interest-organisation", aliases=["PLO"])
                kommuner_of = {}
                klynger_of = {}
                for sr, ks in raad.items():
                    hits = [(o, k + sfx) for o in old_regions for k in ks if k + sfx in o.klynger]
                    if hits:
                        klynger_of[sr + sfx] = hits
                        kommuner_of[sr + sfx] = [m for o, k in hits for m in o.klynger[k]]
                for ms in kommuner_of.values():
                    for m in ms:
                        d.org(m, "kommune", part_of=name)
                d.heading("Direktørforum")
                forum = f"Direktørforum for sundhedsrådene i {name}"
                d.body(forum, "forum", "administrative",
                       f"{forum} koordinerer sundhedsrådenes administrative arbejde fra 1. januar 2027.",
                       meetings=(4, 4), chair="delt formandskab mellem region og kommuner", valid_from="2027-01-01")
                d.seat(forum, 1, "koncerndirektør", f"En koncerndirektør fra {name}", organisation=name,
                       role="co-chair")
                d.seat(forum, 1, "kommunaldirektør", "En kommunaldirektør fra hvert sundhedsråd",
                       organisation=name, per="sundhedsråd")
                for o in old_regions:
                    old_sg = ids.body_id("Sundhedsstyregruppe", o.name)
                    self.succeeds(d, forum, old_sg, f"{forum} viderefører Sundhedsstyregruppen i {o.name}.",
                                  made_as=(o.name, "Sundhedsstyregruppe"))
                d.heading("Sundhedsrådene")
                for sr, hits in klynger_of.items():
                    body = f"Sundhedsråd {sr}"
                    d.body(body, "råd", "political",
                           f"{body} er et af de sytten sundhedsråd og dækker {len(kommuner_of[sr])} kommuner.",
                           aliases=[f"Sundhedsrådet {sr}"], meetings=(4, 6), valid_from="2027-01-01",
                           chair="delt formandskab mellem region og kommune")
                    d.rel(forum, "PREPARES_CASES_FOR", body, f"{forum} forbereder sager til {body}.")
                    for o, k in hits:
                        self.succeeds(d, body, f"Sundhedsklynge {k}", f"{body} afløser Sundhedsklynge {k}.",
                                      made_as=(o.name, f"Sundhedsklynge {k}"))
                docs.append(d)
                for sr, hits in klynger_of.items():
                    docs.append(self.raad_doc(name, new + sfx, sr, hits, kommuner_of[sr], d.date, copy))
        return docs

    def raad_doc(self, region: str, new_key: str, sr: str, hits, kommuner: list[str], region_date: str,
                 copy: int) -> Doc:
        rng = self.rng("raad", region, sr)
        body = f"Sundhedsråd {sr}"
        plo = f"PLO-{new_key}"
        piu = f"Patientinddragelsesudvalget i {region}"
        d = Doc(uid=f"syn-{_slug(new_key)}-{_slug(sr)}-2027-kommissorium", kind="kommissorium", region=region,
                title=f"Kommissorium for {body}",
                date=doc_date(rng, SUNDHEDSRAAD_YEAR, after_month=int(region_date[5:7])))
        d.heading("Parter")
        d.org(region, "region", aliases=["regionen"])
        d.org(plo, "interest-organisation", aliases=["PLO"])
        d.org(piu, "patient-organisation", aliases=["Patientinddragelsesudvalget"])
        for m in kommuner:
            d.org(m, "kommune")
        d.heading("Sundhedsrådet")
        d.body(body, "råd", "political", f"{body} samler kommunerne og regionen om det nære sundhedsvæsen.",
               aliases=[f"Sundhedsrådet {sr}"], meetings=(4, 6),
               chair="delt formandskab mellem region og kommune")
        for m in kommuner:
            d.rel(m, "PART_OF", body, f"{m} er en del af {body}.")
            d.seat(body, 1, "borgmester", f"Borgmesteren i {m} i {body}", organisation=m)
        d.seat(body, 3, "regionsrådsmedlem", f"Tre regionsrådsmedlemmer fra {region} i {body}", organisation=region)
        d.seat(body, 1, "praktiserende læge", f"En praktiserende læge udpeget af {plo} i {body}",
               organisation=plo, appointed_by=plo)
        d.seat(body, 2, "patientrepræsentant", f"To repræsentanter for patienter og pårørende udpeget af {piu}",
               appointed_by=piu)
        sekr = f"Sekretariat for {body}"
        d.body(sekr, "sekretariat", "administrative", f"{sekr} betjener sundhedsrådet.")
        d.rel(sekr, "SECRETARIAT_FOR", body, f"Sekretariatsfunktionen for {body} varetages af {sekr}.")
        d.heading("Kommunale lægelige udvalg")
        for m in kommuner:
            town = m.replace(" Kommune", "").replace(" Regionskommune", "")
            klu = f"Kommunalt Lægeligt Udvalg {town}"
            d.body(klu, "udvalg", "local", f"{klu} fortsætter som rådgivende udvalg under {body}.",
                   aliases=[f"KLU {town}"], region=[o.name for o, k in hits if m in o.klynger[k]][0])
            d.rel(klu, "COORDINATES_WITH", body, f"{klu} koordinerer med {body}.")
            d.seat(klu, rng.randint(2, 3), "praktiserende læge",
                   f"Praktiserende læger udpeget af {plo} i {klu}", organisation=plo, appointed_by=plo)
        return d

    # ------------------------------------------------------------ all documents

    def documents(self):
        """Every document, in a fixed order (regions, years, klynger; then 2027)."""
        def made(d: Doc) -> Doc:
            self.made.update((b.get("region", d.region), b["name"]) for b in d.bodies.values())
            return d

        for r in self.country:
            for year in self.years:
                rd = made(self.region_doc(r, year))
                yield rd
                gen = generation_of(year)
                first = max(GENERATIONS[gen][1], self.years[0])
                if (year - first) % self.scale.klynge_doc_every == 0 or year == REFORM_YEAR:
                    for k in r.klynger:
                        yield made(self.klynge_doc(r, k, year, rd.date))
        if self.scale.years[1] >= SUNDHEDSRAAD_YEAR:
            for d in self.reform_2027():
                yield made(d)


def generate(out: str | Path, scale: str = "small", seed: int = 1) -> dict:
    """Write the files for a scale; return counts (documents, bodies, seats, relations …)."""
    if scale not in SCALE_SPECS:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    out = Path(out)
    for sub in ("annotations", "documents"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
        (out / sub).mkdir(parents=True)
    gen = Generator(SCALE_SPECS[scale], seed)
    totals = {"documents": 0, "body_entries": 0, "seats": 0, "relations": 0, "organisation_entries": 0,
              "succeeds": 0, "part_of_orgs": 0, "bytes": 0}
    bodies: set[tuple[str, str]] = set()
    orgs: set[str] = set()
    for d in gen.documents():
        c = d.write(out)
        totals["documents"] += 1
        totals["body_entries"] += c["bodies"]
        totals["organisation_entries"] += c["organisations"]
        for k in ("seats", "relations", "succeeds", "part_of_orgs", "bytes"):
            totals[k] += c[k]
        for b in d.bodies.values():
            bodies.add((b.get("region", d.region) or "", b["name"]))
        orgs.update(d.orgs)
    totals["bodies"] = len(bodies)
    totals["organisations"] = len(orgs)
    totals["regions"] = len(gen.country)
    totals["kommuner"] = sum(len(r.kommuner) for r in gen.country)
    totals["klynger"] = sum(len(r.klynger) for r in gen.country)
    totals["years"] = f"{gen.scale.years[0]}–{gen.scale.years[1]}"
    # facts as the loader counts them: documents, party descriptions, seats, relations
    # (typed relations plus an organisation's part_of, which the loader writes as PART_OF)
    totals["facts"] = (totals["documents"] + totals["body_entries"] + totals["organisation_entries"]
                       + totals["seats"] + totals["relations"] + totals["part_of_orgs"])
    return totals


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", choices=SCALES, default="small")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", required=True, help="output folder (annotations/ and documents/ are replaced)")
    args = ap.parse_args(argv)
    totals = generate(args.out, args.scale, args.seed)
    print(f"scale={args.scale} seed={args.seed} out={args.out}")
    for k, v in totals.items():
        print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
