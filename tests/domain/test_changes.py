"""Typed Changes: each write says which kinds of record it changed, so a screen refreshes only what it shows."""

from dataclasses import fields

from assessor_app.domain.changes import KIND_OF_TABLE, KINDS, Changes


def test_every_kind_is_a_field_and_a_table_maps_to_its_kind():
    assert set(KINDS) <= {f.name for f in fields(Changes)}
    assert set(KINDS) == {"learner", "registration", "evidence", "link", "comment", "signoff", "iv_sample",
                          "person", "attachment"}
    changes = Changes.of("unit_signoff", "learner_person", learner_id="L1", record_id="S1")
    assert changes.signoff and changes.person and not changes.link and not changes.learner
    assert changes.kinds() == {"signoff", "person"}
    assert changes.learner_ids == {"L1"} and changes.record_ids == {"S1"}


def test_union_keeps_every_flag_and_id():
    both = Changes.of("evidence_link", learner_id="L1") | Changes.of("comment", learner_id="L2", record_id="C")
    assert both.link and both.comment and not both.evidence
    assert both.learner_ids == {"L1", "L2"} and both.record_ids == {"C"}
    assert both.touches("link") and both.touches("comment") and not both.touches("signoff")


def test_empty_and_unknown_tables():
    assert not Changes()
    setting = Changes.of("app_setting")
    assert setting and setting.kinds() == frozenset() and setting.touches("app_setting")
    assert "criterion_tick" not in KIND_OF_TABLE


def test_concerns_a_learner():
    assert Changes.of("learner", learner_id="L1").concerns("L1")
    assert not Changes.of("learner", learner_id="L1").concerns("L2")
    assert Changes.of("person").concerns("L2")  # a person's new name may be on anyone's contact sheet
