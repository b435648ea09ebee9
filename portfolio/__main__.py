"""`python -m portfolio ...`: the command line (see portfolio/cli.py)."""

from portfolio.cli import main

raise SystemExit(main())
