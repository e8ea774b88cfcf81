"""Scenes that draw one mark per sample, and how many samples each can draw in reasonable time.

Most scenes draw a bounded picture of any data (paths through at most 3,000 vertices, a few hundred dots of a large
population). The data scene fades in every sample one after another and circles each batch's samples; the classifier
scene draws every sample beside its curve: their frames cost time in proportion to the samples. Measured on the
2-core machine: the data scene's dry run (`batchviz script`) took 53 s CPU on 1,000 samples and did not finish in
10 minutes on 10,000. `check` refuses these scenes on more samples than below.
"""

from __future__ import annotations

ONE_MARK_PER_SAMPLE = {"data": 1_000, "classifier": 1_000}  # scene kind -> most samples it is given


def drawing_problem(kind: str, samples: int) -> str | None:
    """Why a ``kind`` scene cannot draw ``samples`` samples in reasonable time, or None."""
    limit = ONE_MARK_PER_SAMPLE.get(kind)
    if limit is None or samples <= limit:
        return None
    return (f"the {kind} scene draws every sample one by one: {samples} samples would take many minutes to draw "
            f"(limit {limit}); use a CSV of at most {limit} rows for this lesson, or remove this scene")
