"""The scenario schema: what an author may write in a scenario YAML file.

Every key, its type, default and meaning is documented in docs/authoring.md;
the defaults live here and only here. Unknown keys are errors; values are
frozen once loaded.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Optional, Union, get_args

from pydantic import Field, PrivateAttr, StrictBool, StrictFloat, StrictInt, StrictStr

from mathcore import BatchSchedule, Dataset, Params, Problem, to_fraction
from scenes.scenario.fields import (
    Color,
    EntryBase,
    Frozen,
    LearningRate,
    LineText,
    Localized,
    Number,
    ParagraphText,
    PositiveInt,
    RunName,
    ShortLocalized,
    ShortText,
    TitleLocalized,
)
from scenes.scenario.theme import resolve_theme

if TYPE_CHECKING:
    from scenes.scenario.lesson import Lesson
    from scenes.scenario.theme import Theme

    LessonEntry = EntryBase  # at run time: the union of the registered kinds' entries (use_lesson_entries)

Language = Literal["zh", "en"]  # each has scenes/scenario/locales/<lang>.yaml
LANGUAGES: tuple[str, ...] = get_args(Language)


class InitialParams(Frozen):
    """Where gradient descent starts."""

    doc_type: ClassVar[str] = "`{w: number, b: number}`"

    w: Number
    """Initial weight w of y = w*x + b."""
    b: Number
    """Initial bias b."""


class Data(Frozen):
    """Inline samples (x, y), or a CSV file with columns x,y beside the scenario."""

    x: Optional[list[Number]] = None
    """Inputs, one per sample."""
    y: Optional[list[Number]] = None
    """Labels, one per sample; in [0, 1] for `bce`."""
    csv: Optional[StrictStr] = None
    """Instead of `x`/`y`: a CSV file in the scenario's folder (an ordinary file, not a link out of the folder),
    UTF-8 (a byte-order mark is fine), first line `x,y`, then one `x,y` row per sample (further columns are
    ignored). At most 100,000 samples and 6.4 MB."""


class Run(Frozen):
    """One way of batching the data; the lesson refers to runs by name."""

    doc_type: ClassVar[str] = "run (below)"

    batch_size: PositiveInt
    """Samples per step, at most (number of samples × `repeat`)."""
    order: Literal["sequential", "shuffled"] = "sequential"
    """`sequential`: the data as written. `shuffled`: one permutation per epoch from
    `numpy.random.default_rng(seed).permutation(n)`, the generator carried across epochs, n = samples × repeat.
    Reproducible."""
    seed: Annotated[StrictInt, Field(ge=0, le=2**32 - 1)] = 0
    """Seed of the shuffled order."""
    repeat: Annotated[StrictInt, Field(ge=1, le=1000)] = 1
    """The data repeated this many times before batching (the seed's 32-sample batch is 8 samples × 4)."""
    drop_last: StrictBool = False
    """Drop a final batch smaller than `batch_size`; by default it is kept and averaged over its own size."""
    epochs: Optional[Annotated[StrictInt, Field(ge=1, le=100_000)]] = None
    """Passes over the (repeated) data: 1 by default, or as many as `steps` needs."""
    steps: Optional[PositiveInt] = None
    """Stop after this many steps. Given without `epochs`, the run goes on for exactly this many steps, over as
    many epochs as that takes."""
    label: Optional[ShortLocalized] = None
    """How scenes name the run, e.g. "batch size = 4" (at most 40 characters)."""
    color: Optional[Color] = None
    """The run's colour, the same in every scene of the lesson. By default a run takes the colour of its batch size
    (`style.colors.batch_sizes`), so two runs of one batch size share it and scenes tell them apart by line style."""

    def schedule(self) -> BatchSchedule:
        return BatchSchedule(self.batch_size, self.order, self.seed, self.repeat, self.drop_last)



class Colors(Frozen):
    """Colours as #RRGGBB, each overriding the theme's; the same quantity has the same colour in every scene."""

    w: Optional[Color] = None
    """The weight w (dark theme: teal #00B1AA)."""
    b: Optional[Color] = None
    """The bias b (dark theme: brown #BD7953)."""
    prediction: Optional[Color] = None
    """Inputs and predictions (dark theme: sage #A8C7AD)."""
    label: Optional[Color] = None
    """Labels y (dark theme: sand #DAC9A6)."""
    loss: Optional[Color] = None
    """The loss (dark theme: red #F75D59)."""
    background: Optional[Color] = None
    """Background of every scene (dark theme: #111318, light theme: #FFFFFF)."""
    foreground: Optional[Color] = None
    """Titles, equations and text (dark theme: white)."""
    batch_sizes: Optional[Annotated[list[Color], Field(min_length=1, max_length=12)]] = None
    """Colours of batch sizes 1, 2, 4, 8, 16, 32, ... (a size between two takes the nearest on a log scale; after
    the last colour the list starts again): a batch size has its colour in every scene (a run's own `color`
    overrides it). Default: orange, blue, pink, green, yellow, violet, lighter on the dark theme."""


class Style(Frozen):
    """How numbers and colours look."""

    digits: Annotated[StrictInt, Field(ge=1, le=12)] = 4
    """Exact values with at most this many significant digits are shown as they are (0.3, 2.062); others are
    rounded to this many and marked ≈."""
    theme: Literal["dark", "light"] = "dark"
    """`dark`: light text on a near-black background; `light`: dark text on white, for slides and printed pages.
    Text, axes, notes and the default colours of quantities and runs follow it; the loss heatmap and its markers
    look the same in both."""
    pace: Annotated[Union[StrictInt, StrictFloat], Field(ge=0.5, le=2, allow_inf_nan=False)] = 1
    """Reading speed of the narration: 1 gives every cue at least the time to read it at 17 English or 9 Chinese
    characters per second; 0.8 gives a quarter more time, 1.25 a fifth less. `batchviz render --pace` overrides
    it."""
    colors: Colors = Colors()
    """Colours that replace the theme's; see `style.colors`."""


class Study(Frozen):
    """The batch-size study `batchviz explain` reports and the `tradeoffs` scene draws: for each batch size, shuffled
    SGD from `init` over several seeds, the learning rate searched from far below that size's stability bound for
    shuffled epochs upward until the runs diverge (the measured edge), until the whole-data loss reaches the target
    (McCandlish et al. 2018). Steps, samples and the critical batch size come with bootstrap 90% intervals."""

    batch_sizes: Optional[Annotated[list[PositiveInt], Field(min_length=1, max_length=24)]] = None
    """Batch sizes to measure, each at most the number of samples (at most 24). Default: the powers of two up to
    the number of samples, and the number of samples."""
    target: Optional[Annotated[Union[StrictInt, StrictFloat], Field(gt=0, lt=1, allow_inf_nan=False)]] = None
    """The target loss: the optimum's loss plus this share of the starting loss's excess over it (0 < target < 1;
    smaller is closer to the optimum and takes longer). Default: 0.1, or the largest of 0.05, 0.02, 0.01, 0.005, ...
    that the whole batch cannot reach in fewer than 20 steps at any learning rate (a target reached in one or two
    steps says nothing about batch size)."""
    seeds: Annotated[StrictInt, Field(ge=1, le=32)] = 5
    """Shuffled runs per batch size and learning rate to start with (seeds 0, 1, ...); the median over them is
    reported. While the 90% interval of a median is wider than a quarter of it, the seeds are doubled, up to
    `max_seeds` and the compute budget."""
    max_seeds: Annotated[StrictInt, Field(ge=1, le=64)] = 40
    """The most seeds a batch size is given (see `seeds`)."""
    max_steps: Annotated[StrictInt, Field(ge=10, le=200_000)] = 20_000
    """Runs stop here, or sooner where the study's compute budget binds (said in `explain`); a batch size that has
    not reached the target by then is reported as not reaching it."""


class Claim(Frozen):
    """A number a source text states; `batchviz check` compares it with the exact value."""

    doc_type: ClassVar[str] = "claim (below)"

    run: StrictStr
    """The run's name."""
    step: PositiveInt = 1
    """The step of the run, from 1."""
    quantity: ShortText
    """What the number is; see Claim quantities."""
    value: Union[ShortText, Number]
    """The number as the source writes it, a decimal (`"0.215"`, not `"43/200"`). Quote it (`"1.40"`) to keep
    trailing zeros: the precision is part of the claim."""
    source: LineText = ""
    """Where the source states it; shown in the report."""


class Scenario(Frozen):
    """A batchviz lesson: the learning problem, its runs, the scenes to render, and claims to audit."""

    id: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
    """Names the output files: lowercase letters, digits, `-`, `_` (at most 64)."""
    language: Language = "zh"
    """Language of screen text and subtitles; `batchviz render --lang` overrides it."""
    title: TitleLocalized
    """The lesson's title (at most 60 characters); needed at least in `language`."""
    task: Optional[Localized] = None
    """What the model learns to predict, e.g. "whether x is greater than 5" (default: the locale's task_default,
    "y from x"); the set-up scene and its narration say it."""
    model: Literal["linear", "logistic", "bump"] = "linear"
    """`linear`: ŷ = w·x + b. `logistic`: ŷ = σ(w·x + b). `bump`: ŷ = w·exp(−(x − b)²), one bump of height w at
    b (non-convex: several minima, for the `basins` scene; float64)."""
    loss: Literal["mse", "bce"] = "mse"
    """`mse` goes with `linear` (computed in exact fractions) and `bump`; `bce`, binary cross-entropy, with `logistic`
    (float64)."""
    init: InitialParams
    """Starting parameters."""
    learning_rate: LearningRate
    """Step size η of gradient descent."""
    data: Data
    """The samples; see `data` below."""
    runs: Annotated[dict[RunName, Run], Field(max_length=20)]
    """Named ways of batching the data (at most 20); see below. A name uses letters, digits, `-` and `_` (at most
    40): it becomes part of scene and file names."""
    lesson: list[LessonEntry] = Field(min_length=1, max_length=40)
    """The scenes of the video in order (at most 40); see Scenes. At most 30 minutes long, counting the reading time of every narrated cue at `style.pace` (and at `--pace`), not only the animations."""
    style: Style = Style()
    """Number format and colours."""
    study: Study = Study()
    """The batch-size study: steps and samples to a target loss per batch size; see `study` below."""
    texts: dict[Language, dict[StrictStr, ParagraphText]] = {}
    """Replace any screen text of `scenes/scenario/locales/<lang>.yaml`, per language (at most 600 characters
    each); placeholders such as {w} are filled in with computed values (each key allows its own, listed under
    Screen texts); write {{ and }} for a literal brace."""
    claims: Annotated[list[Claim], Field(max_length=500)] = []
    """Numbers a source text states (at most 500); `batchviz check` audits them."""

    # Set by the loader from the inline lists or the CSV file, as exact fractions.
    _dataset: Optional[Dataset] = PrivateAttr(default=None)
    _data_digest: str = PrivateAttr(default="")  # sha256 of the data's bytes (a CSV file's contents)
    _computed: Optional[Lesson] = PrivateAttr(default=None)  # what is computed from it, made on first use (lesson_of)

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            raise RuntimeError("load scenarios with scenes.scenario.loader.load_scenario")
        return self._dataset

    @property
    def data_digest(self) -> str:
        return self._data_digest

    def learning_rate_of(self, entry: object = None) -> Fraction:
        """The learning rate, exact, that lesson entry ``entry`` runs at: its own ``learning_rate`` where it has one
        (paths, summary, surface3d, basins), else the scenario's. The one place the override is read."""
        own = getattr(entry, "learning_rate", None)
        return to_fraction(self.learning_rate if own is None else own)

    def problem(self, learning_rate: Union[int, float, Fraction, None] = None) -> Problem:
        """The learning problem, at the scenario's learning rate or at ``learning_rate``."""
        return Problem(
            model=self.model, loss=self.loss, data=self.dataset,
            init=Params(to_fraction(self.init.w), to_fraction(self.init.b)),
            lr=self.learning_rate_of() if learning_rate is None else to_fraction(learning_rate),
        )

    def theme(self) -> Theme:
        """The resolved colours (scenes.scenario.theme.Theme): the style's theme with its colour overrides."""
        return resolve_theme(self.style.theme, self.style.colors)

    def run_color(self, run: str) -> str:
        """The colour of run ``run`` in every scene: its own, else its batch size's."""
        spec = self.runs[run]
        return spec.color or self.theme().batch_color(spec.batch_size)

    def batch_color(self, size: int) -> str:
        """The colour of batch size ``size`` in every scene (scenes.scenario.theme.batch_slot)."""
        return self.theme().batch_color(size)


def use_lesson_entries(entries: Sequence[type[EntryBase]]) -> None:
    """Complete ``Scenario.lesson`` with the union of ``entries`` (one schema per scene kind; `scene:` picks which).

    Called by scenes.scenario.kind.register_kinds: the scenario layer is given the kinds, never imports them.
    """
    global LessonEntry
    union: Any = Annotated[Union[tuple(entries)], Field(discriminator="scene")] if len(entries) > 1 else entries[0]
    LessonEntry = union  # resolves `lesson` on the first build
    Scenario.model_fields["lesson"].annotation = list[LessonEntry]  # and on a rebuild (kinds registered again)
    Scenario.model_rebuild(force=True)


def scenario_json_schema() -> str:
    """The JSON Schema editors use to validate and complete scenario files."""
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "batchviz scenario"
    return json.dumps(schema, ensure_ascii=False, indent=2)
