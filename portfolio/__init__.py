"""Portfolio dashboard logic: reading exports, the DuckDB store, measures, formatting, charts.

Nothing in this package imports Streamlit, so it serves the app, the command line and the tests alike.
"""

__version__ = "0.1.0"
