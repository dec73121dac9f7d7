"""The report in a real browser: headless Chromium opens the page for the example data, takes
a screenshot, and every chart must have drawn something where the layout put it, with no
console errors.

Where the charts are comes from the page itself: a copy of the report gets a small probe
script that writes each chart's box (and the page height) into the DOM, which
``--dump-dom`` returns; the screenshot of the same copy at the same window width is then
cropped to those boxes. Without Chromium the test is skipped, except under CI, where it
fails (``.ci/run`` installs Debian's ``chromium``).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from newsclaims import runner as run_module
from newsclaims.report import browser
from tests.conftest import ROOT, build_tiny_nlp

WIDTH = 1280
PROBE = """<script>
window.__errors = [];
addEventListener("error", (e) => window.__errors.push(String(e.message)));
addEventListener("load", () => {
  const boxes = [...document.querySelectorAll("figure.chart")].map((figure) => {
    const svg = figure.querySelector("svg");
    const r = (svg || figure).getBoundingClientRect();
    return {name: figure.dataset.chart, svg: !!svg, x: r.left + scrollX, y: r.top + scrollY,
            w: r.width, h: r.height};
  });
  const probe = document.createElement("pre");
  probe.id = "probe";
  probe.textContent = JSON.stringify({boxes, errors: window.__errors,
                                      height: document.documentElement.scrollHeight});
  document.body.appendChild(probe);
});
</script>
"""


def _needs(module: str) -> None:
    if os.environ.get("CI") != "true":
        pytest.importorskip(module, reason="the report extra is not installed")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _needs("matplotlib")
    _needs("PIL")
    if browser.find_chromium() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing; .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium not installed (Debian: apt-get install chromium)")
    from newsclaims.report.render import build_report

    folder = tmp_path_factory.mktemp("report_browser")
    run_module.run([str(ROOT / "data")], folder / "out", language=build_tiny_nlp())
    made = build_report(folder / "out", folder / "report.html")
    html = made.path.read_text(encoding="utf-8")
    probe = folder / "probe.html"
    probe.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    return probe


def _probe(dom: str) -> dict:
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, "the probe did not run: the page did not load"
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def test_every_chart_renders_in_chromium(page: Path, tmp_path: Path) -> None:
    from PIL import Image

    probe = _probe(browser.dump_dom(page, width=WIDTH))
    assert probe["errors"] == []
    boxes = probe["boxes"]
    names = [b["name"] for b in boxes]
    assert len(boxes) >= 10 and names[0] == "claims-0", names
    assert {"speakers-PER", "pairs", "sources", "months", "rejects", "warnings"} <= set(names)
    for box in boxes:
        assert box["svg"] and box["w"] > 200 and box["h"] > 40, box

    height = min(int(probe["height"]) + 10, 16000)
    png = tmp_path / "report.png"
    log = browser.screenshot(page, png, width=WIDTH, height=height)
    assert browser.console_errors(log) == []
    with Image.open(png) as shot:
        image = shot.convert("RGB")
    assert image.size == (WIDTH, height)
    for box in boxes:
        x, y = round(box["x"]), round(box["y"])
        region = image.crop((x, y, x + round(box["w"]), y + round(box["h"])))
        raw = region.tobytes()
        pixels = list(zip(raw[0::3], raw[1::3], raw[2::3], strict=True))
        inked = sum(1 for p in pixels if min(p) < 235) / len(pixels)
        colours = len(set(pixels))
        assert inked > 0.005, f"{box['name']}: blank where the chart should be ({inked:.2%} ink)"
        assert colours > 8, f"{box['name']}: only {colours} colours"
    # the gaps between charts are white page: the test would see a chart that is missing
    top = image.crop((0, 0, WIDTH, 12))
    assert len(top.getcolors(WIDTH * 12) or []) <= 2


def test_page_needs_no_network(page: Path) -> None:
    dom = browser.dump_dom(page, width=WIDTH)
    assert "<h1>What the dataset says</h1>" in dom
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"?https?:", dom)


def test_screenshot_command_writes_a_small_png(page: Path, tmp_path: Path) -> None:
    from PIL import Image

    png = tmp_path / "shot.png"
    assert browser.main([str(page), str(png), "900", "600"]) == 0
    with Image.open(png) as shot:
        assert shot.size[0] == 600 and shot.mode == "P"  # scaled and on a palette
    assert png.stat().st_size < 200_000
