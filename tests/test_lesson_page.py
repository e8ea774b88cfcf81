"""`batchviz page`: a static lesson page, checked in a real browser (the system Chromium, driven by Playwright)."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.conftest import small_scenario

LESSON = "  - scene: setup\n  - {scene: step, run: r, step: 1}\n"
# the page is checked, and the video only for playing and seeking: the smallest picture, two frames a second
SIZE = (64, 36, 2)
# narration that is markup in HTML, ends a script element, or is WebVTT syntax: it must read back as written
HOSTILE = "Watch <!--<script>alert(1)</script> a --> b & c <b>d</b> \u2028 end."


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from scenes.pipeline.lesson_page import write_page
    from scenes.pipeline.lesson_render import render_lesson
    from scenes.pipeline.lesson_video import video_duration
    from scenes.scenario.loader import load_scenario

    folder = tmp_path_factory.mktemp("page")
    path = folder / "lesson.yaml"
    path.write_text(small_scenario(LESSON, scenario_id="page", title='{zh: "网页", en: "Page"}',
                                   texts=json.dumps({"en": {"sub_setup": HOSTILE}})), encoding="utf-8")
    sc = load_scenario(path)
    rendered = []
    for lang in ("zh", "en"):
        result = render_lesson(sc, folder / "out", size=SIZE, language=lang, jobs=1)
        rendered.append({"language": lang, "video": result.video, "subtitles": result.subtitles,
                         "scenes": [(o.rendered.name, float(video_duration(o.rendered.video))) for o in result.scenes]})
    # made from the Chinese step scene just rendered (a GIF is cut from its scene's MP4 of the same size)
    gifs = render_lesson(sc, folder / "out", size=SIZE, language="zh", fmt="gif", scenes=["step"], burn=True, jobs=1)
    assert [o.reused for o in gifs.scenes] == [True]
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


def _read_vtt(text: str) -> list[str]:
    """Cue texts of a WebVTT file, character references decoded (an independent reader: WebVTT's rules)."""
    import html

    blocks = text.split("\n\n")[1:]
    return [html.unescape("\n".join(b.splitlines()[1:])) for b in blocks if "-->" in b.splitlines()[0]]


def test_webvtt_reads_back_what_the_author_wrote(page):
    sc, rendered, index = page
    vtt = (index.parent / "captions_en.vtt").read_text(encoding="utf-8")
    said = " ".join(_read_vtt(vtt)).replace("\n", " ")
    assert "a --> b & c <b>d</b>" in said and "<!--<script>" in said


def test_srt_shows_the_authors_tags_as_text_not_formatting(page):
    """SRT has no escape and players read <b>, <i>, <u>, <font> as formatting: the author's "<b>d</b>" and "<script>"
    must reach the .srt as no tag a player parses (read here as VLC and libass do: "<" then the tag name)."""
    sc, rendered, index = page
    (item,) = [r for r in rendered if r["language"] == "en"]
    text = item["subtitles"].read_text(encoding="utf-8")
    assert not re.search(r"</?(?:b|i|u|s|font|script)\b", text, re.I), text[:2000]
    shown = text.replace("\u200b", "")  # what the viewer sees: the zero-width space shows as nothing
    assert "c <b>d</b>" in shown and "<!--<script>" in shown


def test_json_in_the_page_cannot_end_its_script_element(page):
    _, _, index = page
    text = index.read_text(encoding="utf-8")
    data = text.split('<script id="lesson-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "&" not in data and "\u2028" not in data
    # the cue as its subtitle carries it: the line separator, with the spaces around it, one space
    # (scenes/services/subtitle_text.py: a line break in an SRT cue could end it)
    as_subtitled = re.sub(r"\s*\u2028\s*", " ", HOSTILE)
    assert as_subtitled in json.dumps(json.loads(data), ensure_ascii=False)


def test_json_in_html_escapes_what_could_end_or_change_its_element():
    from scenes.pipeline.lesson_page import json_in_html

    value = {"text": HOSTILE + " \u2029 </SCRIPT >"}
    written = json_in_html(value)
    assert not any(char in written for char in "<>&\u2028\u2029")
    assert json.loads(written) == value  # a JSON reader gets the text back as written


def test_chapters_are_the_scenes_headings_in_each_language(page):
    _, _, index = page
    data = json.loads(index.read_text(encoding="utf-8").split('type="application/json">', 1)[1].split("</script>")[0])
    assert [c["title"] for c in data["languages"]["en"]["chapters"]] == [
        "The model, the data and the starting point", "Batch 1 (batch size = 2)"]
    assert [c["title"] for c in data["languages"]["zh"]["chapters"]] == ["模型、数据与起点", "第 1 个 batch（batch size = 2）"]


def test_worked_steps_are_the_exact_values(page):
    from mathcore.formatting import format_value
    from scenes.scenario.lesson import lesson_of

    sc, _, index = page
    text = index.read_text(encoding="utf-8")
    step = lesson_of(sc).walkthrough("r").step(1)
    for value in (*step.predictions, step.loss, step.dw, step.w_after):
        assert f">{format_value(value, sc.style.digits)}<" in text or format_value(value, sc.style.digits) in text
    assert "http" not in re.sub(r"<!--.*?-->", "", text)  # self-contained: nothing loaded from elsewhere
    # the gradient from the columns the video shows, recomputed here: 2 × the mean of (ŷ − y)x for MSE
    from fractions import Fraction

    w, b = Fraction(1, 10), Fraction(2, 10)
    xs, ys = step.x, step.y
    dw = 2 * sum((w * x + b - y) * x for x, y in zip(xs, ys)) / len(xs)
    assert dw == step.dw and "2 × (the mean of the (ŷ − y)x column)" in text
    assert "-" not in re.sub(r"<[^>]*>", "", text.split("<section class='worked'", 1)[1].split("</section>")[0])


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


def test_hostile_narration_stays_text_in_the_browser(page, browser):
    """The page still works with the narration above: no dialog, the transcript and captions read it as written."""
    _, _, index = page
    tab = browser.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.goto(index.as_uri())
    tab.click("#languages button[data-lang=en]")
    transcript = tab.inner_text("#transcript")
    cue_texts = tab.evaluate("Array.from(document.getElementById('lesson').textTracks)"
                             ".filter(t => t.kind === 'captions' && t.language === 'en')"
                             ".flatMap(t => Array.from(t.cues).map(c => c.getCueAsHTML().textContent)).join(' ')")
    tab.close()
    assert not dialogs, dialogs
    for text in (transcript.replace("\n", " "), cue_texts.replace("\n", " ")):
        assert "a --> b & c <b>d</b>" in text and "<!--<script>alert(1)</script>" in text


def test_chinese_shows_as_glyphs_without_a_system_cjk_font(page, browser):
    """This machine's Chromium has no CJK font of its own (fc-list :lang=zh is empty here, as on many school
    machines): boxes (tofu) for two different Chinese words look alike, glyphs do not. The page's subset font
    must draw them differently, and differently from the tofu a plain font gives."""
    _, _, index = page
    tab = browser.new_page()
    tab.goto(index.as_uri())
    tab.click("#languages button[data-lang=zh]")
    tab.evaluate("document.fonts.ready")
    heading = tab.locator("#title")

    def shot(text, family=None):
        tab.evaluate("([t, f]) => { const h = document.getElementById('title'); h.textContent = t;"
                     " h.style.fontFamily = f || ''; }", [text, family])
        return heading.screenshot()

    with_font = [shot("网页"), shot("章节")]  # both in the page, so both in the subset
    tofu = [shot("网页", "monospace"), shot("章节", "monospace")]
    loaded = tab.evaluate("document.fonts.check('32px BatchvizCJK', '网页')")
    tab.close()
    assert loaded
    if tofu[0] == tofu[1]:  # no system CJK font here: the comparison against tofu is meaningful
        assert with_font[0] != with_font[1]
    assert with_font[0] != tofu[0]
    assert (index.parent / "fonts" / "lesson.woff2").stat().st_size < 400_000
