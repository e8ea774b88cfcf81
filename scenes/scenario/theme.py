"""Colour themes: what the background, text, axes and each quantity look like.

A scenario picks a theme (`style.theme`) and may override any colour
(`style.colors`). Scenes ask the resolved Theme for every colour by its role
(foreground text, muted notes, faint axes; w, b, loss, ...), never for a hex
value, so a light theme changes every scene at once. Pictures drawn on the
loss heatmap keep their own light markers: the heatmap looks the same in
both themes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Theme:
    background: str
    foreground: str  # titles, equations, labels
    muted: str  # secondary notes
    faint: str  # axes, frames, guide lines
    w: str
    b: str
    prediction: str
    label: str
    loss: str
    runs: tuple[str, ...]  # run colours, in the order runs are defined
    on_heatmap: str = "#FFFFFF"  # start, optimum, full-gradient markers and contour lines drawn on the loss heatmap
    table: str = "#8B6B4A"  # the restaurant analogy's table tops (wood, readable on both backgrounds)


# Okabe-Ito's colour-blind-safe palette in both; on the dark background black becomes light grey and the colours
# that stand out on the heatmap (purple to teal to yellow) come first; on white, yellow (unreadable there) comes last
DARK = Theme(background="#111318", foreground="#FFFFFF", muted="#CCCCCC", faint="#AAAAAA",
             w="#58C4DD", b="#FF862F", prediction="#83C167", label="#F0AC5F", loss="#FC6255",
             runs=("#E69F00", "#56B4E9", "#D55E00", "#CC79A7", "#F0E442", "#DDDDDD", "#009E73", "#0072B2"))
LIGHT = Theme(background="#FFFFFF", foreground="#1A1A1A", muted="#444444", faint="#777777",
              w="#1F77B4", b="#D55E00", prediction="#2E8B3A", label="#A0620A", loss="#C0392B",
              runs=("#E69F00", "#0072B2", "#D55E00", "#CC79A7", "#009E73", "#000000", "#56B4E9", "#B8A800"))
THEMES = {"dark": DARK, "light": LIGHT}


def resolve_theme(name: str, overrides) -> Theme:
    """The named theme with the scenario's own colours (style.colors, None = the theme's) put in."""
    base = THEMES[name]
    own = {f.name: getattr(overrides, f.name) for f in fields(Theme) if getattr(overrides, f.name, None) is not None}
    if "runs" in own:
        own["runs"] = tuple(own["runs"])
    return replace(base, **own)
