"""Which vertices of a long (w, b) path are drawn: at most a few thousand, and the picture stays the path's.

A batch-size-1 run over 10,000 samples takes 290,000 steps; a scene redraws its path in every frame, so the drawn
vertices must be bounded. Even spacing (mathcore.view.thin_indices) would cut the zig-zags of a noisy path short:
its drawn swings would be narrower than the run's, and a narration that says the run swings would describe a
calmer picture. Here the path is cut into consecutive buckets of steps, and each bucket keeps the steps where the
path turns back in w and in b (its lowest and highest w and b), so that the drawn path reaches as far, bucket by
bucket, as the run did; the first and the last point are always kept.
"""

from __future__ import annotations

import numpy as np

MAX_PATH_VERTICES = 3_000  # drawn vertices of one path: more than a 1080p picture of the path can show


def turning_indices(w: np.ndarray, b: np.ndarray, max_points: int = MAX_PATH_VERTICES) -> np.ndarray:
    """Increasing indices of at most ``max_points`` vertices of the path (w, b): all of them when there are that
    few; else the first, the last, and in each of max_points / 4 - 1 consecutive buckets of steps the steps with
    the bucket's least and greatest w and b. Non-finite points (a diverged end) are never chosen as extremes."""
    w, b = np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64)
    count = len(w)
    if count <= max_points:
        return np.arange(count)
    buckets = max(1, (max_points - 2) // 4)
    edges = np.linspace(0, count, buckets + 1).astype(np.int64)
    keep = [np.array([0, count - 1], dtype=np.int64)]
    for values in (w, b):
        low = np.where(np.isfinite(values), values, np.inf)
        high = np.where(np.isfinite(values), values, -np.inf)
        # per bucket (np.minimum.reduceat over the bucket starts): where its extremes sit
        starts = edges[:-1]
        lows, highs = np.minimum.reduceat(low, starts), np.maximum.reduceat(high, starts)
        for bucket_values, extreme in ((low, lows), (high, highs)):
            bucket = np.repeat(np.arange(buckets), np.diff(edges))
            hits = np.flatnonzero(bucket_values == extreme[bucket])
            # the first hit of each bucket (a flat stretch would otherwise keep all its points)
            first = hits[np.r_[True, bucket[hits][1:] != bucket[hits][:-1]]]
            keep.append(first)
    return np.unique(np.concatenate(keep))
