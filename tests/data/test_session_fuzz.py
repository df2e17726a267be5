"""Fuzzed and hostile session files: seeded random damage raises SessionFileError naming the file, nothing else;
what passes every check restores and trains; a pickled member is refused without being run."""

from __future__ import annotations

import contextlib
import io
import json
import signal
import struct
import zipfile

import numpy as np
import pytest
import torch
from session_helpers import build, members, rezip

from ganlab.app.sessions import read_session as load_session
from ganlab.data.session import SESSION_JSON, WEIGHTS, SessionFileError

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
