"""The scenario layer: safe YAML, the schema, the checks, screen texts. Never imports manim."""
