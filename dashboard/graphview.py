"""The network view: rows → vis-network HTML (pyvis), with stable positions.

Pure functions, no Streamlit and no database: `dashboard.data` fetches the rows,
the pages wire widgets to both. Three steps:

1. `compute_layout(node_ids, edges)`: positions for the union of every body and
   organisation over all time (networkx spring layout per connected component,
   seeded, components packed on shelves). Computed once and cached by data.py, so a
   node keeps its place whatever date is shown.
2. `snapshot_elements(...)` / `diff_elements(...)`: the visible nodes and edges
   after the filters, as plain dicts (status "added"/"removed"/"changed" for a diff).
3. `build_html(nodes, edges, positions)`: a pyvis Network with vis.js inlined
   (`cdn_resources="in_line"`), physics off, the given x/y, a fixed viewport over
   the all-time bounding box (so nothing moves when the date moves), and a legend.
   The template's bootstrap links (the one CDN reference pyvis always writes) are
   removed: the page fetches nothing from the network.
"""
from __future__ import annotations

import html
import json
import math
import re
import textwrap
from typing import Iterable

from dashboard import labels as L

DEFAULT_HEIGHT = 700
UNIT = 170.0  # the length of an edge in the layout, in vis canvas pixels
ASPECT = 1.75  # width/height of the canvas the layout is packed for


# =========================================================================== layout


def _pairwise(x: "np.ndarray") -> "np.ndarray":
    import numpy as np

    sq = (x * x).sum(axis=1)
    d2 = sq[:, None] + sq[None, :] - 2.0 * (x @ x.T)
    return np.sqrt(np.clip(d2, 0.0, None))


def _stress_layout(nodes: list[str], edges: list[tuple[str, str]], seed: int) -> "np.ndarray":
    """Stress majorization on graph distances (the localized update of Gansner, Koren &
    North, 2004): even edge lengths and few crossings for the small, tree-like
    components of a governance graph. numpy only, O(n²) per iteration, no matrix inverse."""
    import networkx as nx
    import numpy as np

    n = len(nodes)
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    index = {v: i for i, v in enumerate(nodes)}
    d = np.zeros((n, n))
    for src, lengths in nx.all_pairs_shortest_path_length(g):
        i = index[src]
        cols = [index[t] for t in lengths]
        d[i, cols] = list(lengths.values())
    w = np.zeros_like(d)
    mask = d > 0
    w[mask] = d[mask] ** -2.0
    w_sum = w.sum(axis=1)
    wd = w * d
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2)) * max(1.0, float(d.max()) / 2)
    tol = 1e-3 * max(1.0, float(d.max()))
    for _ in range(300 if n <= 200 else 100):
        dist = _pairwise(x)
        np.fill_diagonal(dist, 1.0)
        k = wd / np.maximum(dist, 1e-9)  # w_ij d_ij / |x_i - x_j|
        w_x = w @ x
        x_new = (w_x + k.sum(axis=1)[:, None] * x - k @ x) / w_sum[:, None]
        if np.abs(x_new - x).max() < tol:
            x = x_new
            break
        x = x_new
    return x


def _spread(x: "np.ndarray", min_x: float, min_y: float, rounds: int = 80) -> "np.ndarray":
    """Push apart nodes closer than a label's box (min_x wide, min_y high)."""
    import numpy as np

    n = len(x)
    if n < 2:
        return x
    parity = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)[:, None]
    for _ in range(rounds):
        dx = (x[:, 0][:, None] - x[:, 0][None, :]) / min_x
        dy = (x[:, 1][:, None] - x[:, 1][None, :]) / min_y
        dist = np.sqrt(dx * dx + dy * dy)
        np.fill_diagonal(dist, np.inf)
        overlap = np.clip(1.0 - dist, 0.0, None)
        if not overlap.any():
            break
        f = overlap / np.where(dist > 1e-9, dist, 1.0) * 0.5
        move = np.stack([(f * dx).sum(axis=1) * min_x, (f * dy).sum(axis=1) * min_y], axis=1)
        stuck = (dist < 1e-9).any(axis=1)  # identical positions: nudge apart
        move[stuck, 0] += parity[stuck, 0] * min_x * 0.1
        x = x + move
    return x


def compute_layout(node_ids: Iterable[str], edges: Iterable[tuple[str, str]], *, seed: int = 7,
                   ) -> dict[str, tuple[float, float]]:
    """Stable positions for all nodes: stress layout per component, shelf-packed.

    Deterministic for the same input (sorted nodes, fixed seed). Edges are ~UNIT long;
    no two labels closer than about a label's box.
    """
    import networkx as nx
    import numpy as np

    g = nx.Graph()
    g.add_nodes_from(sorted(set(node_ids)))
    for a, b in sorted(set((a, b) for a, b in edges if a != b)):
        if a in g and b in g:
            g.add_edge(a, b)
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    blocks = []  # (width, height, {node: (x, y)} centred at 0)
    singles = []
    for comp in comps:
        if len(comp) == 1:
            singles.append(comp[0])
            continue
        sub_edges = sorted(g.subgraph(comp).edges())
        x = _stress_layout(comp, sub_edges, seed)
        # scale so the mean edge is UNIT long, then make room for the labels
        idx = {v: i for i, v in enumerate(comp)}
        lengths = [np.linalg.norm(x[idx[a]] - x[idx[b]]) for a, b in sub_edges]
        x = x * (UNIT / max(float(np.mean(lengths)), 1e-9))
        x = _spread(x, UNIT * 1.2, UNIT * 0.7)
        x = x - (x.max(axis=0) + x.min(axis=0)) / 2
        placed = {v: (float(x[i, 0]), float(x[i, 1])) for v, i in idx.items()}
        w = float(x[:, 0].max() - x[:, 0].min()) + UNIT * 1.2
        h = float(x[:, 1].max() - x[:, 1].min()) + UNIT * 0.8
        blocks.append((w, h, placed))
    if singles:  # the isolated nodes in one grid block
        cols = max(1, math.ceil(math.sqrt(len(singles) * 2)))
        rows = math.ceil(len(singles) / cols)
        placed = {}
        for i, nid in enumerate(singles):
            r, c = divmod(i, cols)
            placed[nid] = ((c - (cols - 1) / 2) * UNIT * 1.1, (r - (rows - 1) / 2) * UNIT * 0.75)
        blocks.append((cols * UNIT * 1.1, rows * UNIT * 0.75 + UNIT * 0.4, placed))
    if not blocks:
        return {}
    # shelves as wide as a canvas of about 16:9 holding all the blocks needs
    total_area = sum(w * h for w, h, _ in blocks)
    shelf_width = max(max(w for w, _, _ in blocks), math.sqrt(total_area * ASPECT) * 1.1)
    out: dict[str, tuple[float, float]] = {}
    x0 = y0 = shelf_h = 0.0
    for w, h, placed in blocks:
        if x0 > 0 and x0 + w > shelf_width:
            x0, y0, shelf_h = 0.0, y0 + shelf_h, 0.0
        ox, oy = x0 + w / 2, y0 + h / 2
        for k, (px, py) in placed.items():
            out[k] = (round(ox + px, 1), round(oy + py, 1))
        x0 += w
        shelf_h = max(shelf_h, h)
    return out


def bbox(positions: dict[str, tuple[float, float]], ids: Iterable[str] | None = None) -> dict | None:
    pts = [positions[i] for i in (ids if ids is not None else positions) if i in positions]
    if not pts:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return {"cx": (max(xs) + min(xs)) / 2, "cy": (max(ys) + min(ys)) / 2,
            "w": max(xs) - min(xs) + UNIT * 1.3, "h": max(ys) - min(ys) + UNIT * 1.1,
            "cy_shift": UNIT * 0.15}


# =========================================================================== elements


def _matches(text: str, body: dict) -> bool:
    q = text.casefold().strip()
    if not q:
        return True
    names = [body.get("name") or ""] + list(body.get("aliases") or [])
    return any(q in (n or "").casefold() for n in names)


def body_title(b: dict) -> str:
    lines = [b.get("name") or b.get("uid", "")]
    lines.append(f"{L.kind(b.get('kind'))} · {L.level(b.get('level'))}")
    if b.get("region"):
        lines.append(b["region"])
    lines.append("Periode: " + L.period(b.get("valid_from"), b.get("valid_to")))
    if b.get("chair"):
        lines.append("Formandskab: " + b["chair"])
    if b.get("meetings_min"):
        mx = b.get("meetings_max")
        lines.append(f"Møder pr. år: {b['meetings_min']}" + (f"–{mx}" if mx and mx != b["meetings_min"] else ""))
    if b.get("certain") is False:
        lines.append("(datoen ligger i en upræcis grænse: usikkert om organet fandtes)")
    if b.get("evidence"):
        lines.append("«" + textwrap.shorten(b["evidence"], 220, placeholder=" …") + "»")
    if b.get("document"):
        lines.append(f"Kilde: {b['document']}" + (f" ({b['document_date']})" if b.get("document_date") else ""))
    return "\n".join(lines)


def relation_title(r: dict) -> str:
    lines = [f"{r.get('source')} {L.relation(r.get('type'))} {r.get('target')}",
             "Periode: " + L.period(r.get("valid_from"), r.get("valid_to"))]
    if r.get("inferred"):
        lines.append("Udledt: " + (r.get("note") or ""))
    if r.get("evidence"):
        lines.append("«" + textwrap.shorten(r["evidence"], 220, placeholder=" …") + "»")
    if r.get("document"):
        lines.append("Kilde: " + r["document"])
    return "\n".join(lines)


def _org_node(uid: str, name: str, parties: dict | None) -> dict:
    p = (parties or {}).get(uid, {})
    return {"id": uid, "name": p.get("name") or name, "is_org": True, "kind": p.get("kind"),
            "level": None, "region": p.get("region"),
            "title": f"{p.get('name') or name}\n{L.ORGANISATION_KINDS.get(p.get('kind'), 'Organisation')}"
                     + (f" · {p['region']}" if p.get("region") else "")}


def snapshot_elements(snap: dict, *, parties: dict | None = None, regions: Iterable[str] | None = None,
                      levels: Iterable[str | None] | None = None, kinds: Iterable[str | None] | None = None,
                      relation_types: Iterable[str] | None = None, search: str = "",
                      neighbours: bool = True, organisations: bool = True) -> tuple[list[dict], list[dict]]:
    """The visible nodes and edges of a snapshot after the filters (None = no filter)."""
    regions = set(regions) if regions is not None else None
    levels = set(levels) if levels is not None else None
    kinds = set(kinds) if kinds is not None else None
    types = set(relation_types) if relation_types is not None else None

    bodies = {}
    for b in snap["bodies"]:
        if regions is not None and b.get("region") not in regions:
            continue
        if levels is not None and b.get("level") not in levels:
            continue
        if kinds is not None and b.get("kind") not in kinds:
            continue
        bodies[b["uid"]] = b
    rels = [r for r in snap["relations"] if types is None or r["type"] in types]
    all_body_uids = {b["uid"] for b in snap["bodies"]}

    def is_org(uid: str) -> bool:
        p = (parties or {}).get(uid)
        if p is not None:
            return p.get("label") == "Organisation"
        return uid not in all_body_uids

    # edges between kept bodies, or a kept body and an organisation
    def end_ok(uid: str) -> bool:
        return uid in bodies or (organisations and is_org(uid))

    rels = [r for r in rels if end_ok(r["source_uid"]) and end_ok(r["target_uid"])
            and (r["source_uid"] in bodies or r["target_uid"] in bodies)]

    if search.strip():
        hits = {u for u, b in bodies.items() if _matches(search, b)}
        orgs = {r[e] for r in rels for e in ("source_uid", "target_uid") if r[e] not in bodies}
        for r in rels:  # an organisation can be found by name too
            for e, n in (("source_uid", "source"), ("target_uid", "target")):
                if r[e] in orgs and search.casefold().strip() in (r[n] or "").casefold():
                    hits.add(r[e])
        keep = set(hits)
        if neighbours:
            for r in rels:
                if r["source_uid"] in hits:
                    keep.add(r["target_uid"])
                if r["target_uid"] in hits:
                    keep.add(r["source_uid"])
        bodies = {u: b for u, b in bodies.items() if u in keep}
        rels = [r for r in rels if r["source_uid"] in keep and r["target_uid"] in keep]

    nodes = []
    for u, b in bodies.items():
        nodes.append({"id": u, "name": b.get("name") or u, "is_org": False, "kind": b.get("kind"),
                      "level": b.get("level"), "region": b.get("region"), "title": body_title(b),
                      "uncertain": b.get("certain") is False})
    seen = set(bodies)
    for r in rels:
        for e, n in (("source_uid", "source"), ("target_uid", "target")):
            if r[e] not in seen:
                seen.add(r[e])
                nodes.append(_org_node(r[e], r[n], parties))
    edges = [{"id": r.get("uid") or f"{r['source_uid']}|{r['type']}|{r['target_uid']}",
              "source": r["source_uid"], "target": r["target_uid"], "type": r["type"],
              "title": relation_title(r), "uncertain": r.get("certain") is False} for r in rels]
    return nodes, edges


def diff_elements(diff: dict, snap_a: dict, snap_b: dict, *, parties: dict | None = None,
                  **filters) -> tuple[list[dict], list[dict]]:
    """Both dates merged: every node/edge carries status added/removed/changed/None."""
    from queries.structure import relation_key

    merged = {
        "at": snap_b["at"],
        "bodies": list(snap_b["bodies"]) + list(diff["removed"]["bodies"]),
        "relations": list(snap_b["relations"]) + list(diff["removed"]["relations"]),
        "seats": [],
    }
    nodes, edges = snapshot_elements(merged, parties=parties, **filters)
    body_status = {}
    for b in diff["added"]["bodies"]:
        body_status[b["uid"]] = "added"
    for b in diff["removed"]["bodies"]:
        body_status[b["uid"]] = "removed"
    for b in diff["changed"]["bodies"]:
        body_status.setdefault(b["uid"], "changed")
    seat_changed = {}
    for change, what in (("added", "sæde tilføjet"), ("removed", "sæde fjernet"), ("changed", "sæde ændret")):
        for s in diff[change]["seats"]:
            seat_changed.setdefault(s["body_uid"], set()).add(what)
    for uid in seat_changed:
        body_status.setdefault(uid, "changed")
    changed_fields = {b["uid"]: b.get("changes", {}) for b in diff["changed"]["bodies"]}
    rel_status = {}
    for change in ("added", "removed"):
        for r in diff[change]["relations"]:
            rel_status[relation_key(r)] = change
    for n in nodes:
        st = body_status.get(n["id"])
        n["status"] = st
        notes = [f"Status: {L.STATUS[st]}"] if st else []
        for f, ch in changed_fields.get(n["id"], {}).items():
            notes.append(f"{f}: {ch.get('from')} → {ch.get('to')}")
        if n["id"] in seat_changed:
            notes.append(", ".join(sorted(seat_changed[n["id"]])))
        if notes:
            n["title"] = n["title"] + "\n" + "\n".join(notes)
    for e in edges:
        e["status"] = rel_status.get((e["source"], e["type"], e["target"]))
        if e["status"]:
            e["title"] += f"\nStatus: {L.STATUS[e['status']]}"
    # an organisation that only removed relations reach is faded too
    live = {x for e in edges if e["status"] != "removed" for x in (e["source"], e["target"])}
    old = {x for e in edges if e["status"] != "added" for x in (e["source"], e["target"])}
    for n in nodes:
        if n["is_org"] and n["id"] not in live:
            n["status"] = "removed"
        elif n["is_org"] and n["id"] not in old:
            n["status"] = "added"
    return nodes, edges


# =========================================================================== html


def _wrap_label(name: str, width: int = 18) -> str:
    return "\n".join(textwrap.wrap(name, width=width, break_long_words=False)) or name


def _fade(hex_colour: str, amount: float = 0.65) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    r, g, b = (round(c + (255 - c) * amount) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def _svg_image(shape: str, fill: str, stroke: str, stroke_width: float = 4) -> str:
    """A small SVG (as a data: URL) for the kinds vis-network has no shape for."""
    from urllib.parse import quote

    sw = stroke_width
    if shape == "svg:ring":
        body = f'<circle cx="50" cy="50" r="38" fill="#ffffff" stroke="{fill}" stroke-width="18"/>'
        if stroke != fill:
            body += f'<circle cx="50" cy="50" r="47" fill="none" stroke="{stroke}" stroke-width="{sw}"/>'
    elif shape == "svg:pill":
        body = (f'<rect x="4" y="28" width="92" height="44" rx="22" fill="{fill}" stroke="{stroke}" '
                f'stroke-width="{sw}"/>')
    elif shape == "svg:pentagon":
        body = (f'<polygon points="50,5 95,38 78,93 22,93 5,38" fill="{fill}" stroke="{stroke}" '
                f'stroke-width="{sw}" stroke-linejoin="round"/>')
    else:  # svg:small
        body = f'<circle cx="50" cy="50" r="26" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"/>'
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">{body}</svg>'
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


FONT = {"size": 21, "color": "#1a1a1a", "face": "Source Sans Pro, Helvetica, Arial, sans-serif",
        "strokeWidth": 4, "strokeColor": "#ffffff"}


def _node_options(n: dict) -> dict:
    status = n.get("status")
    font = dict(FONT)
    if n["is_org"]:
        opts = {"shape": L.ORGANISATION_SHAPE, "borderWidth": 1, "margin": 6,
                "color": {"background": L.ORGANISATION_COLOUR, "border": "#9a9a9a",
                          "highlight": {"background": "#ffffff", "border": "#000000"}},
                "font": dict(font, size=17, color="#444444", strokeWidth=0)}
        if status == "removed":
            opts["color"] = {"background": "#f6f6f6", "border": "#d0d0d0"}
            opts["font"]["color"] = "#b0b0b0"
        elif status == "added":
            opts["color"] = {"background": "#e3f5e3", "border": L.STATUS_COLOURS["added"]}
            opts["borderWidth"] = 3
        return opts
    shape = L.KIND_SHAPES.get(n.get("kind"), "svg:small")
    colour = L.LEVEL_COLOURS.get(n.get("level"), L.LEVEL_COLOURS[None])
    fill, border, width, size = colour, colour, 2, 15
    # a diff: colour says the status (the shape still says the kind), not the level
    if status == "added":
        fill, border, width, size = L.STATUS_COLOURS["added"], "#145a14", 3, 18
    elif status == "changed":
        fill, border, width, size = L.STATUS_COLOURS["changed"], "#9a4a00", 3, 18
    elif status == "removed":
        fill, border = "#f2f2f2", "#b5b5b5"
        font["color"] = "#a8a8a8"
    elif "status" in n:  # a diff, unchanged
        fill, border = L.STATUS_COLOURS[None], "#5d6d7e"
        font["color"] = "#444444"
    if shape == "svg:small":
        size = max(size - 6, 9)
    opts = {"size": size, "borderWidth": width, "font": font}
    if shape.startswith("svg:"):
        opts["shape"] = "image"
        opts["image"] = _svg_image(shape, fill, border, stroke_width=max(width * 2, 4))
    else:
        opts["shape"] = shape
        opts["color"] = {"background": fill, "border": border,
                         "highlight": {"background": fill, "border": "#000000"},
                         "hover": {"background": fill, "border": "#000000"}}
    if status == "removed":
        opts["opacity"] = 0.5
        opts["shapeProperties"] = {"borderDashes": [4, 3]}
    if n.get("uncertain") and "status" not in n:
        opts["shapeProperties"] = {"borderDashes": [5, 4]}
        opts["borderWidth"] = 3
        if "color" in opts:
            opts["color"]["border"] = "#333333"
    return opts


def _edge_options(e: dict) -> dict:
    colour, dashes, width, arrows = L.RELATION_STYLES.get(e["type"], ("#999999", False, 1, "to"))
    status = e.get("status")
    opts = {"color": {"color": colour, "highlight": "#000000", "opacity": 0.9}, "dashes": dashes,
            "width": width, "arrows": arrows or {"to": {"enabled": False}}}
    if status == "added":
        opts["color"] = {"color": L.STATUS_COLOURS["added"], "opacity": 1.0}
        opts["width"] = width + 2
    elif status == "removed":
        opts["color"] = {"color": "#c8c8c8", "opacity": 0.6}
        opts["dashes"] = [3, 5]
    elif status == "changed":
        opts["color"] = {"color": L.STATUS_COLOURS["changed"], "opacity": 1.0}
    elif "status" in e:  # a diff, unchanged: the type's colour, lighter
        opts["color"] = {"color": _fade(colour, 0.35), "opacity": 0.85}
    if e.get("uncertain") and not status:
        opts["color"]["opacity"] = 0.55
    return opts


_CDN = re.compile(r"<(link|script)\b[^>]*(?:href|src)=\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?", re.S)
_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>")

_EXTRA_CSS = """
<style>
  html, body { margin: 0; padding: 0; font-family: "Source Sans Pro", sans-serif; background: #ffffff; }
  .card { border: 0; }
  #mynetwork { float: none !important; border: 1px solid #dddddd !important; }
  div.vis-tooltip { white-space: pre-wrap !important; max-width: 460px; font-family: sans-serif;
                    font-size: 13px; line-height: 1.35; }
  .gg-legend { clear: both; font-size: 12.5px; color: #333; padding: 6px 4px 2px 4px; line-height: 1.9; }
  .gg-legend .grp { margin-right: 14px; white-space: nowrap; display: inline-block; }
  .gg-legend .hd { font-weight: 600; margin-right: 6px; }
  .gg-legend .sw { display: inline-block; width: 11px; height: 11px; border-radius: 2px;
                   vertical-align: -1px; margin-right: 3px; }
  .gg-legend .sym { font-size: 14px; margin-right: 2px; }
  .gg-legend svg { vertical-align: middle; margin-right: 3px; }
  .gg-empty { position: absolute; top: 45%; width: 100%; text-align: center; color: #777; font-size: 16px; }
</style>
"""


def legend_html(nodes: list[dict], edges: list[dict], *, diff: bool = False) -> str:
    esc = html.escape
    parts = []
    lv = [] if diff else [k for k in L.LEVELS if any((not n["is_org"]) and n.get("level") == k for n in nodes)]
    if lv:
        items = "".join(
            f'<span class="grp"><span class="sw" style="background:{L.LEVEL_COLOURS[k]}"></span>{esc(L.level(k))}</span>'
            for k in lv)
        parts.append(f'<div><span class="hd">Niveau:</span>{items}</div>')
    kd = [k for k in L.KINDS if any((not n["is_org"]) and n.get("kind") == k for n in nodes)]
    items = "".join(f'<span class="grp"><span class="sym">{L.SHAPE_SYMBOLS[L.KIND_SHAPES[k]]}</span>'
                    f'{esc(L.kind(k))}</span>' for k in kd)
    if any(n["is_org"] for n in nodes):
        items += f'<span class="grp"><span class="sym">{L.SHAPE_SYMBOLS["box"]}</span>Organisation</span>'
    if items:
        parts.append(f'<div><span class="hd">Type:</span>{items}</div>')
    types = [t for t in L.RELATIONS if any(e["type"] == t for e in edges)]
    if types:
        items = ""
        for t in types:
            colour, dashes, width, _ = L.RELATION_STYLES[t]
            dash = f' stroke-dasharray="{",".join(str(d) for d in dashes)}"' if dashes else ""
            items += (f'<span class="grp"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" '
                      f'stroke="{colour}" stroke-width="{max(width, 1.5)}"{dash}/></svg>{esc(L.relation(t))}</span>')
        parts.append(f'<div><span class="hd">Relation:</span>{items}</div>')
    if diff:
        sw = '<span class="grp"><span class="sw" style="background:{};border:1px solid {}"></span>{}</span>'
        items = (sw.format(L.STATUS_COLOURS["added"], "#145a14", "tilføjet")
                 + sw.format(L.STATUS_COLOURS["changed"], "#9a4a00", "ændret (egenskaber eller sæder)")
                 + sw.format("#f2f2f2", "#b5b5b5", "fjernet (blegt, stiplet)")
                 + sw.format(L.STATUS_COLOURS[None], "#5d6d7e", "uændret"))
        parts.insert(0, f'<div><span class="hd">Ændring:</span>{items}</div>')
    if not diff and any(n.get("uncertain") for n in nodes):
        parts.append('<div><span class="grp">Stiplet kant: datoen ligger i en upræcis grænse for organet</span></div>')
    return '<div class="gg-legend" id="gg-legend">' + "".join(parts) + "</div>"


def build_html(nodes: list[dict], edges: list[dict], positions: dict[str, tuple[float, float]], *,
               view_ids: Iterable[str] | None = None, height: int = DEFAULT_HEIGHT, legend: bool = True,
               diff: bool = False, empty_message: str = "Ingen organer at vise med de valgte filtre.") -> str:
    """The vis-network page for the nodes/edges (self-contained: vis.js inlined, no CDN).

    `positions` holds x/y for every node (nodes missing from it are placed on a row
    below); `view_ids` names the nodes whose bounding box sets the viewport, so the
    view does not zoom when nodes appear or disappear.
    """
    from pyvis.network import Network

    positions = dict(positions)
    missing = [n["id"] for n in nodes if n["id"] not in positions]
    if missing:
        base = bbox(positions) or {"cx": 0, "cy": 0, "w": 0, "h": 0}
        y = base["cy"] + base["h"] / 2 + UNIT
        for i, nid in enumerate(sorted(missing)):
            positions[nid] = (base["cx"] - base["w"] / 2 + i * UNIT * 1.3, y)
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line",
                  bgcolor="#ffffff")
    for n in nodes:
        x, y = positions[n["id"]]
        net.add_node(n["id"], label=_wrap_label(n["name"]), title=n.get("title") or n["name"],
                     x=x, y=y, physics=False, **_node_options(n))
    # parallel edges between the same two nodes get different curvature
    seen: dict[tuple, int] = {}
    for e in edges:
        pair = tuple(sorted((e["source"], e["target"])))
        k = seen.get(pair, 0)
        seen[pair] = k + 1
        roundness = 0.08 + 0.12 * k
        net.add_edge(e["source"], e["target"], id=e["id"], title=e.get("title") or e["type"],
                     smooth={"enabled": True, "type": "curvedCW", "roundness": roundness},
                     **_edge_options(e))
    net.set_options(json.dumps({
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "zoomView": True, "dragView": True,
                        "multiselect": False},
        "edges": {"arrowStrikethrough": False, "selectionWidth": 2},
        "nodes": {"font": {"multi": False}},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }))
    page = net.generate_html()
    page = _CDN.sub("", page)
    page = _HEADING.sub("", page)
    page = page.replace("</head>", _EXTRA_CSS + "</head>", 1)
    view = bbox(positions, view_ids if view_ids is not None else [n["id"] for n in nodes])
    tail = []
    if not nodes:
        tail.append(f'<script>document.getElementById("mynetwork").insertAdjacentHTML("beforeend",'
                    f'{json.dumps("<div class=gg-empty>" + html.escape(empty_message) + "</div>")});</script>')
    if view:
        tail.append(
            "<script>(function(){var bb=" + json.dumps(view) + ";"
            "function place(){var c=document.getElementById('mynetwork');if(!c||!network)return;"
            "var w=c.clientWidth||800,h=c.clientHeight||600;"
            "var s=Math.min(w/bb.w,h/bb.h,1.6);"
            "network.moveTo({position:{x:bb.cx,y:bb.cy+bb.cy_shift},scale:s,animation:false});}"
            "place();window.addEventListener('resize',place);"
            "window.govgraphView={bbox:bb,place:place};})();</script>")
    if legend:
        tail.append(legend_html(nodes, edges, diff=diff))
    page = page.replace("</body>", "\n".join(tail) + "\n</body>", 1)
    return page


def html_height(height: int = DEFAULT_HEIGHT, legend: bool = True) -> int:
    """The iframe height that shows the canvas and its legend without a scrollbar."""
    return height + (130 if legend else 10)


def is_offline(page: str) -> bool:
    """True when the page references no remote resource (no http(s) src/href)."""
    return not re.search(r"(?:src|href)\s*=\s*[\"']?https?://", page)


def elements_in_html(page: str) -> tuple[list[dict], list[dict]]:
    """The nodes and edges a built page hands to vis.js (for tests and benchmarks)."""
    decoder = json.JSONDecoder()
    out = []
    for marker in ("nodes = new vis.DataSet(", "edges = new vis.DataSet("):
        i = page.find(marker)
        if i < 0:
            out.append([])
            continue
        value, _ = decoder.raw_decode(page, i + len(marker))
        out.append(value)
    return out[0], out[1]
