"""Rows into models: one generic mapper, driven by the model's field types."""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from functools import cache


@cache
def _fields(model: type) -> tuple[tuple[str, object], ...]:
    hints = typing.get_type_hints(model)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(model))


def _convert(value, hint):
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        hint = next(h for h in typing.get_args(hint) if h is not type(None))
        origin = typing.get_origin(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if hint is bool:
        return bool(value)
    if origin is tuple or hint is tuple:
        return tuple(json.loads(value) if isinstance(value, str) else value)
    return value


def to_model(model: type, row: dict, **given):
    """A ``model`` from a database row: columns named like its fields are taken and
    converted by the field's type (enums from their value, booleans from 0/1, tuples
    from JSON text); ``given`` supplies fields that are not columns. Fields with a
    default may be missing from both."""
    values = {}
    for name, hint in _fields(model):
        if name in given:
            values[name] = given[name]
        elif name in row.keys():
            values[name] = _convert(row[name], hint)
    return model(**values)
