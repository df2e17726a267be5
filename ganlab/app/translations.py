"""The Chinese UI's source: find every user-facing string, keep resources/i18n/ganlab_zh_CN.ts in step, build the .qm.

`python -m ganlab.app.translations` rescans the code, adds new strings to the .ts (marked unfinished), drops strings
the code no longer has, keeps every existing translation, and compiles the .qm with pyside6-lrelease. The tests
run the same scan and fail while any string lacks a translation.

Where strings come from:
- `_tr("text")` calls: each module defines `_tr` as QCoreApplication.translate("Context", text); the context is read
  from that definition. `_tr` must be called with a literal (a variable's text cannot be found by a scan).
- `N_("text")`: a table entry shown through `table_tr` in context "Tables" (labels in dicts and tuples).
- The core's tables (presets, losses, targets, noise priors): their titles and labels, also in "Tables".
This is the build tool; the runtime marker N_ is ganlab.core.i18n (no Qt in either).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from ganlab.app.choices import TRANSLATED
from ganlab.app.kinds import ALL_PRESETS
from ganlab.app.protocol import Problem
from ganlab.core.distributions import NOISE_PRIORS, TARGETS
from ganlab.core.i18n import TABLE_CONTEXT
from ganlab.core.losses import LOSSES
from ganlab.data.resources import i18n_dir

PACKAGE = Path(__file__).resolve().parents[1]  # the ganlab package: every module is scanned


Message = tuple[str, str]  # (context, source text)


def _module_context(tree: ast.Module) -> str | None:
    """The context of a module's `_tr`: the first argument of the translate() call in its body."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "_tr":
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "translate"
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    return str(call.args[0].value)
    return None


def scan_source(text: str, path: str = "<source>") -> tuple[list[Message], list[str]]:
    """Messages in one module, and problems (an `_tr` call whose argument is not a literal string)."""
    tree = ast.parse(text, filename=path)
    context = _module_context(tree)
    messages: list[Message] = []
    problems: list[str] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        name = node.func.id
        if name not in ("_tr", "N_"):
            continue
        argument = node.args[0] if node.args else None
        literal = isinstance(argument, ast.Constant) and isinstance(argument.value, str)
        if name == "N_" and literal:
            messages.append((TABLE_CONTEXT, argument.value))
        elif name == "_tr" and literal and context is not None:
            messages.append((context, argument.value))
        elif name == "_tr":
            problems.append(f"{path}:{node.lineno}: _tr() needs a literal string (use N_ + table_tr for tables)")
    return messages, problems


def core_table_messages() -> list[Message]:
    """Titles and labels of the core's and the app's tables, which the GUI shows through table_tr."""
    texts: list[str] = []
    for preset in ALL_PRESETS.values():
        texts += [preset.title, preset.lesson]
    texts += [loss.label for loss in LOSSES.values()]
    texts += [target.label for target in TARGETS.values()]
    texts += [prior.label for prior in NOISE_PRIORS.values()]
    texts.append("Custom")  # the label of a drawn or loaded target
    texts += list(Problem.TEMPLATES.values())  # the trainer's reasons for stopping, worded by the GUI
    return [(TABLE_CONTEXT, text) for text in texts]


def collect(package: Path = PACKAGE) -> tuple[list[Message], list[str]]:
    """Every message of the package, in a stable order without duplicates, and the problems found."""
    messages: list[Message] = []
    problems: list[str] = []
    for path in sorted(package.rglob("*.py")):
        found, trouble = scan_source(path.read_text(encoding="utf-8"), str(path.relative_to(package.parent)))
        messages += found
        problems += trouble
    messages += core_table_messages()
    return list(dict.fromkeys(messages)), problems


# ---- .ts files (Qt Linguist's XML)
def read_ts(path: Path) -> dict[Message, str | None]:
    """(context, source) -> translation, or None where the translation is unfinished or empty."""
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    table: dict[Message, str | None] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            done = translation is not None and translation.get("type") is None and (translation.text or "")
            table[(name, source)] = (translation.text or "") if done else None
    return table


def write_ts(path: Path, language: str, messages: Iterable[Message], translations: dict[Message, str | None]) -> None:
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    contexts: dict[str, ET.Element] = {}
    for context, source in messages:
        if context not in contexts:
            element = ET.SubElement(root, "context")
            ET.SubElement(element, "name").text = context
            contexts[context] = element
        message = ET.SubElement(contexts[context], "message")
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        text = translations.get((context, source))
        if text:
            translation.text = text
        else:
            translation.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def ts_path(language: str) -> Path:
    return i18n_dir() / f"ganlab_{language}.ts"


def lrelease() -> str:
    """The pyside6-lrelease that comes with PySide6-Essentials (beside this Python, or on PATH)."""
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    if not found:
        raise FileNotFoundError("pyside6-lrelease not found: install PySide6-Essentials")
    return found


def compile_ts(ts: Path, qm: Path) -> None:
    subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)


def update(languages: Iterable[str] = TRANSLATED) -> int:
    messages, problems = collect()
    for problem in problems:
        print(problem, file=sys.stderr)
    for language in languages:
        path = ts_path(language)
        old = read_ts(path)
        write_ts(path, language, messages, old)
        missing = sum(1 for message in messages if not old.get(message))
        compile_ts(path, path.with_suffix(".qm"))
        print(f"{path.name}: {len(messages)} strings, {missing} without a translation")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(update())
