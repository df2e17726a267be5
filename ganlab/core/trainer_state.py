"""A trainer's whole state as plain data (TrainerState), and the checks that a state fits a trainer.

AlgorithmOne.state_dict() / load_state_dict() are built from these parts; session files and checkpoints use only
those two. No Qt, no files here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import nn

NETWORKS = ("generator", "discriminator")
OPTIMIZERS = ("opt_g", "opt_d")
LOSS_NAMES = ("d_loss", "g_loss", "g_grad_norm")  # the latest losses, which a trainer keeps as _d_loss, ...
COUNTERS = ("iteration", "d_steps", "g_steps")
# Per optimiser type: each state entry's shape ("param": the parameter's shape and dtype, "scalar": 0-d float),
# and the entries a parameter's state must have once it has any.
OPTIMIZER_STATE: dict[str, dict[str, str]] = {
    "adam": {"step": "scalar", "exp_avg": "param", "exp_avg_sq": "param", "max_exp_avg_sq": "param"},
    "sgd": {"momentum_buffer": "param"},
}
_REQUIRED_STATE = {"adam": frozenset({"step", "exp_avg", "exp_avg_sq"}), "sgd": frozenset({"momentum_buffer"})}
# param_group entries that describe this machine's implementation, not the run: the trainer's own are kept.
_IMPLEMENTATION_KEYS = frozenset({"foreach", "fused", "capturable", "differentiable"})
_INDEX = re.compile(r"[0-9]{1,9}")
_BIG_INT = re.compile(r"-?[0-9]{1,60}")
_STREAM = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


@dataclass(frozen=True, eq=False)
class TrainerState:
    """A trainer's whole state as plain data (AlgorithmOne.state_dict()): what a session file stores, and what a
    checkpoint keeps to undo a divergence. Its structure is checked when it is made (ValueError); whether it fits a
    trainer is checked by load_state_dict().

    tensors, name -> CPU tensor:
        generator.<key>, discriminator.<key>   the networks' state dicts (parameters and buffers)
        opt_g.state.<i>.<key>, opt_d.state...   the optimisers' tensor state of parameter i ("opt_d.state.3.exp_avg")
        rng.<stream>                            a torch random stream's state, 1-D uint8
        loss.d_loss, loss.g_loss, loss.g_grad_norm   the latest losses, 0-d floats (NaN before the first step)
    training, JSON-able:
        counters     {"iteration": n, "d_steps": n, "g_steps": n}
        optimizers   {"opt_g" / "opt_d": {"type": "adam" | "sgd", "param_groups": [...], "state": {"<i>": {...}}}}:
                     torch's param_groups, and the non-tensor entries of the per-parameter state
        torch_rngs   {stream: the device type it ran on}; its state is the tensor rng.<stream>
        numpy_rngs   {stream: numpy bit generator state, its integers as decimal strings}
    """

    tensors: Mapping[str, torch.Tensor]
    training: Mapping[str, Any]

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        """The checks that need no trainer, as when it was made (its dicts may have been changed since)."""
        _check_state(self.tensors, self.training)

    @property
    def counters(self) -> tuple[int, int, int]:
        """(iteration, d_steps, g_steps)."""
        counters = self.training["counters"]
        return counters["iteration"], counters["d_steps"], counters["g_steps"]


@dataclass(frozen=True)
class Fit:
    """A state checked against a trainer's parts, ready to load (fit()): nothing in it is shared with the state."""

    networks: dict[str, dict[str, torch.Tensor]]  # for nn.Module.load_state_dict
    optimizers: dict[str, dict[str, Any]]  # for Optimizer.load_state_dict
    streams: dict[str, torch.Tensor | dict[str, Any]]  # stream -> its state (those that start afresh are left out)
    counters: dict[str, int]
    losses: dict[str, torch.Tensor]  # 0-d, on the CPU
    notes: tuple[str, ...]  # what does not come back exactly


def capture(
    networks: Mapping[str, nn.Module],
    optimizers: Mapping[str, torch.optim.Optimizer],
    streams: Mapping[str, torch.Generator | np.random.Generator],
    losses: Mapping[str, torch.Tensor | float],
    counters: Mapping[str, int],
) -> TrainerState:
    """A TrainerState of these parts (keyed by NETWORKS, OPTIMIZERS, the stream names, LOSS_NAMES, COUNTERS)."""
    tensors: dict[str, torch.Tensor] = {}
    for net in NETWORKS:
        for key, value in networks[net].state_dict().items():
            tensors[f"{net}.{key}"] = _cpu_copy(value)
    facts = {name: _optimizer_facts(optimizers[name], name, tensors) for name in OPTIMIZERS}
    torch_rngs, numpy_rngs = {}, {}
    for name, stream in streams.items():
        if isinstance(stream, torch.Generator):
            tensors[f"rng.{name}"] = _cpu_copy(stream.get_state())
            torch_rngs[name] = stream.device.type
        elif isinstance(stream, np.random.Generator):
            numpy_rngs[name] = _encode_big_ints(stream.bit_generator.state)
        else:
            raise TypeError(f"the random stream {name} is a {type(stream).__name__}, not a torch or numpy generator")
    for name in LOSS_NAMES:
        tensors[f"loss.{name}"] = _cpu_copy(torch.as_tensor(losses[name]))
    counts = {name: int(counters[name]) for name in COUNTERS}
    return TrainerState(
        tensors, {"counters": counts, "optimizers": facts, "torch_rngs": torch_rngs, "numpy_rngs": numpy_rngs}
    )


def fit(
    state: TrainerState, networks: Mapping, optimizers: Mapping, streams: Mapping, source: str = "the state"
) -> Fit:
    """Check every name, shape, dtype and type of `state` against a trainer's parts (as for capture()), changing
    none of them. ValueError names the first thing that does not fit; source names where the tensors came from."""
    if not isinstance(state, TrainerState):
        raise TypeError(f"a trainer loads a TrainerState, not a {type(state).__name__}")
    state.check()
    used: set[str] = set()
    loaded_networks = {net: _network_state(networks[net], net, state.tensors, source, used) for net in NETWORKS}
    loaded_optimizers = {name: _optimizer_state(optimizers[name], name, state, source, used) for name in OPTIMIZERS}
    loaded_streams, notes = _stream_states(streams, state, used)
    losses = {name: state.tensors[f"loss.{name}"].clone() for name in LOSS_NAMES}
    used.update(f"loss.{name}" for name in LOSS_NAMES)
    unused = sorted(set(state.tensors) - used)
    if unused:
        raise ValueError(f"{source} has a tensor the trainer has no place for: {short(unused[0])}")
    return Fit(loaded_networks, loaded_optimizers, loaded_streams, dict(state.training["counters"]), losses, notes)


def set_stream_state(stream: torch.Generator | np.random.Generator, state: torch.Tensor | dict[str, Any]) -> None:
    if isinstance(stream, torch.Generator):
        stream.set_state(state)
    else:
        stream.bit_generator.state = state


def short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(tensor: torch.Tensor) -> str:
    return f"{str(tensor.dtype).removeprefix('torch.')} {tuple(tensor.shape)}"


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise ValueError(f"{where} must be an object (got {short(value)})")
    return value


def _check_state(tensors: Any, training: Any) -> None:
    """The checks that need no trainer: each entry has its place and type (else ValueError naming the first)."""
    tensors = _mapping(tensors, "the tensors")
    training = _mapping(training, "training")
    counters = _mapping(training.get("counters"), "training.counters")
    for name in COUNTERS:
        value = counters.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**63:
            raise ValueError(f"training.counters.{name} must be a whole number from 0 to 2**63 (got {short(value)})")
    optimizers = _mapping(training.get("optimizers"), "training.optimizers")
    for name in OPTIMIZERS:
        where = f"training.optimizers.{name}"
        entry = _mapping(optimizers.get(name), where)
        if not isinstance(entry.get("type"), str) or entry["type"] not in OPTIMIZER_STATE:
            choices = ", ".join(OPTIMIZER_STATE)
            raise ValueError(f"{where}.type must be one of {choices} (got {short(entry.get('type'))})")
        groups = entry.get("param_groups")
        if not isinstance(groups, list) or not all(isinstance(g, Mapping) for g in groups):
            raise ValueError(f"{where}.param_groups must be a list of objects")
        for index, values in _mapping(entry.get("state", {}), f"{where}.state").items():
            if not _INDEX.fullmatch(index):
                raise ValueError(f"{where}.state has a key {short(index)} that is not an index")
            _mapping(values, f"{where}.state.{index}")
    torch_rngs = _mapping(training.get("torch_rngs", {}), "training.torch_rngs")
    numpy_rngs = _mapping(training.get("numpy_rngs", {}), "training.numpy_rngs")
    for name, device in torch_rngs.items():
        if not _STREAM.fullmatch(name) or not isinstance(device, str) or not 0 < len(device) <= 64:
            raise ValueError(f"training.torch_rngs has an invalid entry {short(name)}")
    for name in numpy_rngs:
        if not _STREAM.fullmatch(name) or name in torch_rngs:
            raise ValueError(f"training.numpy_rngs has an invalid entry {short(name)}")
    prefixes = tuple(f"{name}." for name in (*NETWORKS, *OPTIMIZERS))
    for key, tensor in tensors.items():
        if not isinstance(tensor, torch.Tensor):
            raise ValueError(f"{short(key)} must be a tensor (got {type(tensor).__name__})")
        if key.startswith("rng."):
            if key[4:] not in torch_rngs:
                raise ValueError(f"the tensor {short(key)} is not listed in training.torch_rngs")
            if tensor.dtype != torch.uint8 or tensor.ndim != 1:
                raise ValueError(f"{key} must be a 1-D uint8 tensor (got {_describe(tensor)})")
        elif key.startswith("loss."):
            if key[5:] not in LOSS_NAMES or tensor.ndim != 0 or not tensor.is_floating_point():
                raise ValueError(f"{short(key)} must be one of the losses, a 0-d float (got {_describe(tensor)})")
        elif not key.startswith(prefixes):
            raise ValueError(f"unexpected tensor {short(key)}")
    for key in [f"rng.{name}" for name in torch_rngs] + [f"loss.{name}" for name in LOSS_NAMES]:
        if key not in tensors:
            raise ValueError(f"the tensor {key} is missing")


def _cpu_copy(tensor: torch.Tensor) -> torch.Tensor:
    return tensor.detach().to("cpu", copy=True).contiguous()


def _optimizer_facts(optimizer: torch.optim.Optimizer, name: str, tensors: dict[str, torch.Tensor]) -> dict[str, Any]:
    """An optimiser's state: its tensors go into `tensors` (opt_d.state.3.exp_avg), the rest is returned as JSON."""
    kind = type(optimizer).__name__.lower()
    if kind not in OPTIMIZER_STATE:
        raise TypeError(f"cannot describe the state of a {type(optimizer).__name__} optimiser")
    state = optimizer.state_dict()
    plain: dict[str, dict[str, Any]] = {}
    for index, entry in state["state"].items():
        for key, value in entry.items():
            if isinstance(value, torch.Tensor):
                tensors[f"{name}.state.{index}.{key}"] = _cpu_copy(value)
            else:
                plain.setdefault(str(index), {})[key] = value
    groups = [{k: list(v) if isinstance(v, tuple) else v for k, v in g.items()} for g in state["param_groups"]]
    return {"type": kind, "param_groups": groups, "state": plain}


def _network_state(
    network: nn.Module, net: str, tensors: Mapping[str, torch.Tensor], source: str, used: set[str]
) -> dict[str, torch.Tensor]:
    expected = network.state_dict()
    prefix = f"{net}."
    saved = {k[len(prefix) :]: v for k, v in tensors.items() if k.startswith(prefix)}
    missing, extra = sorted(set(expected) - set(saved)), sorted(set(saved) - set(expected))
    if missing or extra:
        problem = f"lacks {prefix}{missing[0]}" if missing else f"has an unexpected {prefix}{extra[0]}"
        raise ValueError(f"the weights do not match the configuration's networks: {source} {problem}")
    for key, value in expected.items():
        if saved[key].shape != value.shape or saved[key].dtype != value.dtype:
            raise ValueError(
                f"the weights do not match the configuration's networks: {prefix}{key} is {_describe(saved[key])} "
                f"in {source}, the trainer's is {_describe(value)}"
            )
    used.update(prefix + key for key in saved)
    return saved  # load_state_dict copies them into the parameters: nothing is shared


def _optimizer_state(optimizer: Any, name: str, state: TrainerState, source: str, used: set[str]) -> dict[str, Any]:
    """The state dict to load into `optimizer`, built from the state's tensors and JSON and checked."""
    saved, tensors = state.training["optimizers"][name], state.tensors
    kind = type(optimizer).__name__.lower()
    if saved["type"] != kind:
        raise ValueError(f"{name} was saved as {saved['type']}, but the trainer's optimiser is {kind}")
    fresh = optimizer.state_dict()["param_groups"]
    groups = saved["param_groups"]
    if len(groups) != len(fresh):
        raise ValueError(f"{name} has {len(groups)} parameter groups, the trainer's optimiser {len(fresh)}")
    params = [p for group in optimizer.param_groups for p in group["params"]]
    group_of, loaded_groups = {}, []
    for j, (group, reference) in enumerate(zip(groups, fresh, strict=True)):
        where = f"training.optimizers.{name}.param_groups[{j}]"
        if group.get("params") != reference["params"]:
            raise ValueError(f"{where} does not list the trainer's parameters")
        loaded = dict(reference)
        for key, value in reference.items():
            if key != "params" and key in group and key not in _IMPLEMENTATION_KEYS and value is not None:
                loaded[key] = _like(group[key], value, f"{where}.{key}")
        settings = {k: v for k, v in loaded.items() if k != "params" and k not in _IMPLEMENTATION_KEYS}
        try:  # the optimiser's own checks of its settings (0 <= betas < 1, lr >= 0, ...)
            type(optimizer)([torch.zeros(1, requires_grad=True)], **settings)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{where} is not a valid {kind} setting ({exc})") from None
        loaded_groups.append(loaded)
        group_of.update((index, loaded) for index in reference["params"])
    table = OPTIMIZER_STATE[kind]
    loaded_state: dict[int, dict[str, Any]] = {}
    prefix = f"{name}.state."
    for key, tensor in tensors.items():
        if not key.startswith(prefix):
            continue
        index, _, entry = key[len(prefix) :].partition(".")
        where = f"{source}: {key}"
        if not _INDEX.fullmatch(index) or int(index) >= len(params) or entry not in table:
            raise ValueError(f"{where} names no state of the trainer's {kind} optimiser")
        param = params[int(index)]
        if table[entry] == "param":
            if tensor.shape != param.shape or tensor.dtype != param.dtype:
                raise ValueError(f"{where} is {_describe(tensor)}, its parameter {_describe(param)}")
        elif tensor.ndim != 0 or not tensor.is_floating_point() or not 0 <= float(tensor) <= 2**53:
            raise ValueError(f"{where} must be a 0-d float from 0 to 2**53 (got {_describe(tensor)})")
        loaded_state.setdefault(int(index), {})[entry] = tensor.clone()  # torch would share a tensor of the right kind
        used.add(key)
    for index, values in saved.get("state", {}).items():
        where = f"training.optimizers.{name}.state.{index}"
        if int(index) >= len(params):
            raise ValueError(f"{where} names no parameter of the trainer")
        for entry, value in values.items():
            if entry == "step" and table.get(entry) == "scalar":
                ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 2**53
            else:
                ok = entry in table and value is None
            if not ok or entry in loaded_state.get(int(index), {}):
                raise ValueError(f"{where}.{entry} is not a valid {kind} state ({short(value)})")
            loaded_state.setdefault(int(index), {})[entry] = value
    for index, values in loaded_state.items():
        required = set(_REQUIRED_STATE[kind])
        if kind == "adam" and group_of[index].get("amsgrad"):
            required.add("max_exp_avg_sq")
        if kind == "sgd" and values.get("momentum_buffer", 0) is None:
            required = set()
        missing = sorted(required - set(values))
        if missing:
            raise ValueError(f"{name}'s state of parameter {index} lacks {missing[0]}")
    return {"state": loaded_state, "param_groups": loaded_groups}


def _like(value: Any, reference: Any, where: str) -> Any:
    """A saved optimiser setting, checked to have the type of the trainer's own one."""
    if isinstance(reference, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(reference, int | float):
        if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) <= 2**53:
            return float(value) if isinstance(reference, float) else value
    elif isinstance(reference, tuple | list):
        if isinstance(value, list | tuple) and len(value) == len(reference):
            items = [_like(v, r, f"{where}[{i}]") for i, (v, r) in enumerate(zip(value, reference, strict=True))]
            return type(reference)(items)
    elif isinstance(reference, str):
        if isinstance(value, str):
            return value
    else:
        return reference  # a setting JSON cannot hold (a tensor learning rate): keep the trainer's
    raise ValueError(f"{where} must be like {short(reference)} (got {short(value)})")


def _stream_states(streams: Mapping[str, Any], state: TrainerState, used: set[str]) -> tuple[dict, tuple[str, ...]]:
    """The random streams' states to set, checked on scratch generators; and notes on streams that start afresh."""
    torch_rngs, numpy_rngs = state.training.get("torch_rngs", {}), state.training.get("numpy_rngs", {})
    extra = sorted((set(torch_rngs) | set(numpy_rngs)) - set(streams))
    if extra:
        raise ValueError(f"the state has a random stream {extra[0]} that this trainer does not have")
    states: dict[str, torch.Tensor | dict[str, Any]] = {}
    notes: list[str] = []
    for name, stream in streams.items():
        where = f"random stream {name}"
        if isinstance(stream, torch.Generator):
            if name not in torch_rngs:
                raise ValueError(f"the {where} is missing")
            used.add(f"rng.{name}")
            if torch_rngs[name] != stream.device.type:
                notes.append(f"the {where} was saved on {torch_rngs[name]} and starts afresh on {stream.device.type}")
                continue
            saved = state.tensors[f"rng.{name}"].clone()
            try:
                torch.Generator(device=stream.device).set_state(saved)
            except (RuntimeError, ValueError, TypeError) as exc:
                raise ValueError(f"the {where} is damaged ({exc})") from None
            states[name] = saved
        elif isinstance(stream, np.random.Generator):
            if name not in numpy_rngs:
                raise ValueError(f"the {where} is missing")
            saved = _decode_big_ints(numpy_rngs[name], stream.bit_generator.state, where)
            try:
                type(stream.bit_generator)().state = saved
            except (ValueError, TypeError, KeyError, OverflowError) as exc:
                raise ValueError(f"the {where} is damaged ({exc})") from None
            states[name] = saved
        else:
            raise TypeError(f"the {where} is a {type(stream).__name__}, not a torch or numpy generator")
    return states, tuple(notes)


def _encode_big_ints(value: Any) -> Any:
    """A numpy bit generator's state as JSON: its integers (128 bits, beyond JSON's) as decimal strings."""
    if isinstance(value, Mapping):
        return {str(k): _encode_big_ints(v) for k, v in value.items()}
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"cannot describe a random state holding {type(value).__name__}")


def _decode_big_ints(saved: Any, template: Any, where: str) -> Any:
    """_encode_big_ints undone, shaped like the trainer's own state `template`."""
    if isinstance(template, dict):
        if not isinstance(saved, Mapping) or set(saved) != set(template):
            raise ValueError(f"the {where} does not fit the trainer's {template.get('bit_generator')} generator")
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
    raise ValueError(f"the {where} is damaged (got {short(saved)} where {short(template)} belongs)")
