"""Colour themes: what the background, text, axes and each quantity look like.

A scenario picks a theme (`style.theme`) and may override any colour
(`style.colors`). Scenes ask the resolved Theme for every colour by its role
(foreground text, muted notes, faint axes; w, b, loss, each batch size, ...), never for a hex
value, so a light theme changes every scene at once. Pictures drawn on the
loss heatmap keep their own light markers: the heatmap looks the same in
both themes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

# Batch sizes on a doubling ladder: 1, 2, 4, 8, 16, 32 each have their own colour (a size between two takes the one
# nearest on a log scale; 64 starts the ladder again)
BATCH_LADDER = (1, 2, 4, 8, 16, 32)


def batch_slot(size: int, slots: int = len(BATCH_LADDER)) -> int:
    """The place of batch size ``size`` on the colour ladder: round(log2 size), modulo the palette's length.

    Keyed by the size alone, so a batch size has one colour in every scene and every lesson, whatever order the
    runs are defined or shown in."""
    if size < 1:
        raise ValueError(f"a batch size is at least 1, got {size}")
    return round(math.log2(size)) % slots


@dataclass(frozen=True)
class Theme:
    background: str
    foreground: str  # titles, equations, labels
    muted: str  # secondary notes
    faint: str  # axes, frames, guide lines
    w: str
    b: str
    prediction: str  # inputs x and predictions
    label: str  # labels y
    loss: str  # the loss, and what went wrong (a cross, a warning marker)
    batch_sizes: tuple[str, ...]  # the colours of batch sizes 1, 2, 4, 8, 16, 32 (see batch_slot)
    groups: tuple[str, ...]  # things that are neither batch sizes nor parameters (n students, "husky + wolf")
    on_heatmap: str = "#FFFFFF"  # start, optimum, full-gradient markers and contour lines drawn on the loss heatmap
    table: str = "#8B6B4A"  # the restaurant analogy's table tops (wood, readable on both backgrounds)

    @property
    def is_dark(self) -> bool:
        """A dark background (WCAG relative luminance below a half): text names the foreground "white"."""
        rgb = [int(self.background[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2] < 0.5

    def batch_color(self, size: int) -> str:
        """The colour of batch size ``size``, the same in every scene."""
        return self.batch_sizes[batch_slot(size, len(self.batch_sizes))]

    def group_color(self, k: int) -> str:
        """The colour of the k-th group of something that is not a batch size (a row of students, a named batch)."""
        return self.groups[k % len(self.groups)]


# Colours made in OKLCH: one hue per batch size (orange, blue, pink, green, yellow, violet for 1 ... 32), the same hue
# in both themes, light on the dark background and dark on white so that text in it keeps at least 4.5:1 contrast
# (WCAG) on either. w (teal) and b (brown) and the loss (red) sit apart from every batch-size colour; inputs and
# labels are soft sage and sand; groups that are not batch sizes are greys.
DARK = Theme(background="#111318", foreground="#FFFFFF", muted="#CCCCCC", faint="#AAAAAA",
             w="#00B1AA", b="#BD7953", prediction="#A8C7AD", label="#DAC9A6", loss="#F75D59",
             batch_sizes=("#FEA668", "#6CC3FF", "#FF93CB", "#87D576", "#C5C632", "#CDA6FF"),
             groups=("#E8E8E8", "#AEAEAE", "#868686"))
LIGHT = Theme(background="#FFFFFF", foreground="#1A1A1A", muted="#444444", faint="#767676",
              w="#007F79", b="#713408", prediction="#415D47", label="#625334", loss="#BE222A",
              batch_sizes=("#9E5209", "#066BB8", "#A53C75", "#1F6A05", "#797A08", "#7750B1"),
              groups=("#222222", "#4D4D4D", "#747474"))
THEMES = {"dark": DARK, "light": LIGHT}


def resolve_theme(name: str, overrides: object) -> Theme:
    """The named theme with the scenario's own colours (style.colors, None = the theme's) put in."""
    base = THEMES[name]
    own = {f.name: getattr(overrides, f.name) for f in fields(Theme) if getattr(overrides, f.name, None) is not None}
    if "batch_sizes" in own:
        own["batch_sizes"] = tuple(own["batch_sizes"])
    return replace(base, **own)
