"""How well does `extract` draft annotations? Precision, recall and F1 per document and set.

Run:  .venv/bin/python benchmarks/extract_quality.py [--dev-dir ../shared/dev] [--holdout 009,020]

Sets:
  (a) bundled: data/documents/* against the curated data/annotations/*.yaml
      (each annotation's document.file names its source);
  (b) dev: ../shared/dev/*.txt against the hand-made *.gold.json beside them.

The matching is printed with the results (see DEFINITION below). It is meant to be
honest, not lenient: an entity counts once, each gold item is matched at most once,
and generic words ("udvalget", "styregruppen") never make two bodies the same.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from loaders.extract import extract  # noqa: E402
from loaders.readers import read_text  # noqa: E402

DEFINITION = """\
Matching (one-to-one, greedy by score; duplicates on either side count once):
  bodies     equal when their normalised canonical names are equal, or when any
             normalised name/alias of one equals a name/alias of the other.
             Normalised = NFC, case-folded, quotes/punctuation and a parenthesised
             abbreviation dropped, leading article/number dropped ("de 4 klynger" ->
             "klynger"), the Danish definite/plural ending of the last word removed
             (-erne/-ene/-ne/-en/-et/-n/-r). Bare kind words (udvalget, styregruppen,
             forummet, gruppen, klyngerne …) are ignored as aliases.
  seats      equal when the bodies are matched (as above), the roles are equal, the
             counts are equal ((count, count_max) as integers or null), the titles
             agree (content words of the shorter title mostly in the longer, >= 0.5,
             or string similarity >= 0.8) and the organisations do not conflict (both
             null, one null, or the same organisation through either file's aliases;
             "regionen"/"Region X" and "kommunerne"/"Kommunerne i Region X" are the
             same organisation).
  relations  equal when the types are equal and source and target are the same
             entity: bodies through the body matching, organisations through either
             file's names and aliases (normalised as for bodies).
  P = matched / predicted, R = matched / gold, F1 = 2PR/(P+R); micro-averages add up
  the matched, predicted and gold counts over the documents of a set."""

GENERIC = {"udvalg", "styregruppe", "forum", "gruppe", "råd", "klynge", "klynger", "sekretariat",
           "formandskab", "bestyrelse", "niveau", "arbejdsgruppe", "temagruppe", "fora", "netværk",
           "udvalgets", "styregruppens", "forummets", "gruppens", "rådets", "klyngens", "klyngernes"}
ARTICLE = re.compile(r"^(?:den|det|de|en|et|alle|\d+|to|tre|fire|fem|seks|syv|otte|ni|ti)\s+")


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFC", s or "").casefold().replace("’", "'")
    s = re.sub(r"\([^)]*\)", " ", s)
    s = re.sub(r"[\"“”'`.,:;!?]", " ", s)
    s = " ".join(s.split())
    for _ in range(2):
        s = ARTICLE.sub("", s)
    return s


def stem(s: str) -> str:
    words = norm(s).split()
    if not words:
        return ""
    w = words[-1]
    for suf in ("erne", "ene", "ne", "en", "et", "er", "n", "r"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)]
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return " ".join(words[:-1] + [w])


def forms(entity: dict) -> set[str]:
    out = set()
    for f in [entity.get("name")] + list(entity.get("aliases") or []):
        if not f:
            continue
        n, st = norm(f), stem(f)
        if n and n not in GENERIC and st not in GENERIC:
            out.add(n)
            out.add(st)
    return out


# --------------------------------------------------------------------------- bodies


def match_bodies(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    """pred index -> gold index."""
    pairs = []
    for i, p in enumerate(pred):
        pf = forms(p)
        for j, g in enumerate(gold):
            gf = forms(g)
            if stem(p["name"]) == stem(g["name"]):
                pairs.append((3 + len(pf & gf), i, j))
            elif pf & gf:
                pairs.append((1 + len(pf & gf), i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), {}
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out[i] = j
    return out


def name_index(entities: list[dict]) -> dict[str, int]:
    idx = {}
    for k, e in enumerate(entities):
        if e.get("id"):
            idx.setdefault(norm(e["id"]), k)
        for f in [e.get("name")] + list(e.get("aliases") or []):
            if f:
                idx.setdefault(norm(f), k)
                idx.setdefault(stem(f), k)
    return idx


# --------------------------------------------------------------------------- organisations


def org_forms(name: str | None, ann: dict) -> set[str]:
    if not name:
        return set()
    out = {norm(name), stem(name)}
    for e in (ann.get("organisations") or []) + (ann.get("bodies") or []):
        fs = {norm(x) for x in [e.get("name")] + list(e.get("aliases") or []) if x}
        if norm(name) in fs or stem(name) in {stem(x) for x in fs} or (e.get("id") and e.get("id") == name):
            out |= fs | {stem(x) for x in fs}
    classes = set()
    for f in list(out):
        if re.search(r"\bregion(en|s)?\b|\bregionen\b", f) and "kommun" not in f:
            classes.add("<region>")
        if re.search(r"\bkommune(r|rne)?\b", f) and not re.search(r"\b\w+ kommune$", f):
            classes.add("<kommuner>")
    return {f for f in out if f and f not in GENERIC} | classes


def org_match(a: str | None, ann_a: dict, b: str | None, ann_b: dict) -> bool | None:
    """True/False, or None when one side names no organisation."""
    if not a or not b:
        return None
    fa, fb = org_forms(a, ann_a), org_forms(b, ann_b)
    if fa & fb:
        return True
    return title_sim(a, b) >= 0.6


# --------------------------------------------------------------------------- seats

STOP = {"og", "i", "for", "fra", "af", "de", "den", "det", "en", "et", "med", "på", "til", "som",
        "eller", "hver", "alle"}


def _tok(s: str) -> list[str]:
    out = []
    for w in re.findall(r"[\wæøå]+", (s or "").casefold()):
        if w in STOP:
            continue
        for suf in ("erne", "ene", "er", "en", "e"):
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[: -len(suf)]
                break
        out.append(w)
    return out


def title_sim(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    ta, tb = set(_tok(a)), set(_tok(b))
    if not ta or not tb:
        return 0.0
    cont = len(ta & tb) / min(len(ta), len(tb))
    return max(cont, SequenceMatcher(None, norm(a), norm(b)).ratio() if SequenceMatcher(
        None, norm(a), norm(b)).ratio() >= 0.8 else 0.0)


def _count(s: dict):
    def i(v):
        return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None
    return (i(s.get("count")), i(s.get("count_max")))


def match_seats(gold_ann, pred_ann, bmap) -> int:
    gold, pred = gold_ann.get("seats") or [], pred_ann.get("seats") or []
    gidx = name_index(gold_ann.get("bodies") or [])
    pidx = name_index(pred_ann.get("bodies") or [])
    pairs = []
    for i, p in enumerate(pred):
        pb = pidx.get(norm(p.get("body")), pidx.get(stem(p.get("body") or "")))
        if pb is None or pb not in bmap:
            continue
        for j, g in enumerate(gold):
            gb = gidx.get(norm(g.get("body")), gidx.get(stem(g.get("body") or "")))
            if gb != bmap[pb]:
                continue
            if (p.get("role") or "member") != (g.get("role") or "member") or _count(p) != _count(g):
                continue
            ts = title_sim(p.get("title"), g.get("title"))
            if ts < 0.5:
                continue
            om = org_match(p.get("organisation"), pred_ann, g.get("organisation"), gold_ann)
            if om is False:
                continue
            pairs.append((ts + (1 if om else 0), i, j))
    pairs.sort(reverse=True)
    used_p, used_g, n = set(), set(), 0
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        n += 1
    return n


# --------------------------------------------------------------------------- relations


def endpoint(name: str, ann: dict, bidx: dict, side: str, bmap_inv=None, bmap=None):
    """A comparable identity: ('body', gold index) or ('org', forms)."""
    k = bidx.get(norm(name), bidx.get(stem(name)))
    if k is not None:
        if side == "pred":
            return ("body", bmap.get(k, ("unmatched", k)))
        return ("body", k)
    return ("org", frozenset(org_forms(name, ann)))


def rel_set(ann, side, bmap=None):
    bidx = name_index(ann.get("bodies") or [])
    out = []
    for r in ann.get("relations") or []:
        s = endpoint(r.get("source") or "", ann, bidx, side, bmap=bmap)
        t = endpoint(r.get("target") or "", ann, bidx, side, bmap=bmap)
        item = (s, r.get("type"), t)
        if item not in out:
            out.append(item)
    return out


def same_end(a, b) -> bool:
    if a[0] == "body" and b[0] == "body":
        return a[1] == b[1]
    fa = a[1] if a[0] == "org" else frozenset()
    fb = b[1] if b[0] == "org" else frozenset()
    return bool(fa and fb and fa & fb)


def match_relations(gold_ann, pred_ann, bmap):
    gold = rel_set(gold_ann, "gold")
    # bodies of the prediction that matched nothing may still be organisations of gold
    pred = []
    pidx = name_index(pred_ann.get("bodies") or [])
    for r in pred_ann.get("relations") or []:
        ends = []
        for name in (r.get("source") or "", r.get("target") or ""):
            k = pidx.get(norm(name), pidx.get(stem(name)))
            if k is not None and k in bmap:
                ends.append(("body", bmap[k]))
            else:
                ends.append(("org", frozenset(org_forms(name, pred_ann))))
        item = (ends[0], r.get("type"), ends[1])
        if item not in pred:
            pred.append(item)
    # gold bodies that the prediction has as organisations: compare by forms too
    gold_bodies = gold_ann.get("bodies") or []

    def g_forms(e):
        if e[0] == "body":
            return frozenset(forms(gold_bodies[e[1]]))
        return e[1]

    used, n = set(), 0
    for p in pred:
        for j, g in enumerate(gold):
            if j in used or p[1] != g[1]:
                continue
            ok = True
            for pe, ge in ((p[0], g[0]), (p[2], g[2])):
                if pe[0] == "body" and ge[0] == "body":
                    ok &= pe[1] == ge[1]
                else:
                    pf = pe[1] if pe[0] == "org" else frozenset()
                    ok &= bool(pf & g_forms(ge))
            if ok:
                used.add(j)
                n += 1
                break
    return n, len(pred), len(gold)


# --------------------------------------------------------------------------- running


def prf(tp, npred, ngold):
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else (1.0 if not npred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold_ann: dict, pred_ann: dict) -> dict:
    gb, pb = gold_ann.get("bodies") or [], pred_ann.get("bodies") or []
    bmap = match_bodies(gb, pb)
    s_tp = match_seats(gold_ann, pred_ann, bmap)
    r_tp, r_pred, r_gold = match_relations(gold_ann, pred_ann, bmap)
    return {
        "bodies": (len(bmap), len(pb), len(gb)),
        "seats": (s_tp, len(pred_ann.get("seats") or []), len(gold_ann.get("seats") or [])),
        "relations": (r_tp, r_pred, len(rel_set(gold_ann, "gold"))),
    }


def bundled_cases():
    cases = []
    for ann_path in sorted((ROOT / "data" / "annotations").glob("*.y*ml")):
        gold = yaml.safe_load(ann_path.read_text(encoding="utf-8"))
        file_ref = (gold.get("document") or {}).get("file")
        src = ROOT / "data" / file_ref if file_ref else None
        if src is None or not src.is_file():
            print(f"  (skipped {ann_path.name}: source {file_ref!r} not found)")
            continue
        cases.append((ann_path.stem, src, gold))
    return cases


def dev_cases(dev_dir: Path):
    cases = []
    for txt in sorted(dev_dir.glob("*.txt")):
        gold_path = txt.with_suffix("").with_suffix(".gold.json")
        if not gold_path.is_file():
            gold_path = txt.parent / (txt.stem + ".gold.json")
        if gold_path.is_file():
            cases.append((txt.stem, txt, json.loads(gold_path.read_text(encoding="utf-8"))))
    return cases


def run_set(title: str, cases, holdout: set[str]) -> dict:
    print(f"\n== {title} ==")
    head = f"{'document':44} {'bodies P/R/F1':>26} {'seats P/R/F1':>26} {'relations P/R/F1':>26}"
    print(head)
    print("-" * len(head))
    totals = {"all": {}, "tuned": {}, "held out": {}}
    for name, src, gold in cases:
        src_text = read_text(src)
        t0 = time.process_time()
        draft = extract(src_text)
        dt = time.process_time() - t0
        sc = score(gold, draft.annotation)
        held = any(name.startswith(h) for h in holdout)
        cells = []
        for k in ("bodies", "seats", "relations"):
            tp, npred, ngold = sc[k]
            p, r, f = prf(tp, npred, ngold)
            cells.append(f"{p:4.2f}/{r:4.2f}/{f:4.2f} ({tp}/{npred}/{ngold})".rjust(26))
            for group in ("all", "held out" if held else "tuned"):
                acc = totals[group].setdefault(k, [0, 0, 0])
                acc[0] += tp
                acc[1] += npred
                acc[2] += ngold
        label = (name[:40] + (" *" if held else "")).ljust(44)
        print(f"{label} {' '.join(cells)}   {dt * 1000:5.1f} ms CPU")
    print("  (cells: P/R/F1 (matched/predicted/gold); * = held out while tuning)")
    for group in ("all", "tuned", "held out"):
        if not totals[group]:
            continue
        if group != "all" and not holdout:
            continue
        cells = []
        for k in ("bodies", "seats", "relations"):
            tp, npred, ngold = totals[group][k]
            p, r, f = prf(tp, npred, ngold)
            cells.append(f"{p:4.2f}/{r:4.2f}/{f:4.2f} ({tp}/{npred}/{ngold})".rjust(26))
        print(f"{'micro-average, ' + group:44} {' '.join(cells)}")
    return totals


def timing(cases) -> None:
    texts = [read_text(src).text for _, src, _ in cases]
    big = ""
    while len(big) < 30000 and texts:
        for t in texts:
            big += t + "\n\n"
    big = big[:30000]
    extract(big)  # warm up
    wall, cpu = [], []
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        extract(big)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(f"\nspeed: a {len(big):,}-character text (the documents repeated) extracts in "
          f"{min(cpu) * 1000:.0f} ms CPU, {min(wall) * 1000:.0f} ms wall-clock (best of 5; wall-clock "
          f"grows when the machine is busy)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev-dir", default=str(ROOT.parent / "shared" / "dev"))
    ap.add_argument("--holdout", default="009,020",
                    help="comma-separated prefixes of dev documents held out while tuning")
    ap.add_argument("--without-holdout", action="store_true",
                    help="leave the held-out documents out (use this while tuning)")
    args = ap.parse_args(argv)
    print(DEFINITION)
    holdout = {h.strip() for h in args.holdout.split(",") if h.strip()}
    bundled = bundled_cases()
    run_set("(a) bundled documents vs data/annotations", bundled, set())
    dev_dir = Path(args.dev_dir)
    dev = dev_cases(dev_dir) if dev_dir.is_dir() else []
    if args.without_holdout:
        dev = [c for c in dev if not any(c[0].startswith(h) for h in holdout)]
    if dev:
        run_set(f"(b) dev documents vs gold ({dev_dir})", dev, holdout)
    else:
        print(f"\n(b) no dev documents found in {dev_dir}")
    timing(bundled + dev)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
