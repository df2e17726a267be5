"""Session files that are broken, hostile or do not fit the trainer: each one raises SessionFileError naming the file
and the problem, and leaves the trainer as it was."""

from __future__ import annotations

import json
import struct
import zipfile

import numpy as np
import pytest
import torch
from session_helpers import (
    SMALL,
    edit_json,
    edit_weights,
    members,
    rezip,
    same_arrays,
)

from ganlab.app.images import image_trainer
from ganlab.app.sessions import read_session as load_session
from ganlab.core.trainer import Trainer
from ganlab.data.session import SESSION_JSON, TIMELINE, WEIGHTS, SessionFileError


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


def test_a_refusal_keeps_the_original_error_text(small_session, tmp_path):
    path = tmp_path / "notes.ganlab"
    _not_a_zip(small_session, path)
    with pytest.raises(
        SessionFileError, match=r"notes.ganlab: is not a ganlab session file \(.*File is not a zip file\)"
    ):
        load_session(path)


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
    "random stream the trainer lacks": (
        lambda src, p: edit_json(
            edit_weights(src, p, lambda t: t.update({"rng.mystery_rng": t["rng.noise_rng"].clone()})),
            p,
            lambda d: d["training"]["torch_rngs"].update(mystery_rng="cpu"),
        ),
        "the state has a random stream mystery_rng that this trainer does not have",
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
