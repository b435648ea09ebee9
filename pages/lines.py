"""Programme lines: the measures per line, then the stories inside the chosen line."""

from pages._ui import group_page

group_page.group_page("line")
