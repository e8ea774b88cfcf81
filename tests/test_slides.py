"""`render --format slides`: one slide per narration beat, and an HTML export that plays offline in Chromium."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import small_scenario
from tests.helpers_cli import batchviz_here

LESSON = "  - scene: setup\n  - {scene: step, run: r, step: 1}\n"
# a title with "=" (manim-slides' -c option parser split it) and markup that must stay text in the HTML
HOSTILE_TITLE = "Batch size = 4 </title><script>alert(1)</script> & <b>"


@pytest.fixture(scope="module")
def slides(tmp_path_factory):
    """Rendered as the README says, from the CLI with a relative --out (manim-slides stored relative paths and
    failed to find them), with --jobs."""
    from types import SimpleNamespace

    folder = tmp_path_factory.mktemp("slides")
    path = folder / "lesson.yaml"
    path.write_text(small_scenario(LESSON, scenario_id="slides", title=json.dumps({"en": HOSTILE_TITLE})),
                    encoding="utf-8")
    # the command in this process (tests/helpers_cli.py); its --jobs 2 still renders in two worker processes; at the
    # smallest size: the slides' count, notes, files and playing are checked, not their pictures
    done = batchviz_here("render", "lesson.yaml", "--format", "slides", "--size", "64x36@2", "--jobs", "2", "--out",
                         "out", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder, SimpleNamespace(video=folder / "out" / "slides" / "slides_en.slides.html")


def test_each_beat_is_a_slide(slides):
    from scenes.scenario.kind import kinds

    folder, result = slides
    step = json.loads((folder / "out" / "slides" / "slides-en" / "Slides_02_step_r_1.json").read_text())
    # a step of a batch without repeated samples narrates forward pass, loss, gradient and update
    beats = [b for b in kinds()["step"].beats if "repeat" not in b]
    assert len(step["slides"]) == len(beats) == 4
    assert result.video.name == "slides_en.slides.html"
    assets = result.video.with_name("slides_en.slides_assets")
    assert (assets / "reveal.js").exists() and len(list(assets.glob("*.mp4"))) >= 5
    assert "cdn.jsdelivr" not in result.video.read_text(encoding="utf-8")  # nothing fetched when presenting


def test_the_title_is_text_in_the_html_and_each_slide_has_its_narration_as_notes(slides):
    import html

    folder, result = slides
    page = result.video.read_text(encoding="utf-8")
    assert f"<title>{html.escape(HOSTILE_TITLE)}</title>" in page
    assert "<script>alert(1)" not in page
    step = json.loads((folder / "out" / "slides" / "slides-en" / "Slides_02_step_r_1.json").read_text())
    notes = [s["notes"] for s in step["slides"]]
    # the first step beat's narration, independent of the code: the forward pass at the scenario's w and b
    assert "w = 0.1" in notes[0] and "b = 0.2" in notes[0]
    assert all(n.strip() for n in notes)


def test_the_presentation_advances_slide_by_slide_in_chromium(slides):
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    browser_path = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser_path is None:
        pytest.skip("Chromium is not installed (Debian package chromium; scripts/setup installs it as root)")
    folder, result = slides
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, headless=True,
                                    args=["--autoplay-policy=no-user-gesture-required", "--no-sandbox"])
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(result.video.as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30_000)
        total = page.evaluate("Reveal.getTotalSlides()")
        assert total == 5  # 1 setup beat + 4 step beats
        assert page.title() == HOSTILE_TITLE
        seen = [page.evaluate("Reveal.getIndices().h")]
        notes = [page.evaluate("Reveal.getSlideNotes()")]
        for _ in range(total - 1):
            page.keyboard.press("ArrowRight")
            page.wait_for_function(f"Reveal.getIndices().h === {seen[-1] + 1}", timeout=10_000)
            seen.append(page.evaluate("Reveal.getIndices().h"))
            notes.append(page.evaluate("Reveal.getSlideNotes()"))
        browser.close()
    assert seen == list(range(total))
    assert all(n and n.strip() for n in notes), notes  # every slide carries its narration for the speaker view
    assert "learning rate" in notes[0]  # the setup beat says the scenario's learning rate
    # each scene's first slide is headed by its chapter title
    assert "The model, the data and the starting point" in notes[0] and "Batch 1 (batch size = 2)" in notes[1]
    assert not dialogs and not errors, (dialogs, errors)


@pytest.mark.parametrize("body", [b"garbage, not a tarball", None])
def test_a_broken_npm_registry_is_one_line(tmp_path, monkeypatch, body):
    """A registry that answers garbage, or none at all: one line naming the registry, no traceback."""
    import http.server
    import threading

    from scenes.pipeline import slides

    monkeypatch.setattr("platformdirs.user_cache_path", lambda name: tmp_path / "cache")
    if body is None:
        monkeypatch.setenv("BATCHVIZ_NPM_REGISTRY", "http://127.0.0.1:9")  # the discard port: refused
    else:
        class Garbage(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Garbage)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        monkeypatch.setenv("BATCHVIZ_NPM_REGISTRY", f"http://127.0.0.1:{server.server_port}")
    with pytest.raises(slides.SlidesError) as raised:
        slides.ensure_reveal_assets()
    assert "\n" not in str(raised.value) and "BATCHVIZ_NPM_REGISTRY" in str(raised.value)
    if body is not None:
        server.shutdown()
