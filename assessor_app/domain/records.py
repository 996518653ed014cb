"""Plain records of learners, registrations and criterion ticks, as the services hand them around."""

from __future__ import annotations

from dataclasses import dataclass, field

# The CONTACT SHEET of the printed Learner Assessment Record, in its order, with its labels.
CONTACT_SHEET_FIELDS = (
    ("name", "Learner Name:"),
    ("registration_no", "Learner Registration No:"),
    ("address", "Learner Address:"),
    ("tel", "Learner Tel No:"),
    ("email", "Learner Email:"),
    ("employer_contact", "Employer Contact:"),
    ("employer_name_address", "Employer Name & Address:"),
    ("employer_tel", "Employer Tel No:"),
)


@dataclass(frozen=True)
class Learner:
    id: str
    name: str
    registration_no: str
    address: str = ""
    tel: str = ""
    email: str = ""
    employer_contact: str = ""
    employer_name_address: str = ""
    employer_tel: str = ""


@dataclass(frozen=True)
class Registration:
    """A learner on one version of a qualification, with the units chosen for their route."""

    id: str
    learner_id: str
    qualification_number: str
    qualification_fingerprint: str
    chosen_units: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CriterionTick:
    """An assessor's record that an AC was met on a date (the live tick of an observation)."""

    id: str
    registration_id: str
    unit_urn: str
    criterion_number: str
    met_on: str
    evidence_ref: str = ""


def uk_date(iso_date: str) -> str:
    """'2026-11-22' as the printed record writes dates: '22/11/2026'; empty stays empty."""
    if not iso_date:
        return ""
    year, month, day = iso_date[:10].split("-")
    return f"{day}/{month}/{year}"
