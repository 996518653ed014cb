"""A fixed, hand-built record rich enough to fill every field of every page kind (its own small qualification, so
catalogue edits elsewhere never move the golden file), with one item of each kind of gap."""

from __future__ import annotations

from assessor_app.domain.catalogue import qualification_from_dict
from assessor_app.domain.lar_model import (ASSESSOR, IV, WITNESS, AcRef, Attachment, Comment, EvidenceItem,
                                           EvidencePerson, FormSignature, IvSample, LarRecord, LearnerContact,
                                           Person, QuestionAnswer, SignOff, TimedNote, UnitEntry, group_credits,
                                           sealed)
from assessor_app.domain.unit_record import CriterionRow
from assessor_app.services.lar_sample import tiny_png

INTRO = ("Assessment Guidance is provided below for some Assessment Criteria. The purpose of this is to clarify and "
         "define elements of the Assessment Criteria as required. Assessment Guidance provided is for example "
         "purposes only and is not intended to be exhaustive.")


def _unit(urn, ref, title, credit, glh, outcomes, guidance_intro=None, mapping=None, rationale=None):
    return {"urn": urn, "ref": ref, "title": title, "level": 2, "credit": credit, "glh": glh, "mapping": mapping,
            "rationale": rationale, "guidance_intro": guidance_intro,
            "outcomes": [{"number": str(n), "text": text,
                          "criteria": [{"number": f"{n}.{m}", "text": t, "guidance": g}
                                       for m, (t, g) in enumerate(acs, start=1)]}
                         for n, (text, acs) in enumerate(outcomes, start=1)]}


QUALIFICATION = qualification_from_dict({
    "format": "assessor-app-qualification/1", "kind": "qualification", "number": "601/0000/1",
    "title": "Test Level 2 Diploma in Customer Service", "awarding_body": "Institute of the Motor Industry (IMI)",
    "source": {"title": "Test Learner Assessment Record", "version": "Version 1: September 2014",
               "cover_note": "Note: The Learner Guidance for Customer Service qualifications should be read by the "
                             "Learner, prior to starting this Learner Assessment Record.",
               "cover_heading": ["IMI QUALIFICATION", "QUALIFICATION SPECIFICATION PART B LEARNER ASSESSMENT RECORD"],
               "copyright": "© 2015 IMI"},
    "corrections": [{"where": "units[A/506/2130].outcomes[2].criteria[2.2]", "field": "text",
                     "kind": "wording-inferred", "original": "Adapt their own beha to meet cust",
                     "corrected": "Adapt their own behaviour to meet customers' needs or expectations",
                     "reason": "Words lost in the extraction; the likely wording.", "repaired_from": None}],
    "level": 2, "credits": 8, "glh_min": 50, "glh_max": 60,
    "rules": {"statement": ["To achieve this diploma, learners must complete a minimum of 8 credits.",
                            "(All credits at Level 2.)", "Group A: 5 credits must be achieved",
                            "Group B: A minimum of 3 credits must be achieved"]},
    "groups": [
        {"name": "A", "caption": "Mandatory Group A: 5 Credits", "mandatory": True, "min_credits": 5,
         "max_credits": 5, "units": ["A/506/2130"]},
        {"name": "B", "caption": "Optional Group B: Minimum of 3 Credits", "mandatory": False, "min_credits": 3,
         "max_credits": None, "units": ["F/502/4396", "D/506/2119"]},
    ],
    "units": [
        _unit("A/506/2130", "CS 7", "Deliver customer service", 5, 27, [
            ("Understand customer service delivery", [
                ("Explain the relationship between customers' needs and expectations and customer satisfaction",
                 None),
                ("Describe the features and benefits of an organisation's products and/or services",
                 "Features are characteristics of a product or service\n• customer feedback\n• peer feedback")]),
            ("Be able to provide customer service", [
                ("Maintain organisational standards of presentation and behaviour", None),
                ("Adapt their own behaviour to meet customers' needs or expectations", None)]),
        ], guidance_intro=INTRO, mapping="CFACSA1, CFACSA2 & CFACSF2",
            rationale="This unit aims to develop the knowledge and skills required to deliver customer service."),
        _unit("F/502/4396", "BS2", "Bespoke software", 3, 20, [
            ("Input and combine information using bespoke applications", [
                ("Input relevant information accurately so that it is ready for processing", None),
                ("Respond appropriately to data entry error messages", None)]),
        ], mapping="None", rationale="None"),
        _unit("D/506/2119", "CS 5", "Communicate verbally with customers", 3, 14, [
            ("Understand how to communicate verbally", [("Explain why “customer service language” is used", None)]),
        ]),
    ],
})

PEOPLE = (
    Person("Grace Mensah", WITNESS, "Team Leader", tiny_png(0)),
    Person("Dev Patel", WITNESS, "Store Manager", tiny_png(1)),
    Person("Siobhán Ní Bhriain", WITNESS, "Supervisor", None),
    Person("Øystein Ærøe", WITNESS, "Duty Manager", tiny_png(3)),
    Person("Marta Żółkiewska", WITNESS, "Customer Service Lead", tiny_png(4)),
    Person("Priya Raman", ASSESSOR, "Assessor", tiny_png(10)),
    Person("Helen Okafor", IV, "Internal Verifier", tiny_png(20)),
)
LEARNER = LearnerContact("Zoë Ó'Brien-Łukasiewicz", "IMI-2026-0002", "3 Fore Street, Ware SG12 9EH", "01920 460302",
                         "zoe.obrien@example.org", "Grace Mensah (Team Leader)",
                         "Ware Leisure Centre, Park Road, Ware SG12 0AX", "01920 460400")


def _rows(unit, met: dict[str, tuple[str, str]]) -> tuple[CriterionRow, ...]:
    return tuple(CriterionRow(o.number, o.text, c.number, c.text, *met.get(c.number, ("", "")))
                 for o in unit.outcomes for c in o.criteria)


def golden_record(comment_text: str = "Observed at the desk; all of LO1 met. Feedback: summarise before closing.") \
        -> LarRecord:
    cs7, bs2 = QUALIFICATION.unit("A/506/2130"), QUALIFICATION.unit("F/502/4396")
    units = (
        UnitEntry(cs7, _rows(cs7, {"1.1": ("E1", "2026-01-05"), "1.2": ("E1, E2", "2026-01-05"),
                                   "2.1": ("E3", "2026-01-07"), "2.2": ("E4", "2026-01-08")}),
                  SignOff("Priya Raman", "PIN-4821", "2026-01-09", tiny_png(10)),
                  IvSample("Helen Okafor", "2026-01-12", "Agreed", "Valid, authentic and sufficient.",
                           signature_png=tiny_png(20))),
        UnitEntry(bs2, _rows(bs2, {"1.1": ("E5", "2026-01-10")})),
    )
    assessor_p = EvidencePerson("Priya Raman", "assessor")
    witness_p = EvidencePerson("Grace Mensah", "witness", "Team Leader", "Line manager")
    cs7_1_1, cs7_1_2 = AcRef("CS 7", "1.1", cs7.criterion("1.1").text), AcRef("CS 7", "1.2", cs7.criterion("1.2").text)
    evidence = (
        EvidenceItem("E1", "2026-01-05", "observation", "Reception desk, morning", "Greeted and helped customers.",
                     "Observation", "10:30", 45, "Ware Leisure Centre", people=(assessor_p,),
                     criteria=(cs7_1_1, cs7_1_2),
                     attachments=(Attachment("desk-photo.jpg", 48213, "a" * 64, "image/jpeg"),),
                     questions=(QuestionAnswer("Why check the booking twice?", "So the customer is not charged twice."),),
                     signatures=(FormSignature("assessor", "Priya Raman", "2026-01-05", tiny_png(10)),
                                 FormSignature("learner", LEARNER.name, "2026-01-05", tiny_png(5))),
                     activity="Checking members in and taking class bookings",
                     notes=(TimedNote("10:32", "Greets the first member by name."),
                            TimedNote("10:51", "Explains the booking app to an older member step by step."))),
        EvidenceItem("E2", "2026-01-06", "witness_testimony", "Testimony from the team leader",
                     "Zoë always explains our memberships clearly.", "Witness testimony", location="Ware Leisure Centre",
                     expert_witness=True, people=(witness_p,), criteria=(cs7_1_2,),
                     signatures=(FormSignature("witness", "Grace Mensah", "2026-01-06", tiny_png(0)),)),
        EvidenceItem("E3", "2026-01-07", "professional_discussion", "Discussion of standards", "Standards discussed.",
                     "Professional discussion", "14:00", 30, "Staff room", people=(assessor_p,),
                     criteria=(AcRef("CS 7", "2.1", cs7.criterion("2.1").text),),
                     attachments=(Attachment("discussion.m4a", 2_310_554, "fedcba9876543210" * 4, "audio/mp4"),),
                     questions=(QuestionAnswer("What standards apply at the desk?", "Uniform, name badge, greeting."),),
                     signatures=(FormSignature("assessor", "Priya Raman", "2026-01-07", tiny_png(10)),
                                 FormSignature("learner", LEARNER.name, "2026-01-07", tiny_png(5))),
                     topics="Standards of presentation; dress code; greeting customers"),
        EvidenceItem("E4", "2026-01-08", "questioning", "Questions on adapting behaviour", "Answers were complete.",
                     "Questioning record", "11:00", 15, "Reception office", people=(assessor_p,),
                     questions=(QuestionAnswer("How do you adapt to an upset customer?",
                                               "I slow down and listen first."),),
                     criteria=(AcRef("CS 7", "2.2", cs7.criterion("2.2").text),),
                     signatures=(FormSignature("assessor", "Priya Raman", "2026-01-08", tiny_png(10)),
                                 FormSignature("learner", LEARNER.name, "2026-01-08", tiny_png(5)))),
        EvidenceItem("E5", "2026-01-10", "product", "Booking screen print", "Entered a booking.", "Product",
                     criteria=(AcRef("BS2", "1.1", bs2.criterion("1.1").text),),
                     attachments=(Attachment("booking-screen.png", 1_204_112, "0123456789abcdef" * 4, "image/png"),)),
        # Ticked on the unit page: no time, place, notes or people, not signed, still open.
        EvidenceItem("E6", "2026-01-11", "observation", "", "", "Observation", status="open",
                     signatures=(FormSignature("learner", LEARNER.name, "", signed=False),)),
    )
    comments = (Comment("2026-01-05", ("E1",), comment_text, "Priya Raman"),
                Comment("2026-01-08", ("E3", "E4"), "Questioning confirmed knowledge of standards."),
                Comment("2026-01-11", ("E6",), "Observation E6.\nFeedback to the learner: ", draft=True))
    return sealed(LarRecord(QUALIFICATION, "Test Learner Assessment Record", "Version 1: September 2014",
                            "Hertford Regional College", LEARNER, PEOPLE, units, comments, evidence,
                            group_credits(QUALIFICATION, units),
                            cover_note=QUALIFICATION.source["cover_note"]))
