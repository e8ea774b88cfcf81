"""Every option a teacher needs is in the help she reads: `--size` (a frame size and rate of her own, what the
docs' quick PNG checks use) was hidden from `render --help` and `page --help`."""

from __future__ import annotations

import pytest

from tests.helpers_cli import batchviz_here


@pytest.mark.parametrize("command", ["render", "page"])
def test_the_size_option_is_listed_with_its_form(command):
    shown = batchviz_here(command, "--help")
    assert shown.returncode == 0, shown.stderr
    assert "--size WIDTHxHEIGHT@FPS" in shown.stdout and "320x180@5" in shown.stdout, shown.stdout


def test_a_size_in_another_form_says_the_form():
    refused = batchviz_here("render", "scenarios/seed.yaml", "--size", "320x180")
    assert refused.returncode == 2 and "WIDTHxHEIGHT@FPS" in refused.stderr, refused.stderr
