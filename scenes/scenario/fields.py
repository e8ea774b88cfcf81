"""Building blocks of the schema, shared by the scenario and by every scene kind's entry.

Strict: `true` is not 1, "0.1" is not a number; inf/nan are refused. Attribute docstrings become the JSON Schema
descriptions editors show, and docs/authoring.md's key tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional, Union, cast

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from scenes.scenario.field_docs import describe_fields
from scenes.scenario.terms import TERM_NAMES

Number = Annotated[Union[StrictInt, StrictFloat], Field(allow_inf_nan=False)]
PositiveInt = Annotated[StrictInt, Field(ge=1, le=1_000_000)]
LearningRate = Annotated[Union[StrictInt, StrictFloat], Field(gt=0, allow_inf_nan=False)]
Label01 = Annotated[Union[StrictInt, StrictFloat], Field(ge=0, le=1, allow_inf_nan=False)]
Color = Annotated[StrictStr, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
# Run names (and other ids an author defines) appear in file names and on the command line (--scene).
RunName = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
# Longest screen texts: a line or two; longer ones would run off the screen.
SHORT_TEXT, TITLE_TEXT, LINE_TEXT, PARAGRAPH_TEXT = 40, 60, 120, 600


def limited_text(limit: int) -> Any:
    """A text of at most ``limit`` characters (the aliases below name the usual limits for type checkers)."""
    return Annotated[StrictStr, Field(max_length=limit)]


ShortText = Annotated[StrictStr, Field(max_length=SHORT_TEXT)]
TitleText = Annotated[StrictStr, Field(max_length=TITLE_TEXT)]
LineText = Annotated[StrictStr, Field(max_length=LINE_TEXT)]
ParagraphText = Annotated[StrictStr, Field(max_length=PARAGRAPH_TEXT)]


class Frozen(BaseModel):
    # attribute docstrings become the JSON Schema descriptions editors show, read only when a schema is made
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, json_schema_extra=describe_fields,
                              defer_build=True)


class Localized(Frozen):
    """A text in each language the lesson may be rendered in (at most 120 characters)."""

    zh: Optional[LineText] = None
    """Chinese text."""
    en: Optional[LineText] = None
    """English text."""

    def get(self, language: str) -> Optional[str]:
        text: Optional[str] = getattr(self, language)
        return text


class TitleLocalized(Localized):
    """A title in each language, at most 60 characters (one line at title size)."""

    zh: Optional[TitleText] = None
    """Chinese text."""
    en: Optional[TitleText] = None
    """English text."""


class ShortLocalized(Localized):
    """A short text (a tag or a name) in each language, at most 40 characters."""

    zh: Optional[ShortText] = None
    """Chinese text."""
    en: Optional[ShortText] = None
    """English text."""


LanguageKey = Literal["zh", "en"]


def texts_in(texts: Mapping[LanguageKey, Mapping[str, str]], language: str) -> Mapping[str, str]:
    """The texts written for ``language`` in a per-language `texts` mapping (none when it has none)."""
    return texts.get(cast(LanguageKey, language), {})  # any other language simply has no texts


class EntryBase(Frozen):
    """What every lesson entry may carry, whatever its kind."""

    if TYPE_CHECKING:  # each kind's entry declares it, as Literal["<kind>"] (not a field of the base: no schema change)
        scene: str

    texts: dict[LanguageKey, dict[Annotated[str, Field(max_length=60)], ParagraphText]] = {}
    """This entry's own screen texts and narration, per language: the same keys as the scenario's `texts` (listed
    under Screen texts), used by this scene only, so that a sentence written for one scene cannot be false in
    another. They take precedence over the scenario's."""
    define: list[Literal[TERM_NAMES]] = []  # type: ignore[valid-type]
    """Terms this scene introduces before it begins, each shown on screen as one line and said (its `term_<name>`
    text): gradient, epoch, lambda_max, batch_curvature, noise_factor, critical_batch_size, steps_curve, noise_scale,
    linear_scaling. List a term at the first scene that uses it."""
