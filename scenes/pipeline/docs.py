"""`scripts/docs`: rewrite the generated parts of the docs (the guide's key, kind and text tables; the JSON Schema).

Here, not in the scenario layer that makes them, because the tables list the kinds, which the pipeline registers
(importing scenes.pipeline registers them; scenes.scenario.generated_docs is given them).
"""

from __future__ import annotations

from pathlib import Path

from scenes.scenario.generated_docs import regenerate

ROOT = Path(__file__).resolve().parents[2]


def main(root: Path = ROOT) -> str:
    changed = regenerate(root)
    return "\n".join(f"rewrote {name}" for name in changed) or "generated docs are current"


if __name__ == "__main__":
    print(main())
