"""Services below the scenes and the pipeline: they know nothing of batchviz's layers and import none of them.

``voices``: text-to-speech and recorded voices. The kinds' base scene (scenes.kinds.lesson_scene) speaks each cue
while it renders and the pipeline parses ``--voice`` and keys its cache on the recordings, so it sits below both.
(The TeX cache, used only by the pipeline around a render, lives in scenes/pipeline/tex_cache.py.)
"""
