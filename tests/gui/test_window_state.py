"""Window geometry and splitter sizes come back next time, kept in the data folder."""

from assessor_app.paths import DataFolder
from tests.gui.helpers import open_window


def test_geometry_and_splitters_are_remembered_in_the_data_folder(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    window.resize(790, 640)  # inside the 800x800 offscreen screen
    window.main_splitter.setSizes([250, 500])
    sizes = window.main_splitter.sizes()
    window.close()
    session.store.close()
    assert DataFolder(demo_dir).settings_file.exists()
    again, session = open_window(qtbot, demo_dir)
    assert (again.width(), again.height()) == (790, 640)
    assert again.main_splitter.sizes() == sizes
    session.store.close()
