"""Exports: panels to PNG / SVG, the timeline to an animated GIF, the metrics to CSV; atomic, cancellable."""

import csv
import math
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import numpy as np
import pyqtgraph as pg
import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QVBoxLayout, QWidget

from ganlab.core.history import SnapshotHistory
from ganlab.data.metrics_csv import METRIC_FIELDS, read_metrics_csv, snapshots_to_columns, write_metrics_csv
from ganlab.qt import exports
from ganlab.qt.panels.charts import ChartsPanel
from ganlab.qt.panels.density import DensityPanel

SVG = "{http://www.w3.org/2000/svg}"
FRAME = (240, 150)


@pytest.fixture
def density(qtbot, snapshot_factory):
    panel = DensityPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 340)
    panel.update_snapshot(snapshot_factory())
    return panel


def moving(snapshot_factory, count):
    """Snapshots whose G differs from one to the next, so their frames differ."""
    return [
        snapshot_factory(iteration=i, p_g=np.linspace(0.8, 0.0, 9) * (1 + i / count), g_z=np.array([-2.0, i / 4, 3.0]))
        for i in range(count)
    ]


def colour_render(snapshot):
    """A frame that says which snapshot it shows: red = 20 * iteration."""
    image = QImage(*FRAME, QImage.Format.Format_RGB32)
    image.fill(QColor(20 * snapshot.iteration, 0, 100))
    return image


def gif_frames(path):
    with Image.open(path) as gif:
        frames, durations = [], []
        for index in range(gif.n_frames):
            gif.seek(index)
            frames.append(np.asarray(gif.convert("RGB"), dtype=np.int16))
            durations.append(gif.info["duration"])
        return frames, durations, gif.info.get("loop")


# ---- PNG
@pytest.mark.parametrize("scale", [1, 2])
def test_png_is_rendered_at_scale_and_shows_the_plot(density, tmp_path, scale):
    path = tmp_path / "figure.png"
    exports.export_widget_png(density, path, scale=scale)
    with Image.open(path) as image:
        assert image.size == (500 * scale, 340 * scale)
        pixels = np.asarray(image.convert("RGB"), dtype=np.float64)
    assert pixels.std() > 10  # not one flat colour
    height, width = pixels.shape[:2]
    assert pixels[height // 2 :, width // 2 :].std() > 10  # the whole canvas is drawn, not a 1x corner of it
    green = (pixels[..., 1] > 120) & (pixels[..., 0] < 60) & (pixels[..., 2] < 60)  # the p_g curve, paper green
    assert green.sum() > 50 * scale
    assert list(tmp_path.iterdir()) == [path]


def test_png_of_a_plain_widget_holding_plots(qtbot, snapshot_factory, tmp_path):
    charts = ChartsPanel()
    qtbot.addWidget(charts)
    charts.resize(600, 240)
    for i in range(1, 20):
        charts.update_snapshot(snapshot_factory(iteration=i, d_loss=1.0 + math.sin(i)), force=True)
    path = tmp_path / "charts.png"
    exports.export_widget_png(charts, path)
    with Image.open(path) as image:
        assert image.size == (1200, 480)
        assert np.asarray(image.convert("L"), dtype=np.float64).std() > 5


def test_export_mode_is_undone_after_an_export(density, tmp_path):
    items = [item for item in density.scene().items() if hasattr(item, "setExportMode")]
    curves = [item for item in items if isinstance(item, pg.PlotCurveItem)]
    modes = [curve.opts["segmentedLineMode"] for curve in curves]
    cache = density.cacheMode()
    exports.export_widget_svg(density, tmp_path / "figure.svg")
    assert len(curves) > 5
    assert all(item._exportOpts is False for item in items)
    assert density.cacheMode() == cache
    assert [curve.opts["segmentedLineMode"] for curve in curves] == modes


def test_an_empty_widget_is_refused(qtbot, tmp_path):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(0, 0)
    with pytest.raises(ValueError, match="no area"):
        exports.export_widget_png(widget, tmp_path / "empty.png")


# ---- SVG
def test_svg_draws_the_curves_as_vector_paths(density, tmp_path):
    path = tmp_path / "figure.svg"
    exports.export_widget_svg(density, path)
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert not list(root.iter(f"{SVG}image"))  # no bitmaps: scatter symbols and the background are vectors too
    # p_g: one path in paper green through all 9 grid points (not 8 separate segments, not a bitmap)
    green_paths = [
        element.get("d")
        for group in root.iter(f"{SVG}g")
        if group.get("stroke") == "#009600" and group.get("stroke-width") == "2"
        for element in group.findall(f"{SVG}path")
    ]
    assert any(d.count("L") == 8 and d.startswith("M") for d in green_paths), green_paths
    assert sum(1 for _ in root.iter(f"{SVG}path")) > 10
    assert any("Figure 1" in (text.text or "") for text in root.iter(f"{SVG}text"))


def test_svg_of_a_plain_widget(qtbot, tmp_path):
    widget = QWidget()
    qtbot.addWidget(widget)
    layout = QVBoxLayout(widget)
    layout.addWidget(QPushButton("a button"))
    widget.resize(200, 80)
    path = tmp_path / "plain.svg"
    exports.export_widget_svg(widget, path)
    root = ET.parse(path).getroot()
    assert root.get("viewBox") == "0 0 200 80"
    assert list(root.iter(f"{SVG}path")) or list(root.iter(f"{SVG}rect")) or list(root.iter(f"{SVG}polyline"))


# ---- GIF
def test_gif_has_one_frame_per_snapshot_that_differ(qtbot, snapshot_factory, tmp_path):
    path = tmp_path / "run.gif"
    calls = []
    written = exports.export_timeline_gif(
        moving(snapshot_factory, 4),
        path,
        fps=5,
        size=FRAME,
        overlays={"push": True},
        progress=lambda d, t: calls.append((d, t)),
    )
    assert written is True
    frames, durations, loop = gif_frames(path)
    assert len(frames) == 4
    assert frames[0].shape == (FRAME[1], FRAME[0], 3)
    assert durations == [200] * 4
    assert loop == 0  # forever
    for a, b in zip(frames, frames[1:], strict=False):
        assert np.abs(a[40:] - b[40:]).sum() > 0  # below the title (which names the iteration): the plot moved
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert list(tmp_path.iterdir()) == [path]


def test_gif_frames_are_the_snapshots_in_order(snapshot_factory, tmp_path):
    path = tmp_path / "colours.gif"
    assert exports.export_timeline_gif([snapshot_factory(iteration=i) for i in range(5)], path, render=colour_render)
    frames, durations, _ = gif_frames(path)
    assert [int(frame[0, 0, 0]) for frame in frames] == [0, 20, 40, 60, 80]
    assert durations == [100] * 5
    single = tmp_path / "single.gif"
    assert exports.export_timeline_gif([snapshot_factory(iteration=2)], single, render=colour_render)
    frames, _, _ = gif_frames(single)
    assert len(frames) == 1 and int(frames[0][0, 0, 0]) == 40


def test_gif_thins_to_max_frames_keeping_first_and_last(snapshot_factory, tmp_path):
    history = SnapshotHistory()
    for i in range(12):
        history.add(snapshot_factory(iteration=i))
    path = tmp_path / "thin.gif"
    assert exports.export_timeline_gif(history, path, render=colour_render, max_frames=4)
    frames, _, _ = gif_frames(path)
    assert [int(frame[0, 0, 0]) // 20 for frame in frames] == [0, 4, 7, 11]


@pytest.mark.parametrize("count, most", [(12, 4), (300, 300), (301, 300), (1000, 7), (3, 2), (1, 5)])
def test_frame_indices_are_even_and_keep_the_ends(count, most):
    indices = exports.frame_indices(count, most)
    assert len(indices) == min(count, most)
    assert indices[0] == 0 and indices[-1] == count - 1
    assert all(b > a for a, b in zip(indices, indices[1:], strict=False))
    gaps = np.diff(indices)
    assert len(gaps) == 0 or gaps.max() - gaps.min() <= 1


def test_cancel_after_three_frames_leaves_no_file_and_no_temporary(snapshot_factory, tmp_path):
    rendered = []

    def render(snapshot):
        rendered.append(snapshot.iteration)
        return colour_render(snapshot)

    path = tmp_path / "cancelled.gif"
    written = exports.export_timeline_gif(
        [snapshot_factory(iteration=i) for i in range(10)], path, render=render, progress=lambda done, total: done < 3
    )
    assert written is False
    assert rendered == [0, 1, 2]
    assert list(tmp_path.iterdir()) == []


def test_cancel_or_failure_keeps_an_existing_file(snapshot_factory, tmp_path):
    path = tmp_path / "old.gif"
    path.write_bytes(b"the old export")

    def broken(snapshot):
        if snapshot.iteration == 1:  # the second frame: Pillow has the temporary file open by then
            raise RuntimeError("renderer broke")
        return colour_render(snapshot)

    snapshots = [snapshot_factory(iteration=i) for i in range(3)]
    with pytest.raises(RuntimeError, match="renderer broke"):
        exports.export_timeline_gif(snapshots, path, render=broken)
    assert not exports.export_timeline_gif(snapshots, path, render=colour_render, progress=lambda d, t: False)
    assert path.read_bytes() == b"the old export"
    assert list(tmp_path.iterdir()) == [path]


def test_gif_rejects_bad_arguments(snapshot_factory, tmp_path):
    with pytest.raises(ValueError, match="no snapshots"):
        exports.export_timeline_gif([], tmp_path / "a.gif", render=colour_render)
    with pytest.raises(ValueError, match="fps"):
        exports.export_timeline_gif([snapshot_factory()], tmp_path / "a.gif", render=colour_render, fps=0)
    with pytest.raises(ValueError, match="max_frames"):
        exports.export_timeline_gif([snapshot_factory()], tmp_path / "a.gif", render=colour_render, max_frames=1)
    assert list(tmp_path.iterdir()) == []


# ---- CSV
def test_csv_round_trips_values_exactly_with_iteration_first(tmp_path):
    path = tmp_path / "metrics.csv"
    columns = {
        "jsd": [0.1 + 0.2, float("nan"), 1e-300],
        "iteration": [0, 5, 10],
        "kl": [float("inf"), -float("inf"), 2.5],
        "g_loss": [np.float64(0.7), np.float32(0.25), 3],
    }
    write_metrics_csv(columns, path)
    with open(path, newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["iteration", "jsd", "kl", "g_loss"]
    assert [row[0] for row in rows[1:]] == ["0", "5", "10"]
    assert rows[1][1] == repr(0.1 + 0.2) and rows[2][1] == "nan"
    assert rows[1][2] == "inf" and rows[2][2] == "-inf"
    back = read_metrics_csv(path)
    assert back["jsd"][0] == 0.1 + 0.2 and math.isnan(back["jsd"][1]) and back["jsd"][2] == 1e-300
    assert back["kl"] == [math.inf, -math.inf, 2.5]
    assert back["g_loss"] == [0.7, 0.25, 3.0]
    assert list(tmp_path.iterdir()) == [path]


def test_csv_refuses_columns_of_different_lengths(tmp_path):
    path = tmp_path / "bad.csv"
    with pytest.raises(ValueError, match="differ in length"):
        write_metrics_csv({"iteration": [1, 2], "jsd": [0.1]}, path)
    assert list(tmp_path.iterdir()) == []


def test_snapshots_to_columns_takes_every_scalar_metric(snapshot_factory, tmp_path):
    snapshots = [snapshot_factory(iteration=i, jsd=0.1 * i, value=float("nan")) for i in (1, 2, 4)]
    columns = snapshots_to_columns(snapshots)
    assert list(columns) == ["iteration", *METRIC_FIELDS]
    assert columns["iteration"] == [1, 2, 4]
    assert columns["jsd"] == [0.1, 0.2, 0.1 * 4]
    assert columns["kl_reverse"] == [math.inf] * 3
    path = tmp_path / "run.csv"
    write_metrics_csv(columns, path)
    back = read_metrics_csv(path)
    assert back["d_acc_fake"] == [0.6] * 3 and all(math.isnan(v) for v in back["value"])
    assert back["iteration"] == [1.0, 2.0, 4.0]


# ---- unwritable paths
def test_an_unwritable_path_raises_oserror_naming_it(density, snapshot_factory, tmp_path):
    folder = tmp_path / "no such folder"
    writers = {
        "figure.png": lambda p: exports.export_widget_png(density, p),
        "figure.svg": lambda p: exports.export_widget_svg(density, p),
        "run.gif": lambda p: exports.export_timeline_gif([snapshot_factory()], p, render=colour_render),
        "run.csv": lambda p: write_metrics_csv({"iteration": [1], "jsd": [0.1]}, p),
    }
    for name, write in writers.items():
        path = folder / name
        with pytest.raises(OSError, match="no such folder") as raised:
            write(path)
        assert str(path) in str(raised.value)
    assert not folder.exists()


# ---- the progress dialog
def test_progress_dialog_cancel_button_stops_the_work(qtbot):
    seen = []

    def work(progress):
        for done in range(1, 200):
            time.sleep(0.01)
            seen.append(done)
            if not progress(done, 199):
                return False
            dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)), None)
            if dialog is not None and dialog.isVisible():
                qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        return True

    assert exports.run_with_progress(None, "Exporting", 199, work) is False
    assert len(seen) < 60  # shown once the estimated time passes 300 ms, then cancelled at the next check
    QCoreApplication.processEvents()


def test_progress_dialog_runs_quick_work_to_the_end(qtbot):
    totals = []

    def work(progress):
        for done in range(6):
            assert progress(done, 5)
        totals.append(True)

    assert exports.run_with_progress(None, "Exporting", 5, work) is True
    assert totals == [True]


def test_the_csv_writer_needs_no_qt():
    code = (
        "import sys, ganlab.data.metrics_csv; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_gif_export_under_the_progress_dialog(qtbot, snapshot_factory, tmp_path):
    path = tmp_path / "dialog.gif"
    snapshots = [snapshot_factory(iteration=i) for i in range(6)]
    done = exports.run_with_progress(
        None,
        "GIF",
        len(snapshots),
        lambda progress: exports.export_timeline_gif(snapshots, path, render=colour_render, progress=progress),
    )
    assert done is True
    assert len(gif_frames(path)[0]) == 6
