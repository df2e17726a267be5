"""Session files (.ganlab): the exact state of a run, saved to disk and opened again. No Qt here.

A session file is a ZIP container:

    session.json          always: format marker, schema_version, app_version, kind ("1d" / "image"), the run
                          configuration (config.to_dict()), title, notes, language, hidden_controls, the members
                          below with their sizes, and (with weights) the counters, the optimisers' param_groups and
                          non-tensor state, and the 1-D trainer's numpy random state (its big ints as strings)
    weights.safetensors   optional: G and D state dicts ("generator.<key>", "discriminator.<key>"), optimiser state
                          tensors ("opt_d.state.3.exp_avg"), torch random states as uint8 ("rng.noise_rng") and the
                          latest losses as 0-d tensors ("loss.d_loss", "loss.g_loss", "loss.g_grad_norm")
    timeline.safetensors  optional: a list of 1-D Snapshots. Each array field is stored once in float64 when every
                          snapshot has the same values ("array.x"), else stacked as float32 ("array.p_g", shape (n,
                          ...)), or one float32 array per snapshot when the shapes differ ("array.g_z.7"). Numeric
                          scalars are columns ("scalar.jsd": float64 (n,), "scalar.x_range": (n, 2), "scalar.iteration":
                          int64); the text scalars (loss, phase, device) are columns in session.json.

Nothing is pickled and nothing goes through torch.load. Every problem reading a file raises SessionFileError, whose
message names the file; sizes are capped before anything is decompressed, so a hostile file cannot exhaust memory.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

import numpy as np
import safetensors.numpy
import safetensors.torch
import torch
from safetensors.torch import load as parse_safetensors  # a plain header + raw tensor bytes: never unpickles

from ganlab import __version__
from ganlab.core.image_config import ImageConfig
from ganlab.core.run_config import RunConfig
from ganlab.core.settings import ConfigError, Settings
from ganlab.core.snapshot import ARRAY_FIELDS, Snapshot

SESSION_SCHEMA_VERSION = 1  # of the container; the config inside carries its own schema_version
FORMAT = "ganlab-session"
SUFFIX = ".ganlab"
SESSION_JSON = "session.json"
WEIGHTS = "weights.safetensors"
TIMELINE = "timeline.safetensors"

CONFIG_CLASSES: dict[str, type[Settings]] = {"1d": RunConfig, "image": ImageConfig}

# Limits that keep a damaged or hostile file from exhausting memory.
MAX_JSON_BYTES = 4 * 2**20
MAX_MEMBER_BYTES = 2 * 2**30
MAX_COMPRESSION_RATIO = 200  # a deflated member this much larger than its compressed bytes is a zip bomb...
RATIO_CHECK_BYTES = 16 * 2**20  # ...once it is this large
MAX_TITLE = 500
MAX_NOTES = 200_000
MAX_LANGUAGE = 64
MAX_CONTROLS = 1000
MAX_NAME = 200

NETWORKS = ("generator", "discriminator")
OPTIMIZERS = ("opt_g", "opt_d")
RNGS = ("noise_rng", "data_rng", "penalty_rng", "dropout_rng")  # the trainers' random streams, where present
LOSSES = ("d_loss", "g_loss", "g_grad_norm")  # kept by the trainers as the 0-d tensors _d_loss, ...
COUNTERS = ("iteration", "d_steps", "g_steps")

# Per optimiser type: each state entry's shape ("param": the parameter's shape and dtype, "scalar": 0-d float),
# and the entries a parameter's state must have once it has any.
_OPTIMIZER_STATE: dict[str, dict[str, str]] = {
    "adam": {"step": "scalar", "exp_avg": "param", "exp_avg_sq": "param", "max_exp_avg_sq": "param"},
    "sgd": {"momentum_buffer": "param"},
}
_REQUIRED_STATE: dict[str, frozenset[str]] = {
    "adam": frozenset({"step", "exp_avg", "exp_avg_sq"}),
    "sgd": frozenset({"momentum_buffer"}),
}
# param_group entries that describe this machine's implementation, not the run: the fresh optimiser's are kept.
_IMPLEMENTATION_KEYS = frozenset({"foreach", "fused", "capturable", "differentiable"})

_SNAPSHOT_SCALARS = {f.name: f.type for f in dataclasses.fields(Snapshot) if f.name not in ARRAY_FIELDS}
_TEXT_SCALARS = tuple(name for name, kind in _SNAPSHOT_SCALARS.items() if kind == "str")
_COLUMN_DTYPES = {"int": np.int64, "float": np.float64, "bool": np.bool_, "tuple[float, float]": np.float64}
_BIG_INT = re.compile(r"-?[0-9]{1,60}")
_INDEX = re.compile(r"[0-9]{1,9}")


TrainerState = tuple[dict[str, torch.Tensor], dict[str, Any]]


class SessionFileError(ValueError):
    """A session file cannot be read or written; the message names the file and the problem."""


class _ReadError(Exception):
    """A problem found while reading; load_session / restore_into add the file's name."""


@dataclass(frozen=True, eq=False)
class SessionFile:
    """An opened session: its configuration, lesson settings, timeline and (optionally) the trained state."""

    path: Path
    config: Settings  # RunConfig for kind "1d", ImageConfig for kind "image"
    kind: str
    app_version: str = ""
    hidden_controls: tuple[str, ...] = ()
    title: str = ""
    notes: str = ""
    language: str = ""
    snapshots: tuple[Snapshot, ...] = ()
    counters: tuple[int, int, int] | None = None  # (iteration, d_steps, g_steps) of the saved trainer
    _weights: Mapping[str, torch.Tensor] = field(default_factory=dict, repr=False)
    _training: Mapping[str, Any] | None = field(default=None, repr=False)

    @property
    def has_weights(self) -> bool:
        return self._training is not None

    def restore_into(self, trainer: Any) -> tuple[str, ...]:
        """Load weights, optimiser and random states, counters and losses into a fresh trainer of self.config.

        Every tensor's name, shape and dtype is checked before the trainer is touched. Returns notes on what could
        not be restored exactly (a GPU random stream opened on a CPU, ...); empty when the restore is exact.
        """
        if not self.has_weights:
            raise SessionFileError(f"{self.path}: holds no trained state to restore (a configuration only)")
        if type(trainer.config) is not type(self.config) or trainer.config != self.config:
            raise SessionFileError(f"{self.path}: the trainer was not built from this session's configuration")
        try:
            apply, notes = _plan_restore(trainer, self._weights, self._training)
        except _ReadError as exc:
            raise SessionFileError(f"{self.path}: {exc}") from None
        apply()
        return notes


# ---------------------------------------------------------------------------------------------------- saving
def save_session(
    path: str | os.PathLike[str],
    config: Settings,
    *,
    trainer: Any = None,
    state: TrainerState | None = None,
    snapshots: Iterable[Snapshot] = (),
    hidden_controls: Iterable[str] = (),
    title: str = "",
    notes: str = "",
    language: str = "",
) -> None:
    """Write a session file atomically: a failed save leaves any existing file at `path` as it was.

    trainer: also save its weights, optimiser and random states (trainer.config must equal config).
    state: the same, taken earlier with trainer_state() (where the trainer lives in another process).
    snapshots: 1-D Snapshots to keep as the timeline.
    """
    path = Path(path)
    kind = _kind_of(config)
    controls = _check_controls(hidden_controls)
    for name, value, limit in (
        ("title", title, MAX_TITLE),
        ("notes", notes, MAX_NOTES),
        ("language", language, MAX_LANGUAGE),
    ):
        if not isinstance(value, str) or len(value) > limit:
            raise ValueError(f"{name} must be a string of at most {limit} characters")
    members: dict[str, bytes] = {}
    training = None
    if trainer is not None:
        if type(trainer.config) is not type(config) or trainer.config != config:
            raise SessionFileError(f"cannot save {path}: the trainer runs a different configuration than the one given")
        state = trainer_state(trainer)
    if state is not None:
        tensors, training = state
        members[WEIGHTS] = safetensors.torch.save(dict(tensors))
    timeline = None
    snapshots = tuple(snapshots)
    if snapshots:
        arrays, timeline = _timeline_state(snapshots)
        members[TIMELINE] = safetensors.numpy.save(arrays)
    document = {
        "format": FORMAT,
        "schema_version": SESSION_SCHEMA_VERSION,
        "app_version": __version__,
        "kind": kind,
        "title": title,
        "notes": notes,
        "language": language,
        "hidden_controls": list(controls),
        "config": config.to_dict(),
        "training": training,
        "timeline": timeline,
        "members": {name: {"bytes": len(data)} for name, data in members.items()},
    }
    text = json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False).encode("utf-8")
    if len(text) > MAX_JSON_BYTES:
        raise SessionFileError(f"cannot save {path}: {SESSION_JSON} would exceed {MAX_JSON_BYTES} bytes")

    def write(handle: IO[bytes]) -> None:
        with ZipFile(handle, "w") as archive:
            archive.writestr(_member_info(SESSION_JSON, ZIP_DEFLATED), text)
            for name, data in members.items():  # float data barely compresses: stored, so saving stays fast
                archive.writestr(_member_info(name, ZIP_STORED), data)

    _write_atomically(path, write)


def _kind_of(config: Settings) -> str:
    for kind, cls in CONFIG_CLASSES.items():
        if type(config) is cls:
            return kind
    raise TypeError(f"config must be one of {', '.join(c.__name__ for c in CONFIG_CLASSES.values())}")


def _check_controls(controls: Iterable[str]) -> tuple[str, ...]:
    if isinstance(controls, str):
        raise TypeError("hidden_controls must be a collection of control names, not one string")
    controls = tuple(controls)
    if len(controls) > MAX_CONTROLS or not all(isinstance(c, str) and 0 < len(c) <= MAX_NAME for c in controls):
        raise ValueError(f"hidden_controls must be at most {MAX_CONTROLS} names of 1 to {MAX_NAME} characters")
    return controls


def _member_info(name: str, compression: int) -> ZipInfo:
    info = ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # a fixed time: the same session gives the same bytes
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    return info


def _write_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write a temporary file beside `path`, then rename it over `path` (atomic on one file system)."""
    temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise SessionFileError(f"cannot save {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise SessionFileError(f"cannot save {path}: {exc.strerror or exc}") from exc
        raise
    with contextlib.suppress(OSError, AttributeError):  # make the rename itself durable (POSIX only)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _cpu(tensor: torch.Tensor) -> torch.Tensor:
    return tensor.detach().to("cpu", copy=True).contiguous()


def trainer_state(trainer: Any) -> TrainerState:
    """A trainer's weights, optimiser and random states, counters and losses: (tensors on the CPU, JSON-able)."""
    tensors: dict[str, torch.Tensor] = {}
    for net in NETWORKS:
        for key, value in getattr(trainer, net).state_dict().items():
            tensors[f"{net}.{key}"] = _cpu(value)
    optimizers = {}
    for name in OPTIMIZERS:
        optimizer = getattr(trainer, name)
        kind = type(optimizer).__name__.lower()
        if not isinstance(kind, str) or kind not in _OPTIMIZER_STATE:
            raise ValueError(f"cannot save the state of a {type(optimizer).__name__} optimiser")
        state = optimizer.state_dict()
        plain: dict[str, dict[str, Any]] = {}
        for index, entry in state["state"].items():
            for key, value in entry.items():
                if isinstance(value, torch.Tensor):
                    tensors[f"{name}.state.{index}.{key}"] = _cpu(value)
                else:
                    plain.setdefault(str(index), {})[key] = value
        groups = [{k: list(v) if isinstance(v, tuple) else v for k, v in g.items()} for g in state["param_groups"]]
        optimizers[name] = {"type": kind, "param_groups": groups, "state": plain}
    torch_rngs, numpy_rngs = {}, {}
    for name in RNGS:
        rng = getattr(trainer, name, None)
        if isinstance(rng, torch.Generator):
            tensors[f"rng.{name}"] = _cpu(rng.get_state())
            torch_rngs[name] = rng.device.type
        elif isinstance(rng, np.random.Generator):
            numpy_rngs[name] = _encode_big_ints(rng.bit_generator.state)
        elif rng is not None:
            raise TypeError(f"cannot save the random stream {name} of type {type(rng).__name__}")
    for name in LOSSES:
        tensors[f"loss.{name}"] = _cpu(torch.as_tensor(getattr(trainer, f"_{name}")))
    counters = {name: int(getattr(trainer, name)) for name in COUNTERS}
    training = {"counters": counters, "optimizers": optimizers, "torch_rngs": torch_rngs, "numpy_rngs": numpy_rngs}
    return tensors, training


def _encode_big_ints(value: Any) -> Any:
    """A numpy bit generator's state as JSON: its 128-bit integers as decimal strings."""
    if isinstance(value, dict):
        return {str(k): _encode_big_ints(v) for k, v in value.items()}
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"cannot save a random state holding {type(value).__name__}")


def _timeline_state(snapshots: tuple[Snapshot, ...]) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    arrays: dict[str, np.ndarray] = {}
    layout: dict[str, str] = {}
    for name in ARRAY_FIELDS:
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
    text: dict[str, list[str]] = {}
    for name, kind in _SNAPSHOT_SCALARS.items():
        column = [getattr(s, name) for s in snapshots]
        if kind == "str":
            text[name] = [str(v) for v in column]
        else:
            arrays[f"scalar.{name}"] = np.asarray(column, dtype=_COLUMN_DTYPES[kind])
    return arrays, {"count": len(snapshots), "arrays": layout, "text": text}


# ---------------------------------------------------------------------------------------------------- loading
def load_session(path: str | os.PathLike[str]) -> SessionFile:
    """Open a session file; every problem raises SessionFileError naming the file."""
    path = Path(path)
    try:
        return _load(path)
    except _ReadError as exc:
        raise SessionFileError(f"{path}: {exc}") from None


def _load(path: Path) -> SessionFile:
    try:
        archive = ZipFile(path)
    except FileNotFoundError:
        raise _ReadError("no such file") from None
    except IsADirectoryError:
        raise _ReadError("is a folder, not a session file") from None
    except PermissionError:
        raise _ReadError("permission denied") from None
    except OSError as exc:
        raise _ReadError(f"cannot be read ({exc.strerror or exc})") from None
    except Exception:  # zipfile raises several kinds on damaged data; all mean the same to the user
        raise _ReadError("is not a ganlab session file (not a ZIP container, or damaged or truncated)") from None
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        if SESSION_JSON not in infos:
            raise _ReadError(f"is not a ganlab session file (it has no {SESSION_JSON})")
        document = _parse_json(_read_member(archive, infos[SESSION_JSON], MAX_JSON_BYTES))
        header = _check_document(document)
        members = {}
        for name, expected in header["members"].items():
            if name not in infos:
                raise _ReadError(f"is incomplete: {name} is missing")
            data = _read_member(archive, infos[name], MAX_MEMBER_BYTES)
            if len(data) != expected:
                raise _ReadError(f"{name} has {len(data)} bytes, but {SESSION_JSON} lists {expected}")
            members[name] = data
    weights: dict[str, torch.Tensor] = {}
    if WEIGHTS in members:
        try:
            weights = parse_safetensors(members[WEIGHTS])
        except Exception as exc:  # safetensors reports every malformed buffer with its own error type
            raise _ReadError(f"{WEIGHTS} is damaged ({exc})") from None
        _check_weight_names(weights, header["training"])
    snapshots: tuple[Snapshot, ...] = ()
    if TIMELINE in members:
        try:
            arrays = safetensors.numpy.load(members[TIMELINE])
        except Exception as exc:
            raise _ReadError(f"{TIMELINE} is damaged ({exc})") from None
        snapshots = _read_timeline(arrays, header["timeline"])
    training = header["training"]
    counters = None if training is None else tuple(training["counters"][name] for name in COUNTERS)
    return SessionFile(
        path=path,
        config=header["config"],
        kind=header["kind"],
        app_version=header["app_version"],
        hidden_controls=header["hidden_controls"],
        title=header["title"],
        notes=header["notes"],
        language=header["language"],
        snapshots=snapshots,
        counters=counters,
        _weights=weights,
        _training=training,
    )


def _read_member(archive: ZipFile, info: ZipInfo, limit: int) -> bytes:
    name = info.filename
    if info.file_size > limit:
        raise _ReadError(f"{name} claims {info.file_size} bytes, more than a session file may hold ({limit})")
    if (
        info.compress_type != ZIP_STORED
        and info.file_size > RATIO_CHECK_BYTES
        and info.file_size > MAX_COMPRESSION_RATIO * info.compress_size
    ):
        raise _ReadError(f"{name} is compressed {info.file_size // max(info.compress_size, 1)} to 1: refused")
    try:
        data = archive.read(info)  # zipfile stops at the declared size and checks the CRC
    except Exception as exc:
        raise _ReadError(f"{name} is damaged ({exc})") from None
    if len(data) != info.file_size:
        raise _ReadError(f"{name} is truncated")
    return data


def _reject_constant(token: str) -> None:
    raise ValueError(f"{token} is not allowed in standard JSON")


def _parse_json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"), parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise _ReadError(f"{SESSION_JSON} is not valid JSON ({exc})") from None


def _check_document(document: Any) -> dict[str, Any]:
    """The header's values, checked; raises _ReadError naming the first bad entry."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _ReadError(f"is not a ganlab session file ({SESSION_JSON} is not a ganlab session)")
    version = document.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _ReadError(f"{SESSION_JSON}: schema_version must be a whole number >= 1 (got {_short(version)})")
    if version > SESSION_SCHEMA_VERSION:
        raise _ReadError(
            f"made by a newer ganlab (schema {version}); this one reads up to {SESSION_SCHEMA_VERSION}: "
            "update ganlab to open it"
        )
    kind = document.get("kind")
    if not isinstance(kind, str) or kind not in CONFIG_CLASSES:
        raise _ReadError(f"{SESSION_JSON}: kind must be one of {', '.join(CONFIG_CLASSES)} (got {_short(kind)})")
    try:
        config = CONFIG_CLASSES[kind].from_dict(document.get("config"))
    except (ConfigError, TypeError, ValueError) as exc:
        raise _ReadError(f"invalid configuration: {exc}") from None
    header = {"kind": kind, "config": config}
    for name, limit in (
        ("app_version", MAX_NAME),
        ("title", MAX_TITLE),
        ("notes", MAX_NOTES),
        ("language", MAX_LANGUAGE),
    ):
        header[name] = _text(document.get(name, ""), name, limit)
    controls = document.get("hidden_controls", [])
    if not isinstance(controls, list) or len(controls) > MAX_CONTROLS:
        raise _ReadError(f"{SESSION_JSON}: hidden_controls must be a list of at most {MAX_CONTROLS} names")
    header["hidden_controls"] = tuple(_text(c, "hidden_controls[]", MAX_NAME) for c in controls)
    members = _mapping(document.get("members", {}), "members")
    header["members"] = {}
    for name in (WEIGHTS, TIMELINE):  # other names are left to later schema versions
        if name in members:
            entry = _mapping(members[name], f"members.{name}")
            header["members"][name] = _whole(entry.get("bytes"), f"members.{name}.bytes", MAX_MEMBER_BYTES)
    header["training"] = _check_training(document.get("training"))
    header["timeline"] = _check_timeline(document.get("timeline"))
    for name, section in ((WEIGHTS, "training"), (TIMELINE, "timeline")):
        if (name in header["members"]) != (header[section] is not None):
            raise _ReadError(f"{SESSION_JSON}: {section} and the member {name} must come together")
    return header


def _check_training(training: Any) -> dict[str, Any] | None:
    if training is None:
        return None
    training = _mapping(training, "training")
    counters = _mapping(training.get("counters"), "training.counters")
    checked = {"counters": {name: _whole(counters.get(name), f"training.counters.{name}") for name in COUNTERS}}
    optimizers = _mapping(training.get("optimizers"), "training.optimizers")
    checked["optimizers"] = {}
    for name in OPTIMIZERS:
        where = f"training.optimizers.{name}"
        entry = _mapping(optimizers.get(name), where)
        kind = entry.get("type")
        if not isinstance(kind, str) or kind not in _OPTIMIZER_STATE:
            raise _ReadError(f"{SESSION_JSON}: {where}.type must be one of {', '.join(_OPTIMIZER_STATE)}")
        groups = entry.get("param_groups")
        if not isinstance(groups, list) or not all(isinstance(g, dict) for g in groups):
            raise _ReadError(f"{SESSION_JSON}: {where}.param_groups must be a list of objects")
        state = _mapping(entry.get("state", {}), f"{where}.state")
        for index, values in state.items():
            if not _INDEX.fullmatch(index):
                raise _ReadError(f"{SESSION_JSON}: {where}.state has a key {_short(index)} that is not an index")
            _mapping(values, f"{where}.state.{index}")
        checked["optimizers"][name] = {"type": kind, "param_groups": groups, "state": state}
    torch_rngs = _mapping(training.get("torch_rngs", {}), "training.torch_rngs")
    for name, device in torch_rngs.items():
        if name not in RNGS or not isinstance(device, str):
            raise _ReadError(f"{SESSION_JSON}: training.torch_rngs has an unknown entry {_short(name)}")
    numpy_rngs = _mapping(training.get("numpy_rngs", {}), "training.numpy_rngs")
    for name in numpy_rngs:
        if name not in RNGS or name in torch_rngs:
            raise _ReadError(f"{SESSION_JSON}: training.numpy_rngs has an unknown entry {_short(name)}")
    checked["torch_rngs"] = torch_rngs
    checked["numpy_rngs"] = numpy_rngs
    return checked


def _check_timeline(timeline: Any) -> dict[str, Any] | None:
    if timeline is None:
        return None
    timeline = _mapping(timeline, "timeline")
    count = _whole(timeline.get("count"), "timeline.count", 2**31)
    layout = _mapping(timeline.get("arrays"), "timeline.arrays")
    for name in ARRAY_FIELDS:
        if layout.get(name) not in ("constant", "stacked", "separate"):
            raise _ReadError(f"{SESSION_JSON}: timeline.arrays.{name} must be constant, stacked or separate")
    text = _mapping(timeline.get("text"), "timeline.text")
    columns = {}
    for name in _TEXT_SCALARS:
        column = text.get(name)
        if not isinstance(column, list) or len(column) != count:
            raise _ReadError(f"{SESSION_JSON}: timeline.text.{name} must be a list of {count} strings")
        columns[name] = [_text(v, f"timeline.text.{name}[]", MAX_NAME) for v in column]
    return {"count": count, "arrays": layout, "text": columns}


def _check_weight_names(weights: Mapping[str, torch.Tensor], training: Mapping[str, Any]) -> None:
    """Checks that need no trainer: every name belongs somewhere, and the random states and losses are well formed."""
    prefixes = tuple(f"{name}." for name in (*NETWORKS, *OPTIMIZERS))
    for key, tensor in weights.items():
        if key.startswith("rng."):
            if key[4:] not in training["torch_rngs"]:
                raise _ReadError(f"{WEIGHTS}: {key} is not listed in training.torch_rngs")
            if tensor.dtype != torch.uint8 or tensor.ndim != 1:
                raise _ReadError(f"{WEIGHTS}: {key} must be a 1-D uint8 tensor (got {_describe(tensor)})")
        elif key.startswith("loss."):
            if key[5:] not in LOSSES or tensor.ndim != 0 or not tensor.is_floating_point():
                raise _ReadError(f"{WEIGHTS}: {key} must be one of the losses, a 0-d float (got {_describe(tensor)})")
        elif not key.startswith(prefixes):
            raise _ReadError(f"{WEIGHTS}: unexpected tensor {_short(key)}")
    for name in [f"rng.{n}" for n in training["torch_rngs"]] + [f"loss.{n}" for n in LOSSES]:
        if name not in weights:
            raise _ReadError(f"{WEIGHTS}: {name} is missing")


def _read_timeline(arrays: Mapping[str, np.ndarray], timeline: Mapping[str, Any]) -> tuple[Snapshot, ...]:
    count = timeline["count"]
    columns: dict[str, Any] = {}
    for name, kind in _SNAPSHOT_SCALARS.items():
        if kind == "str":
            columns[name] = timeline["text"][name]
            continue
        shape = (count, 2) if kind.startswith("tuple") else (count,)
        column = _array(arrays, f"scalar.{name}", _COLUMN_DTYPES[kind], shape)
        if kind.startswith("tuple"):
            columns[name] = [(float(a), float(b)) for a, b in column]
        else:
            columns[name] = column.tolist()  # Python ints, floats and bools
    fields: dict[str, list[np.ndarray]] = {}
    for name in ARRAY_FIELDS:
        mode = timeline["arrays"][name]
        if mode == "constant":
            value = _array(arrays, f"array.{name}", np.float64)
            fields[name] = [value] * count
        elif mode == "stacked":
            value = _array(arrays, f"array.{name}", np.float32)
            if value.ndim < 1 or len(value) != count:
                raise _ReadError(f"{TIMELINE}: array.{name} must hold {count} snapshots (got shape {value.shape})")
            fields[name] = list(value)
        else:
            fields[name] = [_array(arrays, f"array.{name}.{i}", np.float32) for i in range(count)]
    snapshots = []
    with np.errstate(invalid="ignore"):  # a signalling NaN in the file warns when widened to float64
        for i in range(count):
            values = {name: fields[name][i] for name in ARRAY_FIELDS}
            values.update({name: column[i] for name, column in columns.items()})
            snapshots.append(Snapshot(**values))
    return tuple(snapshots)


def _array(arrays: Mapping[str, np.ndarray], key: str, dtype: Any, shape: tuple[int, ...] | None = None) -> np.ndarray:
    if key not in arrays:
        raise _ReadError(f"{TIMELINE}: {key} is missing")
    value = arrays[key]
    if value.dtype != dtype or (shape is not None and value.shape != shape):
        wanted = f"{np.dtype(dtype).name}{'' if shape is None else ' ' + str(shape)}"
        raise _ReadError(f"{TIMELINE}: {key} must be {wanted} (got {value.dtype.name} {value.shape})")
    return value


# ---- small checks on JSON values
def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _ReadError(f"{SESSION_JSON}: {where} must be an object (got {_short(value)})")
    return value


def _whole(value: Any, where: str, high: int = 2**63 - 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise _ReadError(f"{SESSION_JSON}: {where} must be a whole number from 0 to {high} (got {_short(value)})")
    return value


def _text(value: Any, where: str, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise _ReadError(
            f"{SESSION_JSON}: {where} must be a string of at most {limit} characters (got {_short(value)})"
        )
    return value


def _describe(tensor: torch.Tensor) -> str:
    return f"{str(tensor.dtype).removeprefix('torch.')} {tuple(tensor.shape)}"


# ---------------------------------------------------------------------------------------------------- restoring
def _plan_restore(
    trainer: Any, weights: Mapping[str, torch.Tensor], training: Mapping[str, Any]
) -> tuple[Callable[[], None], tuple[str, ...]]:
    """Check everything against the trainer; return the function that applies it, and notes on inexact parts."""
    used: set[str] = set()
    networks = {}
    for net in NETWORKS:
        expected = getattr(trainer, net).state_dict()
        prefix = f"{net}."
        saved = {k[len(prefix) :]: v for k, v in weights.items() if k.startswith(prefix)}
        missing = sorted(set(expected) - set(saved))
        extra = sorted(set(saved) - set(expected))
        if missing or extra:
            problem = f"lacks {prefix}{missing[0]}" if missing else f"has an unexpected {prefix}{extra[0]}"
            raise _ReadError(f"the weights do not match the configuration's networks: {WEIGHTS} {problem}")
        for key, value in expected.items():
            _same_kind(saved[key], value, f"{prefix}{key}")
        networks[net] = saved  # load_state_dict copies into the parameters: nothing is shared
        used.update(prefix + k for k in saved)
    optimizers = {}
    for name in OPTIMIZERS:
        optimizers[name] = _optimizer_state(getattr(trainer, name), name, weights, training["optimizers"][name], used)
    notes: list[str] = []
    torch_states: dict[str, torch.Tensor] = {}
    numpy_states: dict[str, Any] = {}
    for name in RNGS:
        rng = getattr(trainer, name, None)
        where = f"random stream {name}"
        if isinstance(rng, torch.Generator):
            if name not in training["torch_rngs"]:
                raise _ReadError(f"the {where} is missing")
            state = weights[f"rng.{name}"]
            used.add(f"rng.{name}")
            saved_on = training["torch_rngs"][name]
            if saved_on != rng.device.type:
                notes.append(f"the {where} was saved on {saved_on} and starts afresh on {rng.device.type}")
                continue
            try:
                torch.Generator(device=rng.device).set_state(state)
            except (RuntimeError, ValueError, TypeError) as exc:
                raise _ReadError(f"the {where} is damaged ({exc})") from None
            torch_states[name] = state.clone()
        elif isinstance(rng, np.random.Generator):
            if name not in training["numpy_rngs"]:
                raise _ReadError(f"the {where} is missing")
            numpy_states[name] = _numpy_state(rng, training["numpy_rngs"][name], where)
        elif name in training["torch_rngs"] or name in training["numpy_rngs"]:
            raise _ReadError(f"the session has a {where} that this trainer does not have")
        elif rng is not None:
            raise _ReadError(f"cannot restore the {where} of type {type(rng).__name__}")
    losses = {}
    for name in LOSSES:
        losses[name] = weights[f"loss.{name}"].clone().to(trainer.device)
        used.add(f"loss.{name}")
    unused = sorted(set(weights) - used)
    if unused:
        raise _ReadError(f"{WEIGHTS} has a tensor the trainer has no place for: {_short(unused[0])}")
    counters = training["counters"]

    def apply() -> None:
        for net, state in networks.items():
            getattr(trainer, net).load_state_dict(state)
        for name, state in optimizers.items():
            getattr(trainer, name).load_state_dict(state)
        for name, state in torch_states.items():
            getattr(trainer, name).set_state(state)
        for name, state in numpy_states.items():
            getattr(trainer, name).bit_generator.state = state
        for name in COUNTERS:
            setattr(trainer, name, counters[name])
        for name, value in losses.items():
            setattr(trainer, f"_{name}", value)

    return apply, tuple(notes)


def _same_kind(saved: torch.Tensor, expected: torch.Tensor, name: str) -> None:
    if saved.shape != expected.shape or saved.dtype != expected.dtype:
        raise _ReadError(
            f"the weights do not match the configuration's networks: {name} is {_describe(saved)} in {WEIGHTS}, "
            f"the trainer's is {_describe(expected)}"
        )


def _optimizer_state(
    optimizer: torch.optim.Optimizer,
    name: str,
    weights: Mapping[str, torch.Tensor],
    saved: Mapping[str, Any],
    used: set[str],
) -> dict[str, Any]:
    """The state dict to load into `optimizer`, built from the session's tensors and JSON and checked."""
    kind = type(optimizer).__name__.lower()
    if saved["type"] != kind:
        raise _ReadError(f"{name} was saved as {saved['type']}, but the trainer's optimiser is {kind}")
    fresh = optimizer.state_dict()["param_groups"]
    groups = saved["param_groups"]
    if len(groups) != len(fresh):
        raise _ReadError(f"{name} has {len(groups)} parameter groups, the trainer's optimiser {len(fresh)}")
    params = [p for group in optimizer.param_groups for p in group["params"]]
    group_of = {}
    loaded_groups = []
    for j, (group, reference) in enumerate(zip(groups, fresh, strict=True)):
        if group.get("params") != reference["params"]:
            raise _ReadError(f"{name}.param_groups[{j}] does not list the trainer's parameters")
        loaded = dict(reference)
        for key, value in reference.items():
            if key != "params" and key in group and key not in _IMPLEMENTATION_KEYS and value is not None:
                loaded[key] = _like(group[key], value, f"{name}.param_groups[{j}].{key}")
        settings = {k: v for k, v in loaded.items() if k != "params" and k not in _IMPLEMENTATION_KEYS}
        try:  # the optimiser's own checks of its settings (0 <= betas < 1, lr >= 0, ...)
            type(optimizer)([torch.zeros(1, requires_grad=True)], **settings)
        except (ValueError, TypeError) as exc:
            raise _ReadError(
                f"{SESSION_JSON}: {name}.param_groups[{j}] is not a valid {kind} setting ({exc})"
            ) from None
        loaded_groups.append(loaded)
        group_of.update((index, loaded) for index in reference["params"])
    table = _OPTIMIZER_STATE[kind]
    state: dict[int, dict[str, Any]] = {}
    prefix = f"{name}.state."
    for key, tensor in weights.items():
        if not key.startswith(prefix):
            continue
        index, _, entry = key[len(prefix) :].partition(".")
        where = f"{WEIGHTS}: {key}"
        if not _INDEX.fullmatch(index) or int(index) >= len(params) or entry not in table:
            raise _ReadError(f"{where} names no state of the trainer's {kind} optimiser")
        param = params[int(index)]
        if table[entry] == "param":
            if tensor.shape != param.shape or tensor.dtype != param.dtype:
                raise _ReadError(f"{where} is {_describe(tensor)}, its parameter {_describe(param)}")
        elif tensor.ndim != 0 or not tensor.is_floating_point() or not 0 <= float(tensor) <= 2**53:
            raise _ReadError(f"{where} must be a 0-d float from 0 to 2**53 (got {_describe(tensor)})")
        state.setdefault(int(index), {})[entry] = tensor.clone()
        used.add(key)
    for index, values in saved["state"].items():
        where = f"{SESSION_JSON}: training.optimizers.{name}.state.{index}"
        if int(index) >= len(params):
            raise _ReadError(f"{where} names no parameter of the trainer")
        for entry, value in values.items():
            if entry == "step" and table.get(entry) == "scalar":
                ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 2**53
            else:
                ok = entry in table and value is None
            if not ok or entry in state.get(int(index), {}):
                raise _ReadError(f"{where}.{entry} is not a valid {kind} state ({_short(value)})")
            state.setdefault(int(index), {})[entry] = value
    for index, values in state.items():
        required = set(_REQUIRED_STATE[kind])
        if kind == "adam" and group_of[index].get("amsgrad"):
            required.add("max_exp_avg_sq")
        if kind == "sgd" and values.get("momentum_buffer", 0) is None:
            required = set()
        missing = sorted(required - set(values))
        if missing:
            raise _ReadError(f"{name}'s state of parameter {index} lacks {missing[0]}")
    return {"state": state, "param_groups": loaded_groups}


def _like(value: Any, reference: Any, where: str) -> Any:
    """A saved optimiser setting, checked to have the type of the fresh optimiser's one."""
    if isinstance(reference, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(reference, int | float):
        if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) <= 2**53:
            return float(value) if isinstance(reference, float) else value
    elif isinstance(reference, tuple | list):
        if isinstance(value, list) and len(value) == len(reference):
            items = [_like(v, r, f"{where}[{i}]") for i, (v, r) in enumerate(zip(value, reference, strict=True))]
            return type(reference)(items)
    elif isinstance(reference, str):
        if isinstance(value, str):
            return value
    else:
        return reference  # a setting JSON cannot hold (a tensor learning rate): keep the trainer's
    raise _ReadError(f"{SESSION_JSON}: {where} must be like {_short(reference)} (got {_short(value)})")


def _numpy_state(rng: np.random.Generator, saved: Any, where: str) -> dict[str, Any]:
    """A numpy bit generator's state from JSON, shaped like the trainer's own and tried on a scratch generator."""
    state = _decode_big_ints(saved, rng.bit_generator.state, where)
    try:
        type(rng.bit_generator)().state = state
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise _ReadError(f"the {where} is damaged ({exc})") from None
    return state


def _decode_big_ints(saved: Any, template: Any, where: str) -> Any:
    if isinstance(template, dict):
        if not isinstance(saved, dict) or set(saved) != set(template):
            raise _ReadError(f"the {where} does not fit the trainer's {_rng_name(template)} generator")
        return {key: _decode_big_ints(saved[key], template[key], where) for key in template}
    if isinstance(template, bool):
        if isinstance(saved, bool):
            return saved
    elif isinstance(template, int):
        if isinstance(saved, str) and _BIG_INT.fullmatch(saved) and 0 <= int(saved) < 2**128:
            return int(saved)
    elif isinstance(template, str):
        if saved == template:
            return saved
    raise _ReadError(f"the {where} is damaged (got {_short(saved)} where {_short(template)} belongs)")


def _rng_name(state: Mapping[str, Any]) -> str:
    """The bit generator's name in a numpy random state ('PCG64')."""
    name = state.get("bit_generator", "numpy")
    return name if isinstance(name, str) else "numpy"
