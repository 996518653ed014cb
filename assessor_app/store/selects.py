"""Learner and registration SELECTs, as text only: the first screen reads with them before anything else is imported."""

from __future__ import annotations

# The schema these SELECTs are written for: the first screen reads only a file at exactly this version (a test holds
# it equal to migrations.LATEST_VERSION, which cannot be imported here without sqlite-utils).
SCHEMA_VERSION = 6
# domain.records.Learner's fields in its order, its keyword-only id last (a test holds the two equal): naming them
# here spares the first screen importing the records' dataclasses.
LEARNER_FIELDS = ("name", "registration_no", "address", "tel", "email", "employer_contact", "employer_name_address",
                  "employer_tel", "id")
LEARNER_SELECT = f"SELECT {', '.join(LEARNER_FIELDS)} FROM learner"
# The learner list's order, everywhere it is read: by name (case aside), then registration no.
_LIVE_BY_NAME = "WHERE deleted = 0 ORDER BY name COLLATE NOCASE, registration_no"
LIVE_LEARNERS_BY_NAME = f"{LEARNER_SELECT} {_LIVE_BY_NAME}"
# Only what the learner list shows of each learner (domain/caseload.py), in the same order.
LIST_FIELDS = ("id", "name", "registration_no", "employer_name_address")
LIVE_LIST_BY_NAME = f"SELECT {', '.join(LIST_FIELDS)} FROM learner {_LIVE_BY_NAME}"
REGISTRATION_SELECT = ("SELECT id, learner_id, qualification_number, qualification_fingerprint, chosen_units "
                       "FROM registration")
LIVE_REGISTRATIONS = f"{REGISTRATION_SELECT} WHERE deleted = 0 ORDER BY id"
# Each learner's qualification numbers, in the order LIVE_REGISTRATIONS gives their registrations.
LIVE_QUALIFICATIONS = "SELECT learner_id, qualification_number FROM registration WHERE deleted = 0 ORDER BY id"
