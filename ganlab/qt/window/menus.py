"""The window's own menu entries and keys as one table, the menus built from it and from each kind's view, and the
handlers of the shared lesson verbs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ganlab.app.choices import LANGUAGES
from ganlab.app.kinds import ALL_PRESETS
from ganlab.app.protocol import CommandKind
from ganlab.core.i18n import N_
from ganlab.qt.actions import ActionSpec, build_action
from ganlab.qt.i18n import table_tr

if TYPE_CHECKING:  # the window imports this module to build its menus
    from ganlab.qt.window.main_window import MainWindow

MENUS = {"file": N_("&File"), "run": N_("&Run"), "presets": N_("&Presets"), "view": N_("&View"), "help": N_("&Help")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def window_actions(w: MainWindow) -> list[ActionSpec]:
    """What the window offers for every kind of run, in menu order (the F1 list keeps this order)."""
    c = w.controller
    return [
        ActionSpec(
            "open_session", "file", N_("Open session..."), w.open_session, ("Ctrl+O",), N_("Open a session file")
        ),
        ActionSpec(
            "save_session", "file", N_("Save session..."), w.save_session, ("Ctrl+S",),
            N_("Save the session (settings, networks, timeline)"),
        ),
        ActionSpec(
            "export_snapshot", "file/export", N_("Snapshot arrays (.npz)..."), w.export_snapshot, ("Ctrl+E",),
            N_("Export the current snapshot or samples (.npz)"), section=2,
        ),
        ActionSpec(
            "export_metrics", "file/export", N_("Metrics over iterations (CSV)..."), w.export_metrics_csv, section=2
        ),
        ActionSpec("quit", "file", N_("Quit"), w.close, ("Ctrl+Q",), N_("Quit"), section=9),
        ActionSpec("play", "run", N_("Play / pause"), c.toggle_playing, ("Space",), N_("Play / pause")),
        ActionSpec(
            "step", "run", N_("Step one iteration"), lambda: c.step(CommandKind.STEP), ("Right",),
            N_("One iteration (k D steps, then G)"),
        ),
        ActionSpec(
            "step_d", "run", N_("Step D only"), lambda: c.step(CommandKind.STEP_D), ("D",),
            N_("One discriminator step"),
        ),
        ActionSpec(
            "step_g", "run", N_("Step G only"), lambda: c.step(CommandKind.STEP_G), ("G",), N_("One generator step")
        ),
        ActionSpec("reset", "run", N_("Reset"), lambda: c.reset(), ("R",), N_("Reset the run")),
        ActionSpec(
            "toggle_loss", "run", N_("Switch the generator loss (minimax / non-saturating)"), w.toggle_loss, ("M",),
            N_("Generator loss: minimax <-> non-saturating"), section=1,
        ),
        ActionSpec(
            "next_speed", "run", N_("Next speed"), c.next_speed, ("S",),
            N_("Next speed (full, 100, 20, 5 it/s, narrated, slow motion)"), section=1,
        ),
        ActionSpec(
            "presenter", "view", N_("Presenter mode (projector)"), w.set_presenter, ("F11",),
            N_("Presenter mode: full screen, large type, thick lines"), checkable=True,
        ),
        ActionSpec("lessons", "help", N_("Lessons"), w.toggle_lessons, ("F2",), N_("Show or hide the guided lessons")),
        ActionSpec(
            "keys", "help", N_("Keyboard shortcuts"), w.help_overlay_toggle, ("F1", "?"), N_("This list of keys"),
            help_keys="F1, ?",
        ),
        ActionSpec("about", "help", N_("About GAN Lab Desktop"), w.show_about),
    ]  # fmt: skip


def build_menus(w: MainWindow, specs: list[ActionSpec]) -> dict[str, QAction]:
    """The menu bar from the table rows (submenus named by "menu/sub"), the presets, the View menu's switches and
    the languages. Returns the actions by name."""
    bar = w.menuBar()
    menus: dict[str, QMenu] = {key: bar.addMenu(table_tr(title)) for key, title in MENUS.items()}
    actions: dict[str, QAction] = {}
    placed: dict[str, int] = {}  # menu -> the section of its last entry
    for spec in sorted(specs, key=lambda spec: spec.section):  # stable: table order within a section
        if spec.menu == "file/export" and spec.menu not in menus:
            menus["file"].addSeparator()
            menus[spec.menu] = menus["file"].addMenu(_tr("Export"))
        if spec.menu in placed and placed[spec.menu] != spec.section:
            menus[spec.menu].addSeparator()
        placed[spec.menu] = spec.section
        actions[spec.name] = build_action(w, menus[spec.menu], spec)
        if spec.name == "save_session":
            w.recent_menu = menus["file"].addMenu(_tr("Recent sessions"))
            w.recent_menu.aboutToShow.connect(w.fill_recent)
    export = menus["file/export"]
    export.addSeparator()
    for name, (label, _) in w.exportable_panels().items():
        export.addAction(
            _tr("Panel: {p} (PNG or SVG)...").format(p=table_tr(label)), lambda name=name: w.export_panel(name)
        )
    for number, (key, preset) in enumerate(ALL_PRESETS.items(), start=1):
        spec = ActionSpec(f"preset.{key}", "presets", preset.title, lambda key=key: w.controller.load_preset(key))
        action = build_action(w, menus["presets"], spec)
        if number <= 9:
            action.setShortcut(str(number))
    menus["view"].addSeparator()
    w.show_actions = {}
    for name, label in w.hideable().items():
        spec = ActionSpec(
            f"show.{name}", "view", label, lambda shown, name=name: w.set_control_shown(name, shown), checkable=True
        )
        w.show_actions[name] = action = build_action(w, menus["view"], spec)
        action.setChecked(name not in w.controller.hidden_controls)
    menus["view"].addSeparator()
    language_menu = menus["view"].addMenu(_tr("Language"))
    for code, name in LANGUAGES.items():
        action = language_menu.addAction(name, lambda code=code: w.switch_language(code))
        action.setCheckable(True)  # a mark only: choosing rebuilds the window, which marks the new language
        action.setChecked(code == w.language)
    return actions


def shared_lesson_handlers(w: MainWindow) -> dict[str, Callable[[tuple[Any, ...]], None]]:
    """A handler per shared lesson verb (ganlab.app.lessons.SHARED_VERBS), called with the verb's arguments."""
    c = w.controller
    return {
        "preset": lambda args: c.load_preset(args[0]),
        "play": lambda args: c.set_playing(True),
        "pause": lambda args: c.set_playing(False),
        "step": lambda args: c.step(CommandKind.STEP),
        "step_d": lambda args: c.step(CommandKind.STEP_D),
        "step_g": lambda args: c.step(CommandKind.STEP_G),
        "reset": lambda args: c.reset(),
        "live": lambda args: w.view.go_live(),
        "run": lambda args: c.run_iterations(args[0]),
        "set": lambda args: c.set_setting(*args),
        "show": lambda args: w.show_panel(args[0]),
        "speed": lambda args: c.set_speed_name(args[0]),
    }
