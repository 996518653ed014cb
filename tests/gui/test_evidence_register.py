"""The evidence register: sorted by Ref No, filtered as typed, an item opened and edited (text and links as one undo
step), and an edit of evidence behind a signed-off unit refused with the reason."""

from PySide6.QtCore import Qt

from assessor_app.domain.evidence import ref_key
from assessor_app.gui.evidence_register import EvidenceRegister, open_register
from assessor_app.gui.models.register_model import EVIDENCE_ID_ROLE
from tests.gui.helpers import open_window, select_learner, trigger


def learner_id_of(session, name):
    return next(learner.id for learner in session.roster.learners() if learner.name == name)


def test_register_sorts_filters_and_passes_the_model_tester(qtbot, qtmodeltester, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    trigger(window, "action_evidence_register")
    register = window.dialog
    assert isinstance(register, EvidenceRegister)
    qtmodeltester.check(register.model)
    refs = [register.proxy.index(r, 0).data() for r in range(register.proxy.rowCount())]
    assert refs == sorted(refs, key=ref_key) and len(refs) == len(session.evidence.register(register.learner_id))
    register.view.sortByColumn(2, register.view.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    kinds = [register.proxy.index(r, 2).data() for r in range(register.proxy.rowCount())]
    assert kinds == sorted(kinds, reverse=True)
    register.filter.setText("witness")
    shown = [register.proxy.index(r, 2).data() for r in range(register.proxy.rowCount())]
    assert shown and all("itness" in " ".join(register.proxy.index(r, c).data() or "" for c in range(7))
                         for r in range(register.proxy.rowCount()))
    session.store.close()


def test_editing_text_and_links_is_one_undo_step(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    learner_id = learner_id_of(session, "Tomasz Wiśniewski")
    register = open_register(window.context, learner_id)
    qtbot.addWidget(register)
    item = session.evidence.register(learner_id)[0]
    register.select(item.id)
    index = register.view.currentIndex()
    where = register.view.visualRect(index).center()
    qtbot.mouseClick(register.view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double-click: press first
    qtbot.mouseDClick(register.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    editor = register.editor
    assert editor is not None and editor.item.id == index.data(EVIDENCE_ID_ROLE)
    before_links = {(lk.unit_urn, lk.criterion_number) for lk in session.mapping.links(evidence_id=item.id)}
    dropped = sorted(before_links)[0]
    editor.ticks.set_tick(*dropped, False)
    editor.title.setText("Counter service, first visit")
    assert editor.save()
    assert session.evidence.item(item.id).title == "Counter service, first visit"
    assert dropped not in {(lk.unit_urn, lk.criterion_number) for lk in session.mapping.links(evidence_id=item.id)}
    assert window.undo_stack.undoText() == f"Edit evidence {item.ref}"
    window.undo_stack.undo()
    assert session.evidence.item(item.id).title == item.title
    assert {(lk.unit_urn, lk.criterion_number) for lk in session.mapping.links(evidence_id=item.id)} == before_links
    session.store.close()


def test_edit_behind_a_signed_off_unit_is_refused_with_the_reason(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    learner_id = learner_id_of(session, "Amelia Hart")
    registration = session.roster.registrations(learner_id)[0]
    signed = next(urn for urn in registration.chosen_units if session.signoffs.active(registration.id, urn))
    locked = next(lk.evidence_id for lk in session.mapping.links(registration_id=registration.id, unit_urn=signed))
    register = open_register(window.context, learner_id)
    qtbot.addWidget(register)
    editor = register.open_item(locked)
    old_title = editor.item.title
    editor.title.setText("Changed after sign-off")
    assert not editor.save()
    assert "signed-off unit" in editor.problem.text() and "reopen" in editor.problem.text()
    assert session.evidence.item(locked).title == old_title
    session.store.close()


def test_a_ref_issued_on_two_laptops_shows_as_the_unit_page_shows_it(qtbot, demo_dir, tmp_path):
    from tests.sync.fleet import make_device

    window, session = open_window(qtbot, demo_dir)
    learner_id = learner_id_of(session, "Amelia Hart")
    stick = tmp_path / "stick"
    stick.mkdir()
    other = make_device(tmp_path / "other-laptop", "other")
    session.sync.sync(stick, "centre passphrase", renumber=False)
    other.session.sync.sync(stick, "centre passphrase", renumber=False)
    ours, _ = session.evidence.add(learner_id, "product", "2026-03-01", title="Poster from this laptop")
    theirs, _ = other.session.evidence.add(learner_id, "product", "2026-03-01", title="Leaflet from the other")
    assert ours.ref == theirs.ref
    other.session.sync.sync(stick, "centre passphrase", renumber=False)
    session.sync.sync(stick, "centre passphrase", renumber=False)  # left for its issuer to renumber
    shown = session.sync.shown_refs(learner_id)
    assert len(shown) == 1 and next(iter(shown.values())) == f"{ours.ref}-b"
    register = open_register(window.context, learner_id)
    qtbot.addWidget(register)
    displayed = {register.proxy.index(r, 0).data(EVIDENCE_ID_ROLE): register.proxy.index(r, 0).data()
                 for r in range(register.proxy.rowCount())}
    assert {ours.id: displayed[ours.id], theirs.id: displayed[theirs.id]} == \
        {ours.id: shown.get(ours.id, ours.ref), theirs.id: shown.get(theirs.id, theirs.ref)}
    refs = [register.proxy.index(r, 0).data() for r in range(register.proxy.rowCount())]
    assert refs.index(f"{ours.ref}-b") == refs.index(ours.ref) + 1, "E12-b sorts just after E12"
    register.filter.setText(f"{ours.ref}-b")
    assert register.proxy.rowCount() == 1
    editor = register.open_item(next(iter(shown)))
    assert editor.windowTitle().startswith(f"Evidence {ours.ref}-b ")
    editor.close()
    other.session.store.close()
    session.store.close()


def test_every_column_fits_the_window_so_attachments_are_seen_without_scrolling(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")  # her professional discussion covers ACs of two units: a long line
    trigger(window, "action_evidence_register")
    register = window.dialog
    register.resize(1100, 600)  # its size on a 1366x768 laptop; the test screen is smaller
    qtbot.waitExposed(register)
    header = register.view.horizontalHeader()
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= register.view.viewport().width()
    qtbot.waitUntil(lambda: not register.view.horizontalScrollBar().isVisible(), timeout=3000)
    session.store.close()
