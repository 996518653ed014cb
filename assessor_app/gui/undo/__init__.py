"""Undo commands of the visit screens: each calls a service and its inverse."""
