"""The scenario schema: what an author may write in a scenario YAML file.

Every key, its type, default and meaning is documented in docs/authoring.md;
the defaults live here and only here. Unknown keys are errors; values are
frozen once loaded.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictBool, StrictFloat, StrictInt, StrictStr

from mathcore import BatchSchedule, Dataset, Params, Problem, Walkthrough, run_walkthrough, to_fraction

Language = Literal["zh", "en"]
LANGUAGES: tuple[str, ...] = ("zh", "en")

# Strict: `true` is not 1, "0.1" is not a number; inf/nan are refused.
Number = Annotated[Union[StrictInt, StrictFloat], Field(allow_inf_nan=False)]
PositiveInt = Annotated[StrictInt, Field(ge=1, le=1_000_000)]
Color = Annotated[StrictStr, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
# Run names appear in file names and on the command line (--scene).
RunName = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
# Longest screen texts: a line or two; longer ones would run off the screen.
SHORT_TEXT, TITLE_TEXT, LINE_TEXT, PARAGRAPH_TEXT = 40, 60, 120, 600


def _text(limit: int):
    return Annotated[StrictStr, Field(max_length=limit)]


class Frozen(BaseModel):
    # attribute docstrings become the JSON Schema descriptions editors show
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


class Localized(Frozen):
    """A text in each language the lesson may be rendered in (at most 120 characters)."""

    zh: Optional[_text(LINE_TEXT)] = None
    """Chinese text."""
    en: Optional[_text(LINE_TEXT)] = None
    """English text."""

    def get(self, language: str) -> Optional[str]:
        return getattr(self, language)


class TitleLocalized(Localized):
    """A title in each language, at most 60 characters (one line at title size)."""

    zh: Optional[_text(TITLE_TEXT)] = None
    """Chinese text."""
    en: Optional[_text(TITLE_TEXT)] = None
    """English text."""


class ShortLocalized(Localized):
    """A short text (a tag or a name) in each language, at most 40 characters."""

    zh: Optional[_text(SHORT_TEXT)] = None
    """Chinese text."""
    en: Optional[_text(SHORT_TEXT)] = None
    """English text."""


class InitialParams(Frozen):
    """Where gradient descent starts."""

    w: Number
    """Initial weight w of y = w*x + b."""
    b: Number
    """Initial bias b."""


class Data(Frozen):
    """Inline samples (x, y), or a CSV file with columns x,y beside the scenario."""

    x: Optional[list[Number]] = None
    """The inputs, one number per sample."""
    y: Optional[list[Number]] = None
    """The labels, one per sample (0..1 for loss bce)."""
    csv: Optional[StrictStr] = None
    """Instead of x and y: a CSV file beside the scenario whose header is x,y."""


class Run(Frozen):
    """One way of batching the data; the lesson refers to runs by name."""

    batch_size: PositiveInt
    """Samples per gradient step: 1 .. (number of samples x repeat)."""
    order: Literal["sequential", "shuffled"] = "sequential"
    """sequential: the data as written; shuffled: numpy.random.default_rng(seed).permutation once per epoch."""
    seed: Annotated[StrictInt, Field(ge=0, le=2**32 - 1)] = 0
    """Random seed of the shuffled order."""
    repeat: Annotated[StrictInt, Field(ge=1, le=1000)] = 1
    """The dataset is repeated this many times before batching (the seed's 32-sample batch is 8 samples x 4)."""
    drop_last: StrictBool = False
    """Drop a final batch smaller than batch_size (by default it is kept and averaged over its own size)."""
    epochs: Optional[Annotated[StrictInt, Field(ge=1, le=100_000)]] = None
    """Passes over the (repeated) data; default 1 (or as many as `steps` needs)."""
    steps: Optional[PositiveInt] = None
    """Stop after this many steps; alone (without `epochs`) the run goes on over as many epochs as that takes."""
    label: Optional[ShortLocalized] = None
    """How scenes name this run, e.g. "batch size = 4"."""
    color: Optional[Color] = None
    """This run's colour in every scene, as #RRGGBB (default: the next colour of style.colors.runs, in the order
    the runs are defined)."""

    def schedule(self) -> BatchSchedule:
        return BatchSchedule(self.batch_size, self.order, self.seed, self.repeat, self.drop_last)


class SetupEntry(Frozen):
    """The task, the model, the loss, the data table, the starting point."""

    scene: Literal["setup"]
    """Scene kind."""


class StepEntry(Frozen):
    """One gradient-descent step of a run, equation by equation."""

    scene: Literal["step"]
    """Scene kind."""
    run: StrictStr
    """Name of the run (under `runs`)."""
    step: PositiveInt = 1
    """Which step of the run, from 1."""


class TitleEntry(Frozen):
    """The title card: the lesson's title, an optional subtitle, and the batch sizes the lesson's runs use."""

    scene: Literal["title"]
    """Scene kind."""
    subtitle: Optional[Localized] = None
    """A line under the title, per language (at most 120 characters)."""


class DataEntry(Frozen):
    """The data as dots, the model's starting line, the whole data's least-squares line, and the line each batch of
    a run's first epoch fits on its own (linear models)."""

    scene: Literal["data"]
    """Scene kind."""
    run: StrictStr
    """The run whose first-epoch batches are shown (at most 8 batches)."""


class CompareEntry(Frozen):
    """A small-batch run's first epoch beside a full-batch step: parameter sequences, the (w, b) plane,
    and the full-batch gradient as the mean of the batches' gradients at one point."""

    scene: Literal["compare"]
    """Scene kind."""
    small: StrictStr
    """The small-batch run (its first epoch is shown, at most 8 steps)."""
    full: StrictStr
    """The full-batch run (its first step is shown)."""


class FogEntry(Frozen):
    """The foggy forest: at the starting point on the loss surface, the way down that each batch of a size points
    (a fan of arrows) around the whole data's direction, and how wide each fan is."""

    scene: Literal["fog"]
    """Scene kind."""
    batch_sizes: Annotated[list[PositiveInt], Field(min_length=1, max_length=4)] = [1, 2, 4]
    """Batch sizes shown in turn, each at most the number of samples (up to 60 batches of each are drawn)."""


class GradientArrows(Frozen):
    """Where to draw a minibatch gradient beside the full-batch gradient at the same point."""

    run: StrictStr
    """The run whose steps get arrows."""
    steps: Annotated[list[PositiveInt], Field(min_length=1, max_length=8)]
    """Which steps (from 1): at each, the step's own direction and the full batch's, from the point before it."""


class PathsEntry(Frozen):
    """The loss surface with the (w, b) path of each run, animated on a fair clock, beside the loss curves."""

    scene: Literal["paths"]
    """Scene kind."""
    runs: Annotated[list[StrictStr], Field(min_length=1, max_length=6)]
    """Runs to draw (1 to 6), each in its own colour."""
    clock: Literal["samples", "epochs"] = "samples"
    """What advances the paths together: samples seen, or epochs."""
    learning_rate: Optional[Annotated[Union[StrictInt, StrictFloat], Field(gt=0, allow_inf_nan=False)]] = None
    """Learning rate for this scene's paths (default: the scenario's)."""
    arrows: Optional[GradientArrows] = None
    """Draw minibatch vs full-batch gradient directions at some steps of one run."""
    title: Optional[TitleLocalized] = None
    """Heading of the scene (default: the locale's paths_title)."""


class NoiseEntry(Frozen):
    """Every minibatch gradient at the starting point as a cloud around the full-batch gradient, with its
    covariance ellipse and the exact shrink factor, beside the opinion-poll picture of batch means."""

    scene: Literal["noise"]
    """Scene kind."""
    batch_sizes: Annotated[list[PositiveInt], Field(min_length=1, max_length=6)] = [1, 2, 4, 8]
    """Batch sizes to show in turn (at most the number of samples)."""


class SamplingEntry(Frozen):
    """The teacher estimating the class average from random samples of students: the averages of larger samples
    spread less, by the exact finite-population factor; optionally the poll that asks only the first students listed
    (one neighbourhood) against that spread."""

    scene: Literal["sampling"]
    """Scene kind."""
    scores: Annotated[list[Number], Field(min_length=2, max_length=200)]
    """The class: each student's score, in the listed order (2 to 200 students)."""
    sample_sizes: Annotated[list[PositiveInt], Field(min_length=1, max_length=4)] = [1, 5, 30]
    """Sample sizes shown in turn, each at most the number of students."""
    draws: Annotated[StrictInt, Field(ge=5, le=100)] = 30
    """Random samples drawn of each size (numpy.random.default_rng(seed), without replacement)."""
    seed: Annotated[StrictInt, Field(ge=0, le=2**32 - 1)] = 0
    """Random seed of the drawn samples."""
    first: Optional[PositiveInt] = None
    """Also show the poll that asks only the first `first` students as listed (one neighbourhood): its average
    against the spread of random samples of that size."""
    what: Optional[ShortLocalized] = None
    """What a score is, e.g. "math score" (default: the locale's `sampling_what`)."""


FeatureValue = Annotated[Union[StrictInt, StrictFloat], Field(ge=0, le=1, allow_inf_nan=False)]
KindName = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")]


class FeatureKind(Frozen):
    """One kind of example, e.g. a husky: its name, how much it shows each feature, and its label."""

    name: ShortLocalized
    """How the scene names this kind."""
    features: Annotated[list[FeatureValue], Field(min_length=1, max_length=4)]
    """One value in [0, 1] per feature of the scene, in the same order (1: shows it, 0: does not)."""
    label: Annotated[StrictInt, Field(ge=0, le=1)]
    """1 if it is what the classifier looks for (e.g. a dog), else 0."""


class FeatureBatch(Frozen):
    """One batch of examples, by kind and count."""

    name: ShortLocalized
    """How the scene names this batch, e.g. "2 images"."""
    counts: Annotated[dict[KindName, Annotated[StrictInt, Field(ge=1, le=256)]], Field(min_length=1, max_length=8)]
    """How many examples of each kind (kind ids from `kinds`); at most 256 in all."""


class FeaturesEntry(Frozen):
    """The husky and the wolf: what the first step of a classifier that starts from zero weights learns about each
    feature from a small batch versus a mixed one (exact: at zero weights every prediction is 1/2)."""

    scene: Literal["features"]
    """Scene kind."""
    features: Annotated[list[ShortLocalized], Field(min_length=1, max_length=4)]
    """The features the classifier sees, e.g. "grey fur" (1 to 4)."""
    label: ShortLocalized
    """What label 1 means, e.g. "dog"."""
    kinds: Annotated[dict[KindName, FeatureKind], Field(min_length=2, max_length=8)]
    """The kinds of example, by id (letters, digits, - and _)."""
    batches: Annotated[list[FeatureBatch], Field(min_length=1, max_length=3)]
    """The batches compared, in order; the last is the reference the others are compared with."""


class TradeoffsEntry(Frozen):
    """Steps per epoch, gradient variance and memory against batch size on one plot, the restaurant tables
    of the memory analogy, and the practical advice."""

    scene: Literal["tradeoffs"]
    """Scene kind."""
    dataset_size: Annotated[StrictInt, Field(ge=2, le=10**9)] = 50_000
    """N, the size of a realistic training set the trade-offs are computed for."""
    batch_sizes: Annotated[list[PositiveInt], Field(min_length=2, max_length=10)] = [1, 8, 32, 128, 512, 4096]
    """Batch sizes along the plot (each at most dataset_size)."""
    memory_limit: Optional[Annotated[StrictInt, Field(ge=1, le=10**9)]] = 64
    """The largest batch the hardware holds: a table with more seats does not fit the room."""
    tables: Annotated[list[Annotated[StrictInt, Field(ge=1, le=128)]], Field(min_length=1, max_length=4)] = [4, 32, 100]
    """Table sizes (seats = samples, 1 to 128: every seat is drawn) of the restaurant analogy."""


Label01 = Annotated[Union[StrictInt, StrictFloat], Field(ge=0, le=1, allow_inf_nan=False)]


class Review(Frozen):
    """A review card: its text, its sentiment label (1 positive, 0 negative), and how to tag it."""

    text: ShortLocalized
    """The sentence, per language (at most 40 characters: it is written on a small card)."""
    label: Label01
    """Sentiment label in [0, 1]."""
    tag: Optional[ShortLocalized] = None
    """Tag shown on the card, e.g. "中性偏正面" (default: positive/negative from the label)."""


class ReviewGroup(Frozen):
    """Part of the mixed large batch: how many reviews of one kind."""

    tag: ShortLocalized
    """The kind, e.g. "明显正面"."""
    label: Label01
    """Their sentiment label in [0, 1]."""
    count: Annotated[StrictInt, Field(ge=1, le=200)]
    """How many of them are in the large batch."""


class CompositionEntry(Frozen):
    """Review cards in small batches and one mixed large batch, each with its share of positive labels."""

    scene: Literal["composition"]
    """Scene kind."""
    reviews: Annotated[list[Review], Field(min_length=2, max_length=12)]
    """The cards, in order; consecutive groups of batch_size form the small batches."""
    batch_size: PositiveInt = 4
    """Cards per small batch."""
    mixed: Annotated[list[ReviewGroup], Field(max_length=8)] = []
    """The large mixed batch, by kind and count (optional; at most 8 kinds and 256 reviews, each drawn)."""


class SummaryEntry(Frozen):
    """The lesson's points, each beside a small picture redrawn from data already shown."""

    scene: Literal["summary"]
    """Scene kind."""
    runs: Annotated[list[StrictStr], Field(min_length=1, max_length=4)]
    """Runs whose paths form the first picture (a small and a large batch)."""
    learning_rate: Optional[Annotated[Union[StrictInt, StrictFloat], Field(gt=0, allow_inf_nan=False)]] = None
    """Learning rate of those paths (default: the scenario's)."""
    batch_sizes: Annotated[list[PositiveInt], Field(min_length=1, max_length=4)] = [1, 4]
    """Batch sizes of the gradient clouds in the second picture."""


class Surface3DEntry(Frozen):
    """A short, optional 3D shot of the loss surface with the runs' paths on it (3D renders slowly)."""

    scene: Literal["surface3d"]
    """Scene kind."""
    runs: Annotated[list[StrictStr], Field(min_length=1, max_length=4)]
    """Runs whose paths lie on the surface."""
    learning_rate: Optional[Annotated[Union[StrictInt, StrictFloat], Field(gt=0, allow_inf_nan=False)]] = None
    """Learning rate of those paths (default: the scenario's)."""
    seconds: Annotated[Union[StrictInt, StrictFloat], Field(ge=2, le=8)] = 4
    """Length of the shot; each second costs about 8 s of rendering at 15 fps (0.55 s a frame)."""


LessonEntry = Annotated[Union[TitleEntry, SetupEntry, DataEntry, StepEntry, CompareEntry, PathsEntry, NoiseEntry, FogEntry,
                              SamplingEntry, FeaturesEntry, TradeoffsEntry,
                              CompositionEntry, SummaryEntry, Surface3DEntry], Field(discriminator="scene")]


class Colors(Frozen):
    """Colours as #RRGGBB, each overriding the theme's; the same quantity has the same colour in every scene."""

    w: Optional[Color] = None
    """The weight w (dark theme: manim BLUE #58C4DD)."""
    b: Optional[Color] = None
    """The bias b (dark theme: manim ORANGE #FF862F)."""
    prediction: Optional[Color] = None
    """Inputs and predictions (dark theme: manim GREEN #83C167)."""
    label: Optional[Color] = None
    """Labels y (dark theme: #F0AC5F)."""
    loss: Optional[Color] = None
    """The loss (dark theme: manim RED #FC6255)."""
    background: Optional[Color] = None
    """Background of every scene (dark theme: #111318, light theme: #FFFFFF)."""
    foreground: Optional[Color] = None
    """Titles, equations and text (dark theme: white)."""
    runs: Optional[Annotated[list[Color], Field(min_length=1, max_length=12)]] = None
    """Colours of the runs, given in the order the runs are defined; a run keeps its colour in every scene (a run's
    own `color` overrides it). Default: Okabe-Ito's colour-blind-safe palette, ordered for the theme."""


class Style(Frozen):
    """How numbers and colours look."""

    digits: Annotated[StrictInt, Field(ge=1, le=12)] = 4
    """Exact values with at most this many significant digits are shown as they are; others are rounded to it and marked with ≈."""
    theme: Literal["dark", "light"] = "dark"
    """dark: light text on a near-black background; light: dark text on white (for slides and printed pages)."""
    colors: Colors = Colors()
    """Colours that replace the theme's."""


class Claim(Frozen):
    """A number a source text states; `batchviz check` compares it with the exact value."""

    run: StrictStr
    """Name of the run."""
    step: PositiveInt = 1
    """Step of the run, from 1."""
    quantity: _text(SHORT_TEXT)
    """What the number is: loss, dw, db, w_after, prediction[2], ... (list in docs/authoring.md)."""
    value: Union[_text(SHORT_TEXT), Number]
    """The number as the source writes it, a decimal; quote it ("1.40") to keep its precision."""
    source: _text(LINE_TEXT) = ""
    """Where the source states it (shown in the report)."""


class Scenario(Frozen):
    """A batchviz lesson: the learning problem, its runs, the scenes to render, and claims to audit."""

    id: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
    """Names the output files: lowercase letters, digits, - and _."""
    language: Language = "zh"
    """Language of screen text and subtitles (zh or en); `batchviz render --lang` overrides it."""
    title: TitleLocalized
    """The lesson's title per language (at most 60 characters)."""
    model: Literal["linear", "logistic"] = "linear"
    """linear: y = w*x + b; logistic: y = sigmoid(w*x + b)."""
    loss: Literal["mse", "bce"] = "mse"
    """mse goes with linear, bce (binary cross-entropy) with logistic."""
    init: InitialParams
    """Starting parameters."""
    learning_rate: Annotated[Union[StrictInt, StrictFloat], Field(gt=0, allow_inf_nan=False)]
    """Step size of gradient descent (> 0)."""
    data: Data
    """The samples."""
    runs: Annotated[dict[RunName, Run], Field(max_length=20)]
    """Named ways of batching the data (at most 20; names of letters, digits, - and _)."""
    lesson: list[LessonEntry] = Field(min_length=1, max_length=40)
    """The scenes of the video, in order (at most 40)."""
    style: Style = Style()
    """Number format and colours."""
    texts: dict[Language, dict[StrictStr, _text(PARAGRAPH_TEXT)]] = {}
    """Override any screen text of scenes/scenario/locales/<lang>.yaml, per language; placeholders such as {w} are
    filled in with computed values (each key allows its own, listed in docs/authoring.md); write {{ and }}
    for a literal brace."""
    claims: Annotated[list[Claim], Field(max_length=500)] = []
    """Numbers a source text states, for `batchviz check`."""

    # Set by the loader from the inline lists or the CSV file, as exact fractions.
    _dataset: Optional[Dataset] = PrivateAttr(default=None)
    _data_digest: str = PrivateAttr(default="")  # sha256 of the data's bytes (a CSV file's contents)
    _walkthroughs: dict = PrivateAttr(default_factory=dict)
    _trajectories: dict = PrivateAttr(default_factory=dict)

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            raise RuntimeError("load scenarios with scenes.scenario.loader.load_scenario")
        return self._dataset

    @property
    def data_digest(self) -> str:
        return self._data_digest

    def problem(self, learning_rate=None) -> Problem:
        """The learning problem, at the scenario's learning rate or at ``learning_rate``."""
        return Problem(
            model=self.model, loss=self.loss, data=self.dataset,
            init=Params(to_fraction(self.init.w), to_fraction(self.init.b)),
            lr=to_fraction(self.learning_rate if learning_rate is None else learning_rate),
        )

    def walkthrough(self, run: str) -> Walkthrough:
        """The worked steps of run ``run``: those the lesson and claims need, or the first few (computed once)."""
        if run not in self._walkthroughs:
            from scenes.scenario.run_plan import worked_steps

            spec = self.runs[run]
            self._walkthroughs[run] = run_walkthrough(
                self.problem(), spec.schedule(), epochs=spec.epochs, steps=spec.steps,
                worked_steps=worked_steps(self)[run])
        return self._walkthroughs[run]

    def theme(self):
        """The resolved colours (scenes.scenario.theme.Theme): the style's theme with its colour overrides."""
        from scenes.scenario.theme import resolve_theme

        return resolve_theme(self.style.theme, self.style.colors)

    def run_color(self, run: str) -> str:
        """The colour of run ``run`` in every scene: its own, else the palette's, in the order runs are defined."""
        own = self.runs[run].color
        palette = self.theme().runs
        return own or palette[list(self.runs).index(run) % len(palette)]

    def stability(self, run: str):
        """Learning-rate bounds of run ``run`` (mathcore.stability.RunStability), linear/MSE only, else None."""
        if self.model != "linear":
            return None
        from mathcore.stability import run_stability
        from scenes.scenario.run_plan import run_steps

        spec = self.runs[run]
        return run_stability(self.dataset.x, spec.schedule(), run_steps(spec, len(self.dataset)))

    def trajectory(self, run: str, learning_rate=None):
        """Run ``run`` in float64, every step (mathcore.trajectory.Trajectory), at the scenario's or the given
        learning rate (computed once per rate)."""
        key = (run, None if learning_rate is None else to_fraction(learning_rate))
        if key not in self._trajectories:
            from mathcore.batching import epochs_needed
            from mathcore.trajectory import run_trajectory
            from scenes.scenario.run_plan import run_steps

            spec = self.runs[run]
            total = run_steps(spec, len(self.dataset))
            self._trajectories[key] = run_trajectory(
                self.problem(learning_rate), spec.schedule(),
                epochs=epochs_needed(len(self.dataset), spec.schedule(), total), max_steps=total)
        return self._trajectories[key]

    def audit(self):
        """The claims audit (mathcore.claims) of every claim in the scenario."""
        from mathcore.claims import ClaimSpec, audit

        specs = [ClaimSpec(c.run, c.step, c.quantity, c.value, c.source) for c in self.claims]
        return audit(specs, {run: self.walkthrough(run) for run in {c.run for c in self.claims}})

    def text(self, key: str, language: Optional[str] = None, **fields) -> str:
        """A screen string: the scenario's own text, else the locale file's."""
        from scenes.scenario.locale import locale_text

        from scenes.scenario.text_template import fill

        language = language or self.language
        own = self.texts.get(language, {})
        template = own[key] if key in own else locale_text(language, key)
        return fill(template, fields)


def scenario_json_schema() -> str:
    """The JSON Schema editors use to validate and complete scenario files."""
    import json

    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "batchviz scenario"
    return json.dumps(schema, ensure_ascii=False, indent=2)
