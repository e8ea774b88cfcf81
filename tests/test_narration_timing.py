"""Timing follows the words: no cue is shown faster than people read (9 characters a second in Chinese, 17 in
English), long cues are cut into subtitle-sized pieces, `pace` scales it, and `batchviz script` gives the cues and
times the render has, without drawing a frame."""

from __future__ import annotations

import json

import pytest
import srt

from scenes.scenario.reading import CHARS_PER_SECOND, CLOSING_PUNCTUATION, MAX_CUE_CHARS, reading_chars, split_cue
from tests.conftest import SCENARIOS, small_scenario


def rates(cues, language):
    # subtitle times are written to the millisecond (SRT, the script's JSON): a cue may read up to 1 ms short
    return [reading_chars(text, language) / (end - start + 0.001) for text, start, end in cues]


def test_seed_subtitles_are_readable(seed_unpainted, seed):
    # the dry runs' cue times: those of the renders (test_script_times_are_the_renders)
    cues = [cue for tiny in seed_unpainted for cue in tiny.timed]
    assert cues and max(rates(cues, "zh")) <= CHARS_PER_SECOND["zh"] + 1e-6
    assert max(len(text.rstrip(CLOSING_PUNCTUATION)) for text, _, _ in cues) <= MAX_CUE_CHARS["zh"]
    assert not any(text[:1] in CLOSING_PUNCTUATION for text, _, _ in cues)


@pytest.fixture(scope="module")
def english_script(shipped_scripts):
    """`batchviz script scenarios/seed_en.yaml --format json`, from the run's shared dry run of the lesson (the
    command's own JSON is checked in tests/test_new_kind.py and tests/test_narration_judge.py)."""
    from scenes.pipeline.script import script_json
    from scenes.scenario.loader import load_scenario

    script = shipped_scripts.get(SCENARIOS / "seed_en.yaml")
    pace = load_scenario(SCENARIOS / "seed_en.yaml").style.pace
    return json.loads(json.dumps(script_json(script.cues, script.scenes, script.language, pace), ensure_ascii=False))


def test_english_script_lists_every_cue_at_a_readable_speed(english_script):
    cues = [(c["text"], c["start"], c["end"]) for c in english_script["cues"]]
    assert len(cues) > 50 and english_script["language"] == "en"
    assert max(rates(cues, "en")) <= CHARS_PER_SECOND["en"] + 1e-6
    assert all(set(c) == {"id", "scene", "start", "end", "text", "said", "verdicts"} for c in english_script["cues"])
    ids = [c["id"] for c in english_script["cues"]]
    assert len(set(ids)) == len(ids)
    starts = [c["start"] for c in english_script["cues"]]
    assert starts == sorted(starts)  # one timeline for the whole lesson
    assert english_script["cues"][-1]["end"] <= english_script["length"] + 1e-6


def test_script_times_are_the_renders(seed, seed_tiny):
    """The dry run of one scene gives the cues and length its render has (5 frames a second both)."""
    from scenes.pipeline.script import lesson_script
    from tests.conftest import entry_index
    from tests.helpers_render import decode_frames

    i = entry_index(seed, "step_bs4_1")
    one = seed.model_copy(update={"lesson": [seed.lesson[i]]})
    cues, scenes = lesson_script(one, "zh", fps=5)
    rendered = [(c.content, c.start.total_seconds(), c.end.total_seconds())
                for c in srt.parse(seed_tiny[i].result.subtitles.read_text(encoding="utf-8"))]
    assert [c.text for c in cues] == [text for text, _, _ in rendered]
    assert [c.start for c in cues] == pytest.approx([start for _, start, _ in rendered], abs=0.21)
    assert scenes[0][2] == pytest.approx(len(decode_frames(seed_tiny[i].result.video)) / 5, abs=0.21)


@pytest.mark.render
def test_the_script_has_the_times_of_a_render_at_its_quality(tmp_path):
    """`batchviz script --quality low` times the lesson as a 15-frame-a-second render: each animation lasts whole
    frames, so a script timed at another rate was up to a second off per scene (at 5 fps for every quality)."""
    from scenes.pipeline.render import render_entry
    from scenes.scenario.loader import load_scenario
    from tests.helpers_cli import batchviz_here
    from tests.helpers_render import decode_frames

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario("  - scene: title\n  - scene: setup\n"), encoding="utf-8")
    printed = batchviz_here("script", str(path), "--quality", "low", "--format", "json")
    assert printed.returncode == 0, printed.stderr
    script = json.loads(printed.stdout)
    sc = load_scenario(path)
    for index, scene in enumerate(script["scenes"]):
        rendered = render_entry(sc, index, tmp_path / "out", size=(64, 36, 15))
        frames = len(decode_frames(rendered.video))
        assert scene["end"] - scene["start"] == pytest.approx(frames / 15, abs=1e-3), scene["name"]
        said = [(c.start.total_seconds(), c.end.total_seconds())
                for c in srt.parse(rendered.subtitles.read_text(encoding="utf-8"))]
        cues = [(c["start"] - scene["start"], c["end"] - scene["start"]) for c in script["cues"]
                if c["scene"] == scene["name"]]
        assert len(cues) == len(said) and all(a == pytest.approx(b, abs=2e-3) for a, b in zip(cues, said)), scene["name"]


def test_pace_scales_the_reading_time(seed):
    from scenes.pipeline.script import lesson_script
    from tests.conftest import entry_index

    i = entry_index(seed, "noise")
    one = seed.model_copy(update={"lesson": [seed.lesson[i]]})
    slow = one.model_copy(update={"style": one.style.model_copy(update={"pace": 0.5})})
    _, normal_scenes = lesson_script(one, "zh")
    slow_cues, slow_scenes = lesson_script(slow, "zh")
    assert slow_scenes[0][2] > normal_scenes[0][2] + 10  # its long cues need twice the time
    assert max(rates([(c.text, c.start, c.end) for c in slow_cues], "zh")) <= CHARS_PER_SECOND["zh"] * 0.5 + 1e-6


@pytest.mark.parametrize("language, text", [
    ("en", "Batch size 8: 300 of the C(64, 8) possible batches, drawn at random. Their variance around the white dot "
           "is ≈0.1111 times one sample's. Like an opinion poll: the more people you ask, the closer their average "
           "gets to the truth."),
    ("zh", "batch size = 4：所有 70 种选法的 batch 梯度。它们围绕白点散开，方差是单个样本的 ≈0.1429 倍。就像民意调查：样本越多，平均值越接近真实。"),
    ("en", "word " * 60),
    ("zh", "字" * 100),
    ("zh", "η = 0.1 大于完整 batch 的稳定上限 2/λ_max（≈0.0380223）和每个运行中最差 batch 的上限 ≈0.0153846 以及更多的字"),
    # the cut fell just before a comma: the comma was left as a cue of its own
    ("zh", "我们用一个线性模型 y = w·x + b 来学习预测 x 是否大于 5，从 w = 0.1、b = 0.2 出发，学习率 0.1。"),
])
def test_long_cues_are_cut_into_subtitle_pieces_that_keep_every_word(language, text):
    pieces = split_cue(text, language)
    assert all(len(p.rstrip(CLOSING_PUNCTUATION)) <= MAX_CUE_CHARS[language] for p in pieces)
    assert not any(p[:1] in CLOSING_PUNCTUATION for p in pieces), pieces  # no cue starts with "，" or "。"
    joined = ("" if language == "zh" else " ").join(pieces)
    assert joined.split() == text.split() if language == "en" else joined.replace(" ", "") == text.replace(" ", "")
    if "0.1111" in text:
        assert "≈0.1111" in joined  # a decimal point is not a full stop
    for number in ("0.0380223", "0.0153846"):
        if number in text:  # a number is never cut in two
            assert any(number in p for p in pieces), pieces


def test_pace_reaches_parallel_workers(tmp_path):
    """--jobs workers render the scenario the main process holds (with its pace), not the file re-read."""
    from scenes.pipeline.lesson_render import render_lesson
    from scenes.pipeline.lesson_video import video_duration
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "pace.yaml"
    long_title = "A title card that takes its time to read, long enough to outlast the animation. " * 2
    long_setup = "A set-up narrated at length, so that its words and not its animations decide how long it lasts. " * 3
    path.write_text(small_scenario("  - scene: title\n  - scene: setup\n", "pace",
                                   texts=f'{{en: {{sub_title_card: "{long_title}", sub_setup: "{long_setup}"}}}}'),
                    encoding="utf-8")
    sc = load_scenario(path)
    slow = sc.model_copy(update={"style": sc.style.model_copy(update={"pace": 0.5})})
    lengths = {}
    for name, scenario, jobs in (("one", sc, 1), ("slow", slow, 2)):
        result = render_lesson(scenario, tmp_path / name, size=(64, 36, 2), jobs=jobs)  # lengths only: no pixel read
        lengths[name] = [float(video_duration(s.rendered.video)) for s in result.scenes]
    assert all(b > a + 1 for a, b in zip(lengths["one"], lengths["slow"])), lengths


def test_a_workers_input_error_travels_whole():
    import pickle

    from scenes.scenario.errors import InputProblem, ScenarioError

    error = ScenarioError([InputProblem("f.yaml", 3, 1, "lesson.1", "bad; fix it")])
    assert pickle.loads(pickle.dumps(error)).lines() == ["f.yaml:3:1: lesson.1: bad; fix it"]
