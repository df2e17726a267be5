"""The Lesson panel: choosing a lesson, Back / Next, buttons emitting their Action, switching language in place."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ganlab.app.lessons import Action, ValidationContext, load_lessons
from ganlab.qt.panels.lesson import LessonPanel

CONTEXT = ValidationContext(presets=frozenset({"figure1", "saturation"}), fields={"k": (0, 50)})

LESSONS = {
    "en": {
        "01-first.md": "# First lesson\nAbout the first.\n## One\nStep <one>.\n[button: Load | preset figure1]\n"
        "[button: Five | set k 5]\n## Two\nStep two.\n## Three\nStep three.\n[button: Play | play]\n",
        "02-second.md": "# Second lesson\n## Alpha\nAlpha.\n[button: Saturate | preset saturation]\n## Beta\nBeta.\n",
    },
    "zh_CN": {
        "01-first.md": "# 第一课\n## 一\n第一步。\n[button: 载入 | preset figure1]\n[button: 五 | set k 5]\n"
        "## 二\n第二步。\n## 三\n第三步。\n[button: 播放 | play]\n",
        "02-second.md": "# 第二课\n## 甲\n甲。\n[button: 饱和 | preset saturation]\n## 乙\n乙。\n",
    },
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for language, files in LESSONS.items():
        (tmp_path / language).mkdir()
        for name, text in files.items():
            (tmp_path / language / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def panel(qtbot, folder):
    widget = LessonPanel("en", CONTEXT, folder)
    qtbot.addWidget(widget)
    return widget


def labels(panel: LessonPanel) -> list[str]:
    return [button.text() for button in panel.action_buttons]


def click(qtbot, button: QPushButton) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_opens_on_the_first_step_of_the_first_lesson(panel):
    assert [panel.chooser.itemText(i) for i in range(panel.chooser.count())] == ["1. First lesson", "2. Second lesson"]
    assert panel.chooser.itemData(0, Qt.ItemDataRole.ToolTipRole) == "<p>About the first.</p>"
    assert panel.title.text() == "One"
    assert "Step &lt;one&gt;." in panel.text.toHtml()  # escaped by the parser, shown as text
    assert "Step <one>." == panel.text.toPlainText()
    assert labels(panel) == ["Load", "Five"]
    assert panel.action_buttons[0].toolTip() == "preset figure1"
    assert panel.position_label.text() == "Step 1 of 3"
    assert not panel.back_button.isEnabled() and panel.next_button.isEnabled()


def test_next_and_back_walk_the_steps(qtbot, panel):
    click(qtbot, panel.next_button)
    assert (panel.title.text(), panel.position_label.text()) == ("Two", "Step 2 of 3")
    assert labels(panel) == [] and not panel.actions_box.isVisibleTo(panel)
    assert panel.back_button.isEnabled()
    click(qtbot, panel.next_button)
    assert (panel.title.text(), labels(panel)) == ("Three", ["Play"])
    assert panel.next_button.text() == "Next lesson"
    click(qtbot, panel.back_button)
    assert (panel.title.text(), panel.position_label.text(), panel.next_button.text()) == ("Two", "Step 2 of 3", "Next")
    click(qtbot, panel.next_button)
    click(qtbot, panel.next_button)  # from the last step: the next lesson
    assert (panel.current_lesson().key, panel.step_index) == ("second", 0)
    assert panel.chooser.currentIndex() == 1
    assert (panel.title.text(), panel.position_label.text()) == ("Alpha", "Step 1 of 2")
    click(qtbot, panel.next_button)
    assert panel.title.text() == "Beta" and not panel.next_button.isEnabled()  # the very last step


def test_choosing_a_lesson_shows_its_first_step(panel):
    panel.next_step()
    panel.chooser.setCurrentIndex(1)
    assert (panel.current_lesson().key, panel.step_index, panel.title.text()) == ("second", 0, "Alpha")
    assert labels(panel) == ["Saturate"]
    panel.set_lesson("first", 2)
    assert (panel.chooser.currentIndex(), panel.title.text()) == (0, "Three")
    with pytest.raises(KeyError):
        panel.set_lesson("third")


def test_a_button_emits_its_action(qtbot, panel):
    with qtbot.waitSignal(panel.action_requested) as signal:
        click(qtbot, panel.action_buttons[1])
    action = signal.args[0]
    assert isinstance(action, Action)
    assert (action.label, action.verb, action.args) == ("Five", "set", ("k", 5))
    emitted = []
    panel.action_requested.connect(emitted.append)
    click(qtbot, panel.action_buttons[0])
    assert [(a.verb, a.args) for a in emitted] == [("preset", ("figure1",))]
    assert panel.step_index == 0  # a button sets the app up; it does not turn the page


def test_switching_language_keeps_the_lesson_and_step(qtbot, panel):
    panel.set_lesson("first", 2)
    panel.set_language("zh_CN")
    assert panel.language == "zh_CN"
    assert (panel.current_lesson().key, panel.step_index) == ("first", 2)
    assert (panel.title.text(), labels(panel), panel.chooser.itemText(1)) == ("三", ["播放"], "2. 第二课")
    with qtbot.waitSignal(panel.action_requested) as signal:
        click(qtbot, panel.action_buttons[0])
    assert (signal.args[0].verb, signal.args[0].label) == ("play", "播放")
    panel.set_language("en_GB")  # the closest language there is
    assert (panel.language, panel.title.text()) == ("en", "Three")
    panel.set_lesson(1, 1)
    panel.set_language("zh")
    assert (panel.title.text(), panel.chooser.currentIndex()) == ("乙", 1)


def test_nothing_takes_keyboard_focus(panel):
    panel.set_lesson("first", 0)
    widgets = [panel.chooser, panel.text, panel.back_button, panel.next_button, *panel.action_buttons]
    assert len(panel.action_buttons) == 2
    for widget in widgets:
        assert widget.focusPolicy() == Qt.FocusPolicy.NoFocus, widget


def test_a_broken_lesson_is_reported_in_the_panel(qtbot, folder):
    (folder / "en" / "03-broken.md").write_text("# Broken\n## S\ntext\n[button: Go | preset nowhere]\n", "utf-8")
    widget = LessonPanel("en", CONTEXT, folder)
    qtbot.addWidget(widget)
    assert widget.current_lesson() is None and widget.chooser.count() == 0
    assert "03-broken.md:4:" in widget.text.toPlainText() and "nowhere" in widget.text.toPlainText()
    assert not widget.next_button.isEnabled() and widget.action_buttons == []
    widget.next_step()  # harmless with nothing loaded
    widget.set_language("zh_CN")  # the Chinese files are fine: the panel recovers
    assert widget.current_lesson().key == "first" and widget.title.text() == "一"


def test_the_shipped_lessons_load_in_the_panel(qtbot):
    widget = LessonPanel("zh_CN")
    qtbot.addWidget(widget)
    assert widget.error == ""
    assert widget.chooser.count() == len(load_lessons("zh_CN")) >= 6
    widget.set_language("en")
    assert widget.chooser.itemText(0).startswith("1. Figure 1")
    emitted = []
    widget.action_requested.connect(emitted.append)
    widget.action_buttons[0].click()
    assert (emitted[0].verb, emitted[0].args) == ("preset", ("figure1",))
