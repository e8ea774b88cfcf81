"""`batchviz page`: a static lesson page, checked in a real browser (the system Chromium, driven by Playwright)."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import small_scenario

LESSON = "  - scene: setup\n  - {scene: step, run: r, step: 1}\n"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from scenes.pipeline.lesson_page import write_page
    from scenes.pipeline.lesson_render import render_lesson
    from scenes.pipeline.lesson_video import video_duration
    from scenes.scenario.loader import load_scenario
    from tests.helpers_render import TINY

    folder = tmp_path_factory.mktemp("page")
    path = folder / "lesson.yaml"
    path.write_text(small_scenario(LESSON, scenario_id="page", title='{zh: "网页", en: "Page"}'), encoding="utf-8")
    sc = load_scenario(path)
    rendered = []
    for lang in ("zh", "en"):
        result = render_lesson(sc, folder / "out", size=TINY, language=lang, jobs=1)
        rendered.append({"language": lang, "video": result.video, "subtitles": result.subtitles,
                         "scenes": [(o.rendered.name, float(video_duration(o.rendered.video))) for o in result.scenes]})
    gifs = render_lesson(sc, folder / "out", size=(320, 180, 5), language="zh", fmt="gif", scenes=["step"], burn=True,
                         jobs=1)
    index = write_page(sc, folder / "out", rendered, figures=[(gifs.scenes[0].rendered.video, "第一步")])
    return sc, rendered, index


def test_webvtt_has_every_cue_of_the_srt(page):
    import srt

    sc, rendered, index = page
    for item in rendered:
        vtt = (index.parent / f"captions_{item['language']}.vtt").read_text(encoding="utf-8")
        cues = list(srt.parse(item["subtitles"].read_text(encoding="utf-8")))
        stamps = re.findall(r"^(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)$", vtt, re.M)
        assert vtt.startswith("WEBVTT\n") and len(stamps) == len(cues)
        h, m, s = stamps[1][0].split(":")
        assert int(h) * 3600 + int(m) * 60 + float(s) == pytest.approx(cues[1].start.total_seconds(), abs=1e-3)


def test_worked_steps_are_the_exact_values(page):
    from mathcore.formatting import format_value
    from scenes.scenario.lesson import lesson_of

    sc, _, index = page
    text = index.read_text(encoding="utf-8")
    step = lesson_of(sc).walkthrough("r").step(1)
    for value in (*step.predictions, step.loss, step.dw, step.w_after):
        assert f">{format_value(value, sc.style.digits)}<" in text or format_value(value, sc.style.digits) in text
    assert "http" not in re.sub(r"<!--.*?-->", "", text)  # self-contained: nothing loaded from elsewhere


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("Chromium is not installed (Debian package chromium; scripts/setup installs it as root)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True,
                              args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"])
        yield b
        b.close()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_page_in_the_browser(page, browser, language):
    sc, rendered, index = page
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(index.as_uri())
    tab.click(f"#languages button[data-lang={language}]")
    assert tab.get_attribute(f"#languages button[data-lang={language}]", "aria-pressed") == "true"
    assert tab.evaluate("document.documentElement.lang") == language
    # the video of this language plays
    assert tab.evaluate("document.getElementById('lesson').currentSrc").endswith(f"page_{language}.mp4")
    tab.evaluate("document.getElementById('lesson').play()")
    tab.wait_for_function("document.getElementById('lesson').currentTime > 0.3", timeout=15_000)
    # captions of this language are showing, and only they
    showing = tab.evaluate("Array.from(document.getElementById('lesson').textTracks)"
                           ".filter(t => t.mode === 'showing').map(t => [t.kind, t.language])")
    assert showing == [["captions", language]]
    # a transcript line, chosen with the keyboard, seeks to its cue
    cues = next(r for r in rendered if r["language"] == language)
    import srt

    third = list(srt.parse(cues["subtitles"].read_text(encoding="utf-8")))[2]
    tab.focus("#transcript li:nth-child(3) button")
    tab.keyboard.press("Enter")
    tab.wait_for_function(f"Math.abs(document.getElementById('lesson').currentTime - {third.start.total_seconds()}) < 0.6",
                          timeout=10_000)
    assert tab.inner_text("#transcript li:nth-child(3) button") == third.content
    # captions switch language with the other language's button, and can be turned off
    other = "en" if language == "zh" else "zh"
    tab.click(f"#languages button[data-lang={other}]")
    showing = tab.evaluate("Array.from(document.getElementById('lesson').textTracks)"
                           ".filter(t => t.mode === 'showing').map(t => t.language)")
    assert showing == [other]
    tab.uncheck("#captions")
    assert tab.evaluate("Array.from(document.getElementById('lesson').textTracks).every(t => t.mode !== 'showing')")
    assert tab.get_attribute("figure img", "alt") == "第一步"
    tab.close()
    assert not errors, errors
