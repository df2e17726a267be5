"""The remembered preferences: typed, round-tripped through an INI file, garbage read as defaults."""

import os
import shutil

import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from ganlab.qt.look.preferences import Preferences


def test_preferences_use_the_app_names():
    settings = Preferences().settings
    assert (settings.organizationName(), settings.applicationName()) == ("ganlab", "GAN Lab Desktop")


def test_preferences_round_trip_through_an_ini_file(tmp_path):
    path = tmp_path / "ganlab.ini"
    prefs = Preferences.from_file(path)
    assert (prefs.presenter, prefs.language, prefs.recent_sessions) == (False, "", [])
    prefs.geometry = b"\x01\x02geometry\x00"
    prefs.window_state = QByteArray(b"state\xff")
    prefs.presenter = True
    prefs.language = "zh_CN"
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
; keys an older version kept: still in saved files, ignored
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
    assert prefs.recent_sessions == []
    window = QMainWindow()
    qtbot.addWidget(window)
    assert prefs.restore_window(window) is False

    prefs.geometry = b"\x00not a geometry"  # the right type, but nothing Qt can restore
    prefs.window_state = b"\x00nor a state"
    size = window.size()
    assert prefs.restore_window(window) is False and window.size() == size


def test_a_value_qt_cannot_convert_reads_as_the_default(tmp_path):
    path = tmp_path / "variant.ini"
    path.write_text("[view]\nlanguage=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\aNoSuchType\\0)\n")
    assert Preferences.from_file(path).language == ""


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
