"""The observation lifecycle: stored as it goes, finished into one item with its draft feedback, or discarded."""

import os
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from assessor_app.domain.evidence import FINAL, OPEN
from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.context import ServiceError
from assessor_app.services.observation import minutes_between
from assessor_app.services.opening import open_session
from tests.services.conftest import CS7, CS8, cover_unit

TODAY = date.today().isoformat()


def test_start_takes_the_next_ref_and_is_open(world):
    s = world.session
    before = s.evidence.next_ref(world.learner.id)
    item, changes = s.observations.start(world.learner.id, time="09:30", location="Shop floor", activity="Till")
    assert item.ref == before and item.status == OPEN and item.date == TODAY
    assert changes.touches("evidence_item")
    assert s.observations.open_for(world.learner.id).id == item.id
    assert s.observations.open_learner_ids() == [world.learner.id]
    assert s.comments.comments(world.learner.id) == [], "the draft feedback waits for the finish"


def test_future_date_and_second_open_observation_are_refused(world):
    s = world.session
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(ServiceError, match="in the future"):
        s.observations.start(world.learner.id, on=tomorrow)
    first, _ = s.observations.start(world.learner.id)
    with pytest.raises(ServiceError, match=f"{first.ref} of this learner is still open"):
        s.observations.start(world.learner.id)
    with pytest.raises(ServiceError, match="in the future"):
        s.observations.update(first.id, date=tomorrow)


def test_ticks_notes_and_questions_are_stored_as_they_happen(world):
    s = world.session
    item, _ = s.observations.start(world.learner.id, time="10:00")
    link, changes = s.observations.tick(item.id, world.registration.id, CS7, "1.1")
    assert changes.touches("evidence_link", "criterion_tick")
    s.observations.tick(item.id, world.registration.id, CS8, "1.1")
    with pytest.raises(ServiceError, match="already ticked"):
        s.observations.tick(item.id, world.registration.id, CS7, "1.1")
    s.observations.add_note(item.id, "Greets the customer by name", at="10:02")
    s.observations.add_note(item.id, "  Checks the order  ")
    with pytest.raises(ServiceError, match="needs some text"):
        s.observations.add_note(item.id, "   ")
    position, _ = s.observations.ask(item.id, "Why confirm the order?", "So nothing is missed")
    assert position == 0
    stored = s.evidence.item(item.id)
    assert [n.text for n in stored.notes] == ["Greets the customer by name", "Checks the order"]
    assert stored.notes[0].time == "10:02"
    assert stored.questions[0].answer == "So nothing is missed"
    assert {(lk.unit_urn, lk.criterion_number) for lk in s.observations.links(item.id)} == {(CS7, "1.1"), (CS8, "1.1")}
    # Counted at once on the unit page, under the open observation's ref.
    row = next(r for r in s.progress.unit_record(world.registration.id, CS7).rows if r.number == "1.1")
    assert row.ref_no == item.ref
    s.observations.untick(link.id)
    assert len(s.observations.links(item.id)) == 1
    s.observations.retick(link.id)
    assert len(s.observations.links(item.id)) == 2


def test_finish_makes_one_final_item_with_duration_and_draft_feedback(world):
    s = world.session
    item, _ = s.observations.start(world.learner.id, time="10:00", location="Workshop", activity="Brake pads")
    s.observations.tick(item.id, world.registration.id, CS7, "1.1")
    s.observations.add_note(item.id, "Safe jacking", at="10:05")
    preview = s.observations.preview_finish(item.id, end_time="10:50")
    assert (preview.ref, preview.duration_minutes, preview.ticks, preview.notes) == (item.ref, 50, 1, 1)
    finished, changes = s.observations.finish(item.id, end_time="10:50")
    assert changes.touches("evidence_item", "comment")
    assert finished.status == FINAL and finished.duration_minutes == 50 and finished.title == "Brake pads"
    assert finished.notes[0].text == "Safe jacking"
    [draft] = s.comments.comments(world.learner.id)
    assert draft.draft and draft.evidence_ids == (item.id,) and item.ref in draft.text
    assert s.observations.open_for(world.learner.id) is None
    with pytest.raises(ServiceError, match="not an observation being recorded"):
        s.observations.add_note(item.id, "late")
    assert minutes_between("23:50", "00:20") == 30


def test_open_observation_blocks_sign_off_until_finished(world):
    s = world.session
    item, _ = s.observations.start(world.learner.id, time="10:00")
    numbers = [c.number for c in s.catalogue.get("601/3456/2").unit(CS7).criteria]
    s.mapping.link(item.id, world.registration.id, CS7, numbers)
    s.observations.ask(item.id, "What next?", "Hand over")
    problems = s.signoffs.problems(world.registration.id, CS7, TODAY)
    assert any("still being recorded" in p for p in problems)
    s.observations.finish(item.id)
    assert s.signoffs.problems(world.registration.id, CS7, TODAY) == []


def test_tick_on_signed_off_unit_is_refused(world):
    s = world.session
    cover_unit(world, CS7)
    s.signoffs.sign(world.registration.id, CS7, world.assessor.id, TODAY)
    item, _ = s.observations.start(world.learner.id)
    with pytest.raises(ServiceError, match="signed off"):
        s.observations.tick(item.id, world.registration.id, CS7, "1.1")


def test_discard_and_undo(world):
    s = world.session
    item, _ = s.observations.start(world.learner.id)
    s.observations.tick(item.id, world.registration.id, CS7, "1.1")
    s.observations.discard(item.id)
    assert s.observations.open_for(world.learner.id) is None
    assert not s.progress.unit_record(world.registration.id, CS7).rows[0].ref_no
    s.observations.restore(item.id)
    assert s.observations.open_for(world.learner.id).id == item.id
    assert len(s.observations.links(item.id)) == 1


CRASHING_VISIT = """
import os, sys, time
from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.opening import open_session
folder = DataFolder(sys.argv[1])
s = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
learner = s.roster.find("IMI-1")
registration = s.roster.registrations(learner.id)[0]
item, _ = s.observations.start(learner.id, time="09:00", location="Bay 3", activity="Service")
for unit, number in ((sys.argv[2], "1.1"), (sys.argv[2], "1.2"), (sys.argv[3], "1.1")):
    s.observations.tick(item.id, registration.id, unit, number)
for n in range(3):
    s.observations.add_note(item.id, f"note {n}", at=f"09:0{n + 1}")
s.observations.ask(item.id, "Why?", "Because")
print(item.id, flush=True)
time.sleep(600)
"""


def test_killed_mid_observation_it_is_resumable_with_nothing_lost(world, data_dir):
    learner_id = world.learner.id
    world.session.store.close()
    repo = Path(__file__).resolve().parents[2]
    process = subprocess.Popen([sys.executable, "-c", CRASHING_VISIT, str(data_dir), CS7, CS8], cwd=repo,
                               stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(repo)})
    try:
        evidence_id = process.stdout.readline().strip()
        assert evidence_id, "the visit process died before it was ready"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    folder = DataFolder(data_dir)
    s = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    try:
        item = s.observations.open_for(learner_id)
        assert item is not None and item.id == evidence_id and item.status == OPEN
        assert [(n.time, n.text) for n in item.notes] == [("09:01", "note 0"), ("09:02", "note 1"), ("09:03", "note 2")]
        assert [(q.question, q.answer) for q in item.questions] == [("Why?", "Because")]
        assert (item.location, item.activity, item.time) == ("Bay 3", "Service", "09:00")
        assert sorted((lk.unit_urn, lk.criterion_number) for lk in s.observations.links(item.id)) == \
            sorted([(CS7, "1.1"), (CS7, "1.2"), (CS8, "1.1")])
        s.observations.add_note(item.id, "resumed")  # and it carries on where it stopped
        finished, _ = s.observations.finish(item.id)
        assert len(finished.notes) == 4
    finally:
        s.store.close()
