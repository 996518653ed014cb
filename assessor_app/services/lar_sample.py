"""A deterministic sample Learner Assessment Record built from a qualification alone (tests, benchmarks, demo)."""

from __future__ import annotations

import hashlib
import math
import struct
import zlib
from datetime import date, timedelta

from assessor_app.domain.catalogue import Qualification, o_sorted
from assessor_app.domain.lar_model import (ASSESSOR, IV, WITNESS, AcRef, Attachment, Comment, EvidenceItem,
                                           EvidencePerson, FormSignature, IvSample, LarRecord, LearnerContact,
                                           Person, QuestionAnswer, SignOff, UnitEntry, group_credits, sealed,
                                           structure_order)
from assessor_app.domain.unit_record import CriterionRow

KINDS = (("observation", "Observation"), ("witness_testimony", "Witness testimony"),
         ("professional_discussion", "Professional discussion"), ("questioning", "Questioning record"),
         ("product", "Product"), ("reflective_account", "Reflective account"))
START = date(2026, 1, 5)
LEARNER = LearnerContact(
    name="Zoë Ó'Brien-Łukasiewicz", registration_no="IMI-2026-0002", address="3 Fore Street, Ware SG12 9EH",
    tel="01920 460302", email="zoe.obrien@example.org", employer_contact="Grace Mensah (Team Leader)",
    employer_name_address="Ware Leisure Centre, Park Road, Ware SG12 0AX", employer_tel="01920 460400")
WITNESSES = (("Grace Mensah", "Team Leader"), ("Dev Patel", "Store Manager"), ("Siobhán Ní Bhriain", "Supervisor"),
             ("Øystein Ærøe", "Duty Manager"), ("Marta Żółkiewska", "Customer Service Lead"))
ASSESSORS = (("Priya Raman", "Assessor"), ("Jonathan Fairweather-Smythe", "Assessor"))
IVS = (("Helen Okafor", "Internal Verifier"),)


def tiny_png(seed: int = 0, width: int = 120, height: int = 36) -> bytes:
    """A greyscale PNG of a scribbled line, written with zlib and struct (no imaging library needed)."""
    pixels = [[255] * width for _ in range(height)]
    for x in range(4, width - 4):
        y = int(height / 2 + math.sin(x / (5 + seed % 4) + seed) * height / 3)
        for dy in (0, 1):
            pixels[min(height - 1, max(0, y + dy))][x] = 20
    raw = b"".join(b"\x00" + bytes(row) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + \
        chunk(b"IEND", b"")


def _day(n: int) -> str:
    return (START + timedelta(days=n)).isoformat()


def sample_record(qualification: Qualification, *, units: list[str] | None = None, evidence_items: int = 24,
                  centre_name: str = "Hertford Regional College", learner: LearnerContact = LEARNER,
                  witnesses: int = 5, signed_every: int = 3) -> LarRecord:
    """Every AC of the chosen units is covered by some evidence item, round robin; two units in three are signed
    off (PIN, date, signature); the first unit is IV-sampled; witnesses beyond four go to a second contact sheet."""
    route = structure_order(qualification, units if units is not None else [u.urn for u in qualification.units])
    people = [Person(n, WITNESS, t, tiny_png(i)) for i, (n, t) in enumerate(WITNESSES[:witnesses])]
    people += [Person(n, ASSESSOR, t, tiny_png(10 + i)) for i, (n, t) in enumerate(ASSESSORS)]
    people += [Person(n, IV, t, tiny_png(20 + i)) for i, (n, t) in enumerate(IVS)]
    acs = [(u, o, c) for u in route for o in o_sorted(u.outcomes) for c in o.criteria]
    count = max(1, evidence_items)
    covered: dict[int, list[tuple]] = {i: [] for i in range(count)}
    for n, ac in enumerate(acs):
        covered[n % count].append(ac)
    evidence = []
    for i in range(count):
        kind, label = KINDS[i % len(KINDS)]
        ref, day = f"E{i + 1}", _day(i)
        witness = WITNESSES[i % max(1, witnesses)] if witnesses else ("", "")
        item_people = [EvidencePerson(learner.name, "learner"), EvidencePerson(ASSESSORS[0][0], "assessor")]
        signatures = [FormSignature("assessor", ASSESSORS[0][0], day, tiny_png(10))]
        if kind == "witness_testimony" and witness[0]:
            item_people.append(EvidencePerson(witness[0], "witness", witness[1]))
            signatures.insert(0, FormSignature("witness", witness[0], day, tiny_png(i % max(1, witnesses))))
        signatures.append(FormSignature("learner", learner.name, day, None))
        questions = ()
        if kind in ("professional_discussion", "questioning"):
            questions = tuple(QuestionAnswer(f"How would you {c.text[0].lower() + c.text[1:]}?",
                                             f"The learner explained, with an example from work, how they "
                                             f"{c.text[0].lower() + c.text[1:]}.")
                              for _, _, c in covered[i][:4])
        attachments = ()
        if kind in ("product", "observation"):
            attachments = (Attachment(f"{ref.lower()}-photo-{i + 1}.jpg", 48_213 + 977 * i,
                                      hashlib.sha256(f"{ref} photo".encode()).hexdigest(), "image/jpeg"),)
        evidence.append(EvidenceItem(
            ref=ref, date=day, kind=kind, kind_label=label, title=f"{label} at work, item {i + 1}",
            narrative=(f"{learner.name} was seen at work dealing with customers. " * 3).strip(),
            people=tuple(item_people), criteria=tuple(AcRef(u.ref, c.number) for u, _, c in covered[i]),
            attachments=attachments, questions=questions, signatures=tuple(signatures)))
    met: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for item in evidence:
        for ac in item.criteria:
            met.setdefault((ac.unit_ref, ac.number), []).append((item.date, item.ref))
    entries = []
    for n, unit in enumerate(route):
        rows = []
        for o in o_sorted(unit.outcomes):
            for c in o.criteria:
                hits = sorted(met.get((unit.ref, c.number), []))
                rows.append(CriterionRow(o.number, o.text, c.number, c.text,
                                         ", ".join(dict.fromkeys(r for _, r in hits)), hits[0][0] if hits else ""))
        last = max((r.date for r in rows if r.date), default=_day(0))
        signoff = None
        if signed_every and n % signed_every != signed_every - 1 and all(r.date for r in rows):
            signoff = SignOff(ASSESSORS[0][0], "PIN-4821", last, tiny_png(10))
        sample = IvSample(IVS[0][0], last, "Agreed", "Evidence is valid, authentic and sufficient.",
                          signature_png=tiny_png(20)) if n == 0 and signoff else None
        entries.append(UnitEntry(unit, tuple(rows), signoff, sample))
    comments = tuple(Comment(item.date, (item.ref,), f"{item.title}: the learner met the criteria shown; "
                             "feedback given on questioning technique.", ASSESSORS[0][0])
                     for item in evidence if item.kind in ("observation", "professional_discussion"))
    entries_t = tuple(entries)
    source = qualification.source or {}
    return sealed(LarRecord(
        qualification=qualification, document_title=source.get("title", ""),
        document_version=source.get("version", ""),
        cover_note=source.get("cover_note", ""), centre_name=centre_name, learner=learner,
        people=tuple(people), units=entries_t, comments=comments, evidence=tuple(evidence),
        group_credits=group_credits(qualification, entries_t)))
