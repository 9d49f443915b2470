"""End to end in a real headless Chromium (Debian's /usr/bin/chromium via Playwright).

Starts the explorer (`streamlit run dashboard/app.py`) on a free port against the test
Neo4j, refuses every request that does not go to the local app (so a CDN reference
would fail the test), moves the Struktur date from 2007 to 2026 and checks that the
vis.js network changes while shared bodies keep their place, opens a body's Organ page
from Struktur, uploads a kommissorium on Indlæs, and saves a screenshot of every page
into docs/ (docs/struktur.png, docs/tidslinje.png, …).
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost",
         "data:", "blob:", "about:")
FORUM = "Tværgående direktørforum for det nære sundhedsvæsen"
SEED = ROOT / "data" / "documents" / "000_1b6cf4986cfd6714.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def explorer(bundled_graph, tmp_path):
    """The explorer in its own process, on the test Neo4j; yields its base URL."""
    port = free_port()
    env = dict(os.environ)  # NEO4J_URI / NEO4J_PASSWORD of the test server (conftest)
    log = open(tmp_path / f"explorer-{port}.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--global.developmentMode", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {proc.returncode}; see {log.name}")
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the explorer did not answer within 60 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def settle(page, extra: float = 1.0) -> None:
    """Wait until Streamlit has finished the rerun (no running indicator, no skeletons)."""
    time.sleep(0.8)
    for _ in range(240):
        running = page.locator('[data-testid="stStatusWidget"]').count()
        skeleton = page.locator('[data-testid="stSkeleton"]').count()
        if not running and not skeleton:
            break
        time.sleep(0.25)
    time.sleep(extra)


def network_frame(page, timeout: float = 60.0):
    """The iframe that runs vis.js (its DataSet `nodes` and Network `network`)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for frame in page.frames:
            if frame == page.main_frame:
                continue
            try:
                if frame.evaluate("typeof network !== 'undefined' && typeof nodes !== 'undefined' "
                                  "&& document.querySelector('#mynetwork canvas') !== null"):
                    return frame
            except Exception:  # noqa: BLE001 - a frame being replaced
                pass
        time.sleep(0.25)
    raise AssertionError("no vis.js network on the page")


def graph_state(page) -> dict:
    frame = network_frame(page)
    return frame.evaluate(
        "() => { const ids = nodes.getIds(); const pos = network.getPositions(ids);"
        " const names = {}; nodes.forEach(n => { names[n.id] = n.title.split('\\n')[0]; });"
        " return {ids: ids, pos: pos, names: names}; }")


def shot(page, name: str) -> Path:
    DOCS.mkdir(exist_ok=True)
    path = DOCS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def move_slider(page, *keys: str) -> None:
    slider = page.get_by_role("slider").first
    slider.focus()
    for key in keys:
        slider.press(key)
        time.sleep(0.2)
    settle(page, 1.5)


def test_explorer_end_to_end(explorer):
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1500})
            page.route("**/*", route)
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))

            # ---- Struktur: move the date from 2007 to 2026
            page.goto(explorer + "/")
            page.get_by_role("heading", name="Struktur").wait_for(timeout=60_000)
            settle(page)
            move_slider(page, "Home")  # the first step: 2007-01-01
            assert page.get_by_role("slider").first.get_attribute("aria-valuetext", timeout=5000).startswith("2007")
            at_2007 = graph_state(page)
            png_2007 = network_frame(page).locator("#mynetwork canvas").screenshot()
            move_slider(page, "End", "ArrowLeft")  # the last step is 2027-01-01; one back is 2026-01-01
            assert page.get_by_role("slider").first.get_attribute("aria-valuetext").startswith("2026")
            at_2026 = graph_state(page)
            png_2026 = network_frame(page).locator("#mynetwork canvas").screenshot()

            names_2007, names_2026 = set(at_2007["names"].values()), set(at_2026["names"].values())
            assert "Sundhedsstyregruppe" in names_2007 and FORUM not in names_2007
            assert FORUM in names_2026
            assert len(at_2026["ids"]) > len(at_2007["ids"])
            assert png_2007 != png_2026  # the canvas changed
            common = set(at_2007["ids"]) & set(at_2026["ids"])
            assert common
            for uid in common:  # stable positions: nothing reshuffles
                a, b = at_2007["pos"][uid], at_2026["pos"][uid]
                assert abs(a["x"] - b["x"]) < 0.5 and abs(a["y"] - b["y"]) < 0.5, uid
            shot(page, "struktur")

            # ---- from Struktur to the Organ page of the forum
            box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Vælg et organ")
            box.locator("input").click()
            box.locator("input").fill("Tværgående direktørforum")
            page.keyboard.press("Enter")
            settle(page)
            page.get_by_role("button", name="Åbn organ").click()
            page.get_by_role("heading", name=FORUM).wait_for(timeout=30_000)
            settle(page)
            assert "/organ?organ=" in page.url
            assert page.get_by_text("Sæder (", exact=False).count() >= 1
            shot(page, "organ")

            # ---- the other pages
            for path, heading, name in (("tidslinje", "Tidslinje", "tidslinje"),
                                        ("sammenlign", "Sammenlign", "sammenlign"),
                                        ("organisationer", "Organisationer", "organisationer"),
                                        ("revision", "Revision", "revision")):
                page.goto(f"{explorer}/{path}")
                page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
                settle(page, 2.0)
                assert page.locator('[data-testid="stException"]').count() == 0, path
                if path == "sammenlign":
                    state = graph_state(page)
                    assert FORUM in state["names"].values()
                if path == "revision":  # open the first audit that has findings
                    page.locator('[data-testid="stExpander"] summary').filter(
                        has_text=re.compile(r"· [1-9][0-9]* fund")).first.click()
                    settle(page)
                    assert page.get_by_text("Vis forespørgslen").count() >= 1
                shot(page, name)

            page.goto(f"{explorer}/cypher")
            page.get_by_role("heading", name="Cypher").wait_for(timeout=60_000)
            settle(page)
            page.get_by_label("Forespørgsel").fill(
                "MATCH (a:Body)-[r:SUBGROUP_OF|PART_OF]->(b:Body)\nRETURN a, type(r) AS relation, b LIMIT 40")
            page.get_by_role("button", name="Kør").click()
            settle(page, 2.0)
            assert page.get_by_text("rækker", exact=False).count() >= 1
            assert len(graph_state(page)["ids"]) > 2
            shot(page, "cypher")
            page.get_by_label("Forespørgsel").fill("MATCH (n) DETACH DELETE n")
            page.get_by_role("button", name="Kør").click()
            settle(page)
            assert page.get_by_text("Forespørgslen blev ikke kørt", exact=False).count() == 1

            page.goto(f"{explorer}/indlaes")
            page.get_by_role("heading", name="Indlæs").wait_for(timeout=60_000)
            settle(page)
            page.locator('input[type="file"]').set_input_files(str(SEED))
            page.locator("mark").first.wait_for(timeout=90_000)  # the draft is ready
            settle(page, 1.0)
            assert page.locator("mark").count() >= 10  # the evidence marked in the text
            page.get_by_role("button", name="Tørkørsel: vis ændringerne").click()
            page.get_by_text("Tørkørsel: intet er skrevet", exact=False).wait_for(timeout=60_000)
            settle(page, 1.0)
            shot(page, "indlaes")

            assert not blocked, f"requests outside the app: {blocked}"
            assert not errors, errors
        finally:
            browser.close()
