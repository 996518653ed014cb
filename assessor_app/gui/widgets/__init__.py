"""Widgets shared by several screens (signature pad)."""
