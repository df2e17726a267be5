"""The plane in the window: every layer drawn from the snapshot, each toggled, the `layer` lesson verb, the charts."""

import numpy as np
import pytest

from ganlab.app.lessons import default_context, parse_action
from ganlab.app.plane import LAYERS
from ganlab.core.plane.config import PlaneConfig
from ganlab.core.plane.trainer import PlaneTrainer
from ganlab.qt.panels.plane import PlaneCanvas, manifold_path, verdict_colours
from ganlab.qt.panels.plane_z import LatentGridView


@pytest.fixture
def trained():
    trainer = PlaneTrainer(PlaneConfig(target="ring8", batch_size=64), "cpu")
    for _ in range(5):
        trainer.step()
    return trainer


def test_the_canvas_draws_every_layer_from_a_snapshot(qtbot, trained):
    canvas = PlaneCanvas()
    qtbot.addWidget(canvas)
    assert set(canvas.items) == set(LAYERS)
    canvas.set_run(trained.run_info())
    snapshot = trained.snapshot()
    canvas.update_snapshot(snapshot)
    np.testing.assert_allclose(np.column_stack(canvas.fakes.getData()), snapshot.fakes, rtol=1e-6)
    np.testing.assert_allclose(np.column_stack(canvas.reals.getData()), snapshot.reals, rtol=1e-6)
    np.testing.assert_array_equal(canvas.heatmap.image, snapshot.d_grid)
    x, y = canvas.arrows.getData()
    assert len(x) == 2 * len(snapshot.fakes)  # one segment per fake, from the fake along -dL/dx
    np.testing.assert_allclose(np.column_stack([x[::2], y[::2]]), snapshot.fakes, rtol=1e-6)
    tails = np.column_stack([x[1::2], y[1::2]]) - snapshot.fakes
    assert np.all(np.sign(tails) == np.sign(snapshot.arrows) * (np.abs(snapshot.arrows) > 0))
    canvas.set_layer("arrows", False)
    canvas.set_layer("heatmap", False)
    assert not canvas.arrows.isVisible() and not canvas.heatmap.isVisible() and canvas.fakes.isVisible()


def test_the_manifold_is_drawn_as_rows_and_columns():
    grid = np.stack(np.meshgrid(np.arange(3.0), np.arange(3.0), indexing="ij"), axis=-1)
    path = manifold_path(grid)
    assert path.shape == (2 * 3 * 4, 2) and np.isnan(path[3]).all() and np.isnan(path[-1]).all()
    np.testing.assert_array_equal(path[:3], grid[0])  # the first row
    np.testing.assert_array_equal(path[12:15], grid[:, 0])  # the first column
    curve = np.zeros((441, 2))
    assert manifold_path(curve) is curve  # 1-D z: G's image of the z line is one curve


def test_the_colours_run_from_fake_through_white_to_real():
    table = verdict_colours(257)
    assert tuple(table[128]) == (255, 255, 255)
    assert table[0][0] > table[0][2] and table[-1][2] > table[-1][0]  # orange at 0 (fake), blue at 1 (real)


def test_the_window_opens_the_plane_and_a_lesson_hides_a_layer(qtbot):
    from ganlab.qt.window.main_window import MainWindow

    window = MainWindow(preset="ring8", device="cpu", transport="thread")
    qtbot.addWidget(window)
    c = window.controller
    view = window.views["plane"]
    try:
        qtbot.waitUntil(lambda: c.snapshot is not None and view.canvas.snapshot is not None, timeout=30_000)
        assert window.kind == "plane" and window.pages.currentWidget() is view.central
        c.run_iterations(20)
        qtbot.waitUntil(lambda: c.snapshot.iteration == 20 and not c.playing, timeout=30_000)
        assert len(c.record.series) >= 2 and "modes" in window.figure_label.text()
        numbers = view.metrics.values
        assert float(numbers["modes_covered"].text()) == c.snapshot.modes_covered
        assert float(numbers["js"].text()) == pytest.approx(c.snapshot.js, abs=1e-4)
        window.run_lesson_action(parse_action("Hide the fakes", "layer fakes off", default_context()))
        assert not view.controls.layer_boxes["fakes"].isChecked() and not view.canvas.fakes.isVisible()
        c.set_setting("unroll", 2)  # live: the run goes on
        qtbot.waitUntil(lambda: c.client.config.unroll == 2, timeout=5_000)
        assert c.snapshot.iteration == 20
    finally:
        window.close()


def test_hovering_a_z_cell_lights_its_image_on_the_plane(qtbot, trained):
    canvas, z_view = PlaneCanvas(), LatentGridView()
    for widget in (canvas, z_view):
        qtbot.addWidget(widget)
    z_view.hovered.connect(canvas.set_highlight)
    info = trained.run_info()
    canvas.set_run(info)
    z_view.set_run(info)
    snapshot = trained.snapshot()
    canvas.update_snapshot(snapshot)
    z = info.manifold_z  # (21, 21, 2), regular
    middle = 0.5 * (z[3, 5] + z[4, 6])  # inside cell (3, 5)
    assert z_view.cell_at(*middle) == (3, 5) and z_view.cell_at(99.0, 99.0) is None
    z_view._light((3, 5))
    x, y = canvas.highlight.getData()
    expected = [snapshot.manifold[3, 5], snapshot.manifold[4, 5], snapshot.manifold[4, 6], snapshot.manifold[3, 6]]
    np.testing.assert_allclose(np.column_stack([x, y])[:4], expected, rtol=1e-6)
    z_view._light(None)
    assert canvas.highlight.getData()[0] is None or len(canvas.highlight.getData()[0]) == 0


def test_a_users_points_become_p_data_and_bad_files_are_refused_by_name(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ganlab.qt.window.main_window import MainWindow

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    rng = np.random.default_rng(0)
    good = tmp_path / "blobs.csv"
    points = np.concatenate([rng.normal((-1, 0), 0.1, (50, 2)), rng.normal((1, 1), 0.1, (50, 2))])
    good.write_text("x,y\n" + "\n".join(f"{x},{y}" for x, y in points))
    one_column = tmp_path / "one.csv"
    one_column.write_text("\n".join(str(v) for v in range(20)))
    text = tmp_path / "text.csv"
    text.write_text("x,y\n1,2\nthree,4\n")
    window = MainWindow(preset="ring8", device="cpu", transport="thread")
    qtbot.addWidget(window)
    c, view = window.controller, window.views["plane"]
    try:
        qtbot.waitUntil(lambda: c.snapshot is not None, timeout=30_000)
        assert not view.load_points_from(str(one_column)) and "one.csv, line 1" in warnings[-1]
        assert not view.load_points_from(str(text)) and "'three' is not a number" in warnings[-1]
        assert c.config.target == "ring8"  # nothing lost
        assert view.load_points_from(str(good))
        qtbot.waitUntil(lambda: c.client.config.target == "custom" and c.snapshot.iteration == 0, timeout=10_000)
        assert len(c.config.custom_points) == 100 and view.controls.target.currentData() == "custom"
    finally:
        window.close()
