"""Plain records of learners, registrations, criterion ticks and audit events, as the services hand them around."""

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


# Contact fields a caller may set besides name and registration number.
CONTACT_FIELDS = tuple(name for name, _ in CONTACT_SHEET_FIELDS)


@dataclass(frozen=True)
class ContactDetails:
    """The CONTACT SHEET's learner and employer fields, in the printed order (see CONTACT_SHEET_FIELDS)."""

    name: str
    registration_no: str
    address: str = ""
    tel: str = ""
    email: str = ""
    employer_contact: str = ""
    employer_name_address: str = ""
    employer_tel: str = ""


@dataclass(frozen=True)
class Learner(ContactDetails):
    """A learner record: the contact details plus the record's id (keyword-only, so it cannot be mistaken
    for a name)."""

    id: str = field(kw_only=True)

    def contact(self) -> ContactDetails:
        return ContactDetails(**{name: getattr(self, name) for name in CONTACT_FIELDS})


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
    """An assessor's record that an AC was met on a date (the live tick of an observation). Since schema 2
    a tick is an evidence link seen from the unit page: `id` is the link's id, `evidence_ref` its item's ref."""

    id: str
    registration_id: str
    unit_urn: str
    criterion_number: str
    met_on: str
    evidence_ref: str = ""
    evidence_id: str = ""


@dataclass(frozen=True)
class AuditEvent:
    """One append-only entry of the audit trail: who did what to which record, with before and after."""

    id: str
    at: str
    device_id: str
    actor: str
    action: str
    table_name: str
    record_id: str
    before: dict | None
    after: dict | None


def uk_date(iso_date: str) -> str:
    """'2026-11-22' as the printed record writes dates: '22/11/2026'; empty stays empty."""
    if not iso_date:
        return ""
    year, month, day = iso_date[:10].split("-")
    return f"{day}/{month}/{year}"
