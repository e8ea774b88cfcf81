"""The `batchviz` commands, one module each. scenes.pipeline.cli imports a command's module only when that command
runs, so that `check` or `explain` never pay for what `render` needs (PyAV, Pillow, the watcher, the executors)."""
