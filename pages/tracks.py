"""Tracks: the measures per track, then the stories inside the chosen track."""

from pages import _shared as ui

ui.group_page("track")
