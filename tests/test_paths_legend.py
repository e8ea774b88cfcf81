"""The paths legend of the seed lesson (η = 0.02) shows each run's final loss at three significant digits, not at
the six the worked values use: the drawn legend text is read and checked against a separate numpy simulation."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import render_tiny
from tests.test_drawn_numbers import Reference

ROOT = Path(__file__).resolve().parent.parent
FINAL = re.compile(r"final loss (≈?)(\d+(?:\.\d+)?)")


@pytest.mark.render
def test_the_legend_shows_final_losses_at_three_significant_digits(tmp_path):
    from scenes.scenario.loader import load_scenario

    sc = load_scenario(ROOT / "scenarios" / "seed_en.yaml")
    index = next(k for k, e in enumerate(sc.lesson) if e.scene == "paths")
    entry = sc.lesson[index]
    assert sc.style.digits == 6 and float(entry.learning_rate) == 0.02  # the case the legend showed six digits in
    rendered = render_tiny(sc, index, tmp_path)
    legend = [m.groups() for t in rendered.texts if (m := FINAL.fullmatch(t.strip()))]
    reference = Reference(sc)
    expected = []
    for name in entry.runs:
        points, diverged = reference.path(name, lr=entry.learning_rate)
        assert diverged is None
        expected.append(points[-1][2])
    assert len(legend) == len(expected), rendered.texts
    for (approx, shown), loss in zip(legend, expected):
        digits = shown.replace(".", "").lstrip("0")
        assert len(digits) <= 3, shown
        rounded = float(f"{loss:.3g}")
        assert float(shown) == pytest.approx(rounded, abs=1e-12)
        assert approx == ("" if Decimal(repr(loss)) == Decimal(shown) else "≈")
