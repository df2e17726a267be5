"""A session's timeline: a sequence of snapshots of any kind, as safetensors arrays plus a little JSON. No Qt here.

A snapshot type is a frozen dataclass on FrozenArrays (ganlab.core.snapshot): its ARRAYS fields are arrays, every
other field a scalar of type int, float, bool, str or a tuple of floats (or of ints). In timeline.safetensors:

    array.<name>      an array field the same in every snapshot, stored once in float64 ("constant")
    array.<name>      or else, where every snapshot's has one shape, all of them stacked as float32 (n, ...) ("stacked")
    array.<name>.<i>  or else one float32 array per snapshot ("separate")
    scalar.<name>     a numeric scalar column: int64 (n,), float64 (n,), bool (n,), a tuple of k as (n, k)

and in session.json: {"count": n, "arrays": {name: "constant" | "stacked" | "separate"}, "text": {name: [n strings]}}.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ganlab.core.snapshot import FrozenArrays
from ganlab.data.session.schema import MAX_NAME, SESSION_JSON, TIMELINE, ReadError, mapping, text, whole

_NUMBERS = {int: np.int64, float: np.float64, bool: np.bool_}


@dataclasses.dataclass(frozen=True)
class Column:
    """How a scalar field is stored: as text in session.json (dtype None), or as a numeric array of `width` columns
    (0: one value per snapshot, k: a tuple of k values)."""

    dtype: type[np.generic] | None
    width: int = 0
    item: type = float  # the Python type of each value read back


def fields_of(snapshot_type: type) -> tuple[tuple[str, ...], dict[str, Column]]:
    """(array fields, {scalar field: its Column}) of a snapshot type; TypeError for a type this format cannot hold."""
    if not (isinstance(snapshot_type, type) and dataclasses.is_dataclass(snapshot_type)):
        raise TypeError(f"a timeline holds snapshot dataclasses, not {snapshot_type!r}")
    if not issubclass(snapshot_type, FrozenArrays):
        raise TypeError(f"{snapshot_type.__name__} does not say which of its fields are arrays (FrozenArrays)")
    hints = typing.get_type_hints(snapshot_type)
    arrays = tuple(snapshot_type.ARRAYS)
    scalars: dict[str, Column] = {}
    for field in dataclasses.fields(snapshot_type):
        if field.name in arrays:
            continue
        hint = hints[field.name]
        args = typing.get_args(hint)
        if hint is str:
            scalars[field.name] = Column(None, item=str)
        elif hint in _NUMBERS:
            scalars[field.name] = Column(_NUMBERS[hint], item=hint)
        elif typing.get_origin(hint) is tuple and args and len(set(args)) == 1 and args[0] in (int, float):
            scalars[field.name] = Column(_NUMBERS[args[0]], len(args), args[0])
        else:
            raise TypeError(f"a timeline cannot hold {snapshot_type.__name__}.{field.name} of type {hint}")
    return arrays, scalars


def encode(snapshots: Sequence[FrozenArrays]) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays for timeline.safetensors and the JSON for session.json of snapshots of one type."""
    snapshot_type = type(snapshots[0])
    if any(type(s) is not snapshot_type for s in snapshots):
        raise TypeError(f"a timeline holds snapshots of one type (the first is a {snapshot_type.__name__})")
    array_fields, scalars = fields_of(snapshot_type)
    arrays: dict[str, np.ndarray] = {}
    layout: dict[str, str] = {}
    for name in array_fields:
        values = [np.asarray(getattr(s, name), dtype=np.float64) for s in snapshots]
        first = values[0]
        with np.errstate(over="ignore"):  # values beyond float32 (a diverging G) become inf, as in the history
            if all(v.shape == first.shape and np.array_equal(v, first, equal_nan=True) for v in values):
                layout[name] = "constant"
                arrays[f"array.{name}"] = np.ascontiguousarray(first)
            elif all(v.shape == first.shape for v in values):
                layout[name] = "stacked"
                arrays[f"array.{name}"] = np.stack(values).astype(np.float32)
            else:
                layout[name] = "separate"
                for i, value in enumerate(values):
                    arrays[f"array.{name}.{i}"] = value.astype(np.float32)
    texts: dict[str, list[str]] = {}
    for name, column in scalars.items():
        values = [getattr(s, name) for s in snapshots]
        if column.dtype is None:
            texts[name] = [str(v) for v in values]
        else:
            arrays[f"scalar.{name}"] = np.asarray(values, dtype=column.dtype)
    return arrays, {"count": len(snapshots), "arrays": layout, "text": texts}


def decode(arrays: Mapping[str, np.ndarray], timeline: Any, snapshot_type: type) -> tuple[FrozenArrays, ...]:
    """The snapshots back from encode()'s arrays and JSON; ReadError naming the first thing that does not fit."""
    array_fields, scalars = fields_of(snapshot_type)
    timeline = mapping(timeline, "timeline")
    count = whole(timeline.get("count"), "timeline.count", 2**31)
    layout = mapping(timeline.get("arrays"), "timeline.arrays")
    texts = mapping(timeline.get("text"), "timeline.text")
    columns: dict[str, list[Any]] = {}
    for name, column in scalars.items():
        if column.dtype is None:
            values = texts.get(name)
            if not isinstance(values, list) or len(values) != count:
                raise ReadError(f"{SESSION_JSON}: timeline.text.{name} must be a list of {count} strings")
            columns[name] = [text(v, f"timeline.text.{name}[]", MAX_NAME) for v in values]
            continue
        shape = (count, column.width) if column.width else (count,)
        values = _array(arrays, f"scalar.{name}", column.dtype, shape).tolist()  # Python ints, floats and bools
        columns[name] = [tuple(v) for v in values] if column.width else values
    fields: dict[str, list[np.ndarray]] = {}
    for name in array_fields:
        mode = layout.get(name)
        if mode == "constant":
            fields[name] = [_array(arrays, f"array.{name}", np.float64)] * count
        elif mode == "stacked":
            value = _array(arrays, f"array.{name}", np.float32)
            if value.ndim < 1 or len(value) != count:
                raise ReadError(f"{TIMELINE}: array.{name} must hold {count} snapshots (got shape {value.shape})")
            fields[name] = list(value)
        elif mode == "separate":
            fields[name] = [_array(arrays, f"array.{name}.{i}", np.float32) for i in range(count)]
        else:
            raise ReadError(f"{SESSION_JSON}: timeline.arrays.{name} must be constant, stacked or separate")
    snapshots = []
    with np.errstate(invalid="ignore"):  # a signalling NaN in the file warns when widened to float64
        for i in range(count):
            values = {name: fields[name][i] for name in array_fields}
            values.update({name: column[i] for name, column in columns.items()})
            snapshots.append(snapshot_type(**values))
    return tuple(snapshots)


def _array(
    arrays: Mapping[str, np.ndarray], key: str, dtype: type[np.generic], shape: tuple[int, ...] | None = None
) -> np.ndarray:
    if key not in arrays:
        raise ReadError(f"{TIMELINE}: {key} is missing")
    value = arrays[key]
    if value.dtype != dtype or (shape is not None and value.shape != shape):
        wanted = f"{np.dtype(dtype).name}{'' if shape is None else ' ' + str(shape)}"
        raise ReadError(f"{TIMELINE}: {key} must be {wanted} (got {value.dtype.name} {value.shape})")
    return value
