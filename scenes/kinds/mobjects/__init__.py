"""Reusable mobjects of the batchviz scenes."""
