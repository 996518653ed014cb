"""Every item model passes Qt's own model consistency checks (pytest-qt's qtmodeltester)."""

from assessor_app.domain.records import Learner
from assessor_app.domain.unit_record import build_unit_record
from assessor_app.gui.criteria_model import CriteriaTableModel
from assessor_app.gui.route_model import RouteTreeModel
from assessor_app.gui.unit_model import UnitRow, UnitTableModel
from assessor_app.paths import shipped_dir
from assessor_app.services.catalogue import load_catalogue
from tests.conftest import IMI

CATALOGUE = load_catalogue(shipped_dir("qualifications"))


def test_unit_model(qtmodeltester):
    model = UnitTableModel()
    model.set_rows([UnitRow("A/506/2130", "A", "CS 7", "Deliver customer service", 5, 3, 20),
                    UnitRow("X/000/0000", "", "U1", "No credit", None, 0, 1)])
    qtmodeltester.check(model)


def test_criteria_model(qtmodeltester):
    qualification = CATALOGUE.get(IMI)
    unit = qualification.units[0]
    model = CriteriaTableModel()
    model.set_record(build_unit_record(Learner(id="1", name="Ann", registration_no="R1"), qualification, unit, []))
    qtmodeltester.check(model)


def test_route_tree_model_for_every_qualification(qtmodeltester):
    for qualification in CATALOGUE.listing():
        if qualification.groups:
            qtmodeltester.check(RouteTreeModel(qualification, []))


def test_criteria_flagged_for_review_carry_a_warning_and_the_note(qapp):
    from PySide6.QtCore import Qt

    from assessor_app.gui.criteria_model import CHECK_COLUMN
    qualification = CATALOGUE.get("601/5359/3")
    unit = qualification.unit("K/506/9011")
    notes = qualification.review_notes(unit.urn)
    assert "1.5" in notes and "garbled" in notes["1.5"]
    model = CriteriaTableModel()
    model.set_record(build_unit_record(Learner(id="1", name="Ann", registration_no="R1"), qualification, unit, []), notes)
    flagged = model.index(model.row_of("1.5"), CHECK_COLUMN)
    clean = model.index(model.row_of("1.1"), CHECK_COLUMN)
    assert flagged.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Needs review" in flagged.data(Qt.ItemDataRole.ToolTipRole)
    assert clean.data(Qt.ItemDataRole.DecorationRole) is None
    assert "Needs review" not in clean.data(Qt.ItemDataRole.ToolTipRole)
