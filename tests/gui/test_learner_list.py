"""The learner list filters as you type, ignoring case and accents, and the keyboard moves from filter to list."""

from PySide6.QtCore import Qt

from tests.gui.helpers import open_window


def test_filter_ignores_accents_and_the_keys_move_into_the_list(qtbot, demo_dir):
    from assessor_app.paths import DataFolder, shipped_dir
    from assessor_app.services.opening import open_session

    folder = DataFolder(demo_dir)
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    session.roster.add("Siobhán Ó'Brien", "IMI-50", employer_name_address="Quayside Bikes, Hertford")
    session.roster.add("Kasia Wiśniewski", "IMI-51")
    session.store.close()
    window, session = open_window(qtbot, demo_dir)
    panel = window.learners
    assert panel.model.rowCount() == 5
    qtbot.keyClicks(panel.filter, "wis")
    names = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert "Kasia Wiśniewski" in names and all("Wiś" in name for name in names) and len(names) < 5
    panel.filter.clear()
    qtbot.keyClicks(panel.filter, "OBRIEN")
    assert [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())] == \
        ["Siobhán Ó'Brien", "Zoë Ó'Brien-Łukasiewicz"]  # sorted by name
    panel.filter.clear()
    qtbot.keyClicks(panel.filter, "quayside")  # the employer
    assert panel.proxy.rowCount() == 1
    panel.filter.clear()
    panel.filter.setFocus()
    first = panel.current_learner_id()
    qtbot.keyClick(panel.filter, Qt.Key.Key_Down)
    assert panel.view.hasFocus() or panel.current_learner_id() != first
    panel.filter.setFocus()
    with qtbot.waitSignal(panel.learner_activated):
        qtbot.keyClick(panel.filter, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.overview
    session.store.close()


def test_filters_by_qualification_progress_and_waiting(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    panel = window.learners
    assert panel.model.index(0, 3).data() == ""  # the list comes first, its progress on the next loop pass
    qtbot.waitUntil(lambda: panel.model.index(0, 3).data().endswith("%"))
    panel.qualification.setCurrentIndex(panel.qualification.findData("601/3456/2"))
    assert panel.proxy.rowCount() == 3
    panel.awaiting.setCurrentIndex(panel.awaiting.findData("awaiting_iv"))
    waiting = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    rows = {r.name: r for r in session.caseload.rows()}
    assert waiting == sorted(name for name, row in rows.items() if row.awaiting_iv)
    panel.awaiting.setCurrentIndex(0)
    panel.progress.setCurrentIndex(panel.progress.findData("not_started"))
    not_started = sum(1 for row in rows.values() if not row.covered)
    assert panel.proxy.rowCount() == not_started
    assert panel.count.text() == (f"{not_started} of 3 learners" if not_started != 3 else "3 learners")
    session.store.close()


def test_progress_read_in_the_background_never_overwrites_a_newer_list(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    panel = window.learners
    qtbot.waitUntil(lambda: panel.model.index(0, 3).data().endswith("%"))
    stale = session.caseload.rows()
    learner_id = panel.model.learner_id_at(0)
    [registration] = session.roster.registrations(learner_id)
    item, _ = session.evidence.add(learner_id, "observation", "2026-03-02", narrative="n")
    urn = registration.chosen_units[-1]
    session.mapping.link(item.id, registration.id, urn,
                         [c.number for c in session.catalogue.get("601/3456/2").unit(urn).criteria])
    panel.reload()
    fresh = panel.model.index(0, 3).data()
    panel._apply_progress(stale, panel._generation - 1)  # a read begun before the reload arrives late
    assert panel.model.index(0, 3).data() == fresh and panel.model.row_at(0).covered > stale[0].covered
    session.store.close()


def _type_to_move_selection(qtbot, panel):
    """Type the last learner's registration no, so the filter drops the learner selected now."""
    panel.filter.setFocus()
    target = panel.model.row_at(panel.model.rowCount() - 1)
    assert panel.current_learner_id() != target.learner_id
    qtbot.keyClicks(panel.filter, target.registration_no)
    assert panel.current_learner_id() == target.learner_id  # the list moved at once
    return target.learner_id


def test_typing_draws_the_list_first_and_tells_the_learner_once_the_typing_pauses(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    panel = window.learners
    told = []
    panel.learner_selected.connect(told.append)
    first = window.context.selection.learner_id
    target = _type_to_move_selection(qtbot, panel)
    assert told == [] and window.context.selection.learner_id == first  # no learner's panes loaded per key
    qtbot.waitUntil(lambda: window.context.selection.learner_id == target)
    assert told == [target]  # once, for the learner the typing ended on
    assert window.units.registration_id in {r.id for r in session.roster.registrations(target)}
    session.store.close()


def test_a_shortcut_a_menu_or_leaving_the_filter_tells_the_selection_typing_moved(qtbot, demo_dir):
    from PySide6.QtWidgets import QMenu

    window, session = open_window(qtbot, demo_dir)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # focus moves only in the active window
    panel = window.learners
    target = _type_to_move_selection(qtbot, panel)
    qtbot.keyClick(panel.filter, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Find learner
    assert window.context.selection.learner_id == target  # before the shortcut's action was looked up

    panel.filter.clear()
    panel.select(panel.model.learner_id_at(0))
    target = _type_to_move_selection(qtbot, panel)
    menu = window.findChild(QMenu, "menu_unit")
    menu.popup(window.mapToGlobal(window.rect().center()))
    assert window.context.selection.learner_id == target  # the menu took the focus: its actions fit her
    menu.close()

    panel.filter.clear()
    panel.select(panel.model.learner_id_at(0))
    target = _type_to_move_selection(qtbot, panel)
    qtbot.mouseClick(window.units.view.viewport(), Qt.MouseButton.LeftButton)
    assert window.context.selection.learner_id == target  # the click lands on her units
    session.store.close()


def test_selecting_the_learner_typing_moved_to_tells_her_at_once(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    panel = window.learners
    target = _type_to_move_selection(qtbot, panel)
    panel.select(target)  # as "go to" in a list of what is missing does
    assert window.context.selection.learner_id == target
    session.store.close()


def test_rows_are_measured_only_when_some_text_is_wider_than_its_column(qtbot):
    from assessor_app.gui.learner_list import fit_rows, table_view
    from assessor_app.gui.unit_model import UnitRow, UnitTableModel

    model = UnitTableModel()
    view = table_view(model)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    long_title = "Principles of supporting customer service delivery in a regulated financial environment"
    model.set_rows([UnitRow("A/1", "A", "CS 1", long_title, 5, 1, 9), UnitRow("A/2", "A", "CS 2", "Short", 5, 0, 9)])
    view.setColumnWidth(2, 90)
    fit_rows(view, model.texts())
    assert view.rowHeight(0) > view.rowHeight(1)  # the long title wraps onto more lines; the short one does not
    measured = []
    view.resizeRowsToContents = lambda: measured.append(True)
    tall = view.rowHeight(0)
    model.set_rows([UnitRow("A/2", "A", "CS 2", "Short", 5, 0, 9)])
    fit_rows(view, model.texts())
    assert measured == []  # nothing can wrap: no cell is asked for its size
    assert view.rowHeight(0) == view.verticalHeader().defaultSectionSize() < tall  # not the long title's height
    model.set_rows([UnitRow("A/1", "A", "CS 1", long_title, 5, 1, 9)])
    fit_rows(view, model.texts())
    assert measured == [True]


def test_rows_are_fitted_again_when_a_column_widens(qtbot):
    from assessor_app.gui.learner_list import keep_rows_fitted, table_view
    from assessor_app.gui.unit_model import UnitRow, UnitTableModel

    model = UnitTableModel()
    view = table_view(model)
    qtbot.addWidget(view)
    keep_rows_fitted(view, model.texts)
    view.resize(900, 400)
    view.show()
    model.set_rows([UnitRow("A/1", "A", "CS 1", "Manage personal performance and development", 4, 0, 20)])
    view.setColumnWidth(2, 90)
    qtbot.waitUntil(lambda: view.rowHeight(0) > view.verticalHeader().defaultSectionSize())  # wrapped
    view.setColumnWidth(2, 600)
    qtbot.waitUntil(lambda: view.rowHeight(0) == view.verticalHeader().defaultSectionSize())  # one line again
