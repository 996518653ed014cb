"""The learner list's model passes Qt's checks, and its filter ignores case and accents and follows each choice."""

from assessor_app.domain.caseload import CaseloadRow, fold
from assessor_app.gui.models.caseload_model import (AWAITING_IV, AWAITING_SIGNOFF, IN_PROGRESS, NOT_STARTED,
                                                    CaseloadFilter, CaseloadTableModel)


def row(name, number, employer="", qualifications=("601/3456/2",), covered=0, total=10, signoff=0, iv=0):
    return CaseloadRow(number, name, number, employer, qualifications, covered, total, signoff, iv, 0,
                       fold(" ".join([name, number, employer, *qualifications])))


ROWS = [row("Zoë Wiśniewski", "R1", "Ware Garden Centre, Herts", covered=4),
        row("Siobhán Ó'Brien", "R2", "Brickendon Stores", covered=10, signoff=1),
        row("Amelia Hart", "R3", "Ware Garden Centre", qualifications=("600/1234/5",), iv=1)]


def shown(proxy):
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_model_passes_qt_checks(qtmodeltester):
    model = CaseloadTableModel()
    model.set_caseload(ROWS)
    qtmodeltester.check(model)
    assert model.index(1, 3).data() == "100%" and model.index(1, 4).data() == "1 to sign off"


def test_filter_by_text_and_by_each_choice(qtmodeltester):
    model = CaseloadTableModel()
    model.set_caseload(ROWS)
    proxy = CaseloadFilter()
    proxy.setSourceModel(model)
    proxy.set_text("wis")
    assert shown(proxy) == ["Zoë Wiśniewski"]
    proxy.set_text("OBRIEN")
    assert shown(proxy) == ["Siobhán Ó'Brien"]
    proxy.set_text("ware")
    assert shown(proxy) == ["Zoë Wiśniewski", "Amelia Hart"]
    proxy.set_choice("qualification", "600/1234/5")
    assert shown(proxy) == ["Amelia Hart"]
    proxy.set_text("")
    proxy.set_choice("qualification", "")
    proxy.set_choice("employer", "Ware Garden Centre")
    assert shown(proxy) == ["Zoë Wiśniewski", "Amelia Hart"]
    proxy.set_choice("employer", "")
    proxy.set_choice("progress", NOT_STARTED)
    assert shown(proxy) == ["Amelia Hart"]
    proxy.set_choice("progress", IN_PROGRESS)
    assert shown(proxy) == ["Zoë Wiśniewski"]
    proxy.set_choice("progress", "")
    proxy.set_choice("awaiting", AWAITING_SIGNOFF)
    assert shown(proxy) == ["Siobhán Ó'Brien"]
    proxy.set_choice("awaiting", AWAITING_IV)
    assert shown(proxy) == ["Amelia Hart"]
    qtmodeltester.check(proxy)
