"""Widgets shared by several screens: the tick list, thumbnails, the signature pad."""
