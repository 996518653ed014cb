"""Learner and registration SELECTs and their rows as records, free of sqlite-utils: the first screen uses them too."""

from __future__ import annotations

import json
from dataclasses import fields

from assessor_app.domain.records import Learner, Registration

# The schema these SELECTs are written for: the first screen reads only a file at exactly this version (a test holds
# it equal to migrations.LATEST_VERSION, which cannot be imported here without sqlite-utils).
SCHEMA_VERSION = 6
LEARNER_FIELDS = [f.name for f in fields(Learner)]
LEARNER_SELECT = f"SELECT {', '.join(LEARNER_FIELDS)} FROM learner"
LIVE_LEARNERS_BY_NAME = f"{LEARNER_SELECT} WHERE deleted = 0 ORDER BY name COLLATE NOCASE, registration_no"
REGISTRATION_SELECT = ("SELECT id, learner_id, qualification_number, qualification_fingerprint, chosen_units "
                       "FROM registration")
LIVE_REGISTRATIONS = f"{REGISTRATION_SELECT} WHERE deleted = 0 ORDER BY id"


def learner_of(row) -> Learner:
    return Learner(*row[:-1], id=row[-1])  # LEARNER_FIELDS is the record's field order, its keyword-only id last


def registration_of(row) -> Registration:
    return Registration(row[0], row[1], row[2], row[3], tuple(json.loads(row[4] or "[]")))
