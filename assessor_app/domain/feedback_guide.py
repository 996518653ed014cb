"""The printed words of ASSESSOR COMMENTS AND FEEDBACK (heading, instruction, the 8-point guide): PDF and window."""

HEADING_TEXT = "ASSESSOR COMMENTS AND FEEDBACK"
CONTINUATION = "CONTINUATION SHEET"
# Word for word from the printed record (000:1630), its grammar included.
INSTRUCTION = ("Assessor's should comment and give feedback each time they observe a learner or meet with a learner "
               "to review evidence. Therefore each time an observation or review of evidence takes place the "
               "assessor should enter the date and the evidence number, and make appropriate comments and "
               "feedback. Please see the guide below for the type of comments that can be included.")
GUIDE_INTRO = "The following provides guidance as to the type of comments that can be included below."
GUIDE = (
    "A description of the various activities being carried out by the learner for each unit.",
    "How the learner has met the Learning Outcomes for each unit.",
    "Questions that you have asked, not demonstrated through performance.",
    "Questions you have asked to ascertain essential knowledge.",
    "Issues arising from assessment.",
    "Identification of good or poor performance.",
    "Any action required to further develop the learner's knowledge and skills.",
    "Constructive feedback to the learner.",
)
