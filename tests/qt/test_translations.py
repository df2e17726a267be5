"""The Chinese UI: every user-facing string is found and translated, the shipped .qm matches the .ts, and the
window switches language without losing the run."""

import numpy as np
import pytest

from ganlab.app.translations import collect, compile_ts, read_ts, scan_source, ts_path


def test_every_string_of_the_code_has_a_chinese_translation():
    messages, problems = collect()
    assert not problems
    assert len(messages) > 300
    translations = read_ts(ts_path("zh_CN"))
    missing = [message for message in messages if not translations.get(message)]
    assert not missing, f"run `python -m ganlab.app.translations` and translate: {missing[:5]}"
    stale = set(translations) - set(messages)
    assert not stale, f"strings the code no longer has: {sorted(stale)[:5]}"


def test_placeholders_survive_translation():
    for (context, source), text in read_ts(ts_path("zh_CN")).items():
        for field in ("{i}", "{d}", "{g}", "{p}", "{n}", "{s}", "{f}", "{name}"):
            assert source.count(field) == text.count(field), (context, source, text)


def test_the_shipped_qm_is_the_compiled_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    compile_ts(ts_path("zh_CN"), fresh)
    assert fresh.read_bytes() == ts_path("zh_CN").with_suffix(".qm").read_bytes()


def test_a_non_literal_tr_call_is_reported():
    source = 'from PySide6.QtCore import QCoreApplication\ndef _tr(t):\n    return QCoreApplication.translate("X", t)\n'
    messages, problems = scan_source(source + '_tr("ok")\nlabel = "x"\n_tr(label)\nN_("table")\n')
    assert messages == [("X", "ok"), ("Tables", "table")]
    assert len(problems) == 1 and ":6:" in problems[0]


def test_language_resolution():
    from ganlab.qt.i18n import resolve_language

    assert resolve_language("zh_CN") == resolve_language("zh-Hans-CN") == resolve_language("zh_TW") == "zh_CN"
    assert resolve_language("en_GB") == resolve_language("fr_FR") == resolve_language("") == "en"


@pytest.fixture
def english():
    from ganlab.qt.i18n import install_language

    yield
    install_language("en")


def test_the_window_switches_to_chinese_and_keeps_training(qtbot, english):
    from ganlab.qt.window.main_window import MainWindow

    window = MainWindow(preset="figure1", device="cpu", transport="thread")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.snapshot is not None, timeout=30_000)
    window.set_control_shown("dock.numbers", False)
    window.controller.set_playing(True)
    qtbot.waitUntil(lambda: window.controller.snapshot.iteration > 20, timeout=30_000)
    chinese = window.switch_language("zh_CN")
    qtbot.addWidget(chinese)
    assert chinese.windowTitle() != "GAN Lab Desktop" and any("\u4e00" <= c <= "\u9fff" for c in chinese.windowTitle())
    assert chinese.views["1d"].controls.play_button.text() != "Pause" and chinese.controller.playing
    assert chinese.controller.client is window.controller.client and chinese.controller.client.is_running()
    assert chinese.controller.hidden_controls == {"dock.numbers"}
    # saved layouts find docks by their object names, which must not be translated
    assert [d.objectName() for d in (chinese.docks["1d"]["charts"], chinese.docks["image"]["latent"])] == [
        "1d.charts",
        "image.latent",
    ]
    before = chinese.controller.snapshot.iteration
    qtbot.waitUntil(lambda: chinese.controller.snapshot.iteration > before + 20, timeout=30_000)  # the same run goes on
    assert len(chinese.views["1d"].timeline.history) > 2
    assert any("\u4e00" <= c <= "\u9fff" for c in chinese.lessons.title.text() + chinese.lessons.chooser.currentText())
    english_again = chinese.switch_language("en")
    qtbot.addWidget(english_again)
    assert english_again.windowTitle() == "GAN Lab Desktop"
    english_again.close()
    assert not english_again.controller.client.is_running()
    assert np.isfinite(english_again.controller.snapshot.jsd)


def test_a_divergence_is_explained_in_chinese(qtbot, english):
    from ganlab.app.protocol import Problem
    from ganlab.qt.i18n import install_language
    from ganlab.qt.window.main_window import MainWindow

    install_language("zh_CN")
    window = MainWindow(preset="figure1", device="cpu", transport="thread", language="zh_CN")
    qtbot.addWidget(window)
    window.controller._failed(Problem("diverged", "D loss = nan", iteration=120, back_to=100))
    text = window.banner.text()
    assert "120" in text and "100" in text and "D loss = nan" in text and "发散" in text
    window.close()
