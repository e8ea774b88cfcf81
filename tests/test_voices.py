"""A real voice in the MP4: each beat lasts until its cue has been said, the audio is muxed into the scene file and
kept in the joined lesson, synthesized cues are cached, and a failing voice is one clear line."""

from __future__ import annotations

import json
import sys
import wave

import av
import numpy as np
import pytest
import srt

from tests.conftest import ROOT, small_scenario
from tests.helpers_cli import batchviz_here

SECONDS_PER_CHAR = 0.12  # the test voice speaks a tone this long per character of the cue
TONE = f"""import sys, wave, math, struct, pathlib
text = sys.stdin.read()
rate = 16000
frames = int(rate * {SECONDS_PER_CHAR} * len(text))
counter = pathlib.Path(sys.argv[2])
counter.write_text(str(int(counter.read_text() or 0) + 1) if counter.exists() else "1")
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
    w.writeframes(b"".join(struct.pack("<h", int(12000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(frames)))
"""

LESSON = small_scenario("  - scene: title\n  - scene: setup\n", "voiced")
# the two-scene lessons render here in this process (jobs=1): the voice is under test, not the process pool, whose
# two spawned workers would each import manim again (half of such a test's CPU). The commands run in this process
# too (tests/helpers_cli.py: what they print and end with is under test, not the program's start-up); the missing
# recording keeps the pool: it is reported for the first scene in lesson order though both scenes fail at once,
# an error that crosses from a worker process
IN_PROCESS = {"size": (160, 90, 5), "jobs": 1}


@pytest.fixture()
def voice_env(tmp_path, monkeypatch):
    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path / "voice-cache"))
    script = tmp_path / "tone.py"
    script.write_text(TONE, encoding="utf-8")
    counter = tmp_path / "calls"
    return f"command:{sys.executable} {script} {{out}} {counter}", counter


def audio_envelope(path):
    with av.open(str(path)) as container:
        rate = container.streams.audio[0].rate
        samples = np.concatenate([f.to_ndarray().reshape(-1) if f.to_ndarray().shape[0] == 1 else
                                  f.to_ndarray().mean(axis=0) for f in container.decode(audio=0)])
    return samples, rate


def test_beats_wait_for_a_voice_of_known_length(tmp_path, voice_env):
    """Tone lengths are known (0.12 s per character): every beat lasts at least its cue's tone, the tone sounds at
    the start of each beat, and the audio track ends with the video."""
    from scenes.pipeline.lesson_render import render_lesson
    from scenes.pipeline.lesson_video import video_duration
    from scenes.scenario.loader import load_scenario

    voice, _ = voice_env
    path = tmp_path / "voiced.yaml"
    path.write_text(LESSON, encoding="utf-8")
    result = render_lesson(load_scenario(path), tmp_path / "out", **IN_PROCESS, voice=voice)
    for scene in result.scenes:
        video = scene.rendered.video
        cues = list(srt.parse(scene.rendered.subtitles.read_text(encoding="utf-8")))
        beat_text = " ".join(c.content for c in cues)  # one beat per scene here
        assert cues[-1].end.total_seconds() >= SECONDS_PER_CHAR * len(beat_text) - 0.3
        samples, rate = audio_envelope(video)
        assert abs(len(samples) / rate - float(video_duration(video))) <= 0.5
        assert np.abs(samples[: int(0.2 * rate)]).max() > 0.05  # the voice starts with the beat
    with av.open(str(result.video)) as joined:  # the lesson keeps its voice
        assert joined.streams.audio
    samples, rate = audio_envelope(result.video)
    assert abs(len(samples) / rate - float(result.seconds)) <= 0.5


def test_synthesized_cues_are_cached(tmp_path, voice_env):
    from scenes.services.voices import parse_voice, synthesize, wav_seconds

    voice, counter = voice_env
    spec = parse_voice(voice)
    first = synthesize(spec, "the loss is 0.215", "en")
    again = synthesize(spec, "the loss is 0.215", "en")
    assert first == again and counter.read_text() == "1"
    assert wav_seconds(first) == pytest.approx(SECONDS_PER_CHAR * len("the loss is 0.215"), abs=0.01)
    synthesize(spec, "the loss is 0.215", "en", pace=0.8)  # another pace is another recording
    assert counter.read_text() == "2"


def test_espeak_speaks_both_languages(tmp_path, monkeypatch):
    """The offline voice scripts/setup installs: a WAV for an English and a Mandarin cue."""
    from scenes.services.voices import Voice, synthesize, wav_seconds

    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path))
    for language, text in (("en", "The loss is 0.215."), ("zh", "损失是 0.215。")):
        assert wav_seconds(synthesize(Voice("espeak"), text, language)) > 0.5


def test_a_failing_voice_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path / "c"))
    path = tmp_path / "voiced.yaml"
    path.write_text(LESSON, encoding="utf-8")
    out = batchviz_here("render", str(path), "--size", "160x90@5", "--out", str(tmp_path / "media"), "--voice",
                        "command:exit 3", "--jobs", "1", cwd=ROOT)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "voice failed on the cue" in out.stderr and len(out.stderr.strip().splitlines()) <= 2, out.stderr
    assert not list((tmp_path / "media").rglob("*.mp4"))  # nothing half-written


def test_wav_check_rejects_a_command_that_writes_no_wav(tmp_path, monkeypatch):
    from scenes.services.voices import VoiceError, parse_voice, synthesize

    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path))
    with pytest.raises(VoiceError, match="did not write a WAV"):
        synthesize(parse_voice("command:echo not a wav"), "hello", "en")
    assert not list(tmp_path.glob("*.wav"))
    with wave.open(str(tmp_path / "ok.wav"), "wb") as w:  # the cache holds only complete WAVs
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(8000), w.writeframes(b"\0\0" * 80)


def _tone(path, seconds, rate=16000):
    t = np.arange(int(rate * seconds)) / rate
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate)
        w.writeframes((np.sin(2 * np.pi * 330 * t) * 12000).astype("<i2").tobytes())


def test_recorded_voice_retimes_the_scenes_to_the_recordings(tmp_path):
    """Recordings of known lengths, one per cue id of `batchviz script`: each subtitle shows while its recording
    plays, and each scene lasts until its last recording ends."""
    from scenes.pipeline.lesson_render import render_lesson
    from scenes.pipeline.lesson_video import video_duration
    from scenes.pipeline.script import lesson_script
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "voiced.yaml"
    path.write_text(LESSON, encoding="utf-8")
    sc = load_scenario(path)
    cues, _ = lesson_script(sc)
    folder = tmp_path / "my-voice"
    folder.mkdir()
    lengths = {c.id: 1.0 + 0.7 * k for k, c in enumerate(cues)}  # 1.0 s, 1.7 s, 2.4 s, ...
    lengths[cues[-1].id] = 21.0  # longer than the set-up's animations: the scene must wait for it
    for cue_id, seconds in lengths.items():
        _tone(folder / f"{cue_id}.wav", seconds)
    result = render_lesson(sc, tmp_path / "out", **IN_PROCESS, voice=f"recorded:{folder}")
    for scene in result.scenes:
        shown = list(srt.parse(scene.rendered.subtitles.read_text(encoding="utf-8")))
        mine = [c for c in cues if c.scene == scene.rendered.name]
        assert [s.content for s in shown] == [c.text for c in mine]
        for s, c in zip(shown, mine):
            assert (s.end - s.start).total_seconds() >= lengths[c.id] - 0.01  # shown while it plays
        seconds = float(video_duration(scene.rendered.video))
        assert seconds >= sum(lengths[c.id] for c in mine) - 0.01
        samples, rate = audio_envelope(scene.rendered.video)
        assert abs(len(samples) / rate - seconds) <= 0.5
    assert float(result.seconds) >= 21.0


def test_a_missing_recording_is_named(tmp_path):
    path = tmp_path / "voiced.yaml"
    path.write_text(LESSON, encoding="utf-8")
    folder = tmp_path / "empty"
    folder.mkdir()
    out = batchviz_here("render", str(path), "--size", "160x90@5", "--out", str(tmp_path / "media"), "--voice",
                        f"recorded:{folder}", cwd=ROOT)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert f"no recording {folder}/01_title.1.wav for cue 01_title.1" in out.stderr, out.stderr


def test_a_voiced_webm_lesson_keeps_its_opus_voice(tmp_path, voice_env):
    """WebM scenes carry Opus, whose first packets are stamped before zero: joined, the lesson still has its voice
    (the join refused the file before)."""
    from scenes.pipeline.lesson_render import render_lesson
    from scenes.scenario.loader import load_scenario

    voice, _ = voice_env
    path = tmp_path / "voiced.yaml"
    path.write_text(LESSON, encoding="utf-8")
    result = render_lesson(load_scenario(path), tmp_path / "out", **IN_PROCESS, voice=voice, fmt="webm")
    with av.open(str(result.video)) as joined:
        assert joined.streams.audio[0].codec_context.name == "opus"
    samples, rate = audio_envelope(result.video)
    assert abs(len(samples) / rate - float(result.seconds)) <= 0.5


LOGGING_TONE = TONE.replace('text = sys.stdin.read()', 'text = sys.stdin.read()\nwith open(sys.argv[2] + ".texts", "a") as log:\n    log.write(text.replace("\\n", " ") + "\\n")')


def test_each_subtitle_piece_is_said_on_its_own_and_shown_when_it_is_said(tmp_path, monkeypatch):
    """A beat cut into several subtitle pieces: the voice gets each piece's speech text on its own (formulas as
    words), and piece k appears when the tones of the pieces before it (of known lengths) have been played."""
    from scenes.pipeline.lesson_render import render_lesson
    from scenes.scenario.loader import load_scenario

    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path / "voice-cache"))
    script = tmp_path / "tone.py"
    script.write_text(LOGGING_TONE, encoding="utf-8")
    log = tmp_path / "calls"
    path = tmp_path / "voiced.yaml"
    long_beat = ("This first sentence is long enough to be cut into pieces, w goes 0.1 → −0.15 here. "
                 "Then dL/dw = 2.5 is said as words, and a third sentence closes the beat with more words.")
    path.write_text(small_scenario("  - scene: setup\n", "pieces", texts=json.dumps({"en": {"sub_setup": long_beat}})),
                    encoding="utf-8")
    result = render_lesson(load_scenario(path), tmp_path / "out", size=(160, 90, 5),
                           voice=f"command:{sys.executable} {script} {{out}} {log}")
    cues = list(srt.parse(result.scenes[0].rendered.subtitles.read_text(encoding="utf-8")))
    said = (tmp_path / "calls.texts").read_text(encoding="utf-8").splitlines()
    assert len(cues) >= 2 and len(said) == len(cues)
    assert not any(symbol in s for s in said for symbol in "→/−=")  # each piece said as words
    gap = 0.15  # PIECE_GAP, between two pieces
    start = 0.0
    for cue, text in zip(cues, said):
        assert abs(cue.start.total_seconds() - start) <= 0.21, (cue.content, start)  # a frame at 5 fps
        start += SECONDS_PER_CHAR * len(text) + gap


def test_a_voiced_render_sits_beside_the_silent_one(tmp_path, voice_env):
    from scenes.pipeline.lesson_render import render_lesson
    from scenes.scenario.loader import load_scenario

    voice, _ = voice_env
    path = tmp_path / "voiced.yaml"
    path.write_text(small_scenario("  - scene: setup\n", "both"), encoding="utf-8")
    sc = load_scenario(path)
    silent = render_lesson(sc, tmp_path / "out", size=(160, 90, 5))
    voiced = render_lesson(sc, tmp_path / "out", size=(160, 90, 5), voice="espeak")
    again = render_lesson(sc, tmp_path / "out", size=(160, 90, 5))
    assert silent.video.name == "both_en.mp4" and voiced.video.name == "both_en.espeak.mp4"
    assert silent.video.exists() and voiced.video.exists()
    assert all(o.reused for o in again.scenes)  # the voiced render did not replace the silent scenes
    with av.open(str(voiced.video)) as v, av.open(str(silent.video)) as s:
        assert v.streams.audio and not s.streams.audio


ZH_PROSE = ("就像餐厅的桌子：小桌翻台快，大桌一次坐得多。"  # plain prose, no formula: the pace of natural speech
            "一次问的路人越多，他们指的方向就越接近真正的下山方向。"
            "每个学生的成绩都一样，所以任何样本都能得到准确的全班平均。")


def test_espeak_speaks_mandarin_at_a_natural_pace(tmp_path, monkeypatch):
    """Natural Mandarin is about 4-5 characters a second; at eSpeak's default rate cmn said 2.4 (a 15-minute
    lesson). The pace is measured here from the WAV the voice writes and the Han characters of the text."""
    from scenes.services.voices import Voice, synthesize

    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path))
    characters = sum(1 for c in ZH_PROSE if "\u4e00" <= c <= "\u9fff")
    with wave.open(str(synthesize(Voice("espeak"), ZH_PROSE, "zh"))) as w:
        seconds = w.getnframes() / w.getframerate()
    assert 4.0 <= characters / seconds <= 5.0
    with wave.open(str(synthesize(Voice("espeak"), ZH_PROSE, "zh", pace=0.8))) as w:  # pace still slows it
        assert w.getnframes() / w.getframerate() > seconds * 1.15


def test_a_new_espeak_rate_is_a_new_recording(tmp_path, monkeypatch):
    """Cues spoken at the old rate are not taken from the voice cache once the rate changes."""
    from scenes.services import voices

    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path))
    before = voices.synthesize(voices.Voice("espeak"), "损失是 0.215。", "zh")
    monkeypatch.setitem(voices.ESPEAK_RATES, "zh", voices.ESPEAK_RATES["zh"] // 2)
    after = voices.synthesize(voices.Voice("espeak"), "损失是 0.215。", "zh")
    assert after != before and voices.wav_seconds(after) > voices.wav_seconds(before) * 1.5


def test_the_render_cache_key_covers_the_voice_rate(tmp_path, monkeypatch):
    """A scene's cache key hashes the code it is made with: a copy of the code with another eSpeak rate gives
    another key, so a voiced scene is rendered again when the rate changes."""
    import shutil

    from scenes.pipeline import render_cache

    for folder in ("mathcore", "scenes"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(render_cache, "ROOT", tmp_path)
    render_cache.code_version.cache_clear()
    try:
        before = render_cache.code_version()
        voices_file = tmp_path / "scenes/services/voices.py"
        text = voices_file.read_text(encoding="utf-8")
        assert 'ESPEAK_RATES = {"zh": 320,' in text
        voices_file.write_text(text.replace('ESPEAK_RATES = {"zh": 320,', 'ESPEAK_RATES = {"zh": 300,'),
                               encoding="utf-8")
        render_cache.code_version.cache_clear()
        assert render_cache.code_version() != before
    finally:
        render_cache.code_version.cache_clear()
