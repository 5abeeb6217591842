"""The values of a namespace that prose can quote: simple, JSON-ready.

Kept apart from the runner (no Matplotlib here), so that a notebook kernel
can report its values without changing its plotting backend.
"""

import numpy as np

MAX_LIST_LENGTH = 50


def simple_values(namespace: dict) -> dict:
    """The namespace's numbers, strings and short flat lists, for JSON."""
    values = {}
    for name, value in namespace.items():
        converted = _json_value(value)
        if not name.startswith("_") and converted is not None:
            values[name] = converted
    return values


def _json_value(value):
    if isinstance(value, np.generic) and not isinstance(value, np.void):
        return value.item()
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict) and len(value) <= MAX_LIST_LENGTH:
        items = {key: _json_value(item) for key, item in value.items()}
        simple = all(isinstance(key, str) for key in items)
        if simple and all(_is_scalar(item) for item in items.values()):
            return items
    sequence = list | tuple | range | np.ndarray
    if isinstance(value, sequence) and len(value) <= MAX_LIST_LENGTH:
        items = [_json_value(item) for item in value]
        if all(_is_scalar(item) for item in items):
            return items
    return None


def _is_scalar(value) -> bool:
    return isinstance(value, bool | int | float | str)
