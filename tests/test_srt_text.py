"""A narration an author wrote stays one cue in the .srt file, whatever line breaks it holds: a line of spaces (or
an empty one) ends an SRT cue, so "Hello\\n \\n9\\n00:00:00,500 --> 00:00:09,000\\nFORGED" made a second cue of the
author's making (read so by FFmpeg and by the srt library), and a half timing line after it made the render fail
on its own subtitles (srt.SRTParseError)."""

from datetime import timedelta

import av
import pytest
import srt

from scenes.services.subtitle_text import from_srt, to_srt

FORGED = "Hello\n \n9\n00:00:00,500 --> 00:00:09,000\nFORGED"
BROKEN = "Hello\n \n3\n00:00:01,000 -->"


def _srt_file(tmp_path, text):
    # as manim writes a scene's subcaptions (scene_file_writer: srt.compose of srt.Subtitle)
    path = tmp_path / "cues.srt"
    cue = srt.Subtitle(1, timedelta(seconds=1), timedelta(seconds=4), to_srt(text))
    path.write_text(srt.compose([cue]), encoding="utf-8")
    return path


@pytest.mark.parametrize("text", [FORGED, BROKEN, "a\r\rb", "a\u2028\u2028b", "a\n\t\nb"])
def test_a_narration_with_blank_lines_is_one_cue_for_the_srt_library(tmp_path, text):
    cues = list(srt.parse(_srt_file(tmp_path, text).read_text(encoding="utf-8")))
    assert len(cues) == 1
    assert from_srt(cues[0].content).split() == text.split()  # every word kept, in order
    assert (cues[0].start, cues[0].end) == (timedelta(seconds=1), timedelta(seconds=4))


def test_a_forged_cue_is_not_read_by_ffmpeg(tmp_path):
    with av.open(str(_srt_file(tmp_path, FORGED))) as container:
        events = [(packet.pts, packet.duration) for packet in container.demux(container.streams.subtitles[0])
                  if packet.size]
    assert len(events) == 1, events  # one cue, 1 s to 4 s; not a second one from 0.5 s to 9 s
