"""Programme lines: the measures per line, then the stories inside the chosen line."""

from pages import _shared as ui

ui.group_page("line")
