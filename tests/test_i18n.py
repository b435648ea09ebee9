"""Every label and message exists in Dutch and English, with the same placeholders."""

import re
from pathlib import Path

from portfolio.i18n import LANGUAGES, TEXT

ROOT = Path(__file__).resolve().parent.parent


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", text))


def test_every_text_has_both_languages_and_the_same_placeholders():
    for key, entry in TEXT.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key
        assert placeholders(entry["nl"]) == placeholders(entry["en"]), key


def test_every_key_the_code_asks_for_exists():
    used = set()
    for path in [*(ROOT / "pages").glob("*.py"), *(ROOT / "portfolio").rglob("*.py"), ROOT / "app.py"]:
        text = path.read_text()
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_0-9]+)["']""", text))
        used |= set(re.findall(r"""\b(?:error|warning)\(\s*["']([a-z_0-9]+)["']""", text))
    assert used - set(TEXT) == set()
