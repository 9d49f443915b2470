"""The network view: rows → vis-network HTML (pyvis), with stable positions.

Pure functions, no Streamlit and no database: `dashboard.data` fetches the rows,
the pages wire widgets to both. Three steps:

1. `scoped_layout(...)`: positions for everything the view can show, at any date, with
   a region filter (`layout_scope`): one region's scope laid out by `compute_layout`
   (stress majorization per connected component from a pivot-MDS start, labels pushed
   apart, components packed on shelves), several regions and the unfiltered view composed
   of the regions' layouts. Computed once per graph version and scope and cached by
   data.py, so a node keeps its place whatever date is shown.
2. `snapshot_elements(...)` / `diff_elements(...)`: the visible nodes and edges
   after the filters, as plain dicts (status "added"/"removed"/"changed" for a diff).
3. `build_html(nodes, edges, positions)`: a pyvis Network with vis.js inlined
   (`cdn_resources="in_line"`), physics off, the given x/y, a fixed viewport over
   the bounding box of the layout scope (so nothing moves when the date moves), and a legend.
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
#
# A component of n nodes is laid out by stress majorization on graph distances
# (Gansner, Koren & North 2004), started from pivot MDS (Brandes & Pich 2006) so that
# it converges in tens of iterations instead of hundreds:
# - up to DENSE_MAX nodes the full model: all-pairs BFS distances (scipy.sparse.csgraph,
#   in C), n×n float32 matrices, O(n²) memory and work per iteration (~2 ms at n = 900);
# - above, the sparse stress model (Ortmann, Klimenta & Brandes 2016): the terms of the
#   pairs at most two steps apart, plus each node's terms to SPARSE_PIVOTS pivots weighted
#   by the part of the graph a pivot stands for; O(n·k + m) memory and work per iteration,
#   so a 20 000-node component needs tens of MB, not the 3.2 GB of a dense matrix.
# Then a component is scaled to a mean edge of UNIT, and up if its labels would crowd
# (DENSITY), what still overlaps is pushed apart (`_spread`, near pairs from a k-d tree),
# and the components are packed on shelves (`pack`). No BLAS call anywhere (see
# `_stress_dense`). Measured (national synthetic graph, 2 busy cores): a region's scope
# of 451 nodes 0.08 s (the former all-pairs networkx + random-start stress + O(n²) spread:
# 0.31 s on that scope, 2.3 s on the 2,075-node all-time union).

DENSE_MAX = 1000  # components up to this size: the full stress model (~25 MB at most)
PIVOTS = 50  # pivots of the pivot-MDS start
SPARSE_PIVOTS = 100  # pivots of the sparse stress model
HUB_DEGREE = 200  # the sparse model pairs up the neighbours of nodes up to this degree
LABEL_W, LABEL_H = UNIT * 1.2, UNIT * 0.7  # the box two labels keep apart
DENSITY = 1.0  # label boxes per node, at least, in a component's bounding box (grown by a box)


def _adjacency(n: int, ei: "np.ndarray", ej: "np.ndarray"):
    import numpy as np
    from scipy.sparse import coo_matrix

    a = coo_matrix((np.ones(len(ei)), (ei, ej)), shape=(n, n)).tocsr()
    a = (a + a.T).tocsr()
    a.data[:] = 1.0
    return a


def _bfs(adj, source) -> "np.ndarray":
    from scipy.sparse.csgraph import shortest_path

    return shortest_path(adj, method="D", directed=False, unweighted=True, indices=source)


def _maxmin_pivots(n: int, k: int, start: int, row) -> tuple[list[int], "np.ndarray"]:
    """k pivots, each the node farthest from those chosen (ties: the lowest index);
    `row(p)` gives p's distances. Returns the pivots and their k×n distances."""
    import numpy as np

    pivots, rows = [start], [row(start)]
    nearest = rows[0].copy()
    while len(pivots) < min(k, n):
        p = int(np.argmax(nearest))
        if nearest[p] <= 0:
            break
        pivots.append(p)
        rows.append(row(p))
        np.minimum(nearest, rows[-1], out=nearest)
    return pivots, np.vstack(rows)


def _top_two(m: "np.ndarray", iters: int = 200) -> "np.ndarray":
    """The eigenvectors of the two largest eigenvalues of a symmetric positive
    semi-definite matrix (k×k in, k×2 out): subspace iteration with Gram-Schmidt, in
    numpy's own loops (LAPACK's eigh runs threaded BLAS: see _stress_dense)."""
    import numpy as np

    q = np.random.default_rng(0).normal(size=(len(m), 2))
    for _ in range(iters):
        z = np.einsum("ij,jk->ik", m, q)
        for a in range(2):
            if a:
                z[:, a] -= (z[:, a] * z[:, 0]).sum() * z[:, 0]
            norm = math.sqrt(float((z[:, a] ** 2).sum()))
            z[:, a] = z[:, a] / norm if norm > 1e-300 else 0.0
        done = float(np.abs(z - q).max()) < 1e-7
        q = z
        if done:
            break
    return q


def _pivot_mds(dp: "np.ndarray") -> "np.ndarray":
    """Pivot MDS (Brandes & Pich): C the double-centred squared distances to the pivots,
    the positions are C times the top two eigenvectors of CᵀC (k×n in, n×2 out). Signs
    fixed for determinism."""
    import numpy as np

    c = dp.T.astype(np.float64) ** 2
    c = -0.5 * (c - c.mean(axis=0)[None, :] - c.mean(axis=1)[:, None] + c.mean())
    x = np.einsum("ik,kj->ij", c, _top_two(np.einsum("ik,il->kl", c, c)))
    for j in range(2):
        i = int(np.argmax(np.abs(x[:, j])))
        if x[i, j] < 0:
            x[:, j] = -x[:, j]
    return x


def _stress_dense(d: "np.ndarray", x: "np.ndarray", iters: int, tol: float) -> "np.ndarray":
    """Full stress majorization, the localized (Jacobi) update of Gansner et al.:
    x_i <- sum_j w_ij (x_j + d_ij (x_i - x_j) / |x_i - x_j|) / sum_j w_ij, w_ij = d_ij^-2.

    float32 n×n buffers updated in place, and only elementwise passes and einsum
    (numpy's own loops): no BLAS product, because OpenBLAS runs those threaded and, on a
    busy two-core machine, a product then sometimes takes 10-100 ms instead of 0.2."""
    import numpy as np

    f = np.float32
    inv = np.zeros(d.shape, dtype=f)
    np.divide(1.0, d, out=inv, where=d > 0)  # w_ij d_ij = 1 / d_ij
    w = inv * inv
    w_sum = w.sum(axis=1, dtype=np.float64)
    x = x.astype(np.float64)
    buf = np.empty(d.shape, dtype=f)
    buf2 = np.empty(d.shape, dtype=f)
    for _ in range(iters):
        x0, x1 = x[:, 0].astype(f), x[:, 1].astype(f)
        np.subtract.outer(x0, x0, out=buf)
        np.square(buf, out=buf)
        np.subtract.outer(x1, x1, out=buf2)
        np.square(buf2, out=buf2)
        buf += buf2
        np.sqrt(buf, out=buf)
        np.maximum(buf, 1e-6, out=buf)  # |x_i - x_j|
        np.divide(inv, buf, out=buf)  # k_ij = w_ij d_ij / |x_i - x_j| (0 on the diagonal)
        k_sum = np.einsum("ij->i", buf).astype(np.float64)
        x_new = np.empty_like(x)
        for a, xa in ((0, x0), (1, x1)):
            wx = np.einsum("ij,j->i", w, xa).astype(np.float64)
            kx = np.einsum("ij,j->i", buf, xa).astype(np.float64)
            x_new[:, a] = (wx + k_sum * x[:, a] - kx) / w_sum
        moved = float(np.abs(x_new - x).max())
        x = x_new
        if moved < tol:
            break
    return x


def _sparse_terms(adj) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
    """(i, j, d_ij) of every ordered pair one or two steps apart (two steps only via
    nodes of degree <= HUB_DEGREE)."""
    import numpy as np
    from scipy.sparse import diags

    deg = np.diff(adj.indptr)
    near = adj @ diags((deg <= HUB_DEGREE).astype(np.float64)) @ adj
    near = near.tocoo()
    two = (near.row != near.col)
    one = adj.tocoo()
    i2, j2 = near.row[two], near.col[two]
    i = np.concatenate([one.row, i2]).astype(np.int64)
    j = np.concatenate([one.col, j2]).astype(np.int64)
    d = np.concatenate([np.ones(len(one.row)), np.full(len(i2), 2.0)])
    # a pair both adjacent and two steps apart keeps d = 1 (the first occurrence)
    key = i * adj.shape[0] + j
    _, first = np.unique(key, return_index=True)
    return i[first], j[first], d[first]


def _stress_sparse(adj, dp: "np.ndarray", pivots: list[int], x: "np.ndarray", iters: int,
                   tol: float) -> "np.ndarray":
    """The sparse stress model: near pairs exactly, far ones through the pivots. A pivot
    p's term on node i stands for the nodes of p's part (the nodes nearest to p) no
    farther from p than half of d(i, p) (Ortmann, Klimenta & Brandes)."""
    import numpy as np

    n = adj.shape[0]
    ti, tj, td = _sparse_terms(adj)
    tw = td ** -2.0
    # pivot terms: n×k, only for pairs more than two steps apart
    dpt = dp.T  # n×k
    part = np.argmin(dp, axis=0)  # each node's nearest pivot (the first on ties)
    wp = np.zeros_like(dpt)
    for c, p in enumerate(pivots):
        members = np.sort(dp[c, part == c])
        s = np.searchsorted(members, dpt[:, c] / 2.0, side="right")
        far = dpt[:, c] > 2
        wp[far, c] = s[far] / dpt[far, c] ** 2
    den = np.bincount(ti, weights=tw, minlength=n) + wp.sum(axis=1)
    den = np.where(den > 0, den, 1.0)
    piv = np.asarray(pivots)
    f = np.float32  # n×k buffers, in place, einsum (no threaded BLAS: see _stress_dense)
    wp32, wpd = wp.astype(f), (wp * dpt).astype(f)
    b0, b1, pc = (np.empty(wp.shape, dtype=f) for _ in range(3))
    for _ in range(iters):
        diff = x[ti] - x[tj]
        dist = np.maximum(np.hypot(diff[:, 0], diff[:, 1]), 1e-9)
        coef = tw * td / dist
        x_new = np.empty_like(x)
        for a, b in ((0, b0), (1, b1)):
            xa = x[:, a].astype(f)
            np.subtract.outer(xa, xa[piv], out=b)
        np.hypot(b0, b1, out=pc)
        np.maximum(pc, 1e-6, out=pc)
        np.divide(wpd, pc, out=pc)  # w_ip d_ip / |x_i - x_p|
        for a, b in ((0, b0), (1, b1)):
            near = np.bincount(ti, weights=tw * x[tj, a] + coef * diff[:, a], minlength=n)
            far = np.einsum("ik,k->i", wp32, x[piv, a].astype(f)) + np.einsum("ik,ik->i", pc, b)
            x_new[:, a] = (near + far) / den
        moved = float(np.abs(x_new - x).max())
        x = x_new
        if moved < tol:
            break
    return x


def _component_layout(n: int, ei: "np.ndarray", ej: "np.ndarray", seed: int) -> "np.ndarray":
    """Positions (n×2, in graph-distance units) of one connected component."""
    import numpy as np

    if n == 2:  # (the update below would swing two nodes to and fro)
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    adj = _adjacency(n, ei, ej)
    deg = np.diff(adj.indptr)
    start = int(np.argmax(deg))
    rng = np.random.default_rng(seed)
    if n <= DENSE_MAX:
        d = _bfs(adj, None)
        pivots, dp = _maxmin_pivots(n, PIVOTS, start, lambda p: d[p])
    else:
        pivots, dp = _maxmin_pivots(n, SPARSE_PIVOTS, start, lambda p: _bfs(adj, p))
    x = _pivot_mds(dp)
    # the scale that fits the start best (stress over the pivot pairs), then a little
    # seeded noise: nodes with the same distances (the leaves of a star) must not coincide
    dd = dp.T
    dist = np.hypot(x[:, None, 0] - x[pivots][None, :, 0], x[:, None, 1] - x[pivots][None, :, 1])
    mask = dd > 0
    den = float((dist[mask] ** 2 / dd[mask] ** 2).sum())
    x = x * (float((dist[mask] / dd[mask]).sum()) / den if den > 0 else 1.0)
    x = x + rng.normal(size=(n, 2)) * 0.1
    diameter = float(dp.max())
    tol = 2e-3 * max(1.0, diameter)
    if n <= DENSE_MAX:
        return _stress_dense(d, x, 200 if n <= 200 else 60, tol)
    return _stress_sparse(adj, dp, pivots, x, 60, tol)


def _spread(x: "np.ndarray", min_x: float, min_y: float, rounds: int = 400, slack: float = 0.25,
            ) -> "np.ndarray":
    """Push apart nodes closer than a label's box (min_x wide, min_y high), until no two
    overlap by more than `slack` of it. Near pairs only, not O(n²) a round: the pairs
    within 1.5 boxes come from a k-d tree every few rounds (a node moves less than that
    in between), the rounds in between push those pairs only."""
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(x)
    if n < 2:
        return x
    scale = np.array([min_x, min_y])
    parity = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    u = x / scale
    pairs = None
    for r in range(rounds):
        fresh = r % 8 == 0
        if fresh:
            pairs = cKDTree(u).query_pairs(1.5, output_type="ndarray")
            if not len(pairs):
                break
        i, j = pairs[:, 0], pairs[:, 1]
        d = u[i] - u[j]
        dist = np.hypot(d[:, 0], d[:, 1])
        overlap = np.clip(1.0 - dist, 0.0, None)
        if not (overlap > slack).any():
            if fresh:
                break
            continue  # until the next fresh look
        f = overlap / np.where(dist > 1e-9, dist, 1.0) * 0.5
        move = np.empty_like(u)
        for a in range(2):
            push = f * d[:, a]
            move[:, a] = np.bincount(i, weights=push, minlength=n) - np.bincount(j, weights=push, minlength=n)
        same = dist < 1e-9  # identical positions: nudge apart
        stuck = np.zeros(n, dtype=bool)
        stuck[i[same]] = True
        stuck[j[same]] = True
        move[stuck, 0] += parity[stuck] * 0.1
        u = u + move
    return u * scale


def _shelves(sizes: list[tuple[float, float]], width: float) -> tuple[list[tuple[float, float]], float, float]:
    """Blocks (w, h) left to right on shelves at most `width` wide: their centres, the
    total width and height."""
    centres = []
    x0 = y0 = shelf_h = right = 0.0
    for w, h in sizes:
        if x0 > 0 and x0 + w > width:
            x0, y0, shelf_h = 0.0, y0 + shelf_h, 0.0
        centres.append((x0 + w / 2, y0 + h / 2))
        x0 += w
        right = max(right, x0)
        shelf_h = max(shelf_h, h)
    return centres, right, y0 + shelf_h


def pack(blocks: list[dict[str, tuple[float, float]]], *, gap: float = 0.0,
         margin: tuple[float, float] = (UNIT * 1.2, UNIT * 0.8)) -> dict[str, tuple[float, float]]:
    """Place laid-out blocks side by side on shelves, in the order given. Each block keeps
    its shape (moved, never scaled); `margin` is room for the labels around a block, `gap`
    more space between blocks. The shelf width is the one, of those that end the first
    shelf after each block (and the width of a canvas of about ASPECT holding their area),
    that needs the smallest canvas of ASPECT: the view then zooms in the most."""
    sized = []
    for placed in blocks:
        if not placed:
            continue
        xs = [p[0] for p in placed.values()]
        ys = [p[1] for p in placed.values()]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        w = max(xs) - min(xs) + margin[0] + gap
        h = max(ys) - min(ys) + margin[1] + gap
        sized.append((w, h, {k: (px - cx, py - cy) for k, (px, py) in placed.items()}))
    if not sized:
        return {}
    sizes = [(w, h) for w, h, _ in sized]
    widest = max(w for w, _ in sizes)
    candidates = [max(widest, math.sqrt(sum(w * h for w, h in sizes) * ASPECT) * 1.1)]
    first_shelf = 0.0
    for w, _ in sizes:
        first_shelf += w
        candidates.append(max(widest, first_shelf))
    best = None
    for width in candidates:
        centres, total_w, total_h = _shelves(sizes, width)
        need = max(total_w / ASPECT, total_h)
        if best is None or need < best[0] - 1e-6:
            best = (need, centres)
    out: dict[str, tuple[float, float]] = {}
    for (ox, oy), (_, _, placed) in zip(best[1], sized):
        for k, (px, py) in placed.items():
            out[k] = (round(ox + px, 1), round(oy + py, 1))
    return out


def compute_layout(node_ids: Iterable[str], edges: Iterable[tuple[str, str]], *, seed: int = 7,
                   ) -> dict[str, tuple[float, float]]:
    """Stable positions for all nodes: stress layout per component, shelf-packed
    (`pack` of `layout_blocks`).

    Deterministic for the same input (sorted nodes, fixed seed). The mean edge of a
    component is UNIT long, longer in a component too dense for its labels (DENSITY);
    no two labels closer than about three quarters of a label's box.
    """
    return pack(layout_blocks(node_ids, edges, seed=seed))


def layout_blocks(node_ids: Iterable[str], edges: Iterable[tuple[str, str]], *, seed: int = 7,
                  ) -> list[dict[str, tuple[float, float]]]:
    """Each connected component laid out on its own (largest first, ties by name), the
    isolated nodes in one grid block at the end: what `compute_layout` packs."""
    import numpy as np
    from scipy.sparse.csgraph import connected_components

    nodes = sorted(set(node_ids))
    n = len(nodes)
    if not n:
        return []
    index = {v: i for i, v in enumerate(nodes)}
    pairs = sorted({(min(index[a], index[b]), max(index[a], index[b]))
                    for a, b in edges if a != b and a in index and b in index})
    ei = np.array([p[0] for p in pairs], dtype=np.int64)
    ej = np.array([p[1] for p in pairs], dtype=np.int64)
    _, label = connected_components(_adjacency(n, ei, ej), directed=False)
    members: dict[int, list[int]] = {}
    for i, c in enumerate(label.tolist()):
        members.setdefault(c, []).append(i)  # ascending, so by name
    comps = sorted(members.values(), key=lambda c: (-len(c), c[0]))
    edge_label = label[ei] if len(ei) else np.array([], dtype=np.int64)
    blocks = []
    singles = []
    for comp in comps:
        if len(comp) == 1:
            singles.append(nodes[comp[0]])
            continue
        local = np.full(n, -1, dtype=np.int64)
        local[comp] = np.arange(len(comp))
        mine = edge_label == label[comp[0]]
        ci, cj = local[ei[mine]], local[ej[mine]]
        x = _component_layout(len(comp), ci, cj, seed)
        # scale so the mean edge is UNIT long; then, if the nodes are denser than a label
        # box each, scale up until they are not (a uniform scale keeps the layout's shape,
        # where pushing labels apart in a crowd distorts it: for a region at national scale
        # 40 % less stress and 85 % fewer crossings than pushing alone); then push apart
        # what still overlaps
        lengths = np.hypot(*(x[ci] - x[cj]).T)
        x = x * (UNIT / max(float(lengths.mean()), 1e-9))
        area = (float(np.ptp(x[:, 0]) / LABEL_W) + 1.0) * (float(np.ptp(x[:, 1]) / LABEL_H) + 1.0)
        x = x * max(1.0, math.sqrt(DENSITY * len(comp) / area))
        x = _spread(x, LABEL_W, LABEL_H)
        blocks.append({nodes[g]: (float(x[k, 0]), float(x[k, 1])) for k, g in enumerate(comp)})
    if singles:  # the isolated nodes in one grid block
        cols = max(1, math.ceil(math.sqrt(len(singles) * 2)))
        placed = {}
        for i, nid in enumerate(singles):
            r, c = divmod(i, cols)
            placed[nid] = (c * UNIT * 1.1, r * UNIT * 0.75)
        blocks.append(placed)
    return blocks


# --------------------------------------------------------------------------- scopes


def _is_org(parties: dict | None, body_uids: set[str]):
    """The test `snapshot_elements` applies: an organisation by its label, else not a body."""
    def is_org(uid: str) -> bool:
        p = (parties or {}).get(uid)
        return p.get("label") == "Organisation" if p is not None else uid not in body_uids
    return is_org


def layout_scope(bodies: Iterable[dict], relations: Iterable[dict], parties: dict | None = None,
                 regions: Iterable[str | None] | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """The nodes and lines the network can show, at some date, with a region filter
    (None: no filter): the bodies of those regions (None in `regions` stands for the bodies
    without a region) and the relations `snapshot_elements` keeps for them, i.e. with one
    end such a body and the other such a body or an organisation. Nodes sorted."""
    bodies = list(bodies)
    body_uids = {b["uid"] for b in bodies}
    regions = set(regions) if regions is not None else None
    keep = {b["uid"] for b in bodies if regions is None or b.get("region") in regions}
    is_org = _is_org(parties, body_uids)
    edges = [(r["source_uid"], r["target_uid"]) for r in relations
             if (r["source_uid"] in keep or r["target_uid"] in keep)
             and (r["source_uid"] in keep or is_org(r["source_uid"]))
             and (r["target_uid"] in keep or is_org(r["target_uid"]))]
    return sorted(keep | {u for e in edges for u in e}), edges


def layout_scopes(bodies: Iterable[dict], relations: Iterable[dict], parties: dict | None = None,
                  ) -> dict[str | None, tuple[list[str], list[tuple[str, str]]]]:
    """`layout_scope` of every single region (key None: the bodies without a region), in
    one pass over the relations."""
    region_of = {b["uid"]: b.get("region") for b in bodies}
    is_org = _is_org(parties, set(region_of))
    members: dict[str | None, set[str]] = {}
    for uid, region in region_of.items():
        members.setdefault(region, set()).add(uid)
    edges: dict[str | None, list[tuple[str, str]]] = {region: [] for region in members}
    for r in relations:
        s, t = r["source_uid"], r["target_uid"]
        if s in region_of:
            if t in region_of:
                if region_of[s] == region_of[t]:
                    edges[region_of[s]].append((s, t))
                # else: a line between two regions, in no single region's scope
            elif is_org(t):
                edges[region_of[s]].append((s, t))
        elif t in region_of and is_org(s):
            edges[region_of[t]].append((s, t))
    return {region: (sorted(members[region] | {u for e in es for u in e}), es) for region, es in edges.items()}


def layout_units(bodies: Iterable[dict], regions: Iterable[str | None] | None = None) -> list[str | None]:
    """The regions a scope is composed of, in packing order: by name, no region last
    (None: every region with a body, and no region if a body has none)."""
    wanted = {b.get("region") for b in bodies} if regions is None else set(regions)
    return sorted((r for r in wanted if r is not None), key=str) + ([None] if None in wanted else [])


def scoped_layout(bodies: Iterable[dict], relations: Iterable[dict], parties: dict | None = None,
                  regions: Iterable[str | None] | None = None, *, blocks=None) -> dict[str, tuple[float, float]]:
    """Stable positions for what the view can show with a region filter (None: all regions).

    One region: `compute_layout` of that region's scope (`layout_scopes`). Several regions
    and the unfiltered view (where the bodies without a region count as one more region):
    the regions' own laid-out components (`layout_blocks`), each moved as a whole, packed
    on shelves region after region (by name, except that each next region is the one with
    the most links to those placed: lines between their bodies, organisations they share)
    -- not one layout of the union. Why:
    - cost: the all-time union is mostly one big component (SUCCEEDS and COORDINATES_WITH
      lines cross regions) that would need its own layout, in one go, on the first
      unfiltered view; composed, it costs the sum of the regions' layouts (a few hundred
      nodes each, ~0.1 s), each computed once (`blocks` is the caller's cache of
      `layout_blocks` per region: dashboard.data's) and shared with the filtered views;
      the work grows with the number of regions, not with the square of the graph;
    - the mental map: every component looks the same filtered or among the other regions,
      so a body keeps its neighbourhood whatever the filter;
    - reading: a region's components stand together; the few lines between regions (a
      body succeeding one in another region, a shared organisation) are long, which marks
      them. Packing components rather than whole regions keeps the view compact (a
      region's own shelves would leave holes at the scale of the whole country).
    An organisation in the scope of several regions stands once, in the region whose
    bodies it has the most lines with (ties: the first in order); the others keep its
    place empty. Deterministic as the region layouts are.
    """
    bodies = list(bodies)
    relations = list(relations)
    units = layout_units(bodies, regions)
    if not units:
        return {}
    if blocks is None:
        scopes = layout_scopes(bodies, relations, parties)

        def blocks(region):
            return layout_blocks(*scopes.get(region, ([], [])))
    if len(units) == 1:
        return pack(blocks(units[0]))
    region_of = {b["uid"]: b.get("region") for b in bodies}
    wanted = set(units)
    lines: dict[str, dict] = {}  # organisation → region → its lines with that region's bodies
    links: dict[tuple, int] = {}  # (region, region) → lines and shared organisations between them
    for r in relations:
        s, t = r["source_uid"], r["target_uid"]
        if s in region_of and t in region_of:
            if region_of[s] != region_of[t] and {region_of[s], region_of[t]} <= wanted:
                for key in ((region_of[s], region_of[t]), (region_of[t], region_of[s])):
                    links[key] = links.get(key, 0) + 1
            continue
        for a, b in ((s, t), (t, s)):
            if b in region_of and region_of[b] in wanted:
                c = lines.setdefault(a, {})
                c[region_of[b]] = c.get(region_of[b], 0) + 1
    for c in lines.values():
        for x in c:
            for y in c:
                if x != y:
                    links[(x, y)] = links.get((x, y), 0) + 1
    # packing order: the first by name, then each time the region with the most links to
    # those placed (ties: by name), so that linked regions tend to stand side by side
    order = [units[0]]
    rest = units[1:]
    while rest:
        best = max(rest, key=lambda u: (sum(links.get((u, v), 0) for v in order), -rest.index(u)))
        order.append(best)
        rest.remove(best)
    parts = [blocks(u) for u in order]
    home: dict[str, int] = {}
    for k, part in enumerate(parts):
        for block in part:
            for uid in block:
                if uid not in home:
                    home[uid] = k
                elif lines.get(uid, {}).get(order[k], 0) > lines.get(uid, {}).get(order[home[uid]], 0):
                    home[uid] = k
    return pack([{u: p for u, p in block.items() if home[u] == k} for k, part in enumerate(parts) for block in part])


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
