"""Presenter mode, plot scaling, the shortcut overlay and the remembered preferences."""

import os
import shutil

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, QTranslator
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from ganlab.qt.presenter import (
    PRESENTER_MIN_POINT_SIZE,
    HelpOverlay,
    Preferences,
    apply_presenter,
    is_presenter,
    presenter_palette,
    scale_plots,
)

SHORTCUTS = (
    ("Space", "Play / pause"),
    ("Right", "One iteration"),
    ("D", "One discriminator step"),
    ("G", "One generator step"),
    ("1-9", "Load preset 1-9"),
)


@pytest.fixture
def app(qapp):
    """The application, put back to its font, palette and style sheet whatever the test does."""
    font, palette, sheet = QFont(qapp.font()), QPalette(qapp.palette()), qapp.styleSheet()
    yield qapp
    apply_presenter(qapp, False)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


# ---- presenter mode


@pytest.mark.parametrize(("normal", "expected"), [(9.0, PRESENTER_MIN_POINT_SIZE), (15.0, 24.0)])
def test_presenter_mode_enlarges_and_recolours_then_restores_exactly(qtbot, app, normal, expected):
    font = QFont(app.font())
    font.setPointSizeF(normal)
    app.setFont(font)
    # A window shown and polished, with a dock: where a style sheet can stop font changes reaching the widgets.
    window = QMainWindow()
    qtbot.addWidget(window)
    button = QPushButton("Play")
    window.setCentralWidget(button)
    dock = QDockWidget("Charts", window)
    dock.setWidget(QLabel("JSD 0.69"))
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.menuBar().addMenu("File")  # before show(), as the main window does
    window.show()
    qtbot.waitExposed(window)
    widgets = (button, dock, dock.widget(), window.menuBar())
    before = (QFont(app.font()), QPalette(app.palette()), app.styleSheet(), [QFont(w.font()) for w in widgets])
    button_colour = button.palette().color(QPalette.ColorRole.Button)

    apply_presenter(app, True)
    assert is_presenter(app)
    assert app.font().pointSizeF() == pytest.approx(expected)  # x1.6, at least 18 pt
    assert [w.font().pointSizeF() for w in widgets] == [pytest.approx(expected)] * 4  # the widgets follow at once
    assert button.palette().color(QPalette.ColorRole.Button) == presenter_palette().color(QPalette.ColorRole.Button)
    assert app.palette() != before[1]
    assert app.palette().color(QPalette.ColorRole.Window) == QColor("white")
    assert app.palette().color(QPalette.ColorRole.WindowText) == QColor("black")
    assert "padding" in app.styleSheet()
    apply_presenter(app, True)  # twice is still once
    assert app.font().pointSizeF() == pytest.approx(expected)

    apply_presenter(app, False)
    assert not is_presenter(app)
    assert app.font() == before[0] and app.font().pointSizeF() == normal
    assert app.palette() == before[1]
    assert app.styleSheet() == before[2]
    assert [w.font() for w in widgets] == before[3]
    assert button.palette().color(QPalette.ColorRole.Button) == button_colour
    apply_presenter(app, True)  # and a second time round
    apply_presenter(app, False)
    qtbot.wait(10)
    assert [w.font() for w in widgets] == before[3]


def test_presenter_keeps_an_existing_style_sheet(app):
    app.setStyleSheet("QLabel { color: black; }")
    apply_presenter(app, True)
    assert app.styleSheet().startswith("QLabel { color: black; }") and "padding" in app.styleSheet()
    apply_presenter(app, False)
    assert app.styleSheet() == "QLabel { color: black; }"


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(colour: QColor) -> float:
        channels = [c / 255 for c in (colour.red(), colour.green(), colour.blue())]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_presenter_palette_has_no_low_contrast_pair():
    palette = presenter_palette()
    role = QPalette.ColorRole
    pairs = [
        (role.Window, role.WindowText),
        (role.Base, role.Text),
        (role.AlternateBase, role.Text),
        (role.Button, role.ButtonText),
        (role.Highlight, role.HighlightedText),
        (role.ToolTipBase, role.ToolTipText),
        (role.Base, role.PlaceholderText),
        (role.Base, role.Link),
    ]
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for back, fore in pairs:
            ratio = _contrast(palette.color(group, back), palette.color(group, fore))
            assert ratio >= 7.0 or (fore in (role.PlaceholderText, role.Link) and ratio >= 4.5), (group, back, fore)
    disabled = QPalette.ColorGroup.Disabled
    for back, fore in pairs[:4]:
        assert _contrast(palette.color(disabled, back), palette.color(disabled, fore)) >= 4.5, (back, fore)
    # The selection stands out from the page it is on.
    assert _contrast(palette.color(role.Highlight), palette.color(role.Base)) >= 7.0


# ---- plot scaling


def _plot(qtbot):
    widget = pg.PlotWidget(background="w")
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    plot.setTitle("Figure 1", size="14pt")
    plot.getAxis("left").setLabel("D(x)", **{"font-size": "10pt"})
    legend = plot.addLegend(labelTextSize="10pt")
    curve = plot.plot([0, 1, 2], [1, 0, 1], pen=pg.mkPen((0, 150, 0), width=2, style=Qt.PenStyle.DashLine), name="p_g")
    plot.plot([0, 2], [0.5, 0.5], pen=pg.mkPen("b", width=1), name="D(x), the discriminator")
    line = pg.InfiniteLine(pos=0.5, angle=0, pen=pg.mkPen("k", width=1))
    plot.addItem(line)
    dots = pg.ScatterPlotItem([0, 1], [0, 1], size=9, pen=pg.mkPen("k", width=1))
    plot.addItem(dots)
    text = pg.TextItem("x")
    plot.addItem(text)
    return widget, plot, legend, curve, line, dots, text


def _looks(plot, legend, curve, line, dots, text):
    axis = plot.getAxis("left")
    return (
        curve.opts["pen"].widthF(),
        line.pen.widthF(),
        dots.opts["size"],
        dots.opts["pen"].widthF(),
        axis.labelStyle.get("font-size"),
        plot.titleLabel.opts.get("size"),
        [label.opts["size"] for _, label in legend.items],
        text.textItem.font().pointSizeF(),
        axis.style["tickFont"],
        axis._tickDensity,
    )


def test_scale_plots_multiplies_then_restores_without_compounding(qtbot, app):
    widget, plot, legend, curve, line, dots, text = items = _plot(qtbot)
    original_pen = pg.mkPen(curve.opts["pen"])
    normal = _looks(*items[1:])
    widget.show()  # laid out for real: a legend's box only grows (and must shrink back) once its layout runs
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    legend_size = (legend.width(), legend.height())
    font = normal[7]

    assert scale_plots(widget, 1.6) > 0
    qtbot.wait(20)
    scaled = _looks(*items[1:])
    assert scaled[:7] == (pytest.approx(3.2), pytest.approx(1.6), pytest.approx(14.4), pytest.approx(1.6), "16pt",
                          "22.4pt", ["16pt"] * 2)  # fmt: skip
    assert scaled[7] == pytest.approx(font * 1.6)
    assert scaled[8].pointSizeF() == pytest.approx(app.font().pointSizeF() * 1.6)  # ticks: inherited font x1.6
    assert scaled[9] == pytest.approx(1 / 1.6)  # and fewer of them
    assert curve.opts["pen"].style() == Qt.PenStyle.DashLine and curve.opts["pen"].color() == QColor(0, 150, 0)
    assert legend.width() > legend_size[0] + 10 and legend.height() > legend_size[1] + 5  # the box grows...

    scale_plots(widget, 1.6)  # again: 1.6 of the original, not 1.6 of 1.6
    assert _looks(*items[1:]) == scaled

    assert scale_plots(widget, 1.0) > 0
    qtbot.wait(20)
    assert _looks(*items[1:]) == normal
    assert curve.opts["pen"] == original_pen
    assert (legend.width(), legend.height()) == pytest.approx(legend_size, abs=1.0)  # ...and shrinks back
    assert "setPen" not in curve.__dict__  # no wrapper left behind at 1.0


def test_values_set_while_scaled_are_scaled_and_become_the_new_originals(qtbot, app):
    widget, plot, legend, curve, line, dots, text = _plot(qtbot)
    scale_plots(widget, 1.5)
    curve.setPen(pg.mkPen("b", width=4))  # a panel highlighting a curve each frame
    assert curve.opts["pen"].widthF() == pytest.approx(6.0)
    assert curve.curve.opts["pen"].widthF() == pytest.approx(6.0)  # what is actually drawn
    plot.setTitle("Another loss", size="12pt")
    assert plot.titleLabel.opts["size"] == "18pt"
    legend.addItem(pg.PlotDataItem([0, 1], [0, 1]), "added later")
    assert legend.items[-1][1].opts["size"] == "15pt"
    plot.getAxis("left").setLabel("cost")  # no style given: the scaled one stays
    assert plot.getAxis("left").labelStyle["font-size"] == "15pt"

    scale_plots(widget, 1.0)
    assert curve.opts["pen"].widthF() == pytest.approx(4.0)
    assert plot.titleLabel.opts["size"] == "12pt"
    assert [label.opts["size"] for _, label in legend.items] == ["10pt"] * 3
    assert plot.getAxis("left").labelStyle["font-size"] == "10pt"
    curve.setPen(pg.mkPen("b", width=3))
    assert curve.opts["pen"].widthF() == pytest.approx(3.0)  # not scaled any more


def test_scale_plots_walks_a_widget_tree_and_composes_with_presenter_mode(qtbot, app):
    parent = QWidget()
    qtbot.addWidget(parent)
    layout = QVBoxLayout(parent)
    plots = pg.GraphicsLayoutWidget()
    layout.addWidget(plots)
    curve = plots.addPlot().plot([0, 1], [0, 1], pen=pg.mkPen("r", width=2))
    axis = curve.getViewBox().parentItem().getAxis("bottom")
    normal_size = app.font().pointSizeF()

    apply_presenter(app, True)  # the app font is now bigger: tick text follows the normal size, not that one
    scale_plots(parent, 1.6)
    assert curve.opts["pen"].widthF() == pytest.approx(3.2)
    assert axis.style["tickFont"].pointSizeF() == pytest.approx(normal_size * 1.6)
    apply_presenter(app, False)
    scale_plots(parent, 1.0)
    assert curve.opts["pen"].widthF() == pytest.approx(2.0) and axis.style["tickFont"] is None


@pytest.mark.parametrize("factor", [0.0, -1.0, float("nan")])
def test_scale_plots_refuses_a_meaningless_factor(qtbot, factor):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    with pytest.raises(ValueError):
        scale_plots(widget, factor)


# ---- the shortcut overlay


@pytest.fixture
def window(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(400, 300)
    button = QPushButton("Play", parent)  # the focus (a line edit would take ? as text, not as a shortcut)
    overlay = HelpOverlay(parent, SHORTCUTS)
    question = QAction(parent)
    question.setShortcut(QKeySequence("?"))
    question.triggered.connect(overlay.toggle)
    parent.addAction(question)
    parent.show()
    qtbot.waitExposed(parent)
    parent.activateWindow()
    qtbot.waitActive(parent)
    button.setFocus()
    return parent, overlay, button


def test_overlay_lists_the_shortcuts_in_two_columns(window):
    _, overlay, _ = window
    assert [label.text() for label in overlay.text_labels] == [text for _, text in SHORTCUTS]
    assert [label.text() for label in overlay.key_labels][-1] == "1-9"
    left, right = overlay.columns
    assert (left.count(), right.count()) == (6, 4)  # 3 and 2 rows of (keys, description)
    assert left.itemAtPosition(2, 1).widget().text() == "One discriminator step"
    assert right.itemAtPosition(0, 1).widget().text() == "One generator step"
    overlay.set_shortcuts(SHORTCUTS[:2])
    assert [label.text() for label in overlay.text_labels] == ["Play / pause", "One iteration"]


def test_overlay_toggles_covers_the_parent_and_closes_on_esc(qtbot, window):
    parent, overlay, button = window
    assert overlay.isHidden()
    overlay.toggle()
    assert overlay.isVisible() and overlay.geometry() == parent.rect()
    assert overlay.card.font().pointSizeF() > QApplication.font().pointSizeF()  # big text
    parent.resize(700, 520)
    assert overlay.geometry() == parent.rect() and overlay.width() == 700
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert overlay.isHidden()
    overlay.toggle()
    overlay.toggle()
    assert overlay.isHidden()


def test_overlay_opens_and_closes_with_question_mark_and_closes_on_click(qtbot, window):
    parent, overlay, button = window
    escape = QAction(parent)  # a window shortcut on Esc must not steal it from the overlay
    escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    fired = []
    escape.triggered.connect(lambda: fired.append(True))
    parent.addAction(escape)

    qtbot.keyClick(button, "?")  # the window's ? action
    assert overlay.isVisible() and overlay.hasFocus()
    qtbot.keyClick(overlay, "?")
    assert overlay.isHidden()
    assert button.hasFocus()  # the focus goes back where it was
    overlay.toggle()
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert overlay.isHidden() and not fired
    qtbot.keyClick(button, Qt.Key.Key_Escape)
    assert fired  # with the overlay gone, the window's Esc works again
    overlay.toggle()
    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton)
    assert overlay.isHidden()


class _Shouting(QTranslator):
    def isEmpty(self):  # noqa: N802 - Qt's name; an empty translator would not announce a language change
        return False

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201
        return source.upper() if context == "HelpOverlay" else source


def test_overlay_strings_are_translated_in_its_context(qtbot, window):
    _, overlay, _ = window
    assert overlay.title.text() == "Keyboard shortcuts"
    translator = _Shouting()
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: overlay.title.text() == "KEYBOARD SHORTCUTS", timeout=2000)
        assert overlay.hint.text() == overlay.hint.text().upper()
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: overlay.title.text() == "Keyboard shortcuts", timeout=2000)


# ---- preferences


def test_preferences_use_the_app_names():
    settings = Preferences().settings
    assert (settings.organizationName(), settings.applicationName()) == ("ganlab", "GAN Lab Desktop")


def test_preferences_round_trip_through_an_ini_file(tmp_path):
    path = tmp_path / "ganlab.ini"
    prefs = Preferences.from_file(path)
    assert (prefs.presenter, prefs.language, prefs.last_preset, prefs.recent_sessions) == (False, "", "", [])
    prefs.geometry = b"\x01\x02geometry\x00"
    prefs.window_state = QByteArray(b"state\xff")
    prefs.presenter = True
    prefs.language = "zh_CN"
    prefs.last_preset = "mode_collapse"
    prefs.last_folder = tmp_path
    prefs.hidden_controls = ["loss", "lr_g", "loss"]
    prefs.add_recent_session(tmp_path / "a.ganlab")
    prefs.add_recent_session(str(tmp_path / "b.ganlab"))
    prefs.sync()
    assert "zh_CN" in path.read_text()

    copy = tmp_path / "copy.ini"  # a file this process has not cached: every value parsed back from text
    shutil.copy(path, copy)
    for again in (Preferences.from_file(path), Preferences.from_file(copy)):
        assert again.geometry == b"\x01\x02geometry\x00"
        assert again.window_state == b"state\xff"
        assert again.presenter is True
        assert again.language == "zh_CN"
        assert again.last_preset == "mode_collapse"
        assert again.last_folder == str(tmp_path)
        assert again.hidden_controls == ["loss", "lr_g"]
        assert again.recent_sessions == [str(tmp_path / "b.ganlab"), str(tmp_path / "a.ganlab")]


GARBAGE = """[window]
geometry=hello
state=42
[view]
presenter=banana
language=@ByteArray(zh_CN)
hidden_controls=not json at all
[session]
last_preset=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\aNoSuchType\\0)
last_folder="[1, 2]"
recent_files="{\\"a\\": 1}"
"""


def test_garbage_values_read_as_defaults(qtbot, tmp_path):
    path = tmp_path / "bad.ini"
    path.write_text(GARBAGE)
    prefs = Preferences.from_file(path)
    assert prefs.geometry == b"" and prefs.window_state == b""
    assert prefs.presenter is False
    assert prefs.language == ""
    assert prefs.hidden_controls == []
    assert prefs.last_preset == ""
    assert prefs.last_folder == "[1, 2]"  # a string is a valid folder name as far as a setting can tell
    assert prefs.recent_sessions == []
    window = QMainWindow()
    qtbot.addWidget(window)
    assert prefs.restore_window(window) is False

    prefs.geometry = b"\x00not a geometry"  # the right type, but nothing Qt can restore
    prefs.window_state = b"\x00nor a state"
    size = window.size()
    assert prefs.restore_window(window) is False and window.size() == size


def test_list_values_of_the_wrong_element_type_keep_only_the_strings(tmp_path):
    path = tmp_path / "mixed.ini"
    path.write_text('[session]\nrecent_files="[\\"/x.ganlab\\", 3, null, \\"/x.ganlab\\", \\"/y.ganlab\\"]"\n')
    assert Preferences.from_file(path).recent_sessions == ["/x.ganlab", "/y.ganlab"]


def test_setters_refuse_the_wrong_types(tmp_path):
    prefs = Preferences.from_file(tmp_path / "p.ini")
    with pytest.raises(TypeError):
        prefs.presenter = "yes"
    with pytest.raises(TypeError):
        prefs.language = 3
    with pytest.raises(TypeError):
        prefs.hidden_controls = "loss"  # one string, not a list of them
    with pytest.raises(TypeError):
        prefs.geometry = "geometry"
    assert prefs.presenter is False and prefs.hidden_controls == []


def test_recent_sessions_are_capped_deduplicated_and_most_recent_first(tmp_path):
    prefs = Preferences.from_file(tmp_path / "p.ini")
    for number in range(10):
        prefs.add_recent_session(tmp_path / f"{number}.ganlab")
    recent = prefs.recent_sessions
    assert len(recent) == Preferences.MAX_RECENT == 8
    assert recent == [str(tmp_path / f"{number}.ganlab") for number in range(9, 1, -1)]
    again = prefs.add_recent_session(str(tmp_path / "sub" / ".." / "5.ganlab"))  # the same file, spelled otherwise
    assert again[0] == str(tmp_path / "5.ganlab") and len(again) == 8 and len(set(again)) == 8
    assert again[1:] == [path for path in recent if path != str(tmp_path / "5.ganlab")]
    assert prefs.remove_recent_session(tmp_path / "9.ganlab") == [p for p in again if not p.endswith("9.ganlab")]
    relative = prefs.add_recent_session("lesson.ganlab")[0]
    assert os.path.isabs(relative) and relative.endswith("lesson.ganlab")


def test_window_geometry_and_docks_round_trip(qtbot, tmp_path):
    def make():
        window = QMainWindow()
        qtbot.addWidget(window)
        window.setCentralWidget(QLabel("Figure 1"))
        dock = QDockWidget("Charts", window)
        dock.setObjectName("Charts")
        dock.setWidget(QLabel("charts"))
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return window, dock

    window, dock = make()
    window.resize(640, 480)
    window.show()
    qtbot.waitExposed(window)
    dock.hide()
    prefs = Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    prefs.save_window(window)
    restored, restored_dock = make()
    assert not restored_dock.isHidden()
    assert prefs.restore_window(restored) is True
    assert restored.size().width() == 640 and restored.size().height() == 480
    assert restored_dock.isHidden()
