"""Use cases the GUI and CLI call; every write runs in one transaction, is audited and returns Changes."""
