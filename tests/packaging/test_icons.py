"""The icons every platform needs are drawn from the app's own SVG: PNG sizes, a Windows .ico and a macOS .icns."""

import struct

from PIL import Image

from tests.packaging.scripts import load

icons = load("icons")


def test_the_script_draws_every_size_from_the_svg(qapp, tmp_path):
    # qapp: a QApplication before the script's own QGuiApplication, on which a later test's windows would abort
    # the whole run (as the screenshots test did when tests/packaging ran on its own).
    icons.build(tmp_path)
    for size in icons.PNG_SIZES:
        with Image.open(tmp_path / f"assessor-app-{size}.png") as png:
            assert png.size == (size, size) and png.mode == "RGBA"
            corner, middle = png.getpixel((0, 0)), png.getpixel((size // 2, size // 2))
            assert corner[3] == 0 and middle[3] == 255  # transparent round corners, a solid sheet
    with Image.open(tmp_path / "assessor-app.ico") as ico:
        assert ico.ico.sizes() == {(s, s) for s in icons.ICO_SIZES}
    with Image.open(tmp_path / "assessor-app.icns") as icns:
        assert {(w, h) for w, h, _ in icns.info["sizes"]} >= {(16, 16), (32, 32), (128, 128), (256, 256),
                                                              (512, 512)}
    data = (tmp_path / "assessor-app.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)


def test_the_committed_icons_are_all_there():
    for size in icons.PNG_SIZES:
        with Image.open(icons.ICONS / f"assessor-app-{size}.png") as png:
            assert png.size == (size, size)
    assert (icons.ICONS / "assessor-app.ico").stat().st_size > 1000
    assert (icons.ICONS / "assessor-app.icns").read_bytes()[:4] == b"icns"
