"""The schema's field descriptions, read from the attribute docstrings under each field, when they are asked for.

The docstrings are what editors show (the JSON Schema's descriptions) and what docs/authoring.md's key tables say.
pydantic can read them itself as each model class is made (``use_attribute_docstrings``), but that searches the
call stack and parses source for each of the schema's classes on every start: 0.2 s of every `batchviz check`.
Here they are read only by the JSON Schema and the guide's tables, which are the only readers.
"""

from __future__ import annotations

import ast
import inspect
import sys
import textwrap
from functools import lru_cache
from typing import Any, Optional


def _docs_in(body: list[ast.stmt]) -> dict[str, str]:
    """{attribute: docstring} of a class body: a string statement right after an annotated name."""
    docs = {}
    for previous, statement in zip(body, body[1:]):
        if (isinstance(previous, ast.AnnAssign) and isinstance(previous.target, ast.Name)
                and isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)):
            docs[previous.target.id] = inspect.cleandoc(statement.value.value)
    return docs


@lru_cache(maxsize=None)
def _module_classes(module_name: str) -> dict[str, dict[str, str]]:
    """{class name: its attribute docstrings} of every class at the top of a module, the module parsed once."""
    try:
        tree = ast.parse(inspect.getsource(sys.modules[module_name]))
    except (KeyError, OSError, TypeError):
        return {}
    return {node.name: _docs_in(node.body) for node in tree.body if isinstance(node, ast.ClassDef)}


def own_attribute_docs(cls: type) -> dict[str, str]:
    """The docstrings of the attributes ``cls`` itself annotates (not those it inherits)."""
    if "." not in cls.__qualname__:  # a class at the top of its module
        found = _module_classes(cls.__module__).get(cls.__name__)
        if found is not None:
            return found
    try:  # a class made inside a function (tests make some)
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return {}
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    return _docs_in(classes[0].body) if classes else {}


def field_doc(cls: type, name: str) -> Optional[str]:
    """The docstring of field ``name`` of model ``cls``: that of the class that declares the field last (a subclass
    that declares a field again without one has none, as pydantic's own reading gives)."""
    for klass in cls.__mro__:
        if name in vars(klass).get("__annotations__", {}):
            return own_attribute_docs(klass).get(name)
    return None


def describe_fields(schema: dict[str, Any], cls: type) -> None:
    """pydantic's ``json_schema_extra`` hook: give each property of ``cls``'s JSON Schema its field's docstring."""
    for name, field in getattr(cls, "model_fields", {}).items():
        prop = schema.get("properties", {}).get(field.alias or name)
        if prop is not None and "description" not in prop and field.description is None:
            doc = field_doc(cls, name)
            if doc:
                prop["description"] = doc
