"""The only user of SQLite (through sqlite-utils): schema, migrations, reads and writes of records."""
