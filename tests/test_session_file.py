"""Session files (.ganlab): exact save / restore of a run, the timeline, lesson settings, and every broken file."""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import signal
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import safetensors.torch
import torch

from ganlab.app.images import image_trainer
from ganlab.app.kinds import ALL_PRESETS
from ganlab.core.image_config import ImageConfig
from ganlab.core.image_trainer import ImageTrainer
from ganlab.core.run_config import RunConfig
from ganlab.core.snapshot import ARRAY_FIELDS, Snapshot
from ganlab.core.trainer import Trainer
from ganlab.data import session_file
from ganlab.data.session_file import (
    SESSION_JSON,
    TIMELINE,
    WEIGHTS,
    SessionFileError,
    load_session,
    save_session,
)

SMALL = RunConfig(g_width=8, d_width=8, g_depth=1, d_depth=1, batch_size=32, loss="wgan_gp")
TINY_IMAGE = ImageConfig(
    dataset="digits_8x8", architecture="mlp", g_width=16, d_width=8, maxout_pieces=2, noise_dim=4, optimizer_g="sgd",
    batch_size=8,
)  # fmt: skip


# ---- helpers
def same_arrays(a: Snapshot, b: Snapshot) -> bool:
    return all(np.array_equal(getattr(a, f), getattr(b, f), equal_nan=True) for f in ARRAY_FIELDS)


def trained(config, steps: int):
    trainer = Trainer(config) if isinstance(config, RunConfig) else image_trainer(config)
    for _ in range(steps):
        trainer.step()
    return trainer


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


def assert_snapshots_close(loaded: tuple[Snapshot, ...], original: list[Snapshot]) -> None:
    assert len(loaded) == len(original)
    for a, b in zip(loaded, original, strict=True):
        for name in ARRAY_FIELDS:
            exact, got = getattr(b, name), getattr(a, name)
            with np.errstate(over="ignore"):
                rounded = exact.astype(np.float32).astype(np.float64)
            # float32 precision (NaN and inf kept), or exact for arrays stored once
            assert np.array_equal(got, rounded, equal_nan=True) or np.array_equal(got, exact, equal_nan=True), name
            assert got.dtype == np.float64 and not got.flags.writeable
        scalars_a, scalars_b = a.scalars(), b.scalars()
        assert scalars_a.keys() == scalars_b.keys()
        for key, value in scalars_b.items():
            got = scalars_a[key]
            assert type(got) is type(value), key
            if isinstance(value, float) and math.isnan(value):
                assert math.isnan(got), key
            else:
                assert got == value, key


@pytest.fixture(scope="module")
def small_session(tmp_path_factory) -> Path:
    """A valid session of a small 1-D run: weights (Adam, a gradient penalty) and a 3-snapshot timeline."""
    path = tmp_path_factory.mktemp("session") / "small.ganlab"
    trainer = trained(SMALL, 3)
    snapshots = [trainer.snapshot(), hand_made_snapshot(1), hand_made_snapshot(2, g_z_size=5)]
    save_session(path, SMALL, trainer=trainer, snapshots=snapshots, hidden_controls=["loss", "lr_d"], title="t")
    return path


@pytest.fixture(scope="module")
def image_session(tmp_path_factory) -> Path:
    """A valid session of a tiny image run: SGD with momentum for G, seeded dropout in D, no timeline."""
    path = tmp_path_factory.mktemp("session") / "image.ganlab"
    trainer = trained(TINY_IMAGE, 2)
    save_session(path, TINY_IMAGE, trainer=trainer, title="digits")
    return path


# ---- exact restore
def test_1d_restore_is_exact_and_training_continues_identically(tmp_path):
    config = ALL_PRESETS["figure1"].config
    original = trained(config, 50)
    path = tmp_path / "figure1.ganlab"
    save_session(path, config, trainer=original)
    session = load_session(path)
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
    save_session(path, config, trainer=original)
    session = load_session(path)
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
    save_session(path, SMALL, snapshots=run)
    session = load_session(path)
    assert not session.has_weights
    assert_snapshots_close(session.snapshots, run)
    layout = timeline_layout(path)
    assert layout["x"] == layout["p_data"] == "constant" and layout["p_g"] == layout["g_z"] == "stacked"

    # Snapshots whose arrays differ in shape (another target, fewer arrows) are stored one by one.
    mixed = [*run[:2], *(hand_made_snapshot(i) for i in range(1, 4)), hand_made_snapshot(4, g_z_size=6)]
    save_session(path, SMALL, snapshots=mixed)
    assert_snapshots_close(load_session(path).snapshots, mixed)
    assert timeline_layout(path)["g_z"] == "separate"

    # Arrays that never change within the timeline are stored once, exactly (float64).
    same = [hand_made_snapshot(1), hand_made_snapshot(1)]
    save_session(path, SMALL, snapshots=same)
    loaded = load_session(path).snapshots
    np.testing.assert_array_equal(loaded[0].p_data, same[0].p_data)
    assert loaded[0].p_data.dtype == np.float64 and not loaded[0].p_data.flags.writeable


def test_lesson_settings_round_trip(tmp_path):
    path = tmp_path / "lesson.ganlab"
    controls = ["loss", "lr_d", "k", "Beschleunigung ü"]
    notes = "Line one.\nZeile zwei: ä ö ü ß — 日本語\n\ttabbed"
    save_session(path, SMALL, hidden_controls=controls, title="Sättigung 1", notes=notes, language="de")
    session = load_session(path)
    assert session.hidden_controls == tuple(controls)
    assert (session.title, session.notes, session.language) == ("Sättigung 1", notes, "de")
    assert session.app_version and session.kind == "1d"


def test_config_only_session(tmp_path):
    path = tmp_path / "config.ganlab"
    config = ALL_PRESETS["saturation"].config
    save_session(path, config)
    session = load_session(path)
    assert session.config == config and session.has_weights is False
    assert session.snapshots == () and session.counters is None and session.hidden_controls == ()
    assert set(members(path)) == {SESSION_JSON}
    with pytest.raises(SessionFileError, match="config.ganlab.*no trained state"):
        session.restore_into(Trainer(config))

    image = ImageConfig(dataset="digits_8x8", architecture="mlp", g_width=12)
    save_session(path, image)
    assert load_session(path).config == image


def test_saving_the_same_run_gives_the_same_bytes(tmp_path):
    trainer = trained(SMALL, 2)
    save_session(tmp_path / "a.ganlab", SMALL, trainer=trainer)
    save_session(tmp_path / "b.ganlab", SMALL, trainer=trainer)
    assert (tmp_path / "a.ganlab").read_bytes() == (tmp_path / "b.ganlab").read_bytes()


def test_the_module_is_qt_free():
    code = (
        "import sys, ganlab.data.session_file; print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"


# ---- broken files
def _not_a_zip(src, p):
    p.write_text("just some notes, not a session")


def _empty(src, p):
    p.write_bytes(b"")


def _truncated(src, p):
    p.write_bytes(src.read_bytes()[: len(src.read_bytes()) // 2])


def _missing_json(src, p):
    contents = members(src)
    del contents[SESSION_JSON]
    rezip(p, contents)


def _invalid_json(src, p):
    rezip(p, {**members(src), SESSION_JSON: b'{"format": "ganlab-session", "schema_version": 1,'})


def _binary_json(src, p):
    rezip(p, {**members(src), SESSION_JSON: bytes(range(256))})


def _json_array(src, p):
    rezip(p, {**members(src), SESSION_JSON: b"[1, 2, 3]"})


def _foreign_json(src, p):
    rezip(p, {SESSION_JSON: json.dumps({"name": "some other program", "version": 3}).encode()})


def _foreign_zip(src, p):
    rezip(p, {"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"})


def _newer_schema(src, p):
    edit_json(src, p, lambda d: d.update(schema_version=7))


def _bad_schema(src, p):
    edit_json(src, p, lambda d: d.update(schema_version="one"))


def _unknown_kind(src, p):
    edit_json(src, p, lambda d: d.update(kind="3d"))


def _invalid_config(src, p):
    edit_json(src, p, lambda d: d["config"].update(noise_dim=-1))


def _unknown_setting(src, p):
    edit_json(src, p, lambda d: d["config"].update(warp_speed=9))


def _newer_config(src, p):
    edit_json(src, p, lambda d: d["config"].update(schema_version=99))


def _missing_weights(src, p):
    contents = members(src)
    del contents[WEIGHTS]
    rezip(p, contents)


def _corrupt_safetensors(src, p):
    contents = members(src)
    contents[WEIGHTS] = b"\x10\x00\x00\x00\x00\x00\x00\x00{not a header!!}" + bytes(len(contents[WEIGHTS]) - 24)
    rezip(p, contents)


def _corrupt_timeline(src, p):
    contents = members(src)
    contents[TIMELINE] = bytes(reversed(contents[TIMELINE]))
    rezip(p, contents)


def _wrong_size_listed(src, p):
    edit_json(src, p, lambda d: d["members"][WEIGHTS].update(bytes=12))


def _bad_counter(src, p):
    edit_json(src, p, lambda d: d["training"]["counters"].update(iteration=-3))


def _bad_controls(src, p):
    edit_json(src, p, lambda d: d.update(hidden_controls="loss"))


def _timeline_text_short(src, p):
    edit_json(src, p, lambda d: d["timeline"]["text"]["phase"].pop())


def _huge_json(src, p):
    contents = members(src)
    document = json.loads(contents[SESSION_JSON])
    document["padding"] = "x" * (5 * 2**20)
    rezip(p, {**contents, SESSION_JSON: json.dumps(document).encode()}, zipfile.ZIP_DEFLATED)


def _zip_bomb(src, p):
    contents = members(src)
    contents[WEIGHTS] = bytes(64 * 2**20)  # 64 MiB of zeros deflate to ~64 KiB
    rezip(p, contents, zipfile.ZIP_DEFLATED)


def _absurd_declared_size(src, p):
    data = bytearray(src.read_bytes())
    start = data.rfind(b"PK\x01\x02")  # the last central directory entry (the timeline)
    struct.pack_into("<I", data, start + 24, 0xFFFF_FF00)  # its uncompressed size: ~4 GiB
    p.write_bytes(bytes(data))


def _encrypted_flag(src, p):
    data = bytearray(src.read_bytes())
    start = data.find(b"PK\x01\x02")
    data[start + 8] |= 0x01  # "encrypted": zipfile asks for a password
    p.write_bytes(bytes(data))


def _folder(src, p):
    p.mkdir()


BROKEN_ON_LOAD = {
    "not a zip": (_not_a_zip, "not a ganlab session file"),
    "empty file": (_empty, "not a ganlab session file"),
    "truncated": (_truncated, "not a ganlab session file"),
    "missing session.json": (_missing_json, "no session.json"),
    "invalid JSON": (_invalid_json, "not valid JSON"),
    "binary JSON": (_binary_json, "not valid JSON"),
    "JSON array": (_json_array, "not a ganlab session"),
    "foreign JSON": (_foreign_json, "not a ganlab session"),
    "foreign zip": (_foreign_zip, "no session.json"),
    "newer schema": (_newer_schema, r"made by a newer ganlab \(schema 7\); this one reads up to 1"),
    "bad schema": (_bad_schema, "schema_version"),
    "unknown kind": (_unknown_kind, "kind must be one of"),
    "invalid config": (_invalid_config, "invalid configuration: noise_dim must be between"),
    "unknown setting": (_unknown_setting, "invalid configuration: unknown setting.*warp_speed"),
    "newer config": (_newer_config, "invalid configuration: schema_version 99"),
    "missing weights": (_missing_weights, "incomplete: weights.safetensors is missing"),
    "corrupt safetensors": (_corrupt_safetensors, "weights.safetensors is damaged"),
    "corrupt timeline": (_corrupt_timeline, "timeline.safetensors is damaged"),
    "wrong listed size": (_wrong_size_listed, "session.json lists 12"),
    "bad counter": (_bad_counter, "training.counters.iteration"),
    "bad hidden controls": (_bad_controls, "hidden_controls"),
    "short timeline text": (_timeline_text_short, "timeline.text.phase"),
    "huge JSON": (_huge_json, "session.json claims .* bytes, more than"),
    "zip bomb": (_zip_bomb, "compressed .* to 1: refused"),
    "absurd declared size": (_absurd_declared_size, "timeline.safetensors claims 4294967040 bytes"),
    "encrypted": (_encrypted_flag, "damaged"),
    "folder": (_folder, "is a folder"),
}


@pytest.mark.parametrize("name", BROKEN_ON_LOAD)
def test_broken_file_raises_session_file_error_naming_it(small_session, tmp_path, name):
    make, pattern = BROKEN_ON_LOAD[name]
    path = tmp_path / f"broken_{name.replace(' ', '_')}.ganlab"
    make(small_session, path)
    with pytest.raises(SessionFileError, match=pattern) as info:
        load_session(path)
    assert path.name in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(SessionFileError, match="nowhere.ganlab: no such file"):
        load_session(tmp_path / "nowhere.ganlab")


def _rename(old, new):
    def edit(tensors):
        tensors[new] = tensors.pop(old)

    return edit


BROKEN_ON_RESTORE = {
    "weights of other networks": (
        lambda src, p: edit_json(src, p, lambda d: d["config"].update(g_width=16)),
        "weights do not match the configuration's networks: generator.0.weight is float32 \\(8, 1\\)",
    ),
    "wrong shape": (
        lambda src, p: edit_weights(src, p, lambda t: t.update({"discriminator.0.bias": torch.zeros(3)})),
        "discriminator.0.bias is float32 \\(3,\\) in weights.safetensors, the trainer's is float32 \\(8,\\)",
    ),
    "wrong dtype": (
        lambda src, p: edit_weights(src, p, lambda t: t.update({"generator.0.bias": t["generator.0.bias"].double()})),
        "generator.0.bias is float64",
    ),
    "missing tensor": (
        lambda src, p: edit_weights(src, p, lambda t: t.pop("discriminator.2.weight")),
        "lacks discriminator.2.weight",
    ),
    "renamed tensor": (
        lambda src, p: edit_weights(src, p, _rename("generator.2.bias", "generator.9.bias")),
        "lacks generator.2.bias",
    ),
    "optimiser state of the wrong shape": (
        lambda src, p: edit_weights(src, p, lambda t: t.update({"opt_d.state.0.exp_avg": torch.zeros(2, 2)})),
        "opt_d.state.0.exp_avg is float32 \\(2, 2\\), its parameter float32 \\(8, 1\\)",
    ),
    "optimiser state without a parameter": (
        lambda src, p: edit_weights(src, p, _rename("opt_g.state.0.exp_avg", "opt_g.state.99.exp_avg")),
        "opt_g.state.99.exp_avg names no state",
    ),
    "incomplete optimiser state": (
        lambda src, p: edit_weights(src, p, lambda t: t.pop("opt_g.state.1.exp_avg_sq")),
        "opt_g's state of parameter 1 lacks exp_avg_sq",
    ),
    "optimiser type": (
        lambda src, p: edit_json(src, p, lambda d: d["training"]["optimizers"]["opt_d"].update(type="sgd")),
        "opt_d was saved as sgd, but the trainer's optimiser is adam",
    ),
    "optimiser setting type": (
        lambda src, p: edit_json(
            src, p, lambda d: d["training"]["optimizers"]["opt_d"]["param_groups"][0].update(betas="fast")
        ),
        "param_groups\\[0\\].betas must be like",
    ),
    "damaged torch random state": (
        lambda src, p: edit_weights(src, p, lambda t: t["rng.noise_rng"].zero_()),
        "random stream noise_rng is damaged",
    ),
    "short torch random state": (
        lambda src, p: edit_weights(src, p, lambda t: t.update({"rng.penalty_rng": t["rng.penalty_rng"][:100]})),
        "random stream penalty_rng is damaged",
    ),
    "damaged numpy random state": (
        lambda src, p: edit_json(
            src, p, lambda d: d["training"]["numpy_rngs"]["data_rng"]["state"].update(state="12x")
        ),
        "random stream data_rng is damaged",
    ),
    "numpy random state out of range": (
        lambda src, p: edit_json(src, p, lambda d: d["training"]["numpy_rngs"]["data_rng"].update(uinteger=str(2**40))),
        "random stream data_rng is damaged",
    ),
    "extra tensor": (
        lambda src, p: edit_weights(src, p, lambda t: t.update({"generator.extra": torch.zeros(1)})),
        "has an unexpected generator.extra",
    ),
}


@pytest.mark.parametrize("name", BROKEN_ON_RESTORE)
def test_mismatched_weights_raise_on_restore_and_leave_the_trainer_alone(small_session, tmp_path, name):
    make, pattern = BROKEN_ON_RESTORE[name]
    path = tmp_path / f"mismatch_{name.replace(' ', '_')}.ganlab"
    make(small_session, path)
    session = load_session(path)
    trainer = Trainer(session.config)
    before = trainer.snapshot()
    with pytest.raises(SessionFileError, match=pattern) as info:
        session.restore_into(trainer)
    assert path.name in str(info.value)
    assert trainer.iteration == 0 and same_arrays(trainer.snapshot(), before)  # checked first, applied after


def test_a_random_stream_from_another_device_starts_afresh_with_a_note(image_session, tmp_path):
    path = edit_json(
        image_session, tmp_path / "gpu.ganlab", lambda d: d["training"]["torch_rngs"].update(dropout_rng="cuda")
    )
    session = load_session(path)
    trainer = image_trainer(session.config)
    fresh_dropout = trainer.dropout_rng.get_state()
    notes = session.restore_into(trainer)
    assert notes == ("the random stream dropout_rng was saved on cuda and starts afresh on cpu",)
    assert torch.equal(trainer.dropout_rng.get_state(), fresh_dropout)
    exact = image_trainer(session.config)
    load_session(image_session).restore_into(exact)
    np.testing.assert_array_equal(trainer.samples(), exact.samples())  # everything else came back


def test_restore_into_a_trainer_of_another_config_is_refused(small_session):
    session = load_session(small_session)
    with pytest.raises(SessionFileError, match="small.ganlab: the trainer was not built from this session"):
        session.restore_into(Trainer(SMALL.replace(seed=1)))


# ---- saving safely
def test_save_never_destroys_an_existing_file(tmp_path, monkeypatch, small_session):
    path = tmp_path / "keep.ganlab"
    path.write_bytes(small_session.read_bytes())
    original = path.read_bytes()

    def fail(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(session_file.os, "replace", fail)
    with pytest.raises(SessionFileError, match="cannot save .*keep.ganlab: Permission denied"):
        save_session(path, ALL_PRESETS["figure1"].config, title="new")
    monkeypatch.undo()
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.ganlab"]  # no temporary file left behind

    # A trainer that does not match the config fails before the disk is touched.
    with pytest.raises(SessionFileError, match="different configuration"):
        save_session(path, ALL_PRESETS["figure1"].config, trainer=Trainer(SMALL))
    assert path.read_bytes() == original

    with pytest.raises(SessionFileError, match="cannot save"):
        save_session(tmp_path / "no_such_folder" / "x.ganlab", SMALL)
    (tmp_path / "folder.ganlab").mkdir()
    with pytest.raises(SessionFileError, match="folder.ganlab"):
        save_session(tmp_path / "folder.ganlab", SMALL)
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
            save_session(path, SMALL)
    finally:
        folder.chmod(0o700)
    assert path.read_bytes() == small_session.read_bytes()


def test_save_rejects_bad_arguments(tmp_path):
    with pytest.raises(TypeError):
        save_session(tmp_path / "a.ganlab", {"target": "gaussian"})
    with pytest.raises(TypeError):
        save_session(tmp_path / "a.ganlab", SMALL, hidden_controls="loss")
    with pytest.raises(ValueError):
        save_session(tmp_path / "a.ganlab", SMALL, title="x" * 10_000)
    assert not (tmp_path / "a.ganlab").exists()


# ---- fuzz: damaged files fail cleanly
JUNK_VALUES = [None, True, -1, 0, 2**64, 10**400 // 10**300, 1e308, -1e308, 1.5, "", "x" * 300, [], [1, "a"], {}]


def _json_paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _json_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _json_paths(value, (*prefix, i))


def _corrupt(data: bytes, rng: np.random.Generator) -> bytes:
    """One seeded random corruption of a session file's bytes."""
    kind = int(rng.integers(10))
    if kind == 0:  # flip bytes anywhere (the ZIP's CRCs catch most of these)
        out = bytearray(data)
        for _ in range(int(rng.integers(1, 10))):
            out[int(rng.integers(len(out)))] ^= int(rng.integers(1, 256))
        return bytes(out)
    if kind == 1:  # truncate
        return data[: int(rng.integers(len(data)))]
    if kind == 2:  # huge or random numbers in the ZIP headers
        out = bytearray(data)
        starts = [i for sig in (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06") for i in _find_all(data, sig)]
        start = starts[int(rng.integers(len(starts)))]
        offset = start + 4 + int(rng.integers(0, 40))
        value = [0xFFFFFFFF, 0x7FFFFFFF, 0, int(rng.integers(2**32))][int(rng.integers(4))]
        if offset + 4 <= len(out):
            struct.pack_into("<I", out, offset, value)
        return bytes(out)
    contents = _members_of(data)
    names = list(contents)
    name = names[int(rng.integers(len(names)))]
    if kind == 3:  # a member replaced by junk
        contents[name] = rng.integers(0, 256, int(rng.integers(0, 3000)), dtype=np.uint8).tobytes()
    elif kind == 4:  # bytes flipped inside a member, behind a valid CRC
        member = bytearray(contents[name])
        for _ in range(int(rng.integers(1, 6))):
            if member:
                member[int(rng.integers(len(member)))] ^= int(rng.integers(1, 256))
        contents[name] = bytes(member)
    elif kind == 5:  # a member truncated, or dropped
        if rng.random() < 0.3:
            del contents[name]
        else:
            contents[name] = contents[name][: int(rng.integers(len(contents[name]) + 1))]
    elif kind in (6, 7, 8):  # session.json: a field deleted, or its value swapped for another type or a huge number
        document = json.loads(contents[SESSION_JSON])
        paths = [p for p in _json_paths(document) if p]
        path = paths[int(rng.integers(len(paths)))]
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        if kind == 6:
            del parent[path[-1]]
        else:
            parent[path[-1]] = JUNK_VALUES[int(rng.integers(len(JUNK_VALUES)))]
        contents[SESSION_JSON] = json.dumps(document).encode()
    else:  # a safetensors header entry changed: its dtype, shape or offsets
        member = [n for n in names if n.endswith(".safetensors")]
        target = member[int(rng.integers(len(member)))]
        raw = contents[target]
        (size,) = struct.unpack("<Q", raw[:8])
        header = json.loads(raw[8 : 8 + size])
        key = [k for k in header if k != "__metadata__"][int(rng.integers(len(header) - ("__metadata__" in header)))]
        entry = header[key]
        choice = int(rng.integers(4))
        if choice == 0:
            entry["dtype"] = ["F64", "I64", "U8", "BOOL", "F16", "XX"][int(rng.integers(6))]
        elif choice == 1:
            entry["shape"] = [int(rng.integers(0, 2**62)) for _ in range(int(rng.integers(0, 4)))]
        elif choice == 2:
            entry["data_offsets"] = [int(v) for v in rng.integers(0, 2**40, 2)]
        else:
            header[key + "_copy"] = dict(entry)
        text = json.dumps(header).encode()
        contents[target] = struct.pack("<Q", len(text)) + text + raw[8 + size :]
    if kind != 3 and rng.random() < 0.7:  # mostly keep session.json's listing right, so the damage gets parsed
        with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
            document = json.loads(contents[SESSION_JSON])
            for member_name, entry in document["members"].items():
                entry["bytes"] = len(contents[member_name])
            contents[SESSION_JSON] = json.dumps(document).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member_name, member_data in contents.items():
            archive.writestr(member_name, member_data)
    return buffer.getvalue()


def _find_all(data: bytes, needle: bytes) -> list[int]:
    found, start = [], data.find(needle)
    while start >= 0:
        found.append(start)
        start = data.find(needle, start + 1)
    return found


def _members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@contextlib.contextmanager
def _deadline(seconds: float):
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(("base", "cases"), [("small_session", 300), ("image_session", 100)])
def test_fuzzed_files_raise_only_session_file_error(request, tmp_path, base, cases):
    source = request.getfixturevalue(base)
    build = Trainer if base == "small_session" else ImageTrainer
    rng = np.random.default_rng(20240601)
    data = source.read_bytes()
    path = tmp_path / "fuzz.ganlab"
    outcomes = {"refused": 0, "loaded": 0, "restored": 0}
    for case in range(cases):
        path.write_bytes(_corrupt(data, rng))
        try:
            with _deadline(10.0):
                session = load_session(path)
                outcomes["loaded"] += 1
                if session.has_weights:
                    trainer = build(session.config)
                    session.restore_into(trainer)
                    outcomes["restored"] += 1
                    trainer.step()  # what passed the checks can be trained
        except SessionFileError as exc:
            assert path.name in str(exc), (case, str(exc))
            outcomes["refused"] += 1
        except Exception as exc:  # noqa: BLE001 - anything else is the failure this test looks for
            raise AssertionError(f"case {case}: {type(exc).__name__}: {exc}") from exc
    assert outcomes["refused"] >= cases // 2 and outcomes["restored"] >= cases // 30, outcomes


class _Payload:
    """What a malicious "weights" file would carry: unpickling it runs code (here: creates a marker file)."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_pickled_weights_member_is_refused_without_running_it(small_session, tmp_path):
    import io

    marker = tmp_path / "ran.txt"
    buffer = io.BytesIO()
    torch.save({"generator.0.weight": _Payload(str(marker))}, buffer)  # torch's pickle-based format
    contents = members(small_session)
    contents[WEIGHTS] = buffer.getvalue()
    document = json.loads(contents[SESSION_JSON])
    document["members"][WEIGHTS]["bytes"] = len(contents[WEIGHTS])
    contents[SESSION_JSON] = json.dumps(document).encode()
    path = rezip(tmp_path / "pickled.ganlab", contents)
    with pytest.raises(SessionFileError, match="weights.safetensors is damaged"):
        load_session(path)
    assert not marker.exists()
