"""The only user of reportlab: the Learner Assessment Record and its parts as PDF."""
