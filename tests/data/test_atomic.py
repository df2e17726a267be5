"""The one atomic writer (session files, CSV, PNG, the Qt exports): the new file whole, or the old one untouched."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from ganlab.data import atomic
from ganlab.data.atomic import atomic_write
from ganlab.data.export import save_grid_png
from ganlab.data.metrics_csv import write_metrics_csv


def write(path, data: bytes) -> None:
    with atomic_write(path) as temporary, open(temporary, "wb") as handle:
        handle.write(data)


def test_a_write_replaces_the_file_whole(tmp_path):
    path = tmp_path / "file.bin"
    path.write_bytes(b"old")
    write(path, b"new contents")
    assert path.read_bytes() == b"new contents"
    assert os.listdir(tmp_path) == ["file.bin"]


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "file.bin"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="half way"), atomic_write(path) as temporary:
        with open(temporary, "wb") as handle:
            handle.write(b"half of the new")
        raise RuntimeError("half way")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["file.bin"]


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failing_fsync_or_rename_leaves_the_old_file_and_names_the_path(tmp_path, monkeypatch, step):
    path = tmp_path / "file.bin"
    path.write_bytes(b"old")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, step, fail)
    with pytest.raises(OSError, match="No space left on device") as raised:
        write(path, b"new")
    monkeypatch.undo()
    assert raised.value.filename == str(path) and str(path) in str(raised.value)
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["file.bin"]


def test_an_unwritable_folder_fails_before_the_writer_runs(tmp_path):
    path = tmp_path / "no such folder" / "file.bin"
    ran = []
    with pytest.raises(FileNotFoundError) as raised, atomic_write(path):
        ran.append(True)
    assert not ran and raised.value.filename == str(path)


def test_the_csv_and_png_writers_are_atomic(tmp_path, monkeypatch):
    csv, png = tmp_path / "m.csv", tmp_path / "grid.png"
    csv.write_text("old")
    png.write_bytes(b"old")

    def fail(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(PermissionError, match="m.csv"):
        write_metrics_csv({"iteration": [1], "jsd": [0.5]}, csv)
    with pytest.raises(PermissionError, match="grid.png"):
        save_grid_png(np.zeros((4, 3, 3), np.float32), png)
    monkeypatch.undo()
    assert csv.read_text() == "old" and png.read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["grid.png", "m.csv"]
    save_grid_png(np.ones((4, 3, 3), np.float32), png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_writer_needs_no_qt():
    code = "import sys, ganlab.data.atomic; print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"
