"""The step scene's insets: the point on the small loss surface stands where an independent re-computation of the
step puts (w, b), before and after, and the line in the data plot is the model at those parameters."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest


def sgd_step(x, y, w, b, lr, indices):
    """One minibatch step of y = w x + b under the mean squared error, in exact fractions (written for this test)."""
    B = len(indices)
    dw = sum(2 * (w * x[i] + b - y[i]) * x[i] for i in indices) / B
    db = sum(2 * (w * x[i] + b - y[i]) for i in indices) / B
    return w - lr * dw, b - lr * db


@pytest.fixture(scope="module")
def first_step_scene(tmp_path_factory):
    from manim import tempconfig

    from scenes.kinds.step.scene import GradientStepScene
    from scenes.scenario.loader import load_scenario
    from tests.conftest import SCENARIOS

    seed = load_scenario(SCENARIOS / "seed_en.yaml")
    index = next(i for i, e in enumerate(seed.lesson) if e.scene == "step")
    with tempconfig({"media_dir": str(tmp_path_factory.mktemp("step")), "pixel_width": 160, "pixel_height": 90,
                     "frame_rate": 5, "format": "mp4", "verbosity": "ERROR", "progress_bar": "none",
                     "disable_caching": True}):
        scene = GradientStepScene(scenario=seed, entry=seed.lesson[index])
        scene.render()
    return scene, seed


def test_the_inset_point_walks_from_before_to_after_the_step(first_step_scene):
    scene, seed = first_step_scene
    insets = scene.insets
    assert insets is not None  # a batch of 4 leaves room below the table
    x = [Fraction(v) for v in seed.data.x]
    y = [Fraction(v) for v in seed.data.y]
    w0, b0 = Fraction(seed.init.w), Fraction(seed.init.b)
    lr = Fraction(seed.learning_rate)
    indices = list(scene.step.indices)
    assert len(indices) == seed.runs[scene.entry.run].batch_size
    w1, b1 = sgd_step(x, y, w0, b0, lr, indices)
    axes = insets.surface.axes
    # the point moved along the step from (w, b) before and stands at (w, b) after
    np.testing.assert_allclose(axes.p2c(insets.step_path.get_start()), [float(w0), float(b0)], atol=1e-6)
    np.testing.assert_allclose(axes.p2c(insets.dot.get_center()), [float(w1), float(b1)], atol=1e-6)
    assert insets.surface.view.contains(float(w0), float(b0)) and insets.surface.view.contains(float(w1), float(b1))


def test_the_data_line_turns_to_the_updated_model(first_step_scene):
    scene, seed = first_step_scene
    insets = scene.insets
    w0, b0 = Fraction(seed.init.w), Fraction(seed.init.b)
    x = [Fraction(v) for v in seed.data.x]
    y = [Fraction(v) for v in seed.data.y]
    w1, b1 = sgd_step(x, y, w0, b0, Fraction(seed.learning_rate), list(scene.step.indices))
    axes = insets.data.axes
    drawn = np.array([axes.p2c(p) for p in insets.line.get_anchors()])
    # every vertex of the line now on screen lies on y = w1 x + b1
    np.testing.assert_allclose(drawn[:, 1], float(w1) * drawn[:, 0] + float(b1), atol=1e-6)
    assert abs(float(w1) - float(w0)) > 1e-3  # the line did turn


def batch_loss(x, y, w, b, indices):
    """The batch's mean squared error at (w, b), in exact fractions."""
    return sum((w * x[i] + b - y[i]) ** 2 for i in indices) / len(indices)


def test_the_gradient_is_defined_beside_its_slope(first_step_scene):
    """The seed's step scene defines the gradient: beside the line, this batch's loss along w with its tangent at
    the step's w, whose slope is ∂L/∂w (computed here by hand), and an arrow along w against it."""
    scene, seed = first_step_scene
    assert scene.entry.define == ["gradient"]
    picture = scene.term_pictures["gradient"]
    x = [Fraction(v) for v in seed.data.x]
    y = [Fraction(v) for v in seed.data.y]
    w0, b0 = Fraction(seed.init.w), Fraction(seed.init.b)
    indices = list(scene.step.indices)
    dw = sum(2 * (w0 * x[i] + b0 - y[i]) * x[i] for i in indices) / len(indices)
    assert picture.slope() == pytest.approx(float(dw), rel=1e-6)
    # the point sits on the curve at (w, L(w)); the curve's vertices are the batch's loss along w at b
    np.testing.assert_allclose(picture.axes.p2c(picture.point.get_center()),
                               [float(w0), float(batch_loss(x, y, w0, b0, indices))], atol=1e-6)
    for vertex in picture.curve.get_anchors()[::7]:
        w, loss = picture.axes.p2c(vertex)
        assert loss == pytest.approx(float(batch_loss(x, y, Fraction(w), b0, indices)), abs=1e-6)
    # the step goes against the slope
    assert np.sign(picture.step.get_end()[0] - picture.step.get_start()[0]) == -np.sign(float(dw))


def test_a_definition_with_a_picture_sits_beside_it_on_screen(first_step_scene):
    scene, _ = first_step_scene
    picture = scene.term_pictures["gradient"]
    line = scene.term_lines[0]
    assert line.get_right()[0] < picture.get_left()[0]  # side by side, not over each other
    half_width, half_height = scene.camera.frame_width / 2, scene.camera.frame_height / 2
    for mob in (line, picture):
        assert -half_width <= mob.get_left()[0] and mob.get_right()[0] <= half_width
        assert -half_height <= mob.get_bottom()[1] and mob.get_top()[1] <= half_height
