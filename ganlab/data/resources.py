"""Where the files shipped with ganlab (resources/: data sets, ...) live, in a source tree or an installed wheel."""

from __future__ import annotations

import sys
from pathlib import Path


def _candidates() -> list[Path]:
    return [
        # A source checkout or an editable install: resources/ sits beside the ganlab package.
        Path(__file__).resolve().parents[2] / "resources",
        # A regular (wheel) install: pyproject's [tool.setuptools.data-files] puts them under <prefix>/share.
        Path(sys.prefix) / "share" / "ganlab" / "resources",
    ]


def resources_dir() -> Path:
    """The top-level resources/ folder; FileNotFoundError if this installation has none."""
    candidates = _candidates()
    for folder in candidates:
        if folder.is_dir():
            return folder
    tried = ", ".join(str(folder) for folder in candidates)
    raise FileNotFoundError(
        f"ganlab's resources folder is missing (looked in {tried}); reinstall ganlab with `pip install .`"
    )


def i18n_dir() -> Path:
    """Where the translations (.ts sources and compiled .qm) are."""
    return resources_dir() / "i18n"
