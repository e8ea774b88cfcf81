"""A GIF is as wide as the frames asked for with --size (a teacher's 640x360@5 gave a 480-wide GIF), unless
--gif-width says otherwise; without --size it is --gif-width's default."""

from __future__ import annotations

import av
import pytest

from tests.conftest import small_scenario
from tests.helpers_cli import batchviz_here


def _gif_width(path):
    with av.open(str(path)) as container:
        return container.streams.video[0].codec_context.width


@pytest.mark.render
@pytest.mark.parametrize("extra, width", [((), 640), (("--gif-width", "120"), 120)])
def test_a_gif_follows_the_size_asked_for(tmp_path, extra, width):
    (tmp_path / "lesson.yaml").write_text(small_scenario("  - scene: title\n"), encoding="utf-8")
    done = batchviz_here("render", "lesson.yaml", "--format", "gif", "--size", "640x360@2", "--jobs", "1", "--out",
                         "out", *extra, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    gifs = list((tmp_path / "out").rglob("*.gif"))
    assert gifs and {_gif_width(g) for g in gifs} == {width}, gifs
