"""The evidence register: every kind of evidence, refs, people, draft comments, edits, soft deletes, audit."""

import pytest

from assessor_app.services.session import ServiceError

KIND_FIELDS = {
    "observation": dict(time="10:00", duration_minutes=45, location="Shop floor", narrative="Served customers"),
    "witness_testimony": dict(narrative="Amelia handled a complaint calmly", expert_witness=True),
    "professional_discussion": dict(time="14:00", duration_minutes=30, narrative="Discussed service standards",
                                    questions=[("How do you escalate?", "To the duty manager")]),
    "questioning": dict(questions=[{"question": "Name two laws", "answer": "Consumer Rights Act, GDPR"}]),
    "product": dict(title="Customer feedback log"),
    "reflective_account": dict(narrative="What I learned dealing with a refund"),
    "report": dict(title="Report on service offer", narrative="2,000 words"),
    "workplace_document": dict(title="Complaints policy", document_location="HR office, cabinet 2, file C",
                               document_relevance="Shows the procedure followed for 3.2 and 3.3"),
    "rpl": dict(narrative="Certificate in Customer Service, 2019"),
    "other": dict(title="Mystery shopper feedback"),
}


@pytest.mark.parametrize("kind", sorted(KIND_FIELDS))
def test_every_kind_is_recorded_with_its_own_fields(world, kind):
    s = world.session
    fields = dict(KIND_FIELDS[kind])
    if kind == "witness_testimony":
        fields["person_ids"] = [world.witness.id]
    item, changes = s.evidence.add(world.learner.id, kind, "2026-03-02", **fields)
    assert item.ref == "E1" and item.kind == kind and item.date == "2026-03-02"
    stored = s.evidence.item(item.id)
    assert stored == item
    for name, value in fields.items():
        got = getattr(stored, name)
        if name == "questions":
            assert [(q.question, q.answer) for q in got] == [tuple(v.values()) if isinstance(v, dict) else v
                                                             for v in value]
        elif name == "person_ids":
            assert list(got) == value
        else:
            assert got == value
    assert changes.touches("evidence_item") and world.learner.id in changes.learner_ids
    assert s.audit_trail.events(item.id)[0].action == "create"


def test_kind_specific_requirements_are_refused_with_reasons(world):
    s, learner = world.session, world.learner.id
    with pytest.raises(ServiceError, match="needs its witness"):
        s.evidence.add(learner, "witness_testimony", "2026-03-02", narrative="x")
    with pytest.raises(ServiceError, match="where it can be found"):
        s.evidence.add(learner, "workplace_document", "2026-03-02", document_relevance="x")
    with pytest.raises(ServiceError, match="at least one question"):
        s.evidence.add(learner, "questioning", "2026-03-02")
    with pytest.raises(ServiceError, match="not a date"):
        s.evidence.add(learner, "product", "02/03/2026")
    with pytest.raises(ServiceError, match="no field"):
        s.evidence.add(learner, "product", "2026-03-02", colour="red")
    assert s.evidence.register(learner) == []


def test_refs_are_unique_per_learner_stable_and_never_reused(world, session):
    s, learner = world.session, world.learner.id
    e1, _ = s.evidence.add(learner, "product", "2026-03-01")
    e2, _ = s.evidence.add(learner, "product", "2026-03-02")
    wt, _ = s.evidence.add(learner, "product", "2026-03-03", ref="WT-1")
    assert (e1.ref, e2.ref, wt.ref) == ("E1", "E2", "WT-1")
    with pytest.raises(ServiceError, match="already used"):
        s.evidence.add(learner, "product", "2026-03-03", ref="e2")
    s.evidence.delete(e2.id)
    assert s.evidence.next_ref(learner) == "E3"  # E2 stays taken by the deleted item
    with pytest.raises(ServiceError, match="no field ref"):
        s.evidence.update(e1.id, ref="E9")
    other, _ = s.roster.add("Tomasz", "IMI-2")
    assert s.evidence.add(other.id, "product", "2026-03-01")[0].ref == "E1"  # per learner
    assert [i.ref for i in s.evidence.register(learner)] == ["E1", "WT-1"]
    assert [i.ref for i in s.evidence.register(learner, include_deleted=True)] == ["E1", "E2", "WT-1"]


def test_an_observation_drafts_its_comment_row_in_the_same_write(world):
    s = world.session
    item, changes = s.evidence.add(world.learner.id, "observation", "2026-03-02", time="10:00",
                                   location="Till", narrative="Handled a refund")
    assert changes.touches("comment")
    [comment] = s.comments.comments(world.learner.id)
    assert comment.draft and comment.date == "2026-03-02" and comment.evidence_refs == ("E1",)
    assert comment.text.startswith("Observation E1 (10:00, Till).")
    done, _ = s.comments.update(comment.id, text="Good rapport; next time confirm the customer's details.",
                                draft=False)
    assert not done.draft and s.audit_trail.events(comment.id)[0].before == {"draft": 1, "text": comment.text}
    s.evidence.add(world.learner.id, "observation", "2026-03-03", draft_comment=False)
    assert len(s.comments.comments(world.learner.id)) == 1


def test_comments_are_dated_rows_naming_refs(world):
    s = world.session
    e1, _ = s.evidence.add(world.learner.id, "product", "2026-03-01")
    comment, _ = s.comments.add(world.learner.id, "2026-03-04", "Reviewed the log with Amelia.", (e1.id,))
    assert comment.evidence_refs == ("E1",) and not comment.draft
    other, _ = s.roster.add("Tomasz", "IMI-2")
    stranger, _ = s.evidence.add(other.id, "product", "2026-03-01")
    with pytest.raises(ServiceError, match="not in this learner's register"):
        s.comments.add(world.learner.id, "2026-03-04", "x", (stranger.id,))
    s.comments.delete(comment.id)
    assert s.comments.comments(world.learner.id) == []
    s.comments.restore(comment.id)
    assert [c.id for c in s.comments.comments(world.learner.id)] == [comment.id]


def test_witness_goes_onto_the_contact_sheet(world):
    s = world.session
    s.evidence.add(world.learner.id, "witness_testimony", "2026-03-02", narrative="Saw it",
                   person_ids=[world.witness.id])
    s.evidence.add(world.learner.id, "witness_testimony", "2026-03-03", narrative="Again",
                   person_ids=[world.witness.id])
    contacts = s.people.contacts(world.learner.id)
    assert [(p.name, p.job_title, p.relationship) for p in contacts] == [("Dev Patel", "Store Manager",
                                                                          "line manager")]


def test_edit_delete_and_restore_are_audited_with_before_and_after(world):
    s = world.session
    item, _ = s.evidence.add(world.learner.id, "product", "2026-03-01", title="Log")
    edited, changes = s.evidence.update(item.id, title="Feedback log", date="2026-03-04")
    assert edited.title == "Feedback log" and changes.touches("evidence_item")
    event = s.audit_trail.events(item.id)[0]
    assert event.action == "update" and event.before == {"title": "Log", "date": "2026-03-01"}
    assert event.after == {"title": "Feedback log", "date": "2026-03-04"} and event.actor == "assessor"
    s.evidence.delete(item.id)
    assert s.evidence.item(item.id).deleted and s.evidence.register(world.learner.id) == []
    s.evidence.restore(item.id)
    assert [a.action for a in s.audit_trail.events(item.id)] == ["restore", "delete", "update", "create"]
    assert s.evidence.update(item.id, title="Feedback log")[1].tables == frozenset()  # nothing to do


def test_people_carry_what_the_contact_sheet_prints(world):
    s = world.session
    assert world.assessor.pin_no == "4417" and world.assessor.signature_sha256
    assert s.attachments.read_signature(world.assessor.signature_sha256).startswith(b"\x89PNG")
    with pytest.raises(ServiceError, match="only an assessor has a PIN"):
        s.people.add("witness", "X", pin_no="1")
    with pytest.raises(ServiceError, match="unknown role"):
        s.people.add("verifier", "X")
    updated, _ = s.people.update(world.witness.id, job_title="Area Manager")
    assert updated.job_title == "Area Manager"
    assert [p.name for p in s.people.people("iv")] == ["Grace Mensah"]
    s.people.add_contact(world.learner.id, world.iv.id)
    s.people.remove_contact(world.learner.id, world.iv.id)
    assert s.people.contacts(world.learner.id) == []


def test_visit_fields_are_stored_and_read_back(world):
    """Schema 4: activity, timed notes, topics, word count and an observation left open."""
    s = world.session
    item, _ = s.evidence.add(world.learner.id, "observation", "2026-03-02", time="09:30", activity="Till and returns",
                             notes=[("09:31", "Greets the customer"), {"time": "09:40", "text": "Offers a refund"}],
                             status="open", draft_comment=False)
    stored = s.evidence.item(item.id)
    assert stored.activity == "Till and returns" and stored.status == "open"
    assert [(n.time, n.text) for n in stored.notes] == [("09:31", "Greets the customer"), ("09:40", "Offers a refund")]
    finished, _ = s.evidence.update(item.id, status="final")
    assert s.evidence.item(item.id).status == "final" == finished.status
    report, _ = s.evidence.add(world.learner.id, "report", "2026-03-03", title="Service offer", word_count=1800)
    assert s.evidence.item(report.id).word_count == 1800


@pytest.mark.parametrize("fields, problem", [
    (dict(kind="witness_testimony", activity="Till"), "has no activity"),
    (dict(kind="observation", notes=[("9.30", "late")]), "the time it was made"),
    (dict(kind="report", word_count=-1), "word count"),
    (dict(kind="report", status="open"), "only an observation can be left open"),
    (dict(kind="observation", status="half"), "unknown status"),
])
def test_visit_fields_are_checked(world, fields, problem):
    fields = dict(fields)
    kind = fields.pop("kind")
    if kind == "witness_testimony":
        fields["person_ids"] = [world.witness.id]
    with pytest.raises(ServiceError, match=problem):
        world.session.evidence.add(world.learner.id, kind, "2026-03-02", **fields)
