"""A cheaper sound track for tests that read a voiced render's pictures or files, never its sound.

manim encodes a voiced scene's sound track to AAC with FFmpeg's default coder (`twoloop`): about 5 s of CPU for a
minute of eSpeak, half of a tiny voiced render. The `fast` coder at 32 kbit/s writes the same kind of track (AAC,
muxed by manim as before, so the video keeps its length and its frames) for a sixth of that. The eSpeak synthesis
and the timing of every cue by its audio are untouched.
"""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from manim.scene import scene_file_writer

FAST_AAC = {"aac_coder": "fast", "b": "32k"}


def convert_audio_fast(input_path: Path, output_path: Path, codec_name: str) -> None:
    """manim's convert_audio (manim/scene/scene_file_writer.py), with the fast coder when the codec is AAC."""
    with av.open(str(input_path)) as source, av.open(str(output_path), "w") as target:
        stream = target.add_stream(codec_name, options=FAST_AAC if codec_name == "aac" else {})
        for frame in source.decode(source.streams.audio[0]):
            for packet in stream.encode(frame):
                target.mux(packet)
        for packet in stream.encode():
            target.mux(packet)


def cheap_sound_track(monkeypatch: pytest.MonkeyPatch) -> None:
    """Voiced renders in this process (until the test ends) encode their sound track with the fast coder."""
    monkeypatch.setattr(scene_file_writer, "convert_audio", convert_audio_fast)
