"""The fog scene's measures: the typical angle of a fan, the steepest way against the way to the optimum, and the
predicates that choose the wording, each checked against a computation written here."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from mathcore.formatting import format_degrees
from mathcore.noise import angle_to_target, direction_spread, typical_deviation
from mathcore.verdicts import fans_alike, steepest_misses_minimum


def test_typical_deviation_is_the_mean_angle_to_the_reference():
    reference = (Fraction(-1), Fraction(0))  # the way down, -g, points along +w
    grads = [(-1.0, 0.0), (-1.0, -1.0), (0.0, 2.0)]  # ways down: 0°, 45°, 90°
    assert typical_deviation(grads, reference) == pytest.approx(45)
    grads = [(-1.0, 0.3), (-1.0, -1.0), (0.2, 2.0), (1.0, 0.4)]
    vectors = -np.array(grads)
    cosines = vectors @ np.array([1.0, 0.0]) / np.linalg.norm(vectors, axis=1)
    mean = float(np.degrees(np.arccos(cosines)).mean())
    assert typical_deviation(grads, reference) == pytest.approx(mean, rel=1e-12)
    assert direction_spread(grads, reference) == pytest.approx(float(np.degrees(np.arccos(cosines)).max()), rel=1e-12)


def test_angles_measured_in_floats_are_said_as_approximate():
    # rounded to a tenth and passed on as exact, a mean angle was said "5.7 degrees" beside "≈13 degrees"
    reference = (Fraction(-1), Fraction(0))
    grads = [(-1.0, 0.1), (-1.0, 0.0)]  # 5.71 and 0 degrees: mean 2.85...
    assert format_degrees(typical_deviation(grads, reference)) == "≈2.9"
    assert format_degrees(direction_spread(grads, reference)) == "≈5.7"
    assert format_degrees(typical_deviation([(-1.0, 0.0)], reference)) == "0"  # no angle at all is exact


def test_steepest_way_against_the_line_to_the_optimum_on_the_seed():
    from scenes.scenario.loader import load_scenario
    from tests.conftest import SCENARIOS

    seed = load_scenario(SCENARIOS / "seed_en.yaml")
    x = np.array([float(v) for v in seed.data.x])
    y = np.array([float(v) for v in seed.data.y])
    w0, b0 = float(seed.init.w), float(seed.init.b)
    r = w0 * x + b0 - y
    down = -np.array([np.mean(2 * r * x), np.mean(2 * r)])
    # the optimum of the least-squares line, by numpy's solver
    w_star, b_star = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
    to_star = np.array([w_star - w0, b_star - b0])
    expected = math.degrees(math.acos(down @ to_star / np.linalg.norm(down) / np.linalg.norm(to_star)))
    angle = angle_to_target(tuple(-down), (w0, b0), (w_star, b_star))
    assert abs(float(angle) - expected) <= 0.05
    assert steepest_misses_minimum(angle).holds is True  # the seed's valley is long and narrow


def test_steepest_predicate_has_three_outcomes():
    assert steepest_misses_minimum(Fraction(5)).holds is False
    assert steepest_misses_minimum(Fraction(15)).holds is None
    assert steepest_misses_minimum(Fraction(45)).holds is True


def test_fans_alike_compares_the_typical_angles():
    assert fans_alike(Fraction(553, 10), Fraction(404, 10)).holds is False  # the seed's B = 1 and B = 2
    assert fans_alike(40.0, 42.0).holds is True
    assert fans_alike(40.0, 46.0).holds is None
    assert fans_alike(0.0, 0.0).holds is True
    assert fans_alike(0.0, 3.0).holds is False
