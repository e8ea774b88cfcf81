"""A table of per-sample values whose columns are revealed one at a time."""

from __future__ import annotations

from manim import WHITE, Line, SurroundingRectangle, VGroup

from scenes.kinds.style import math_tex


class ValueTable(VGroup):
    """Columns of TeX cells under TeX headers, one row per sample.

    ``columns`` is a list of (header_tex, [cell_tex, ...], color). Cells are
    centred in fixed-width columns so that revealing a column never moves the others.
    """

    def __init__(self, columns, row_height: float = 0.46, size: float = 26, padding: float = 0.35, **kwargs):
        super().__init__(**kwargs)
        self.headers = VGroup()
        self.cells: list[VGroup] = []
        built = [(math_tex(h, size=size, color=color), [math_tex(t, size=size, color=color) for t in cells])
                 for h, cells, color in columns]
        # each column as wide as its widest entry, so that no two columns touch
        widths = [max(0.9, max(m.width for m in [head, *cells]) + padding) for head, cells in built]
        left = 0.0
        for (head, cells), width in zip(built, widths):
            x = left + width / 2
            head.move_to([x, 0, 0])
            self.headers.add(head)
            col = VGroup()
            for r, mob in enumerate(cells):
                mob.move_to([x, -(r + 1) * row_height, 0])
                col.add(mob)
            self.cells.append(col)
            left += width
        self.rule = Line([0, -row_height / 2, 0], [left, -row_height / 2, 0], stroke_width=1.5, color=WHITE)
        self.add(self.headers, self.rule, *self.cells)

    def column(self, c: int) -> VGroup:
        """Header and cells of column ``c``."""
        return VGroup(self.headers[c], self.cells[c])

    def row(self, r: int, first: int = 0, last: int | None = None) -> VGroup:
        last = len(self.cells) - 1 if last is None else last
        return VGroup(*(self.cells[c][r] for c in range(first, last + 1)))

    def row_box(self, r: int, color, first: int = 0, last: int | None = None) -> SurroundingRectangle:
        return SurroundingRectangle(self.row(r, first, last), color=color, buff=0.06, stroke_width=2)
