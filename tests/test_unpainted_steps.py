"""A dry run (scenes.pipeline.unpainted) jumps each animation to its end instead of stepping through its frames,
and still ends every animation where a real render does, at the same time on the clock."""

import numpy as np
import pytest

from scenes.pipeline.unpainted import render_unpainted


def _moving_scene():
    """A scene with animations of every sort a lesson uses: a transform, a tracker with a follower, lagged fades, a
    flash of a frame, a wait while a follower is attached; and a square moved by time (an updater taking dt, whose
    play must be stepped frame by frame). (manim imported here, not at collection.)"""
    import manim as m

    class Moving(m.Scene):
        def construct(self):
            self.states = []
            square = m.Square()
            self.play(m.Create(square), run_time=1.0)
            self.look()
            self.play(m.Transform(square, m.Circle(color=m.BLUE).shift(np.array([1.0, 0.5, 0.0]))), run_time=1.3)
            self.look()
            tracker = m.ValueTracker(0.0)
            dot = m.Dot()
            dot.add_updater(lambda d: d.move_to(np.array([tracker.get_value(), np.sin(tracker.get_value()), 0.0])))
            self.add(dot)
            self.play(tracker.animate.set_value(2.5), run_time=2.2)
            self.look()
            drifting = m.Square(0.5, fill_opacity=1).shift(np.array([-3.0, -2.0, 0.0]))
            drifting.add_updater(lambda d, dt: d.shift(np.array([0.4 * dt, 0.1 * dt * dt, 0.0])))  # moves with time
            self.add(drifting)
            self.play(m.Create(m.Circle(0.3)), run_time=1.4)
            self.look()
            drifting.clear_updaters()
            words = [m.Text(w, font_size=24).shift(np.array([0.0, -1.0 - i * 0.4, 0.0])) for i, w in enumerate("abc")]
            self.play(m.LaggedStart(*[m.FadeIn(w, shift=np.array([0.0, 0.3, 0.0])) for w in words], lag_ratio=0.4))
            self.look()
            self.play(m.Circumscribe(words[0]), run_time=1.1)
            self.look()
            self.wait(0.7)
            self.look()

        def look(self):
            self.states.append((round(self.renderer.time, 9), [
                (v.points.round(9).tolist(), np.asarray(v.get_fill_opacities()).round(9).tolist(),
                 np.asarray(v.get_stroke_opacities()).round(9).tolist())
                for top in self.mobjects for v in top.get_family() if isinstance(v, m.VMobject)]))

    return Moving, m


def _run(unpainted: bool):
    scene_class, manim = _moving_scene()
    stepped = []
    original = manim.Animation.interpolate

    def counting(animation, alpha):
        if 0.0 < alpha < 1.0:
            stepped.append(alpha)
        return original(animation, alpha)

    manim.Animation.interpolate = counting
    try:
        with manim.tempconfig({"dry_run": True, "pixel_width": 64, "pixel_height": 36, "frame_rate": 5,
                               "verbosity": "ERROR", "progress_bar": "none", "disable_caching": True}):
            scene = scene_class()
            if unpainted:
                render_unpainted(scene)
            else:
                scene.render()
    finally:
        manim.Animation.interpolate = original
    return scene.states, stepped


@pytest.mark.render
def test_a_dry_run_ends_each_animation_where_a_render_does_without_stepping_through_it():
    rendered, rendered_steps = _run(unpainted=False)
    dry, dry_steps = _run(unpainted=True)
    assert rendered_steps, "the real render steps through frames (else this test checks nothing)"
    # only the play with the time-moved square (1.4 s at 5 fps: 6 in-between frames) is stepped
    assert len(dry_steps) == 6, f"the dry run interpolated {len(dry_steps)} in-between frames"
    assert [t for t, _ in dry] == [t for t, _ in rendered]
    for (t, seen), (_, expected) in zip(dry, rendered):
        assert seen == expected, f"after the animation ending at {t} s"
