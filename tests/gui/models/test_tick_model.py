"""The tick tree model holds to Qt's model rules, and its filter finds ACs by number, unit ref and words."""

from assessor_app.gui.models.tick_model import KEY_ROLE, TickFilterProxy, TickTreeModel
from tests.conftest import IMI

CS7 = "A/506/2130"


def imi_units(session, count=None):
    qualification = session.catalogue.get(IMI)
    return list(qualification.units)[:count]


def test_model_and_proxy_pass_the_model_tester(qtmodeltester, session):
    model = TickTreeModel()
    model.set_units(imi_units(session, 4), locked={CS7})
    model.set_ticked({(imi_units(session, 2)[1].urn, "1.1")})
    qtmodeltester.check(model)
    proxy = TickFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("1.1")
    qtmodeltester.check(proxy)


def test_filter_by_number_unit_ref_and_words(session):
    units = imi_units(session)
    model = TickTreeModel()
    model.set_units(units)
    found = model.matching("2.3")
    assert found and {number for _, number in found} == {"2.3"}
    cs7 = next(u for u in units if u.urn == CS7)
    assert model.matching("CS 7") == {(CS7, c.number) for c in cs7.criteria}
    assert model.matching("cs 7 2.1") == {(CS7, "2.1")}
    assert model.matching("CS 7 brand") == {(CS7, c.number) for c in cs7.criteria if "brand" in c.text.casefold()
                                            or c.number.startswith("2.")}
    everywhere = model.matching("escalate problems")
    assert (CS7, "1.5") in everywhere and all(
        "escalate" in model.index_of(key).data().casefold() or "escalate" in model.unit_at(model.index_of(key)).title.casefold()
        for key in everywhere if key[0] == CS7)
    assert model.matching("zzzz-no-such-word") == set()
    assert model.matching("  ") is None


def test_proxy_keeps_the_unit_and_outcome_headings_of_each_found_ac(session):
    model = TickTreeModel()
    model.set_units(imi_units(session))
    proxy = TickFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("CS 7 2.3")
    shown = [proxy.index(row, 0) for row in range(proxy.rowCount())]
    assert [index.data(KEY_ROLE) for index in shown] == [None, None, (CS7, "2.3")]
    assert shown[0].data().startswith("Unit CS 7") and "LO 2" in shown[1].data()
    proxy.set_query("")
    assert proxy.rowCount() == model.rowCount()


def shown_texts(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index.data()
        yield from shown_texts(model, index)


def test_a_signed_off_unit_says_so_in_words_every_laptop_font_can_draw(qtbot, session):
    from PySide6.QtGui import QFont, QFontMetrics

    model = TickTreeModel()
    model.set_units(imi_units(session, 2), locked={CS7})
    texts = list(shown_texts(model))
    headings = [t for t in texts if t.startswith("Unit ")]
    assert headings[0] == "Unit CS 7  Deliver customer service   (signed off)" and "signed" not in headings[1]
    metrics = QFontMetrics(QFont())  # an emoji drawn as an empty box on a laptop without an emoji font
    assert all(metrics.inFontUcs4(ord(c)) for t in texts for c in t)
