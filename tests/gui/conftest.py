"""A data folder with the demo learners in it, for the window's tests."""

import pytest

from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.demo import populate
from assessor_app.services.opening import open_session


@pytest.fixture
def demo_dir(data_dir):
    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    populate(session)
    session.store.close()
    return data_dir
