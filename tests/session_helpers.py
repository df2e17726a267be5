"""What the session-file tests share: small runs, hand-made snapshots, and tools to take a file apart and rebuild it."""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path

import numpy as np
import safetensors.torch

from ganlab.app.images import image_trainer
from ganlab.app.kinds import kind_of
from ganlab.app.sessions import write_session
from ganlab.core.image_config import ImageConfig
from ganlab.core.run_config import RunConfig
from ganlab.core.snapshot import ARRAY_FIELDS, Snapshot
from ganlab.core.trainer import Trainer
from ganlab.data.session import SESSION_JSON, WEIGHTS, save_session

SMALL = RunConfig(g_width=8, d_width=8, g_depth=1, d_depth=1, batch_size=32, loss="wgan_gp")
TINY_IMAGE = ImageConfig(
    dataset="digits_8x8", architecture="mlp", g_width=16, d_width=8, maxout_pieces=2, noise_dim=4, optimizer_g="sgd",
    batch_size=8,
)  # fmt: skip


def save(path, config, **kwargs) -> None:
    """The data layer's save_session, with the kind the run-kinds table gives these settings (trainer= allowed)."""
    save_session(path, kind_of(config).name, config, **kwargs)


def same_arrays(a: Snapshot, b: Snapshot) -> bool:
    return all(np.array_equal(getattr(a, f), getattr(b, f), equal_nan=True) for f in ARRAY_FIELDS)


def trained(config, steps: int):
    trainer = Trainer(config) if isinstance(config, RunConfig) else image_trainer(config)
    for _ in range(steps):
        trainer.step()
    return trainer


def build(config):
    """A fresh trainer of these settings, of either kind."""
    return trained(config, 0)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(path: Path, contents: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> Path:
    """A ZIP with exactly these members (valid CRCs), written to path."""
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return path


def edit_json(source: Path, target: Path, edit) -> Path:
    contents = members(source)
    document = json.loads(contents[SESSION_JSON])
    edit(document)
    contents[SESSION_JSON] = json.dumps(document).encode()
    return rezip(target, contents)


def edit_weights(source: Path, target: Path, edit) -> Path:
    contents = members(source)
    tensors = safetensors.torch.load(contents[WEIGHTS])
    edit(tensors)
    contents[WEIGHTS] = safetensors.torch.save(tensors)
    document = json.loads(contents[SESSION_JSON])
    document["members"][WEIGHTS]["bytes"] = len(contents[WEIGHTS])
    contents[SESSION_JSON] = json.dumps(document).encode()
    return rezip(target, contents)


def hand_made_snapshot(i: int, g_z_size: int = 3) -> Snapshot:
    x = np.linspace(-3.0, 5.0, 9)
    return Snapshot(
        x=x,
        p_data=np.exp(-(x**2)),
        p_g=np.linspace(0.8, 0.0, 9) + 0.1 * i,
        d=np.full(9, 0.5) + np.pi * 1e-3 * i,
        z=np.linspace(-1.0, 1.0, g_z_size),
        g_z=np.linspace(-2.0, 7.0, g_z_size) * (1 + i),
        d_star=np.where(np.arange(9) < 2, np.nan, 0.3),
        g_grad=np.full(g_z_size, 1e39),  # beyond float32: stored as inf, as the history does
        d_fake=np.array([0.1, 0.2, 0.3, 0.4]) / 3,
        hist_x=np.array([-2.0, 0.0, 2.0, 4.0]),
        hist_density=np.array([0.1, 0.3, 0.2, 0.0]) * i,
        x_range=(-3.0, 5.0),
        z_range=(-1.0, 1.0),
        iteration=10 * i,
        d_steps=10 * i + 3,
        g_steps=2**40 + i,
        d_loss=1.0 / 3.0,
        g_loss=math.nan,
        g_grad_norm=math.inf,
        jsd=0.2,
        kl=-math.inf,
        kl_reverse=1e-300,
        w1=0.3,
        value=-1.2,
        c_of_g=-1.386294361 + 0.4,
        d_acc_real=0.7,
        d_acc_fake=0.6,
        loss="wgan_gp" if i % 2 else "non_saturating",
        d_is_probability=bool(i % 2),
        phase=("start", "d", "g", "iteration")[i % 4],
        device="cpu",
        created=123.456 + i,
    )


def assert_scalars_equal(a, b) -> None:
    """Every non-array field of two snapshots: the same type and value (NaN equal to NaN)."""
    array_fields = type(b).ARRAYS
    scalars_a = {k: v for k, v in vars(a).items() if k not in array_fields}
    scalars_b = {k: v for k, v in vars(b).items() if k not in array_fields}
    assert scalars_a.keys() == scalars_b.keys()
    for key, value in scalars_b.items():
        got = scalars_a[key]
        assert type(got) is type(value), key
        if isinstance(value, float) and math.isnan(value):
            assert math.isnan(got), key
        else:
            assert got == value, key


def assert_snapshots_close(loaded: tuple, original: list) -> None:
    assert len(loaded) == len(original)
    for a, b in zip(loaded, original, strict=True):
        assert type(a) is type(b)
        for name in type(b).ARRAYS:
            exact, got = getattr(b, name), getattr(a, name)
            with np.errstate(over="ignore"):
                rounded = exact.astype(np.float32).astype(exact.dtype)
            # float32 precision (NaN and inf kept), or exact for arrays stored once
            assert np.array_equal(got, rounded, equal_nan=True) or np.array_equal(got, exact, equal_nan=True), name
            assert got.dtype == type(b).ARRAY_DTYPE and not got.flags.writeable
        assert_scalars_equal(a, b)


def make_small_session(path: Path) -> Path:
    """A valid session of a small 1-D run: weights (Adam, a gradient penalty) and a 3-snapshot timeline."""
    trainer = trained(SMALL, 3)
    snapshots = [trainer.snapshot(), hand_made_snapshot(1), hand_made_snapshot(2, g_z_size=5)]
    write_session(path, SMALL, trainer.state_dict(), snapshots=snapshots, hidden_controls=["loss", "lr_d"], title="t")
    return path


def make_image_session(path: Path) -> Path:
    """A valid session of a tiny image run: SGD with momentum for G, seeded dropout in D, no timeline."""
    trainer = trained(TINY_IMAGE, 2)
    write_session(path, TINY_IMAGE, trainer.state_dict(), title="digits")
    return path
