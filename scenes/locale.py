"""Default screen strings per language (scenes/locales/<lang>.yaml); scenarios may override any key."""

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
