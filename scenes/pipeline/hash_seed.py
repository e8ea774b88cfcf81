"""The fixed hash seed of render processes (its own module: `batchviz` asks for it before any command is imported).

manim's drawing of a few transform frames depends on the order of a set of strings, which Python's hash
randomisation changes from process to process: render processes use one fixed seed, so that the same scene
gives the same pixels in every process, on every worker, in every run. Dask's nannies give their workers
PYTHONHASHSEED=6640 (distributed/nanny.py), so that is the seed of every render here too.
"""

from __future__ import annotations

import os

HASH_SEED = "6640"


def fixed_hash_seed() -> None:
    """Give processes started from now on the fixed hash seed (they inherit the environment)."""
    os.environ["PYTHONHASHSEED"] = HASH_SEED


def has_fixed_hash_seed() -> bool:
    return os.environ.get("PYTHONHASHSEED") == HASH_SEED
