"""How fast eSpeak NG speaks at several -s rates: Chinese characters (or English words) per second of audio.

The rate table in scenes/services/voices.py (ESPEAK_RATES) was chosen from this table: natural Mandarin is about
4-5 characters a second, a calm English lecturer about 2.5 words a second.

Usage: .venv/bin/python scripts/espeak_pace.py [--language zh] [--rates 165,240,320,400]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scenes.services.voices import ESPEAK_RATES, ESPEAK_VOICES  # noqa: E402

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# narration cues of plain prose (no formula, no number): what "characters per second" of natural speech measures;
# a cue with a formula takes longer to say, as it does for a person
SAMPLE_KEYS = ("sub_tradeoffs_tables_unlimited", "sub_surface3d_undecided", "sub_fog_steepest_false",
               "sub_fog_summary", "sub_sampling_summary_same", "sub_basins_held_out_none")


def spoken_units(text: str, language: str) -> int:
    """What a pace counts: Chinese characters, or English words."""
    return len(_HAN.findall(text)) if language == "zh" else len(text.split())


def spoken_seconds(text: str, language: str, rate: int) -> float:
    """Seconds of audio espeak-ng makes of ``text`` at -s ``rate``."""
    with tempfile.NamedTemporaryFile(suffix=".wav") as out:
        subprocess.run(["espeak-ng", "-v", ESPEAK_VOICES[language], "-s", str(rate), "-w", out.name, text],
                       check=True, capture_output=True)
        with wave.open(out.name) as w:
            return w.getnframes() / w.getframerate()


def sample_text(language: str) -> str:
    """A few narration cues of plain prose from the locale."""
    texts = yaml.safe_load((ROOT / "scenes/scenario/locales" / f"{language}.yaml").read_text(encoding="utf-8"))
    return ("" if language == "zh" else " ").join(texts[key] for key in SAMPLE_KEYS)


def pace(language: str, rate: int, text: str | None = None) -> float:
    """Units (characters or words) per second at -s ``rate``."""
    text = text if text is not None else sample_text(language)
    return spoken_units(text, language) / spoken_seconds(text, language, rate)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=sorted(ESPEAK_VOICES), default="zh")
    parser.add_argument("--rates", default="165,200,240,280,320,360,400")
    args = parser.parse_args()
    unit = "characters" if args.language == "zh" else "words"
    print(f"espeak-ng {ESPEAK_VOICES[args.language]}: {unit} per second (in use: -s {ESPEAK_RATES[args.language]})")
    for rate in (int(r) for r in args.rates.split(",")):
        print(f"  -s {rate:4d}: {pace(args.language, rate):.2f}")


if __name__ == "__main__":
    main()
