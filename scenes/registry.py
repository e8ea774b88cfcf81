"""Which Scene class renders each `scene:` kind of a lesson entry."""

from __future__ import annotations

from scenes.compare_scene import CompareScene
from scenes.composition_scene import CompositionScene
from scenes.data_scene import DataScene
from scenes.features_scene import FeaturesScene
from scenes.fog_scene import FogScene
from scenes.title_scene import TitleScene
from scenes.noise_scene import GradientNoiseScene
from scenes.sampling_scene import SamplingScene
from scenes.paths_scene import PathsScene
from scenes.setup_scene import SetupScene
from scenes.step_scene import GradientStepScene
from scenes.summary_scene import SummaryScene
from scenes.surface3d_scene import Surface3DScene
from scenes.tradeoffs_scene import TradeoffsScene

SCENES = {cls.kind: cls for cls in (TitleScene, SetupScene, DataScene, FogScene, GradientStepScene, CompareScene, PathsScene, GradientNoiseScene, SamplingScene, FeaturesScene, TradeoffsScene,
                                    CompositionScene, SummaryScene, Surface3DScene)}
