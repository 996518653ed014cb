"""Qt-, SQLite- and PDF-free model of qualifications, records and their rules."""
