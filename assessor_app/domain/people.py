"""People on a record: assessors (with the PIN printed on sign-offs), witnesses and internal verifiers."""

from __future__ import annotations

from dataclasses import dataclass

ASSESSOR = "assessor"
WITNESS = "witness"
IV = "iv"
ROLES = {ASSESSOR: "Assessor", WITNESS: "Witness", IV: "Internal verifier"}

# Fields a caller may set on a person.
PERSON_FIELDS = ("role", "name", "pin_no", "job_title", "relationship", "email", "signature_sha256")


@dataclass(frozen=True)
class Person:
    """Someone named on the CONTACT SHEET. Witnesses have a job title and relationship to the learner;
    assessors a PIN NO; `signature_sha256` names the stored signature image (the specimen signature)."""

    id: str
    role: str
    name: str
    pin_no: str = ""
    job_title: str = ""
    relationship: str = ""
    email: str = ""
    signature_sha256: str | None = None
    deleted: bool = False


def person_problems(person: Person) -> list[str]:
    problems = []
    if person.role not in ROLES:
        problems.append(f"unknown role {person.role!r} (known: {', '.join(ROLES)})")
    if not person.name.strip():
        problems.append("a person needs a name")
    if person.pin_no and person.role != ASSESSOR:
        problems.append("only an assessor has a PIN number")
    if person.relationship and person.role != WITNESS:
        problems.append("only a witness has a relationship to the learner")
    return problems
