"""Tracks: the measures per track, then the stories inside the chosen track."""

from pages._ui import group_page

group_page.group_page("track")
