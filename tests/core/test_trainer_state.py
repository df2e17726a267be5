"""A trainer's whole state as plain data: state_dict() / load_state_dict(), and checkpoint() / restore() on them."""

from __future__ import annotations

import copy
import json
import re
import time

import numpy as np
import pytest
import torch
from session_helpers import SMALL, TINY_IMAGE, same_arrays, trained

from ganlab.app.images import image_trainer
from ganlab.core.trainer import Trainer
from ganlab.core.trainer_state import TrainerState


def assert_same_state(a: TrainerState, b: TrainerState) -> None:
    assert a.tensors.keys() == b.tensors.keys()
    for name, tensor in a.tensors.items():
        other = b.tensors[name]
        assert tensor.dtype == other.dtype and tensor.shape == other.shape, name
        same = (tensor == other) | (tensor.isnan() & other.isnan()) if tensor.is_floating_point() else tensor == other
        assert bool(same.all()), name  # NaN losses before the first step are equal here
    assert json.dumps(a.training, sort_keys=True) == json.dumps(b.training, sort_keys=True)


def test_the_state_is_plain_data_on_the_cpu():
    trainer = trained(SMALL, 3)
    state = trainer.state_dict()
    assert state.counters == (3, 3, 3)
    assert all(t.device.type == "cpu" for t in state.tensors.values())
    names = set(state.tensors)
    assert {"generator.0.weight", "discriminator.0.bias", "opt_d.state.0.exp_avg", "opt_g.state.1.step"} <= names
    assert {"rng.noise_rng", "rng.penalty_rng", "loss.d_loss", "loss.g_loss", "loss.g_grad_norm"} <= names
    assert "rng.data_rng" not in names  # a numpy stream: in the JSON part
    text = json.dumps(state.training, allow_nan=False)  # JSON as it is: no NaN, no big ints, no tuples
    assert json.loads(text) == state.training
    assert state.training["torch_rngs"] == {"noise_rng": "cpu", "penalty_rng": "cpu"}
    assert state.training["optimizers"]["opt_d"]["type"] == "adam"


def test_the_state_is_a_copy():
    trainer = trained(SMALL, 2)
    state = trainer.state_dict()
    kept = copy.deepcopy(state)
    for _ in range(3):
        trainer.step()
    assert_same_state(state, kept)


def test_load_state_dict_into_a_fresh_trainer_continues_identically():
    original = trained(TINY_IMAGE, 3)
    copy_of = image_trainer(TINY_IMAGE)
    assert copy_of.load_state_dict(original.state_dict()) == ()
    for _ in range(3):
        original.step()
        copy_of.step()
    np.testing.assert_array_equal(copy_of.samples(), original.samples())
    assert copy_of.losses() == original.losses()
    assert_same_state(copy_of.state_dict(), original.state_dict())


def _edit(state: TrainerState, tensors=None, training=None) -> TrainerState:
    new_tensors = dict(state.tensors)
    new_training = copy.deepcopy(dict(state.training))
    if tensors:
        tensors(new_tensors)
    if training:
        training(new_training)
    return TrainerState(new_tensors, new_training)


MISMATCHES = {
    "wrong shape": (
        lambda s: _edit(s, tensors=lambda t: t.update({"discriminator.0.bias": torch.zeros(3)})),
        r"discriminator.0.bias is float32 \(3,\) in the state, the trainer's is float32 \(8,\)",
    ),
    "wrong dtype": (
        lambda s: _edit(s, tensors=lambda t: t.update({"generator.0.bias": t["generator.0.bias"].double()})),
        "generator.0.bias is float64",
    ),
    "missing weight": (lambda s: _edit(s, tensors=lambda t: t.pop("generator.2.weight")), "lacks generator.2.weight"),
    "optimiser state of another shape": (
        lambda s: _edit(s, tensors=lambda t: t.update({"opt_g.state.0.exp_avg": torch.zeros(5)})),
        r"opt_g.state.0.exp_avg is float32 \(5,\), its parameter",
    ),
    "optimiser type": (
        lambda s: _edit(s, training=lambda d: d["optimizers"]["opt_g"].update(type="sgd")),
        "opt_g was saved as sgd, but the trainer's optimiser is adam",
    ),
    "optimiser setting": (
        lambda s: _edit(s, training=lambda d: d["optimizers"]["opt_d"]["param_groups"][0].update(lr=-1.0)),
        r"param_groups\[0\] is not a valid adam setting",
    ),
    "missing stream": (
        lambda s: _edit(
            s, tensors=lambda t: t.pop("rng.noise_rng"), training=lambda d: d["torch_rngs"].pop("noise_rng")
        ),
        "the random stream noise_rng is missing",
    ),
    "damaged numpy stream": (
        lambda s: _edit(s, training=lambda d: d["numpy_rngs"]["data_rng"]["state"].update(inc="x")),
        "random stream data_rng is damaged",
    ),
    "unknown stream": (
        lambda s: _edit(s, training=lambda d: d["numpy_rngs"].update(extra_rng={})),
        "random stream extra_rng that this trainer does not have",
    ),
    "tensor with no place": (
        lambda s: _edit(s, tensors=lambda t: t.update({"opt_d.state.0.surprise": torch.zeros(1)})),
        "opt_d.state.0.surprise names no state",
    ),
}


@pytest.mark.parametrize("name", MISMATCHES)
def test_a_state_that_does_not_fit_is_refused_before_anything_changes(name):
    make, pattern = MISMATCHES[name]
    source = trained(SMALL, 3)
    trainer = trained(SMALL, 1)
    before, view = trainer.state_dict(), trainer.snapshot()
    data_draw = copy.deepcopy(trainer.data_rng.bit_generator.state)
    try:
        state = make(source.state_dict())
    except ValueError as exc:  # some are refused as soon as they are made
        assert re.search(pattern, str(exc)), str(exc)
        return
    with pytest.raises(ValueError, match=pattern):
        trainer.load_state_dict(state)
    assert_same_state(trainer.state_dict(), before)
    assert same_arrays(trainer.snapshot(), view) and trainer.data_rng.bit_generator.state == data_draw


def test_a_malformed_state_cannot_be_made_or_loaded():
    state = trained(SMALL, 1).state_dict()
    with pytest.raises(ValueError, match="training.counters.iteration must be a whole number"):
        _edit(state, training=lambda d: d["counters"].update(iteration=-1))
    with pytest.raises(ValueError, match="the tensor loss.g_loss is missing"):
        _edit(state, tensors=lambda t: t.pop("loss.g_loss"))
    with pytest.raises(ValueError, match="rng.noise_rng must be a 1-D uint8 tensor"):
        _edit(state, tensors=lambda t: t.update({"rng.noise_rng": torch.zeros(3)}))
    with pytest.raises(ValueError, match="unexpected tensor 'critic.weight'"):
        _edit(state, tensors=lambda t: t.update({"critic.weight": torch.zeros(1)}))
    trainer = Trainer(SMALL)
    before = trainer.state_dict()
    state.training["counters"]["iteration"] = "many"  # changed after it was made: checked again on loading
    with pytest.raises(ValueError, match="training.counters.iteration"):
        trainer.load_state_dict(state)
    with pytest.raises(TypeError, match="TrainerState"):
        trainer.load_state_dict(({}, {}))
    assert_same_state(trainer.state_dict(), before)


def test_a_random_stream_of_another_device_starts_afresh_with_a_note():
    source = trained(TINY_IMAGE, 2).state_dict()
    state = _edit(source, training=lambda d: d["torch_rngs"].update(dropout_rng="cuda"))
    trainer = image_trainer(TINY_IMAGE)
    fresh = trainer.dropout_rng.get_state()
    notes = trainer.load_state_dict(state)
    assert notes == ("the random stream dropout_rng was saved on cuda and starts afresh on cpu",)
    assert torch.equal(trainer.dropout_rng.get_state(), fresh) and trainer.iteration == 2


def test_checkpoints_are_fast_enough_to_take_sixty_a_second():
    trainer = trained(SMALL, 2)
    start = time.perf_counter()
    for _ in range(60):
        trainer.restore(trainer.checkpoint())
    assert time.perf_counter() - start < 1.0
