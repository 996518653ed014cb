"""assessor-app: offline recording and sign-off of vocational assessment evidence."""

__version__ = "0.1.0"
