"""Scenes for the plain `manim` command line (manim lists only classes defined in the file it is given).

    BATCHVIZ_SCENARIO=scenarios/seed.yaml manim -ql scenes/kinds/manim_cli.py GradientStepScene

renders the scenario's first `step` entry; BATCHVIZ_ENTRY=3 picks lesson entry 3 instead
(it must be of the class's kind). Without BATCHVIZ_SCENARIO, scenarios/seed.yaml is used.
"""

from scenes.kinds.registry import all_scene_classes

for _cls in all_scene_classes().values():
    globals()[_cls.__name__] = type(_cls.__name__, (_cls,), {"__module__": __name__, "__doc__": _cls.__doc__})
