"""Which Scene class renders each `scene:` kind of a lesson entry."""

from __future__ import annotations

from scenes.compare_scene import CompareScene
from scenes.paths_scene import PathsScene
from scenes.setup_scene import SetupScene
from scenes.step_scene import GradientStepScene

SCENES = {cls.kind: cls for cls in (SetupScene, GradientStepScene, CompareScene, PathsScene)}
