"""The data scene shows the line it says it shows: "the dashed line is the model at the start" only when that line
is on the plot. A teacher's scores 2.5..8 with the model starting at w = 0, b = 0 had the line y = 0 below the
plot's y range (0.6..9.9) while the voice named it."""

from __future__ import annotations

import pytest

from scenes.kinds.data.plot_range import clipped_line, data_plot_ranges
from tests.helpers_cli import script_cues

HOURS = list(range(1, 13))
SCORES = [0.5 * x + 2 for x in HOURS]  # 2.5 .. 8


def test_a_start_line_near_the_samples_widens_the_plot_to_show_it():
    x_range, y_range, shown = data_plot_ranges(HOURS, SCORES, 0.0, 0.0)
    assert shown
    assert y_range[0] < 0 < y_range[1]  # y = 0 over x = 1..12 is inside the box
    assert y_range[0] <= 2.5 and y_range[1] >= 8 and x_range[0] <= 1 and x_range[1] >= 12  # every sample too
    ends = clipped_line(0.0, 0.0, x_range, y_range)
    assert ends is not None and ends[0][0] == x_range[0] and ends[1][0] == x_range[1]  # across the whole width


def test_a_start_line_far_from_the_samples_is_left_off_and_the_samples_keep_the_plot():
    x_range, y_range, shown = data_plot_ranges(HOURS, SCORES, 0.0, -1000.0)
    assert not shown
    # independently: the samples' own span 5.5 with 35% free above and below
    assert y_range == pytest.approx((2.5 - 0.35 * 5.5, 8 + 0.35 * 5.5))


LESSON = """id: hours
language: en
title: {{en: "Hours and scores"}}
init: {{w: 0, b: {b}}}
learning_rate: 0.005
data:
  x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
  y: [2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8]
runs:
  b4: {{batch_size: 4, steps: 3}}
lesson:
  - {{scene: data, run: b4}}
"""


@pytest.mark.render  # runs the data scene (unpainted)
@pytest.mark.parametrize("b, dashed", [(0, True), (-1000, False)])
def test_the_voice_names_the_dashed_line_only_when_it_is_drawn(tmp_path, b, dashed):
    said = " ".join(c["text"] for c in script_cues(tmp_path, LESSON.format(b=b)))
    assert ("The dashed line is the model at the start" in said) is dashed, said
    assert ("off this plot" in said) is not dashed, said
