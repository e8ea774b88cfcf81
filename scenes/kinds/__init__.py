"""The Manim scenes, one module per `scene:` kind, their base class, mobjects and shared look."""
