"""Shared fixtures; Qt is told to draw offscreen before anything imports it (no display in CI)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from assessor_app.paths import DataFolder, shipped_dir  # noqa: E402
from assessor_app.services.opening import open_session  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
IMI = "601/3456/2"


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def session(data_dir):
    folder = DataFolder(data_dir).ensure()
    s = open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications], folder.device_id())
    yield s
    s.store.close()


@pytest.fixture
def font_dir() -> Path:
    return shipped_dir("resources") / "fonts"
