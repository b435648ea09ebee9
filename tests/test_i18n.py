"""Every label and message exists in Dutch and English, with the same placeholders; every key the code
asks for exists, and every key in TEXT is asked for somewhere (no dead texts to translate)."""

import ast
import re
from pathlib import Path

from portfolio.i18n import LANGUAGES, TEXT

ROOT = Path(__file__).resolve().parent.parent
CODE = sorted([*(ROOT / "pages").rglob("*.py"), *(ROOT / "portfolio").rglob("*.py"), ROOT / "app.py"])

# Keys the code builds from a prefix and a value it reads, e.g. t(f"period_{c}"): a TEXT key starting with
# one of these counts as used. A new f-string key needs its prefix here (test below); a prefix no code
# builds any more, or with no key left, fails too, so the list cannot rot.
DYNAMIC_PREFIXES = {
    "action_": "audit log actions on the history page (pages/history.py)",
    "figures_cause_": "what made the light by the figures amber or red (pages/story.py)",
    "db_": "why the database file cannot be used (portfolio/db.py DatabaseUnavailable.reason)",
    "locale_": "number notations on the upload page (pages/upload.py)",
    "move_": "light moves between two reports (pages/_ui/sections.py)",
    "period_": "budget-year classes of the quarterly overview (charts, export, progress report)",
    "period_short_": "the same, short, in the quarterly chart (portfolio/charts.py)",
    "pr_legend_": "the lights in the progress report's legend (portfolio/progress_report/content.py)",
    "pr_progress_": "steps of making the progress report (portfolio/progress_report/__init__.py)",
    "reason_": "why a story needs attention (portfolio/analysis.py attention_reasons)",
    "rebaseline_": "what a rebaseline changed, budget or end (pages/_ui/rebaselines.py, portfolio/schedule.py)",
    "milestone_": "a milestone achieved, missed or open (portfolio/planning_charts.py milestone_table)",
    "milestone_change_": "what changed in a milestone between two reports (portfolio/planning_charts.py)",
    "plan_": "late, on time or unknown in the schedule's pictures (portfolio/planning_charts.py)",
    "role_": "the signed-in user's role in the sidebar and the rights table (pages/_ui/access.py)",
    "state_": "the states of a report version (pages/_ui/sidebar.py, pages/approval.py)",
    "state_line_": "what the state of the shown version means (pages/approval.py)",
    "note_": "the notes of steps recorded by the app itself (pages/approval.py)",
    "right_": "the rights of the roles, on the sign-in help and where a right is missing (pages/_ui/access.py)",
    "unit_": "amount units on the upload page (pages/upload.py)",
    "holds_": "what a column's values are, in a column left out (portfolio/problems.py _readable)",
    "passed_": "why a column was left out (portfolio/problems.py _readable)",
    "currency_source_": "where the currency was read (portfolio/problems.py _readable)",
    "nar_": "the narrative's fields, on the narrative page and in the report (portfolio/progress_report/board.py)",
    "cover_": "the cover memo's fields and choices (portfolio/progress_report/board.py, pages/narrative.py)",
    "cover_public_": "public or not, on the cover memo (portfolio/progress_report/board.py, pages/narrative.py)",
    "cover_purpose_": "for information or for decision, on the cover memo (board.py, pages/narrative.py)",
    "risk_col_": "the risk list's columns (portfolio/progress_report/board.py, pages/narrative.py)",
    "pr_by_": "what a report's stories are grouped by, line or track (portfolio/progress_report/content.py)",
    "pr_stories_by_": "the heading of the stories' chapter, by line or track (portfolio/progress_report/content.py)",
}
# Calls whose first text argument is a key: t/tmd (also as w.t in the progress report) and the problems.
LOOKUP = re.compile(r"""(?:(?<![\w.])(?:t|tmd|error|warning|info)|\.t)\(\s*["']([a-z_0-9]+)["']""")
BUILT = re.compile(r"""(?:(?<![\w.])(?:t|tmd)|\.t)\(\s*f["']([a-z_0-9.]+)\{""")


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", text))


def code_without_text(path: Path) -> str:
    """A file's source; for portfolio/i18n.py without the TEXT table itself."""
    source = path.read_text()
    if path == ROOT / "portfolio" / "i18n.py":
        lines = source.splitlines(keepends=True)
        table = next(
            node
            for node in ast.parse(source).body
            if isinstance(node, ast.Assign | ast.AnnAssign)
            and "TEXT" in ast.unparse(node.targets[0] if isinstance(node, ast.Assign) else node.target)
        )
        source = "".join(lines[: table.lineno - 1] + lines[table.end_lineno :])
    return source


def strings_and_fstring_starts() -> tuple[set[str], set[str]]:
    """Every string literal in the code, and the literal start of every f-string."""
    strings, starts = set(), set()
    for path in CODE:
        for node in ast.walk(ast.parse(code_without_text(path))):
            if isinstance(node, ast.JoinedStr):
                first = node.values[0] if node.values else None
                if isinstance(first, ast.Constant) and len(node.values) > 1:
                    starts.add(first.value)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
    return strings, starts


def test_every_text_has_both_languages_and_the_same_placeholders():
    for key, entry in TEXT.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key
        assert placeholders(entry["nl"]) == placeholders(entry["en"]), key


def test_every_key_the_code_asks_for_exists():
    used, built = set(), set()
    for path in CODE:
        text = code_without_text(path)
        used |= set(re.findall(LOOKUP, text))
        built |= set(re.findall(BUILT, text))
    assert used - set(TEXT) == set()
    assert built - set(DYNAMIC_PREFIXES) == set(), "a key built with an f-string: add its prefix to DYNAMIC_PREFIXES"


def test_every_key_in_text_is_used_somewhere():
    """A key is used when the code names it as a string (t("budget"), or ("budget", "spent") looped
    into t(name)), or starts with a prefix the code builds keys from."""
    strings, starts = strings_and_fstring_starts()
    unused = {
        key for key in TEXT if key not in strings and not any(key.startswith(prefix) for prefix in DYNAMIC_PREFIXES)
    }
    assert unused == set(), "texts no code asks for: remove them from portfolio/i18n.py"


def test_every_dynamic_prefix_is_still_built_and_has_keys():
    _, starts = strings_and_fstring_starts()
    for prefix in DYNAMIC_PREFIXES:
        assert prefix in starts, f"no code builds keys f'{prefix}...' any more"
        assert any(key.startswith(prefix) for key in TEXT), prefix
