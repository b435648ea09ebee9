"""Streamlit glue shared by the pages, one module per job. The logic lives in the `portfolio` package
(no Streamlit there); these modules only turn widget state into arguments for it and draw its answers.

- session.py: the database handle and this run's cursor, answers shared between sessions, the
  interface language, and route_through_app (the one work-around for Streamlit's pages/ directory mode)
- access.py: sign-in and who may change what; the sidebar's sign-in status
- sidebar.py: language, programme, report and filters in the sidebar and the URL; context() gives the
  Context a page works on; header() and filter_note() say on the page what was chosen
- tiles.py: the KPI tiles and the rules behind the figures' light
- tables.py: story and roll-up tables and their column configs
- drill.py: clickable rows and bars that pick a group or open a story, line or track; scroll_to brings
  the chosen group's stories into view after a click
- sections.py: sections on more than one page (changes between two reports, the quarterly overview)
- own_totals.py: the export's own totals where they disagree with its stories, open (with an accept
  for who may upload) and, on the history page, all of them
- downloads.py: the Excel and CSV download buttons (portfolio/export.py makes the files)
- url.py: the address bar: a run's changes to the query string, written once when the page has run
- links.py: a link to something that is not there: what is shown instead, and a note that says so
- group_page.py: the whole page of the programme lines and of the tracks (the chosen group in the URL as
  chosen_line / chosen_track; a report without lines or tracks is explained instead)

This folder is a package, not a page: Streamlit's pages/ directory mode only picks up pages/*.py.
Modules import each other in this order: session, access, url, links, sidebar, tables, tiles, drill, sections,
own_totals, downloads, group_page.
"""
