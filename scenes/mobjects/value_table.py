"""A table of per-sample values whose columns are revealed one at a time."""

from __future__ import annotations

from manim import DOWN, LEFT, UP, WHITE, Line, SurroundingRectangle, VGroup

from scenes.style import fit, math


class ValueTable(VGroup):
    """Columns of TeX cells under TeX headers, one row per sample.

    ``columns`` is a list of (header_tex, [cell_tex, ...], color). Cells are
    centred in fixed-width columns so that revealing a column never moves the others.
    """

    def __init__(self, columns, col_width: float = 1.15, row_height: float = 0.46, size: float = 26, **kwargs):
        super().__init__(**kwargs)
        self.headers = VGroup()
        self.cells: list[VGroup] = []
        n_rows = len(columns[0][1])
        for c, (header, cells, color) in enumerate(columns):
            x = c * col_width
            head = fit(math(header, size=size, color=color), col_width - 0.1)
            head.move_to([x, 0, 0])
            self.headers.add(head)
            col = VGroup()
            for r, cell in enumerate(cells):
                mob = fit(math(cell, size=size, color=color), col_width - 0.1)
                mob.move_to([x, -(r + 1) * row_height, 0])
                col.add(mob)
            self.cells.append(col)
        width = len(columns) * col_width
        self.rule = Line([-col_width / 2, -row_height / 2, 0], [width - col_width / 2, -row_height / 2, 0],
                         stroke_width=1.5, color=WHITE)
        self.add(self.headers, self.rule, *self.cells)
        self.n_rows = n_rows
        self.row_height = row_height
        self.col_width = col_width

    def column(self, c: int) -> VGroup:
        """Header and cells of column ``c``."""
        return VGroup(self.headers[c], self.cells[c])

    def row(self, r: int, first: int = 0, last: int | None = None) -> VGroup:
        last = len(self.cells) - 1 if last is None else last
        return VGroup(*(self.cells[c][r] for c in range(first, last + 1)))

    def row_box(self, r: int, color, first: int = 0, last: int | None = None) -> SurroundingRectangle:
        return SurroundingRectangle(self.row(r, first, last), color=color, buff=0.06, stroke_width=2)
