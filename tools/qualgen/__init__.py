"""Rebuilds qualifications/*.json from the awarding bodies' source texts plus committed corrections."""
