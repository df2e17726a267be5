"""The saturation panel fed hand-made snapshots; assertions on what its items hold, against closed-form costs."""

import math

import numpy as np
import pytest

from ganlab.core.history import History
from ganlab.qt.panels.saturation import GRAD_NORM, SaturationPanel


@pytest.fixture
def panel(qtbot):
    widget = SaturationPanel()
    qtbot.addWidget(widget)
    return widget


def at(curve, x0: float) -> float:
    """The curve's value at x0, linearly interpolated between its grid points."""
    x, y = curve.getData()
    assert x[0] <= x0 <= x[-1]
    return float(np.interp(x0, x, y))


def test_minimax_cost_curve_is_log_one_minus_d(panel, snapshot_factory):
    panel.update_snapshot(snapshot_factory(loss="minimax"))
    x, y = panel.cost_curve.getData()
    assert len(x) >= 100 and 0.0 < x[0] < 0.01 and 0.99 < x[-1] < 1.0
    np.testing.assert_allclose(y, np.log1p(-x), rtol=1e-9, atol=1e-12)
    assert at(panel.cost_curve, 0.5) == pytest.approx(math.log(0.5), abs=1e-4)
    assert at(panel.cost_curve, 0.01) == pytest.approx(math.log(0.99), abs=1e-4)


def test_reference_curve_is_minus_log_d_unless_selected(panel, snapshot_factory):
    panel.update_snapshot(snapshot_factory(loss="minimax"))
    assert panel.reference_curve.isVisible()
    x, y = panel.reference_curve.getData()
    np.testing.assert_allclose(y, -np.log(x), rtol=1e-9)
    assert at(panel.reference_curve, 0.5) == pytest.approx(math.log(2.0), abs=1e-4)
    panel.update_snapshot(snapshot_factory(loss="non_saturating"))
    assert not panel.reference_curve.isVisible()
    x, y = panel.cost_curve.getData()
    np.testing.assert_allclose(y, -np.log(x), rtol=1e-9)


def test_fakes_sit_on_the_curve(panel, snapshot_factory):
    panel.update_snapshot(snapshot_factory(loss="minimax", d_fake=np.array([0.1, 0.2])))
    x, y = panel.fakes.getData()
    np.testing.assert_allclose(x, [0.1, 0.2])
    assert list(y) == pytest.approx([math.log(0.9), math.log(0.8)], rel=1e-9)
    panel.update_snapshot(snapshot_factory(loss="non_saturating", d_fake=np.array([0.1, 0.2, np.nan])))
    x, y = panel.fakes.getData()  # a NaN output is dropped, not drawn
    np.testing.assert_allclose(x, [0.1, 0.2])
    assert list(y) == pytest.approx([-math.log(0.1), -math.log(0.2)], rel=1e-9)


def test_gradient_vanishes_for_minimax_not_for_non_saturating(panel, snapshot_factory):
    panel.update_snapshot(snapshot_factory(loss="minimax"))
    assert at(panel.grad_curve, 0.01) == pytest.approx(0.01, abs=1e-4)
    assert at(panel.grad_curve, 0.9) == pytest.approx(0.9, abs=1e-4)
    x, y = panel.grad_curve.getData()
    np.testing.assert_allclose(y, x, rtol=1e-9)  # |d log(1 - sigmoid(l)) / dl| = D
    panel.update_snapshot(snapshot_factory(loss="non_saturating"))
    assert at(panel.grad_curve, 0.01) == pytest.approx(0.99, abs=1e-4)
    x, y = panel.grad_curve.getData()
    np.testing.assert_allclose(y, 1.0 - x, rtol=1e-9)  # |d -log sigmoid(l) / dl| = 1 - D
    low, high = panel.grad_box.viewRange()[1]
    assert low == pytest.approx(0.0) and 1.0 < high < 1.5


def test_mean_gradient_label(panel, snapshot_factory):
    panel.update_snapshot(snapshot_factory(loss="minimax", d_fake=np.array([0.1, 0.2])))
    assert panel.mean_grad == pytest.approx(0.15, rel=1e-9)
    text = panel.grad_label.text()
    assert "logit" in text and "0.150" in text and "0.850" in text  # minimax's pull, and -log D's for comparison
    assert panel.grad_label.font().pointSize() >= 14
    panel.update_snapshot(snapshot_factory(loss="non_saturating", d_fake=np.array([0.001, 0.003])))
    assert panel.mean_grad == pytest.approx(0.998, rel=1e-9)
    assert "0.998" in panel.grad_label.text() and "with" not in panel.grad_label.text()
    panel.update_snapshot(snapshot_factory(loss="minimax", d_fake=np.array([0.001, 0.003])))
    assert "2.00e-03" in panel.grad_label.text()


def test_hinge_switches_to_a_score_axis(panel, snapshot_factory):
    panel.update_snapshot(snapshot_factory(loss="minimax"))
    d_fake = np.array([-2.0, 0.5, 3.0])
    panel.update_snapshot(snapshot_factory(loss="hinge", d_is_probability=False, d_fake=d_fake))
    x, y = panel.cost_curve.getData()
    assert x[0] <= -2.0 and x[-1] >= 3.0 and x[-1] - x[0] < 20.0
    np.testing.assert_allclose(y, -x, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(panel.grad_curve.getData()[1], 1.0)
    assert not panel.reference_curve.isVisible()
    fx, fy = panel.fakes.getData()
    np.testing.assert_allclose(fx, d_fake)
    np.testing.assert_allclose(fy, -d_fake)
    (x0, x1), (y0, y1) = panel.cost_plot.viewRange()
    assert x0 <= -2.0 and x1 >= 3.0 and y0 <= -3.0 and y1 >= 2.0
    assert "score" in panel.grad_label.text() and panel.mean_grad == pytest.approx(1.0)


def test_least_squares_curve_and_gradient(panel, snapshot_factory):
    panel.update_snapshot(snapshot_factory(loss="least_squares", d_is_probability=False, d_fake=np.array([0.0, 1.5])))
    x, y = panel.cost_curve.getData()
    np.testing.assert_allclose(y, 0.5 * (x - 1.0) ** 2, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(panel.grad_curve.getData()[1], np.abs(x - 1.0), rtol=1e-12, atol=1e-12)
    assert panel.mean_grad == pytest.approx(0.75)


def test_critic_range_is_steady_until_a_fake_leaves_it(panel, snapshot_factory):
    def snap(*values):
        return snapshot_factory(loss="wgan_gp", d_is_probability=False, d_fake=np.array(values))

    panel.update_snapshot(snap(-2.0, 3.0))
    first = panel.cost_plot.viewRange()
    grid = panel.cost_curve.getData()[0].copy()
    panel.update_snapshot(snap(0.0, 0.1))  # inside the range: nothing moves
    assert panel.cost_plot.viewRange() == first
    np.testing.assert_array_equal(panel.cost_curve.getData()[0], grid)
    panel.update_snapshot(snap(0.0, 40.0))  # a fake beyond the range: the axis grows to cover it
    (x0, x1), _ = panel.cost_plot.viewRange()
    assert x1 >= 40.0 and x0 <= 0.0
    assert panel.cost_curve.getData()[0][-1] >= 40.0


def test_curves_are_computed_once_per_loss(panel, snapshot_factory, monkeypatch):
    calls = []
    original = panel.cost_curve.setData
    monkeypatch.setattr(panel.cost_curve, "setData", lambda *a, **k: (calls.append(1), original(*a, **k)))
    for i in range(5):
        panel.update_snapshot(snapshot_factory(loss="minimax", iteration=i, d_fake=np.full(4, 0.1 + 0.1 * i)))
    assert len(calls) == 1
    panel.update_snapshot(snapshot_factory(loss="non_saturating", iteration=6))
    assert len(calls) == 2


def test_cost_axis_is_fixed_and_fakes_beyond_it_sit_on_its_edge(panel, snapshot_factory):
    panel.update_snapshot(snapshot_factory(loss="non_saturating", d_fake=np.array([0.5])))
    view = panel.cost_plot.viewRange()
    y0, y1 = view[1]
    assert y0 < 0.0 and -math.log(1e-3) < y1 < 10.0
    panel.update_snapshot(snapshot_factory(loss="non_saturating", d_fake=np.array([1e-8, 0.5])))
    assert panel.cost_plot.viewRange() == view
    _, y = panel.fakes.getData()
    assert y[0] == pytest.approx(y1) and y[1] == pytest.approx(math.log(2.0))


def test_grad_norm_history_truncates_on_rewind_and_skips_nan(panel, snapshot_factory):
    for i in range(6):
        norm = math.nan if i == 2 else 10.0**-i
        panel.update_snapshot(snapshot_factory(iteration=i, g_grad_norm=norm), force=True)
    x, y = panel.norm_curve.getData()
    np.testing.assert_array_equal(x, [0, 1, 3, 4, 5])
    np.testing.assert_allclose(y, [0.0, -1.0, -3.0, -4.0, -5.0])  # a log axis: getData gives log10
    panel.update_snapshot(snapshot_factory(iteration=3, g_grad_norm=0.5), force=True)  # a reset or undo
    x, y = panel.norm_curve.getData()
    np.testing.assert_array_equal(x, [0, 1, 3])
    np.testing.assert_allclose(y, [0.0, -1.0, math.log10(0.5)])
    panel.clear()
    assert len(panel.history) == 0 and panel.norm_curve.getData() == (None, None)


def test_history_is_capped(snapshot_factory):
    history = History(max_points=100, series=GRAD_NORM)
    for i in range(300):
        history.add(snapshot_factory(iteration=i, g_grad_norm=1.0 + i))
    iterations, norms = history.array("iteration"), history.array("g_grad_norm")
    assert 50 <= len(history) <= 101 and iterations[-1] == 299 and norms[-1] == 300.0
    assert np.all(np.diff(iterations) > 0)
