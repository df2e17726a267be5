"""The core, the config and the CLI's headless paths must never pull in Qt (they run without a display)."""

import subprocess
import sys


def test_core_imports_no_qt():
    code = (
        "import sys, ganlab.core.trainer, ganlab.app.loop, ganlab.core.metrics, ganlab.core.run_config, ganlab.cli;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_headless_train_imports_no_qt(tmp_path):
    code = (
        "import sys; from ganlab.cli import main; rc = main(['train', '--steps', '3', '--json']);"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph'));"
        "sys.exit(rc or (3 if bad else 0))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
