"""Qt item models of the visit screens."""
