"""Default screen strings per language (scenes/scenario/locales/<lang>.yaml); scenarios may override any key."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from scenes.scenario.schema import LANGUAGES
from scenes.scenario.text_template import placeholders

LOCALE_DIR = Path(__file__).parent / "locales"
# libyaml's safe loader where PyYAML has it: the same texts, read ten times faster (0.15 s of every command's start)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _locale(language: str) -> dict[str, str]:
    with open(LOCALE_DIR / f"{language}.yaml", encoding="utf-8") as f:
        texts: dict[str, str] = yaml.load(f, Loader=_LOADER)
    return texts


def locale_text(language: str, key: str) -> str:
    try:
        return _locale(language)[key]
    except KeyError:
        raise KeyError(f"no text {key!r} for language {language!r} in {LOCALE_DIR}") from None


def locale_keys(language: str) -> frozenset[str]:
    return frozenset(_locale(language))


JUDGED_SUFFIXES = ("_true", "_false", "_undecided")


def judged_base(key: str) -> str | None:
    """"sub_paths" for "sub_paths_true" (a wording chosen by a verdict, mathcore.verdicts), else None."""
    for suffix in JUDGED_SUFFIXES:
        if key.endswith(suffix) and all(key[:-len(suffix)] + s in _locale("en") for s in JUDGED_SUFFIXES):
            return key[:-len(suffix)]
    return None


def judged_bases(language: str) -> frozenset[str]:
    """Keys an author may write to replace every outcome's wording at once ("sub_paths": the author's own words,
    whatever the verdict), besides each outcome's own key."""
    return frozenset(b for b in map(judged_base, _locale(language)) if b)


@lru_cache(maxsize=None)
def locale_placeholders(key: str) -> frozenset[str]:
    """The placeholders a text key may use: those its default texts use (the same in every language); a judged
    base key ("sub_paths") may use those of any of its outcomes."""
    if key in judged_bases("en"):
        return frozenset().union(*(locale_placeholders(key + s) for s in JUDGED_SUFFIXES))
    return frozenset().union(*(placeholders(_locale(lang).get(key, "")) for lang in LANGUAGES))


def text_keys_markdown() -> str:
    """The table of screen-text keys and their placeholders in docs/authoring.md (kept current by a test)."""
    rows = ["| key | placeholders | English default |", "| --- | --- | --- |"]
    for key in sorted(locale_keys("en")):
        names = ", ".join(f"`{{{p}}}`" for p in sorted(locale_placeholders(key))) or "—"
        default = locale_text("en", key).replace("|", "/").replace("\n", " ")
        rows.append(f"| `{key}` | {names} | {default[:70]}{'…' if len(default) > 70 else ''} |")
    return "\n".join(rows)
