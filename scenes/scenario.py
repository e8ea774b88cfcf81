"""The scenario schema: what an author may write in a scenario YAML file.

Every key, its type, default and meaning is documented in docs/authoring.md;
the defaults live here and only here. Unknown keys are errors; values are
frozen once loaded.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictBool, StrictFloat, StrictInt, StrictStr

from mathcore import BatchSchedule, Dataset, Params, Problem, Walkthrough, run_walkthrough, to_fraction

Language = Literal["zh", "en"]
LANGUAGES: tuple[str, ...] = ("zh", "en")

# Strict: `true` is not 1, "0.1" is not a number; inf/nan are refused.
Number = Annotated[Union[StrictInt, StrictFloat], Field(allow_inf_nan=False)]
PositiveInt = Annotated[StrictInt, Field(ge=1)]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Localized(Frozen):
    """A text in each language the lesson may be rendered in."""

    zh: Optional[StrictStr] = None
    en: Optional[StrictStr] = None

    def get(self, language: str) -> Optional[str]:
        return getattr(self, language)


class InitialParams(Frozen):
    w: Number
    b: Number


class Data(Frozen):
    """Inline samples (x, y), or a CSV file with columns x,y beside the scenario."""

    x: Optional[list[Number]] = None
    y: Optional[list[Number]] = None
    csv: Optional[StrictStr] = None


class Run(Frozen):
    """One way of batching the data; the lesson refers to runs by name."""

    batch_size: PositiveInt
    order: Literal["sequential", "shuffled"] = "sequential"
    seed: Annotated[StrictInt, Field(ge=0)] = 0
    repeat: Annotated[StrictInt, Field(ge=1, le=1000)] = 1
    drop_last: StrictBool = False
    epochs: Optional[PositiveInt] = None
    steps: Optional[PositiveInt] = None  # stop after this many steps (default: all steps of `epochs`)
    label: Optional[Localized] = None

    def schedule(self) -> BatchSchedule:
        return BatchSchedule(self.batch_size, self.order, self.seed, self.repeat, self.drop_last)


class SetupScene(Frozen):
    """The task, the model, the loss, the data table, the starting point."""

    scene: Literal["setup"]


class StepScene(Frozen):
    """One gradient-descent step of a run, equation by equation."""

    scene: Literal["step"]
    run: StrictStr
    step: PositiveInt = 1


LessonScene = Annotated[Union[SetupScene, StepScene], Field(discriminator="scene")]


class Colors(Frozen):
    w: StrictStr = "#58C4DD"  # manim BLUE
    b: StrictStr = "#FF862F"  # manim ORANGE
    prediction: StrictStr = "#83C167"  # manim GREEN
    label: StrictStr = "#F0AC5F"
    loss: StrictStr = "#FC6255"  # manim RED
    background: StrictStr = "#111318"


class Style(Frozen):
    digits: Annotated[StrictInt, Field(ge=1, le=12)] = 4  # significant digits of approximate values
    colors: Colors = Colors()


class Claim(Frozen):
    """A number a source text states; `batchviz check` compares it with the exact value.

    Write `value` as a quoted string to keep the precision you mean ("1.40").
    """

    run: StrictStr
    step: PositiveInt = 1
    quantity: StrictStr
    value: Union[StrictStr, Number]
    source: StrictStr = ""


class Scenario(Frozen):
    id: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
    language: Language = "zh"
    title: Localized
    model: Literal["linear", "logistic"] = "linear"
    loss: Literal["mse", "bce"] = "mse"
    init: InitialParams
    learning_rate: Annotated[Union[StrictInt, StrictFloat], Field(gt=0, allow_inf_nan=False)]
    data: Data
    runs: dict[StrictStr, Run]
    lesson: list[LessonScene] = Field(min_length=1)
    style: Style = Style()
    texts: dict[Language, dict[StrictStr, StrictStr]] = {}
    claims: list[Claim] = []

    # Set by the loader from the inline lists or the CSV file, as exact fractions.
    _dataset: Optional[Dataset] = PrivateAttr(default=None)
    _walkthroughs: dict = PrivateAttr(default_factory=dict)

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            raise RuntimeError("load scenarios with scenes.scenario_loader.load_scenario")
        return self._dataset

    def problem(self) -> Problem:
        return Problem(
            model=self.model, loss=self.loss, data=self.dataset,
            init=Params(to_fraction(self.init.w), to_fraction(self.init.b)),
            lr=to_fraction(self.learning_rate),
        )

    def walkthrough(self, run: str) -> Walkthrough:
        """The exact walkthrough of run ``run`` (computed once)."""
        if run not in self._walkthroughs:
            spec = self.runs[run]
            self._walkthroughs[run] = run_walkthrough(
                self.problem(), spec.schedule(), epochs=spec.epochs or 1, steps=spec.steps)
        return self._walkthroughs[run]

    def audit(self):
        """The claims audit (mathcore.claims) of every claim in the scenario."""
        from mathcore.claims import ClaimSpec, audit

        specs = [ClaimSpec(c.run, c.step, c.quantity, c.value, c.source) for c in self.claims]
        return audit(specs, {run: self.walkthrough(run) for run in {c.run for c in self.claims}})

    def text(self, key: str, language: Optional[str] = None, **fields) -> str:
        """A screen string: the scenario's own text, else the locale file's."""
        from scenes.locale import locale_text

        language = language or self.language
        own = self.texts.get(language, {})
        template = own[key] if key in own else locale_text(language, key)
        return template.format(**fields) if fields else template


def scenario_json_schema() -> str:
    """The JSON Schema editors use to validate and complete scenario files."""
    import json

    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "batchviz scenario"
    return json.dumps(schema, ensure_ascii=False, indent=2)
