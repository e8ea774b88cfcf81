"""Which Scene class renders each `scene:` kind of a lesson entry."""

from __future__ import annotations

from scenes.kinds.compare import CompareScene
from scenes.kinds.composition import CompositionScene
from scenes.kinds.data import DataScene
from scenes.kinds.features import FeaturesScene
from scenes.kinds.fog import FogScene
from scenes.kinds.title import TitleScene
from scenes.kinds.noise import GradientNoiseScene
from scenes.kinds.sampling import SamplingScene
from scenes.kinds.paths import PathsScene
from scenes.kinds.setup import SetupScene
from scenes.kinds.step import GradientStepScene
from scenes.kinds.summary import SummaryScene
from scenes.kinds.surface3d import Surface3DScene
from scenes.kinds.tradeoffs import TradeoffsScene

SCENES = {cls.kind: cls for cls in (TitleScene, SetupScene, DataScene, FogScene, GradientStepScene, CompareScene, PathsScene, GradientNoiseScene, SamplingScene, FeaturesScene, TradeoffsScene,
                                    CompositionScene, SummaryScene, Surface3DScene)}
