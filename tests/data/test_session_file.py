"""Session files (.ganlab): exact save / restore of a run, the timeline of any kind, lesson settings, safe saving.

Broken files are in test_session_broken.py, the trainer's state itself in test_trainer_state.py.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest
import torch
from session_helpers import (
    SMALL,
    TINY_IMAGE,
    assert_snapshots_close,
    hand_made_snapshot,
    make_small_session,
    members,
    same_arrays,
    save,
    trained,
)

from ganlab.app.images import image_trainer
from ganlab.app.kinds import ALL_PRESETS
from ganlab.app.loop import TrainingLoop
from ganlab.app.protocol import Command, MessageKind, TrainerState
from ganlab.app.sessions import read_session, write_session
from ganlab.core.image_config import ImageConfig
from ganlab.core.image_snapshot import ImageSnapshot
from ganlab.core.run_config import RunConfig
from ganlab.core.snapshot import FrozenArrays
from ganlab.core.trainer import Trainer
from ganlab.data import atomic
from ganlab.data.resources import resources_dir
from ganlab.data.session import SESSION_JSON, TIMELINE, WEIGHTS, SessionFileError, load_session, save_session

load = read_session  # opening through the run-kinds table, as the app does


@pytest.fixture(scope="module")
def small_session(tmp_path_factory) -> Path:
    return make_small_session(tmp_path_factory.mktemp("session") / "small.ganlab")


# ---- exact restore
def test_1d_restore_is_exact_and_training_continues_identically(tmp_path):
    config = ALL_PRESETS["figure1"].config
    original = trained(config, 50)
    path = tmp_path / "figure1.ganlab"
    save(path, config, trainer=original)
    session = load(path)
    assert session.has_weights and session.counters == (50, 50, 50)
    assert session.config == config and isinstance(session.config, RunConfig)

    restored = Trainer(session.config)
    assert not same_arrays(restored.snapshot(), original.snapshot())  # a fresh trainer is elsewhere
    assert session.restore_into(restored) == ()
    assert (restored.iteration, restored.d_steps, restored.g_steps) == (50, 50, 50)
    assert restored.losses() == original.losses()
    saved_view = original.snapshot()
    assert same_arrays(restored.snapshot(), saved_view)

    for _ in range(20):
        original.step()
        restored.step()
    after = original.snapshot()
    assert not same_arrays(after, saved_view)  # the 20 steps moved something...
    assert same_arrays(restored.snapshot(), after)  # ...the same way: optimiser and random states came back
    assert restored.losses() == original.losses()
    assert restored.data_rng.random() == original.data_rng.random()

    # Training the restored trainer did not change the opened session (no tensor is shared with it).
    again = Trainer(session.config)
    session.restore_into(again)
    assert same_arrays(again.snapshot(), saved_view)
    for _ in range(20):
        again.step()
    assert same_arrays(again.snapshot(), after)


@pytest.mark.parametrize(
    "config",
    [
        ImageConfig(dataset="digits_8x8", steps=10),
        # SGD with momentum for G, maxout and seeded dropout in D: the dropout stream must come back too
        ImageConfig(
            dataset="digits_8x8", architecture="mlp", g_width=32, d_width=16, maxout_pieces=2, noise_dim=8,
            optimizer_g="sgd", lr_g=0.05, batch_size=16, steps=10,
        ),
    ],
    ids=["dcgan", "mlp_sgd_dropout"],
)  # fmt: skip
def test_image_restore_is_exact_and_training_continues_identically(tmp_path, config):
    original = trained(config, 10)
    path = tmp_path / "digits.ganlab"
    write_session(path, config, original.state_dict())
    session = load(path)
    assert session.kind == "image" and isinstance(session.config, ImageConfig) and session.config == config

    restored = image_trainer(session.config)
    assert not np.array_equal(restored.samples(), original.samples())
    session.restore_into(restored)
    np.testing.assert_array_equal(restored.samples(), original.samples())
    assert restored.losses() == original.losses()
    for name in ("running_mean", "running_var"):  # BatchNorm statistics (dcgan) are part of the state
        for a, b in zip(restored.generator.state_dict().items(), original.generator.state_dict().items(), strict=True):
            if a[0].endswith(name):
                torch.testing.assert_close(a[1], b[1], rtol=0, atol=0)
    before = original.samples()
    for _ in range(5):
        original.step()
        restored.step()
    assert not np.array_equal(original.samples(), before)
    np.testing.assert_array_equal(restored.samples(), original.samples())
    assert (restored.iteration, restored.d_steps, restored.g_steps) == (15, 15, 15)


def test_the_shipped_digits_session_loads_and_restores_exactly():
    path = resources_dir() / ALL_PRESETS["latent"].session
    session = load(path)
    assert session.kind == "image" and session.config == ALL_PRESETS["latent"].config and session.has_weights
    trainer = image_trainer(session.config)
    assert session.restore_into(trainer) == ()
    state = trainer.state_dict()
    assert state.counters == session.counters and session.counters[0] == session.config.steps
    assert state.tensors.keys() == session.state.tensors.keys()
    for name, tensor in session.state.tensors.items():
        assert torch.equal(state.tensors[name], tensor), name  # every weight, moment, random state and loss
    assert json.loads(json.dumps(state.training)) == json.loads(json.dumps(session.state.training))


# ---- what a lesson file carries
def timeline_layout(path: Path) -> dict[str, str]:
    return json.loads(members(path)[SESSION_JSON])["timeline"]["arrays"]


def test_timeline_round_trip_within_float32(tmp_path):
    path = tmp_path / "timeline.ganlab"
    trainer = trained(SMALL, 0)
    run = [trainer.snapshot("start")]
    for _ in range(4):
        trainer.step()
        run.append(trainer.snapshot())
    save(path, SMALL, snapshots=run)
    session = load(path)
    assert not session.has_weights
    assert_snapshots_close(session.snapshots, run)
    layout = timeline_layout(path)
    assert layout["x"] == layout["p_data"] == "constant" and layout["p_g"] == layout["g_z"] == "stacked"

    # Snapshots whose arrays differ in shape (another target, fewer arrows) are stored one by one.
    mixed = [*run[:2], *(hand_made_snapshot(i) for i in range(1, 4)), hand_made_snapshot(4, g_z_size=6)]
    save(path, SMALL, snapshots=mixed)
    assert_snapshots_close(load(path).snapshots, mixed)
    assert timeline_layout(path)["g_z"] == "separate"

    # Arrays that never change within the timeline are stored once, exactly (float64).
    same = [hand_made_snapshot(1), hand_made_snapshot(1)]
    save(path, SMALL, snapshots=same)
    loaded = load(path).snapshots
    np.testing.assert_array_equal(loaded[0].p_data, same[0].p_data)
    assert loaded[0].p_data.dtype == np.float64 and not loaded[0].p_data.flags.writeable


def test_an_image_timeline_round_trips(tmp_path):
    trainer = trained(TINY_IMAGE, 0)
    run = [trainer.snapshot("start")]
    for _ in range(3):
        trainer.step()
        run.append(trainer.snapshot())
    path = tmp_path / "images.ganlab"
    write_session(path, TINY_IMAGE, trainer.state_dict(), snapshots=run)
    session = load(path)
    assert all(type(s) is ImageSnapshot for s in session.snapshots)
    assert_snapshots_close(session.snapshots, run)
    assert timeline_layout(path)["verdict"] == "stacked"
    with pytest.raises(TypeError, match="holds ImageSnapshots, not Snapshots"):
        write_session(path, TINY_IMAGE, snapshots=[hand_made_snapshot(1)])


@dataclass(frozen=True)
class PathSnapshot(FrozenArrays):
    """A snapshot of a kind the session code has never heard of: other arrays, other scalars."""

    path: np.ndarray
    weights: np.ndarray
    step: int
    score: float
    converged: bool
    label: str
    window: tuple[float, float, float]
    grid: tuple[int, int]

    ARRAYS: ClassVar[tuple[str, ...]] = ("path", "weights")
    ARRAY_DTYPE: ClassVar[type] = np.float32


def path_snapshot(i: int) -> PathSnapshot:
    return PathSnapshot(
        path=np.arange(2 * (i + 1), dtype=np.float64).reshape(-1, 2) / 3,  # a new shape each time: separate
        weights=np.full((2, 3), 0.25),  # the same each time: constant
        step=2**40 + i,
        score=math.nan if i == 1 else -1.0 / (i + 1),
        converged=i == 2,
        label=f"étape {i}",
        window=(-math.inf, 0.5 * i, 1e300),
        grid=(i, -i),
    )


def test_a_timeline_of_any_snapshot_type_round_trips(tmp_path):
    """The data layer names no kind: a new kind's settings class and snapshot type come from the caller."""
    path = tmp_path / "other.ganlab"
    run = [path_snapshot(i) for i in range(3)]
    save_session(path, "other", SMALL, snapshots=run, title="other kind")
    session = load_session(path, {"other": RunConfig}, {"other": PathSnapshot})
    assert session.kind == "other" and session.config == SMALL and session.title == "other kind"
    assert_snapshots_close(session.snapshots, run)
    assert timeline_layout(path) == {"path": "separate", "weights": "constant"}
    with pytest.raises(SessionFileError, match="kind must be one of 1d, image.* \\(got 'other'\\)"):
        load(path)  # not a registered kind
    with pytest.raises(SessionFileError, match="other.ganlab: timeline.safetensors: this ganlab cannot read"):
        load_session(path, {"other": RunConfig})
    with pytest.raises(TypeError, match="one type"):
        save_session(path, "other", SMALL, snapshots=[path_snapshot(0), hand_made_snapshot(1)])


def test_lesson_settings_round_trip(tmp_path):
    path = tmp_path / "lesson.ganlab"
    controls = ["loss", "lr_d", "k", "Beschleunigung ü"]
    notes = "Line one.\nZeile zwei: ä ö ü ß — 日本語\n\ttabbed"
    write_session(path, SMALL, hidden_controls=controls, title="Sättigung 1", notes=notes, language="de")
    session = load(path)
    assert session.hidden_controls == tuple(controls)
    assert (session.title, session.notes, session.language) == ("Sättigung 1", notes, "de")
    assert session.app_version and session.kind == "1d"
    document = json.loads(members(path)[SESSION_JSON])
    assert (document["title"], document["notes"], document["language"]) == ("Sättigung 1", notes, "de")


def test_config_only_session(tmp_path):
    path = tmp_path / "config.ganlab"
    config = ALL_PRESETS["saturation"].config
    write_session(path, config)
    session = load(path)
    assert session.config == config and session.has_weights is False and session.state is None
    assert session.snapshots == () and session.counters is None and session.hidden_controls == ()
    assert set(members(path)) == {SESSION_JSON}
    with pytest.raises(SessionFileError, match="config.ganlab.*no trained state"):
        session.restore_into(Trainer(config))

    image = ImageConfig(dataset="digits_8x8", architecture="mlp", g_width=12)
    write_session(path, image)
    assert load(path).config == image


def test_saving_the_same_run_gives_the_same_bytes(tmp_path):
    trainer = trained(SMALL, 2)
    save(tmp_path / "a.ganlab", SMALL, trainer=trainer)
    write_session(tmp_path / "b.ganlab", SMALL, trainer.state_dict())
    assert (tmp_path / "a.ganlab").read_bytes() == (tmp_path / "b.ganlab").read_bytes()


def test_the_modules_are_qt_free():
    code = (
        "import sys, ganlab.data.session, ganlab.data.atomic, ganlab.app.sessions; "
        "print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"


# ---- the training loop saves and restores through the same code
def test_the_loop_sends_its_state_and_restores_a_session(tmp_path):
    published = []
    loop = TrainingLoop(SMALL, "cpu", published.append)
    for _ in range(3):
        loop.handle(Command("step"))
    loop.handle(Command("state", 7))
    (answer,) = [m.payload for m in published if m.kind == MessageKind.STATE]
    assert isinstance(answer, TrainerState) and answer.request == 7 and answer.config == SMALL
    assert answer.state.counters == (3, 3, 3)
    path = tmp_path / "loop.ganlab"
    write_session(path, answer.config, answer.state)
    expected = loop.trainer.snapshot()

    loop.handle(Command("reset"))
    assert loop.trainer.iteration == 0
    published.clear()
    loop.handle(Command("restore", str(path)))
    assert not [m for m in published if m.kind == MessageKind.ERROR]
    assert loop.trainer.iteration == 3 and same_arrays(loop.trainer.snapshot(), expected)

    write_session(path, SMALL)  # settings only: the loop reports the problem and keeps its run
    loop.handle(Command("restore", str(path)))
    (error,) = [m.payload for m in published if m.kind == MessageKind.ERROR]
    assert "loop.ganlab: holds no trained state" in str(error) and loop.trainer.iteration == 3


# ---- saving safely
def test_save_never_destroys_an_existing_file(tmp_path, monkeypatch, small_session):
    path = tmp_path / "keep.ganlab"
    path.write_bytes(small_session.read_bytes())
    original = path.read_bytes()

    def fail(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(SessionFileError, match="cannot save .*keep.ganlab: Permission denied"):
        write_session(path, ALL_PRESETS["figure1"].config, title="new")
    monkeypatch.undo()
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.ganlab"]  # no temporary file left behind

    # A trainer that does not match the config fails before the disk is touched.
    with pytest.raises(SessionFileError, match="different configuration"):
        save(path, ALL_PRESETS["figure1"].config, trainer=Trainer(SMALL))
    assert path.read_bytes() == original

    with pytest.raises(SessionFileError, match="cannot save"):
        write_session(tmp_path / "no_such_folder" / "x.ganlab", SMALL)
    (tmp_path / "folder.ganlab").mkdir()
    with pytest.raises(SessionFileError, match="folder.ganlab"):
        write_session(tmp_path / "folder.ganlab", SMALL)
    assert (tmp_path / "folder.ganlab").is_dir()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="needs a user that permissions stop")
def test_save_into_an_unwritable_folder(tmp_path, small_session):
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "lesson.ganlab"
    path.write_bytes(small_session.read_bytes())
    folder.chmod(0o500)
    try:
        with pytest.raises((SessionFileError, OSError)):
            write_session(path, SMALL)
    finally:
        folder.chmod(0o700)
    assert path.read_bytes() == small_session.read_bytes()


def test_save_rejects_bad_arguments(tmp_path):
    with pytest.raises(TypeError):
        write_session(tmp_path / "a.ganlab", {"target": "gaussian"})
    with pytest.raises(TypeError):
        save_session(tmp_path / "a.ganlab", "1d", {"target": "gaussian"})
    with pytest.raises(TypeError):
        save_session(tmp_path / "a.ganlab", RunConfig, SMALL)
    with pytest.raises(TypeError):
        write_session(tmp_path / "a.ganlab", SMALL, hidden_controls="loss")
    with pytest.raises(ValueError):
        write_session(tmp_path / "a.ganlab", SMALL, title="x" * 10_000)
    with pytest.raises(TypeError):
        write_session(tmp_path / "a.ganlab", SMALL, ({}, {}))  # the old (tensors, training) pair
    with pytest.raises(ValueError, match="not both"):
        save(tmp_path / "a.ganlab", SMALL, trainer=Trainer(SMALL), state=Trainer(SMALL).state_dict())
    assert not (tmp_path / "a.ganlab").exists()


def test_the_session_members_keep_the_names_of_the_format(small_session):
    """Files written before the split into state_dict() and the session package: the same members and names."""
    document = json.loads(members(small_session)[SESSION_JSON])
    assert set(members(small_session)) == {SESSION_JSON, WEIGHTS, TIMELINE}
    assert document["schema_version"] == 1 and document["kind"] == "1d"
    assert set(document["training"]) == {"counters", "optimizers", "torch_rngs", "numpy_rngs"}
    assert set(document["training"]["torch_rngs"]) == {"noise_rng", "penalty_rng"}
    assert set(document["training"]["numpy_rngs"]) == {"data_rng"}
    assert isinstance(document["training"]["numpy_rngs"]["data_rng"]["state"]["state"], str)  # 128-bit ints as text
    assert document["timeline"]["count"] == 3 and set(document["timeline"]["text"]) == {"loss", "phase", "device"}
