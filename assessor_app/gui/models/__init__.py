"""Qt item models of the window's tables."""
