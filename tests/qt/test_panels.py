"""Panels fed hand-made snapshots; assertions on what their items hold."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator

from ganlab.app.kinds import ALL_PRESETS
from ganlab.core.history import History
from ganlab.core.run_config import RunConfig
from ganlab.qt.panels.charts import ChartsPanel
from ganlab.qt.panels.controls import ControlsPanel
from ganlab.qt.panels.density import X_LINE, Z_LINE, DensityPanel


def test_density_curves_hold_the_snapshot(qtbot, snapshot_factory):
    panel = DensityPanel()
    qtbot.addWidget(panel)
    snap = snapshot_factory()
    panel.update_snapshot(snap)
    for curve, name in ((panel.p_data_curve, "p_data"), (panel.p_g_curve, "p_g"), (panel.d_curve, "d")):
        x, y = curve.getData()
        np.testing.assert_array_equal(x, snap.x)
        np.testing.assert_array_equal(y, getattr(snap, name))
    assert panel.d_curve.isVisible() and not panel.critic_curve.isVisible()


def test_density_arrows_go_from_z_line_to_g_of_z(qtbot, snapshot_factory):
    panel = DensityPanel()
    qtbot.addWidget(panel)
    panel.update_snapshot(snapshot_factory())
    x, y = panel.arrows.getData()
    # z = -1, 0, 1 on a (-1, 1) line drawn across x in (-3, 5): -3, 1, 5; G(z) = -2, 1, 7 (clipped to 5)
    np.testing.assert_allclose(x, [-3.0, -2.0, 1.0, 1.0, 5.0, 5.0])
    assert set(y[0::2]) == {Z_LINE} and all(v < X_LINE for v in y[1::2])
    heads_x, _ = panel.arrow_heads.getData()
    np.testing.assert_allclose(heads_x, [-2.0, 1.0, 5.0])


def test_density_axes_are_fixed(qtbot, snapshot_factory):
    panel = DensityPanel()
    qtbot.addWidget(panel)
    panel.update_snapshot(snapshot_factory())
    (x0, x1), (y0, y1) = panel.getPlotItem().viewRange()
    panel.update_snapshot(snapshot_factory(p_g=np.full(9, 40.0)))  # a tall spike must not rescale the view
    assert panel.getPlotItem().viewRange() == [[x0, x1], [y0, y1]]
    assert x0 < -3.0 and x1 > 5.0 and y0 < Z_LINE and y1 >= 1.0


def test_density_critic_axis_for_score_losses(qtbot, snapshot_factory):
    panel = DensityPanel()
    qtbot.addWidget(panel)
    panel.update_snapshot(snapshot_factory(d=np.linspace(-4, 6, 9), d_is_probability=False, loss="hinge"))
    assert panel.critic_curve.isVisible() and not panel.d_curve.isVisible()
    np.testing.assert_array_equal(panel.critic_curve.getData()[1], np.linspace(-4, 6, 9))
    low, high = panel.critic_box.viewRange()[1]
    assert low < -4 and high > 6
    assert panel.getPlotItem().getAxis("right").isVisible()


def test_history_truncates_on_rewind(snapshot_factory):
    history = History(max_points=100, series=ChartsPanel.SERIES)
    for i in range(10):
        history.add(snapshot_factory(iteration=i, jsd=0.1 * i))
    history.add(snapshot_factory(iteration=4, jsd=0.9))
    np.testing.assert_array_equal(history.array("iteration"), [0, 1, 2, 3, 4])
    assert history.array("jsd")[-1] == 0.9
    for i in range(5, 300):
        history.add(snapshot_factory(iteration=i))
    assert len(history) <= 101 and history.array("iteration")[-1] == 299


def test_charts_draw_history(qtbot, snapshot_factory):
    panel = ChartsPanel()
    qtbot.addWidget(panel)
    for i in range(5):
        panel.update_snapshot(snapshot_factory(iteration=i, d_loss=1.0 + i), force=True)
    x, y = panel.curves["d_loss"].getData()
    np.testing.assert_array_equal(x, [0, 1, 2, 3, 4])
    np.testing.assert_array_equal(y, [1, 2, 3, 4, 5])
    panel.clear()
    assert len(panel.history) == 0


def test_controls_emit_edited_configs(qtbot):
    panel = ControlsPanel(ALL_PRESETS["figure1"].config)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.config_edited) as blocker:
        panel.loss.setCurrentIndex(panel.loss.findData("minimax"))
    assert blocker.args[0].loss == "minimax"
    with qtbot.waitSignal(panel.config_edited) as blocker:
        panel.k.setValue(5)
    assert blocker.args[0].k == 5 and blocker.args[0].loss == "minimax"


def test_controls_show_a_config_silently(qtbot):
    panel = ControlsPanel(RunConfig())
    qtbot.addWidget(panel)
    edits = []
    panel.config_edited.connect(edits.append)
    panel.set_config(RunConfig(target="uniform", lr_d=0.003))
    assert edits == []
    assert panel.target.currentData() == "uniform" and panel.lr_d.value() == pytest.approx(0.003)


def test_invalid_numbers_cannot_be_typed(qtbot):
    panel = ControlsPanel(RunConfig())
    qtbot.addWidget(panel)
    assert panel.lr_d.validate("abc", 0)[0] == QValidator.State.Invalid
    assert panel.lr_d.validate("-1", 0)[0] == QValidator.State.Invalid
    assert panel.k.validate("99", 0)[0] == QValidator.State.Invalid
    assert panel.k.validate("7", 0)[0] == QValidator.State.Acceptable


def test_play_button_text_follows_state(qtbot):
    panel = ControlsPanel(RunConfig())
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.play_toggled) as blocker:
        qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True] and panel.play_button.text() == "Pause"
    panel.set_playing(False)
    assert panel.play_button.text() == "Play" and not panel.play_button.isChecked()


def test_overlays_are_hidden_until_asked_and_then_hold_the_snapshot(qtbot, snapshot_factory):
    panel = DensityPanel()
    qtbot.addWidget(panel)
    snap = snapshot_factory()
    panel.update_snapshot(snap)
    assert not panel.d_star_curve.isVisible() and not panel.histogram.isVisible()
    for name in ("d_star", "push", "histogram"):
        panel.set_overlay(name, True)
    np.testing.assert_array_equal(panel.d_star_curve.getData()[1], snap.d_star)
    # pushes of 0.5, -0.25 and 0 on G(z) = -2, 1, 5 (clipped): 5% of the 8-wide axis per unit of push
    x, _ = panel.push_arrows.getData()
    np.testing.assert_allclose(x, [-2.0, -2.0 + 0.2, 1.0, 1.0 - 0.1, 5.0, 5.0])
    heads_x, _ = panel.push_heads.getData()
    np.testing.assert_allclose(heads_x, [-1.8, 0.9])  # no arrowhead on a zero push
    assert panel.histogram.opts["height"].tolist() == snap.hist_density.tolist()
    panel.set_overlay("d_star", False)
    assert not panel.d_star_curve.isVisible()


def test_narrated_phase_highlights_what_changed(qtbot, snapshot_factory):
    panel = DensityPanel()
    qtbot.addWidget(panel)
    panel.update_snapshot(snapshot_factory(phase="d"))
    assert panel.d_curve.opts["pen"].width() > panel.arrows.opts["pen"].width()
    panel.update_snapshot(snapshot_factory(phase="g"))
    assert panel.d_curve.opts["pen"].width() == 2 and panel.arrows.opts["pen"].width() == 3


def test_metrics_panel_shows_the_numbers(qtbot, snapshot_factory):
    from ganlab.qt.panels.metrics import MetricsPanel

    panel = MetricsPanel()
    qtbot.addWidget(panel)
    panel.update_snapshot(snapshot_factory(jsd=0.1234, value=float("nan")))
    assert panel.values["jsd"].text() == "0.1234"
    assert panel.values["kl_reverse"].text() == "∞"
    assert panel.values["value"].text() == "—"
    assert panel.values["minus_log_4"].text() == "-1.3863"
    assert panel.values["d_acc"].text() == "0.70 / 0.60"


def test_controls_cover_every_live_and_model_setting(qtbot):
    panel = ControlsPanel(RunConfig())
    qtbot.addWidget(panel)
    edits = []
    panel.config_edited.connect(edits.append)
    panel.optimizer_g.setCurrentIndex(panel.optimizer_g.findData("sgd"))
    panel.g_steps.setValue(0)
    panel.g_width.setValue(17)
    panel.activation.setCurrentIndex(panel.activation.findData("tanh"))
    last = edits[-1]
    assert (last.optimizer_g, last.g_steps, last.g_width, last.activation) == ("sgd", 0, 17, "tanh")
    assert last.optimizer_d == "adam"


def test_speed_choices_emit_speed_and_narration(qtbot):
    panel = ControlsPanel(RunConfig())
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.speed_changed) as blocker:
        panel.speed.setCurrentIndex(panel.speed.count() - 1)
    speed, narrate = blocker.args
    assert narrate and 0 < speed < 1
    with qtbot.waitSignal(panel.speed_changed) as blocker:
        panel.speed.setCurrentIndex(0)
    assert blocker.args == [None, False]


def test_controls_refuse_impossible_combinations_and_leave_custom_targets(qtbot):
    custom = RunConfig(target="custom", custom_density=(0.0, 1.0, (1.0, 2.0, 1.0)))
    panel = ControlsPanel(custom)
    qtbot.addWidget(panel)
    edits, refusals = [], []
    panel.config_edited.connect(edits.append)
    panel.edit_refused.connect(refusals.append)
    panel.target.setCurrentIndex(panel.target.findData("uniform"))
    assert edits[-1].target == "uniform" and edits[-1].custom_density is None
    assert panel.target.findData("custom") < 0  # the custom entry goes with it
    panel.g_steps.setValue(0)
    panel.k.setValue(0)  # k = 0 and G steps = 0 would train nothing
    assert refusals and "train nothing" in refusals[-1]
    assert panel.k.value() == 1 and panel.config.k == 1 and edits[-1].g_steps == 0
