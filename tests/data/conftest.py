"""Fixtures of the data-layer tests: one small 1-D session file and one image session file per module."""

from pathlib import Path

import pytest
from session_helpers import make_image_session, make_small_session


@pytest.fixture(scope="module")
def small_session(tmp_path_factory) -> Path:
    return make_small_session(tmp_path_factory.mktemp("session") / "small.ganlab")


@pytest.fixture(scope="module")
def image_session(tmp_path_factory) -> Path:
    return make_image_session(tmp_path_factory.mktemp("session") / "image.ganlab")
