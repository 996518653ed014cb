"""The learner and registration SELECTs shared by the store and the first screen, and the schema they are for."""

from dataclasses import fields

from assessor_app.domain.records import Learner
from assessor_app.store import records
from assessor_app.store.migrations import LATEST_VERSION
from assessor_app.store.selects import LEARNER_FIELDS, SCHEMA_VERSION


def test_the_first_screen_reads_the_schema_the_migrations_make():
    # A new migration must be checked against the first screen's SELECTs, then this number raised with it.
    assert SCHEMA_VERSION == LATEST_VERSION


def test_the_select_names_the_learner_record_s_fields_in_its_order():
    assert LEARNER_FIELDS == tuple(f.name for f in fields(Learner))


def test_a_row_in_the_select_order_becomes_the_learner(session):
    learner, _ = session.roster.add("Zoë Ó'Brien", "REG-9", employer_name_address="Hertford Kitchens, Ware",
                                    tel="01992 550123")
    row = session.store.db.execute(f"{records.LEARNER_SELECT} WHERE id = ?", [learner.id]).fetchone()
    assert LEARNER_FIELDS[-1] == "id" and records.learner_of(row) == learner
    assert isinstance(records.learner_of(row), Learner) and records.learner_of(row).tel == "01992 550123"
