"""Scale benchmark: load, queries, audits and the graph view on synthetic data.

    GOVGRAPH_NEO4J_HOME=/work/main/.neo4j/bench NEO4J_URI=bolt://127.0.0.1:7692 \\
    NEO4J_PASSWORD=bench-password-123 .venv/bin/python benchmarks/run.py --scale national

One run measures, on the files of benchmarks/synthetic.py (same --seed → same data):

1. load throughput (facts/s) into an empty database (nodes wiped, schema kept) of
   - the ceiling: plain UNWIND CREATE of the same nodes and relationships, no checks,
     rows prepared in memory beforehand (not timed);
   - the naive path: one neomodel save()/connect() per object (model/graph.py classes),
     each in its own auto-commit transaction, nodes cached in a dict (never re-fetched);
     at national scale on the first --naive-docs documents, extrapolated by facts;
   - our loader, `loaders.load.load_paths`, in a child process (parse, validate, write,
     derive validity), its wall time and peak memory (resource ru_maxrss of the child:
     the whole process, interpreter and driver included); past --load-timeout seconds the
     child is stopped and its full time extrapolated from the documents it committed (said
     so in the output; the queries then run on the partial graph);
2. on the graph our loader wrote: latency p50/p95 of snapshot at a date, diff between two
   dates and lineage (queries.structure), the whole audit suite (queries.audits.run_all),
   and the first render of the explorer's graph view for one region's snapshot (the
   Struktur page filtered to it: dashboard.data.structure_view on a cold layout cache,
   benchmarks/view_bench.first_render). A colleague's module that is absent prints n/a.

The last line is exactly:
load_vs_naive=<x> load_vs_ceiling=<x> snapshot_p50_ms=<n> diff_p50_ms=<n> audits_s=<n> view_s=<n> peak_mb=<n>

It WIPES the database it points at: refused when the URI's port is 7687 (the default,
a user's graph) unless --i-know is given.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BATCH = 5000
TARGETS = {  # national scale, this 2-core machine (issue "Scale: a national, twenty-year graph")
    "load_vs_naive": (">=", 20.0), "load_vs_ceiling": ("<=", 3.0), "snapshot_p50_ms": ("<", 100.0),
    "diff_p50_ms": ("<", 300.0), "audits_s": ("<", 3.0), "view_s": ("<", 1.0), "peak_mb": ("<", 500.0),
}
SNAPSHOT_DATES = ["2008-06-01", "2012-03-01", "2016-09-01", "2019-03-01", "2020-01-01", "2022-06-30",
                  "2022-07-01", "2024-05-01", "2026-06-01", "2027-03-01"]
DIFF_PAIRS = [("2022-06-30", "2022-07-01"), ("2018-01-01", "2020-01-01"), ("2026-06-01", "2027-03-01"),
              ("2010-01-01", "2015-01-01"), ("2019-06-30", "2019-12-31")]
VIEW_AT = "2024-05-01"


def log(msg: str = "") -> None:
    print(msg, flush=True)


def quiet_driver() -> None:
    """The server's notifications (e.g. 'property key does not exist' on an empty graph) are
    logged by the driver as warnings: keep them out of the benchmark's output."""
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "No runtime found" when imported bare
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover
        return "n/a"


# --------------------------------------------------------------------------- database


def check_target(uri: str, i_know: bool) -> None:
    from govgraph.config import port_of

    port = port_of(uri)
    if port == 7687 and not i_know:
        raise SystemExit(f"refused: {uri} uses port 7687, the default (a user's graph), and this "
                         "benchmark wipes the database. Point NEO4J_URI at a server of your own "
                         "(e.g. bolt://127.0.0.1:7692) or pass --i-know.")


def wipe() -> None:
    from govgraph import db
    from model.schema import install_schema

    db.run_autocommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")
    install_schema()


def counts() -> dict:
    from govgraph import db

    nodes = db.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = db.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return {"nodes": nodes, "relationships": rels}


# --------------------------------------------------------------------------- data


def prepare(data_dir: Path):
    """Parse, validate and resolve every file (as the loader does); return the documents in the
    loader's order with their UNWIND payloads, and the number of facts."""
    from loaders.annotation import NameIndex, resolve
    from loaders.load import _order, parse_all
    from loaders.writer import build_payload

    parsed = parse_all([data_dir / "annotations"])
    index = NameIndex([])
    for p in parsed:
        index.add_batch(p)
    for p in parsed:
        resolve(p, index)
    ordered = _order(parsed)
    payloads = [build_payload(p) for p in ordered]
    return ordered, payloads


def facts_of(payloads) -> int:
    """Facts as the loader counts them: documents, party descriptions (a body's or an
    organisation's facts from one document), seats and typed relations."""
    return sum(1 + len(p["parties"]) + len(p["seats"]) + sum(len(v) for v in p["relations"].values())
               for p in payloads)


# --------------------------------------------------------------------------- ceiling


def _chunks(rows: list, n: int = BATCH):
    for i in range(0, len(rows), n):
        yield rows[i:i + n]


def ceiling_load(payloads) -> float:
    """Plain UNWIND CREATE of the same nodes and relationships (no MERGE, no change detection,
    no validity, no consolidation); returns seconds. Rows are built before the clock starts."""
    from govgraph import db

    docs, parties, described, mentioned, seats, held, appointed = [], {}, [], [], [], [], []
    rels: dict[str, list] = {}
    for p in payloads:
        doc = p["doc"]["uid"]
        docs.append(p["doc"])
        for party in p["parties"]:
            parties.setdefault(party["uid"], {"uid": party["uid"], "name": party["name"],
                                              "region": party["region"], "label": party["label"]})
            (described if party["label"] == "Body" else mentioned).append(
                {"uid": party["uid"], "doc": doc, "facts": party["facts"]})
        for s in p["seats"]:
            seats.append({"props": s["props"], "body": s["body"], "doc": doc})
            if s["org"]:
                held.append({"seat": s["uid"], "to": s["org"]})
            if s["appointer"]:
                appointed.append({"seat": s["uid"], "to": s["appointer"]})
        for t, rows in p["relations"].items():
            rels.setdefault(t, []).extend({"a": r["source"], "b": r["target"], "props": r["props"]} for r in rows)
    bodies = [x for x in parties.values() if x["label"] == "Body"]
    orgs = [x for x in parties.values() if x["label"] == "Organisation"]

    statements = [
        ("UNWIND $rows AS row CREATE (d:Document) SET d = row", docs),
        ("UNWIND $rows AS row CREATE (p:Party:Body {uid: row.uid, name: row.name, region: row.region})", bodies),
        ("UNWIND $rows AS row CREATE (p:Party:Organisation {uid: row.uid, name: row.name})", orgs),
        ("UNWIND $rows AS row MATCH (p:Party {uid: row.uid}), (d:Document {uid: row.doc}) "
         "CREATE (p)-[r:DESCRIBED_IN]->(d) SET r = row.facts", described),
        ("UNWIND $rows AS row MATCH (p:Party {uid: row.uid}), (d:Document {uid: row.doc}) "
         "CREATE (p)-[r:MENTIONED_IN]->(d) SET r = row.facts", mentioned),
        ("UNWIND $rows AS row MATCH (b:Body {uid: row.body}), (d:Document {uid: row.doc}) "
         "CREATE (s:Seat) SET s = row.props CREATE (s)-[:IN_BODY]->(b) CREATE (s)-[:FROM_DOCUMENT]->(d)", seats),
        ("UNWIND $rows AS row MATCH (s:Seat {uid: row.seat}), (o:Party {uid: row.to}) CREATE (s)-[:HELD_BY]->(o)",
         held),
        ("UNWIND $rows AS row MATCH (s:Seat {uid: row.seat}), (o:Party {uid: row.to}) "
         "CREATE (s)-[:APPOINTED_BY]->(o)", appointed),
    ]
    for t, rows in sorted(rels.items()):
        statements.append((f"UNWIND $rows AS row MATCH (a:Party {{uid: row.a}}), (b:Party {{uid: row.b}}) "
                           f"CREATE (a)-[r:{t}]->(b) SET r = row.props", rows))
    t0 = time.perf_counter()
    for cypher, rows in statements:
        for chunk in _chunks(rows):
            db.write(lambda tx, c=cypher, r=chunk: tx.run(c, rows=r).consume())
    return time.perf_counter() - t0


# --------------------------------------------------------------------------- naive


def naive_load(payloads) -> float:
    """One neomodel save()/connect() per object, each an auto-commit transaction; seconds."""
    from model.graph import Body, Document, Organisation, Seat

    doc_fields = set(Document.defined_properties(rels=False))
    seat_fields = set(Seat.defined_properties(rels=False))
    nodes: dict[str, object] = {}
    t0 = time.perf_counter()
    for p in payloads:
        d = Document(**{k: v for k, v in p["doc"].items() if k in doc_fields}).save()
        for party in p["parties"]:
            node = nodes.get(party["uid"])
            if node is None:
                cls = Body if party["label"] == "Body" else Organisation
                kw = {"uid": party["uid"], "name": party["name"]}
                if cls is Body:
                    kw["region"] = party["region"]
                node = nodes[party["uid"]] = cls(**kw).save()
            facts = {k: v for k, v in party["facts"].items()
                     if k in ("document", "evidence", "aliases", "kind", "level", "chair", "decision_rule",
                              "decision_competence", "meetings_min", "meetings_max", "note", "part_of",
                              "declared_uid", "hash")}
            facts.setdefault("evidence", "")
            rel = node.described_in if party["label"] == "Body" else node.mentioned_in
            rel.connect(d, facts)
        for s in p["seats"]:
            seat = Seat(**{k: v for k, v in s["props"].items() if k in seat_fields}).save()
            seat.in_body.connect(nodes[s["body"]])
            seat.source.connect(d)
            if s["org"]:
                seat.held_by.connect(nodes[s["org"]])
            if s["appointer"]:
                seat.appointed.connect(nodes[s["appointer"]])
        for t, rows in p["relations"].items():
            for r in rows:
                props = {k: v for k, v in r["props"].items()
                         if k in ("uid", "document", "evidence", "inferred", "note", "hash")}
                getattr(nodes[r["source"]], t.lower()).connect(nodes[r["target"]], props)
    return time.perf_counter() - t0


# --------------------------------------------------------------------------- our loader (child)

CHILD = r"""
import json, logging, resource, sys, time, collections
sys.path.insert(0, sys.argv[1])
logging.getLogger("neo4j").setLevel(logging.ERROR)
import loaders.load as L, loaders.writer as W, loaders.validity as V
phases = collections.Counter()
def timed(mod, name, key):
    f = getattr(mod, name)
    def g(*a, **k):
        t = time.perf_counter()
        try:
            return f(*a, **k)
        finally:
            phases[key] += time.perf_counter() - t
    setattr(mod, name, g)
timed(L, "parse_all", "parse_validate")
timed(L, "write_many", "write")
timed(V, "derive_validity", "derive_validity")
timed(W, "consolidate", "consolidate")
t0 = time.perf_counter()
result = L.load_paths([sys.argv[2]])
took = time.perf_counter() - t0
totals = result.totals()
print(json.dumps({"seconds": took,
                  # the loader and, when it parses in a pool, its largest worker
                  "peak_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                                 resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024,
                  "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "inserted": sum(v["inserted"] for v in totals.values()),
                  "phases": {k: round(v, 3) for k, v in phases.items()}}))
"""


def _vm_hwm_mb(pid: int) -> float | None:
    """Peak resident memory so far of a running process (Linux /proc VmHWM), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def our_load(data_dir: Path, library: Path = ROOT, *, timeout: float | None = None,
             payloads=None) -> dict:
    """Run load_paths in a child process. Past `timeout` seconds the child is stopped and the
    full time extrapolated from the documents it committed: a document's cost grows with the
    graph (validity is recomputed for the whole graph per document), so the estimate scales
    the time taken by sum(graph size at each document) over all documents / the done ones."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(library), str(data_dir / "annotations")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    t0 = time.perf_counter()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        took = time.perf_counter() - t0
        peak = _vm_hwm_mb(proc.pid)
        proc.terminate()
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        from govgraph import db

        done = db.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
        per_doc = [1 + len(p["parties"]) + len(p["seats"]) + sum(len(v) for v in p["relations"].values())
                   for p in payloads]
        graph, cum = 0, []
        for f in per_doc:
            graph += f
            cum.append(graph)
        # no document committed yet: the time taken is only a lower bound
        estimate = took * sum(cum) / sum(cum[:done]) if done else took
        return {"seconds": estimate, "peak_mb": peak or float("nan"), "inserted": sum(per_doc[:done]),
                "phases": {}, "aborted": {"after_s": took, "documents": done, "of": len(per_doc),
                                          "facts": sum(per_doc[:done])}}
    if proc.returncode != 0:
        raise SystemExit(f"our loader failed:\n{err[-4000:]}")
    return json.loads(out.strip().splitlines()[-1])


# --------------------------------------------------------------------------- queries


def timed_runs(fn, args_list, repeat: int) -> list[float]:
    for a in args_list:  # warm-up: plans cached, pages in memory
        fn(*a)
    out = []
    for _ in range(repeat):
        for a in args_list:
            t = time.perf_counter()
            fn(*a)
            out.append((time.perf_counter() - t) * 1000)
    return out


def measure_queries(repeat: int) -> dict:
    from govgraph import db
    from queries import structure

    res = {}
    snap = timed_runs(structure.snapshot, [(d,) for d in SNAPSHOT_DATES], repeat)
    res["snapshot"] = snap
    dif = timed_runs(structure.diff, DIFF_PAIRS, repeat)
    res["diff"] = dif
    uids = [r["uid"] for r in db.read(
        "MATCH (b:Body) WHERE (b)-[:SUCCEEDS]-() RETURN b.uid AS uid, "
        "COUNT { (b)-[:SUCCEEDS*1..12]-() } AS n ORDER BY n DESC, uid LIMIT 8")]
    res["lineage"] = timed_runs(structure.lineage, [(u,) for u in uids], repeat) if uids else []
    res["sizes"] = {d: {k: len(v) for k, v in structure.snapshot(d).items() if isinstance(v, list)}
                    for d in ("2020-01-01", "2024-05-01")}
    return res


def measure_audits(repeat: int = 3) -> dict | None:
    try:
        from queries import audits
    except ImportError:
        return None
    if not audits.audits():
        return None
    suite = []
    rows = {}
    for _ in range(repeat):
        t = time.perf_counter()
        out = audits.run_all()
        suite.append(time.perf_counter() - t)
        rows = {k: len(v) for k, v in out.items()}
    each = {}
    for name in audits.audits():
        t = time.perf_counter()
        audits.run_audit(name)
        each[name] = time.perf_counter() - t
    return {"suite_s": suite, "rows": rows, "each_s": each}


def measure_view(region: str, repeat: int = 3) -> dict | None:
    """The first render of the Struktur page filtered to `region` at VIEW_AT, through the
    dashboard's own functions on a cold layout cache (benchmarks/view_bench.first_render:
    dashboard.data.structure_view, i.e. the layout of the region's scope + elements + HTML,
    after the all-time rows and the snapshot are read)."""
    try:
        import streamlit  # noqa: F401 - creates its loggers (with its own levels)

        # outside `streamlit run` each cached function warns "No runtime found" when it is
        # declared: expected here
        for name in ("cache_data_api", "cache_resource_api"):
            logging.getLogger(f"streamlit.runtime.caching.{name}").setLevel(logging.ERROR)
        from benchmarks import view_bench
        from dashboard import data  # noqa: F401 - the explorer's data module must be there
    except ImportError:
        return None
    r = view_bench.first_render(region, VIEW_AT, repeat)
    r["layout_all_s"] = r["layout_s"]
    r["layout_s"] = statistics.median(r["layout_s"])
    return r


# --------------------------------------------------------------------------- main


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", choices=("small", "national"), default="small")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", help="folder for the generated files (default: a temporary folder)")
    ap.add_argument("--naive-docs", type=int, default=None,
                    help="documents for the naive path (default: all at small scale, 15 at national)")
    ap.add_argument("--repeat", type=int, default=3, help="timed rounds over the query dates")
    ap.add_argument("--i-know", action="store_true", help="allow wiping a database on port 7687")
    ap.add_argument("--load-timeout", type=float, default=1800,
                    help="stop our loader after this many seconds and extrapolate (default 1800)")
    ap.add_argument("--library", type=Path, default=ROOT,
                    help="load with the loaders/ of this copy of the project (to measure a prototype "
                         "of a library change; default: this project)")
    args = ap.parse_args(argv)

    quiet_driver()
    from benchmarks import synthetic
    from govgraph import db
    from govgraph.config import settings

    uri = settings().uri
    check_target(uri, args.i_know)
    db.check()
    log(f"# govgraph scale benchmark: scale={args.scale} seed={args.seed} uri={uri}")
    log(f"# machine: {os.cpu_count()} cores, python {sys.version.split()[0]}, load average at start {loadavg()}")

    data_dir = Path(args.data or tempfile.mkdtemp(prefix=f"govgraph-bench-{args.scale}-"))
    t = time.perf_counter()
    stats = synthetic.generate(data_dir, args.scale, args.seed)
    log(f"generated {stats['documents']} documents, {stats['bodies']} bodies, {stats['seats']} seats, "
        f"{stats['relations'] + stats['part_of_orgs']} relations ({stats['succeeds']} SUCCEEDS) into "
        f"{data_dir} in {time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    ordered, payloads = prepare(data_dir)
    facts = facts_of(payloads)
    log(f"parsed and resolved in the benchmark process in {time.perf_counter() - t:.1f} s: {facts} facts")

    # 1. ceiling
    wipe()
    ceiling_s = ceiling_load(payloads)
    ceiling_counts = counts()
    log(f"ceiling (UNWIND CREATE): {ceiling_s:.2f} s, {facts / ceiling_s:,.0f} facts/s, {ceiling_counts}")

    # 2. naive
    n_naive = args.naive_docs or (len(payloads) if args.scale == "small" else 15)
    n_naive = min(n_naive, len(payloads))
    subset = payloads[:n_naive]
    subset_facts = facts_of(subset)
    wipe()
    naive_s = naive_load(subset)
    naive_rate = subset_facts / naive_s
    naive_total = facts / naive_rate
    extrapolated = n_naive < len(payloads)
    log(f"naive (neomodel save/connect per object): {naive_s:.2f} s for {n_naive}/{len(payloads)} documents "
        f"({subset_facts} facts), {naive_rate:,.0f} facts/s"
        + (f"; extrapolated to all {facts} facts: {naive_total:.1f} s" if extrapolated else ""))

    # 3. ours
    wipe()
    ours = our_load(data_dir, args.library, timeout=args.load_timeout, payloads=payloads)
    ours_s = ours["seconds"]
    label = "" if args.library.resolve() == ROOT else f", PROTOTYPE library at {args.library}"
    if "aborted" in ours:
        a = ours["aborted"]
        label += (f"; STOPPED after {a['after_s']:.0f} s at {a['documents']}/{a['of']} documents "
                  f"({a['facts']} facts), full load EXTRAPOLATED (per-document cost grows with the graph); "
                  "the queries below run on the partial graph")
    our_counts = counts()
    log(f"ours (load_paths, child process{label}): {ours_s:.2f} s, {facts / ours_s:,.0f} facts/s, "
        f"{ours['inserted']} facts inserted, {our_counts}, phases {ours['phases']}, "
        f"peak {ours['peak_mb']:.0f} MB (ru_maxrss: loader {ours.get('self_mb', float('nan')):.0f} MB, "
        f"largest parse worker {ours.get('workers_mb', float('nan')):.0f} MB)")

    # 4. queries, audits, view on our graph
    q = measure_queries(args.repeat)
    log(f"snapshot rows: {q['sizes']}")
    audits = measure_audits()
    region = synthetic.build_country(synthetic.SCALE_SPECS[args.scale])[0].name
    if args.scale == "national":
        region = "Region Hovedstaden"  # the most kommuner and klynger
    view = measure_view(region)
    log(f"# load average at end {loadavg()}")

    load_vs_naive = naive_total / ours_s
    load_vs_ceiling = ours_s / ceiling_s
    snap_p50, diff_p50 = pct(q["snapshot"], .5), pct(q["diff"], .5)
    audits_s = statistics.median(audits["suite_s"]) if audits else None
    view_s = statistics.median(view["first_s"]) if view else None
    peak = ours["peak_mb"]

    log("")
    log(f"| measure ({args.scale}) | value | target (national) |")
    log("|---|---|---|")
    log(f"| facts | {facts} | |")
    log(f"| ceiling load | {ceiling_s:.2f} s ({facts / ceiling_s:,.0f} facts/s) | |")
    log(f"| naive load{' (extrapolated from ' + str(n_naive) + ' docs)' if extrapolated else ''} | "
        f"{naive_total:.1f} s ({naive_rate:,.0f} facts/s) | |")
    log(f"| our load{' (EXTRAPOLATED: stopped at ' + str(ours['aborted']['documents']) + '/' + str(ours['aborted']['of']) + ' documents)' if 'aborted' in ours else ''} "
        f"| {ours_s:.2f} s ({facts / ours_s:,.0f} facts/s) | |")
    log(f"| our load phases | {', '.join(f'{k} {v:.1f} s' for k, v in ours['phases'].items())} | |")
    log(f"| load_vs_naive (naive time / ours) | {load_vs_naive:.2f} | >= 20 |")
    log(f"| load_vs_ceiling (ours / ceiling) | {load_vs_ceiling:.2f} | <= 3 |")
    for name in ("snapshot", "diff", "lineage"):
        v = q[name]
        log(f"| {name} p50 / p95 (n={len(v)}) | {pct(v, .5):.1f} / {pct(v, .95):.1f} ms | "
            f"{'< 100 ms' if name == 'snapshot' else '< 300 ms' if name == 'diff' else ''} |")
    if audits:
        log(f"| audit suite ({len(audits['rows'])} audits, median of {len(audits['suite_s'])}) | "
            f"{audits_s:.2f} s (runs {', '.join(f'{x:.2f}' for x in audits['suite_s'])}) | < 3 s |")
        for name, s in sorted(audits["each_s"].items(), key=lambda kv: -kv[1]):
            log(f"|   {name} | {s:.2f} s, {audits['rows'].get(name, 0)} rows | |")
    else:
        log("| audit suite | n/a (queries/audits.py absent) | < 3 s |")
    if view:
        log(f"| graph view, {view['region']} at {VIEW_AT}: layout of the region's scope "
            f"({view['layout_nodes']} nodes, cold, median of {len(view['layout_all_s'])}) "
            f"| {view['layout_s']:.2f} s | |")
        log(f"| graph view: elements + HTML ({view['nodes']} nodes, {view['edges']} edges, "
            f"{view['html_kb']:.0f} KB) | {statistics.median(view['warm_s']):.2f} s | |")
        log(f"| graph view, first render (dashboard.data.structure_view on a cold layout cache: layout + "
            f"elements + HTML, median of {len(view['first_s'])}; rows read before: "
            f"{view['reads_s']:.2f} s) | {view_s:.2f} s | < 1 s |")
        log(f"| graph view, unfiltered layout ({view['all_nodes']} nodes, the regions' layouts composed, cold) "
            f"| {statistics.median(view['all_layout_s']):.2f} s | |")
        if view.get("import_s") is not None:
            log(f"| graph view: importing scipy (once per server process, not in view_s) "
                f"| {view['import_s']:.2f} s | |")
    else:
        log("| graph view | n/a (dashboard/graphview.py absent) | < 1 s |")
    log(f"| loader peak memory ({'VmHWM when stopped' if 'aborted' in ours else 'ru_maxrss'}, child process) "
        f"| {peak:.0f} MB | < 500 MB |")
    if args.scale == "national":
        got = {"load_vs_naive": load_vs_naive, "load_vs_ceiling": load_vs_ceiling, "snapshot_p50_ms": snap_p50,
               "diff_p50_ms": diff_p50, "audits_s": audits_s, "view_s": view_s, "peak_mb": peak}
        verdicts = []
        for k, (op, target) in TARGETS.items():
            v = got[k]
            ok = None if v is None else (v >= target if op == ">=" else v <= target if op == "<=" else v < target)
            verdicts.append(f"{k} {'n/a' if ok is None else 'met' if ok else 'MISSED'}")
        log("targets: " + ", ".join(verdicts))
    log("")

    def fmt(v, digits):
        return "n/a" if v is None else f"{v:.{digits}f}"

    print(f"load_vs_naive={load_vs_naive:.1f} load_vs_ceiling={load_vs_ceiling:.1f} "
          f"snapshot_p50_ms={snap_p50:.0f} diff_p50_ms={diff_p50:.0f} audits_s={fmt(audits_s, 2)} "
          f"view_s={fmt(view_s, 2)} peak_mb={peak:.0f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
