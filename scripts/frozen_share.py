"""Measure how much of a rendered lesson is a frozen picture: stretches of >= 3 s in which no pixel changes.

A frame counts as unchanged when no pixel of it differs from the previous frame by more than ``TOLERANCE``
(of 255) in any colour channel: encoder noise on a still picture stays below that, a moving dot or a new word
does not. The share is reported per scene (the lesson MP4's chapter marks) and in total.

Usage: .venv/bin/python scripts/frozen_share.py LESSON.mp4 [...] [--min-seconds 3] [--tolerance 12] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

TOLERANCE = 12  # per channel, of 255: above H.264 noise on a still picture, below any drawn change
MIN_SECONDS = 3.0


@dataclass(frozen=True)
class Share:
    """Seconds of a stretch of video and how many of them lie in frozen stretches."""

    name: str
    seconds: float
    frozen: float

    @property
    def share(self) -> float:
        return self.frozen / self.seconds if self.seconds else 0.0


def frame_changes(path: Path, tolerance: int = TOLERANCE) -> tuple[np.ndarray, np.ndarray, float]:
    """Presentation times of the frames, whether each differs from the one before, and the video's end (s)."""
    times, changed = [], []
    previous = None
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        end = 0.0
        for frame in container.decode(stream):
            t = float(frame.pts * stream.time_base)
            picture = frame.to_ndarray(format="rgb24").astype(np.int16)
            times.append(t)
            changed.append(previous is None or bool((np.abs(picture - previous) > tolerance).any()))
            previous = picture
            duration = float(frame.duration * stream.time_base) if frame.duration else 0.0
            end = max(end, t + duration)
    return np.array(times), np.array(changed, bool), end


def frozen_intervals(times: np.ndarray, changed: np.ndarray, end: float,
                     min_seconds: float = MIN_SECONDS) -> list[tuple[float, float]]:
    """The [start, stop) stretches of at least ``min_seconds`` in which the picture stays the same.

    A stretch starts at a frame that differs from the one before (or the first frame) and lasts until the next
    frame that differs (or the end of the video)."""
    starts = list(np.flatnonzero(changed)) or [0]
    bounds = [times[i] for i in starts] + [end]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b - a >= min_seconds - 1e-9]


def chapters(path: Path) -> list[tuple[str, float, float]]:
    """(title, start, end) of each chapter mark, in seconds; the whole video as one when it has none."""
    with av.open(str(path)) as container:
        marks = container.chapters()
        if marks:
            return [(m["metadata"].get("title", str(m["id"])), float(m["start"] * Fraction(m["time_base"])),
                     float(m["end"] * Fraction(m["time_base"]))) for m in marks]
    _, _, end = frame_changes(path)
    return [(path.stem, 0.0, end)]


def overlap(intervals: list[tuple[float, float]], start: float, stop: float) -> float:
    return sum(max(0.0, min(b, stop) - max(a, start)) for a, b in intervals)


def measure(path: Path, tolerance: int = TOLERANCE, min_seconds: float = MIN_SECONDS) -> list[Share]:
    """Per chapter, then the total (named "total"), of the lesson video at ``path``.

    Stretches are cut at chapter marks: a scene that ends on a still picture and a next scene that starts on one
    are two stretches, each judged on its own length."""
    times, changed, end = frame_changes(path, tolerance)
    rows = []
    for title, start, stop in chapters(path):
        inside = (times >= start - 1e-6) & (times < stop - 1e-6)
        if not inside.any():
            continue
        t, c = times[inside], changed[inside].copy()
        c[0] = True  # a scene's first frame starts a stretch
        frozen = overlap(frozen_intervals(t, c, min(stop, end), min_seconds), start, stop)
        rows.append(Share(title, stop - start, frozen))
    rows.append(Share("total", sum(r.seconds for r in rows), sum(r.frozen for r in rows)))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("videos", nargs="+", type=Path)
    parser.add_argument("--min-seconds", type=float, default=MIN_SECONDS)
    parser.add_argument("--tolerance", type=int, default=TOLERANCE)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = {}
    for video in args.videos:
        if not video.is_file():
            print(f"frozen_share: {video}: no such file; render the lesson first (batchviz render SCENARIO)",
                  file=sys.stderr)
            return 2
        report[str(video)] = measure(video, args.tolerance, args.min_seconds)
    if args.json:
        print(json.dumps({v: [{"scene": r.name, "seconds": round(r.seconds, 2), "frozen": round(r.frozen, 2),
                               "share": round(r.share, 3)} for r in rows] for v, rows in report.items()},
                         ensure_ascii=False, indent=2))
        return 0
    for video, rows in report.items():
        print(video)
        for r in rows:
            print(f"  {r.name[:40]:<40} {r.seconds:7.1f} s  frozen {r.frozen:6.1f} s  {100 * r.share:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
