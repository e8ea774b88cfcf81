"""Join scene videos into one lesson file without re-encoding, with chapters and merged subtitles."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import av
import srt

from scenes.pipeline.staging import staged


def video_duration(path: Path) -> Fraction:
    """Exact duration of a video's first stream, from its packets (seconds)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        end = 0
        for packet in container.demux(stream):
            if packet.pts is not None and packet.duration:
                end = max(end, packet.pts + packet.duration)
        return Fraction(end) * stream.time_base if end else Fraction(0)


def _has_audio(path: Path) -> bool:
    with av.open(str(path)) as container:
        return bool(container.streams.audio)


def join_videos(parts: list[Path], titles: list[str], out: Path, container: str = "mp4") -> Fraction:
    """Remux ``parts`` one after another into ``out`` (atomically); return the total seconds. Their voice comes
    along when every part has an audio track (packets copied, each shifted to its scene's start on the video's
    clock)."""
    chapters = []
    offset = Fraction(0)
    with_audio = all(_has_audio(p) for p in parts)
    last_audio_dts = None
    with av.open(str(parts[0])) as first, staged(out) as staging:
        template = first.streams.video[0]
        time_base = template.time_base
        with av.open(str(staging), "w", format=container) as output:
            stream = output.add_stream_from_template(template)
            audio = output.add_stream_from_template(first.streams.audio[0]) if with_audio else None
            for i, (part, title) in enumerate(zip(parts, titles)):
                with av.open(str(part)) as source:
                    src = source.streams.video[0]
                    end = 0
                    for packet in source.demux(src):
                        if packet.dts is None:
                            continue
                        end = max(end, packet.pts + (packet.duration or 0))
                        packet.pts += int(offset / src.time_base)
                        packet.dts += int(offset / src.time_base)
                        packet.stream = stream
                        output.mux(packet)
                    length = Fraction(end) * src.time_base
                if audio is not None:
                    with av.open(str(part)) as source:
                        sound = source.streams.audio[0]
                        shift = int(offset / sound.time_base)
                        for packet in source.demux(sound):
                            if packet.dts is None or packet.pts * sound.time_base >= length:
                                continue  # the voice never runs past its scene
                            packet.pts += shift
                            packet.dts += shift
                            # Opus starts with pre-skip packets stamped before zero: where scenes meet they would
                            # step back in time, which containers refuse
                            if last_audio_dts is not None and packet.dts <= last_audio_dts:
                                continue
                            last_audio_dts = packet.dts
                            packet.stream = audio
                            output.mux(packet)
                chapters.append({"id": i + 1, "start": int(offset / time_base),
                                 "end": int((offset + length) / time_base),
                                 "time_base": time_base, "metadata": {"title": title}})
                offset += length
            output.set_chapters(chapters)
    return offset


def join_subtitles(parts: list[tuple[Path | None, Fraction]], out: Path) -> int:
    """Merge .srt files, shifting each by its scene's start (seconds); return the cue count."""
    cues = []
    for path, start in parts:
        if path is None:
            continue
        shift = timedelta(seconds=float(start))
        for cue in srt.parse(path.read_text(encoding="utf-8")):
            cues.append(srt.Subtitle(0, cue.start + shift, cue.end + shift, cue.content))
    with staged(out) as staging:
        staging.write_text(srt.compose(cues), encoding="utf-8")  # compose renumbers from 1
    return len(cues)
