"""Default screen strings per language (scenes/scenario/locales/<lang>.yaml); scenarios may override any key."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LOCALE_DIR = Path(__file__).parent / "locales"


@lru_cache(maxsize=None)
def _locale(language: str) -> dict[str, str]:
    with open(LOCALE_DIR / f"{language}.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def locale_text(language: str, key: str) -> str:
    try:
        return _locale(language)[key]
    except KeyError:
        raise KeyError(f"no text {key!r} for language {language!r} in {LOCALE_DIR}") from None


def locale_keys(language: str) -> frozenset[str]:
    return frozenset(_locale(language))


@lru_cache(maxsize=None)
def locale_placeholders(key: str) -> frozenset[str]:
    """The placeholders a text key may use: those its default texts use (the same in every language)."""
    from scenes.scenario.schema import LANGUAGES
    from scenes.scenario.text_template import placeholders

    return frozenset().union(*(placeholders(_locale(lang).get(key, "")) for lang in LANGUAGES))


def text_keys_markdown() -> str:
    """The table of screen-text keys and their placeholders in docs/authoring.md (kept current by a test)."""
    rows = ["| key | placeholders | English default |", "| --- | --- | --- |"]
    for key in sorted(locale_keys("en")):
        names = ", ".join(f"`{{{p}}}`" for p in sorted(locale_placeholders(key))) or "—"
        default = locale_text("en", key).replace("|", "/").replace("\n", " ")
        rows.append(f"| `{key}` | {names} | {default[:70]}{'…' if len(default) > 70 else ''} |")
    return "\n".join(rows)
