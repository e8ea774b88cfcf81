"""`render --format slides`: one slide per narration beat, and an HTML export that plays offline in Chromium."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import small_scenario

LESSON = "  - scene: setup\n  - {scene: step, run: r, step: 1}\n"


@pytest.fixture(scope="module")
def slides(tmp_path_factory):
    from scenes.pipeline.lesson_render import render_lesson
    from scenes.scenario.loader import load_scenario
    from tests.helpers_render import TINY

    folder = tmp_path_factory.mktemp("slides")
    path = folder / "lesson.yaml"
    path.write_text(small_scenario(LESSON, scenario_id="slides"), encoding="utf-8")
    sc = load_scenario(path)
    return folder, render_lesson(sc, folder / "out", size=TINY, fmt="slides")


def test_each_beat_is_a_slide(slides):
    from scenes.scenario.kind import kinds

    folder, result = slides
    step = json.loads((folder / "out" / "slides-en" / "Slides_02_step_r_1.json").read_text())
    # a step of a batch without repeated samples narrates forward pass, loss, gradient and update
    beats = [b for b in kinds()["step"].beats if "repeat" not in b]
    assert len(step["slides"]) == len(beats) == 4
    assert result.video.name == "slides_en.slides.html"
    assets = result.video.with_name("slides_en.slides_assets")
    assert (assets / "reveal.js").exists() and len(list(assets.glob("*.mp4"))) >= 5
    assert "cdn.jsdelivr" not in result.video.read_text(encoding="utf-8")  # nothing fetched when presenting


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
        page.goto(result.video.as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30_000)
        total = page.evaluate("Reveal.getTotalSlides()")
        assert total == 5  # 1 setup beat + 4 step beats
        seen = [page.evaluate("Reveal.getIndices().h")]
        for _ in range(total - 1):
            page.keyboard.press("ArrowRight")
            page.wait_for_function(f"Reveal.getIndices().h === {seen[-1] + 1}", timeout=10_000)
            seen.append(page.evaluate("Reveal.getIndices().h"))
        browser.close()
    assert seen == list(range(total))
    assert not errors, errors
