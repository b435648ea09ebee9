"""WCAG 2.1 A/AA in a real browser: axe-core (shipped inside the axe-playwright-python wheel, injected
into the page by Playwright, no network) on every page in Dutch and English, and on the sign-in page.

A `serious` or `critical` violation fails the test with its rule, impact, target selectors and axe's
summary; the lesser ones are printed (run with -s to see them). Every node left out of the check is
named in EXCLUDED with the reason it is left out.

Two checks axe leaves open are made here: captions (faded text, which axe reports as "incomplete" when
another element overlaps it, as in the sidebar) must reach 4.5:1 on the background they are drawn on,
and headings never skip a level going deeper (axe's heading-order is a best practice, not a WCAG rule,
so it is outside the WCAG tags). Chart text is SVG, which axe does not check: tests/test_charts.py
computes its contrast from the figures.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

from portfolio import auth, fmt
from tests.browser.conftest import ARTIFACTS, DRAWN, serve_app, wait_for_app

pytestmark = pytest.mark.browser

PAGES = {  # page: its address; every page but the portfolio is opened on one programme
    "portfolio": "",
    "overview": "overview",
    "lines": "lines",
    "tracks": "tracks",
    "story": "story",
    "compare": "compare",
    "upload": "upload",
    "history": "history",
    "rules": "rules",
}
LANGS = ("nl", "en")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

# Nodes axe does not check, each with why. Selectors are CSS, as axe's context `exclude` takes them.
# None today: plotly's own SVG gave no WCAG 2.1 A/AA violation (axe leaves the contrast of its text
# undecided, and tests/test_charts.py decides it). A node added here needs a reason no config can fix.
EXCLUDED: dict[str, str] = {}

AXE = Axe()

CAPTION = "[data-testid='stCaptionContainer']"
# Each caption's text colour with the opacity of it and its ancestors, and the first opaque background
# behind it (white when none is set).
CAPTION_COLOURS = """() => [...document.querySelectorAll("[data-testid='stCaptionContainer']")].map(caption => {
  let opacity = 1, background = null;
  for (let node = caption; node && node.nodeType === 1; node = node.parentElement) {
    const style = getComputedStyle(node);
    opacity *= parseFloat(style.opacity);
    const bg = style.backgroundColor.match(/[\\d.]+/g).map(Number);
    if (!background && (bg.length === 3 || bg[3] > 0)) background = bg.slice(0, 3);
  }
  const colour = getComputedStyle(caption).color.match(/[\\d.]+/g).map(Number);
  if (colour.length === 4) opacity *= colour[3];
  return {text: caption.innerText.slice(0, 60), colour: colour.slice(0, 3), opacity, background: background || [255, 255, 255]};
})"""
HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.offsetParent !== null)
  .map(h => [Number(h.tagName[1]), h.innerText.slice(0, 50)])"""


def luminance(rgb) -> float:
    """WCAG 2.1 relative luminance of 0-255 channels."""
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def caption_contrasts(page) -> list[tuple[str, float]]:
    """(text, contrast ratio) of every caption on the page, its opacity blended over its background."""
    answers = []
    for caption in page.evaluate(CAPTION_COLOURS):
        alpha, ground = caption["opacity"], caption["background"]
        seen = [alpha * c + (1 - alpha) * b for c, b in zip(caption["colour"], ground)]
        high, low = sorted((luminance(seen), luminance(ground)), reverse=True)
        answers.append((caption["text"], (high + 0.05) / (low + 0.05)))
    return answers


def skipped_headings(page) -> list[str]:
    """Headings that go more than one level deeper than the heading before them (h1 straight to h3)."""
    headings, skips = page.evaluate(HEADINGS), []
    for (before, _), (level, text) in zip(headings, headings[1:]):
        if level > before + 1:
            skips.append(f"h{before} -> h{level} {text!r}")
    return skips


def wait_until_drawn(page, timeout: float = 60_000) -> None:
    """The page is drawn: its script has finished, its title is there (before the first run the state
    reads 'not running' too, on an empty page), no placeholder or stale element is left, and every
    plotly chart has drawn its SVG (charts draw after the script has finished). A page that failed
    fails the test here."""
    page.wait_for_function(DRAWN, timeout=timeout)
    assert page.locator("[data-testid='stException']").count() == 0, f"the page failed: {page.url}"


def run_axe(page) -> dict:
    """axe-core on the whole document with the WCAG 2.1 A/AA rules; EXCLUDED left out. Its answer has
    `violations` and `incomplete` (what axe could not decide, e.g. text over an image)."""
    context = {"include": [["html"]], "exclude": [[selector] for selector in EXCLUDED]}
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    return AXE.run(page, context=context, options=options).response


# Where a colour-contrast node axe could not decide sits, when another check decides it: chart text is
# SVG over the chart's own drawing (tests/test_charts.py computes it), a caption is measured here.
DECIDED_ELSEWHERE = {".js-plotly-plot": "chart text (tests/test_charts.py)", CAPTION: "caption (caption_contrasts)"}
WHERE = """([target, places]) => {
  const node = document.querySelector(target);
  return node ? (places.find(place => node.closest(place)) || 'elsewhere') : 'gone';
}"""


def undecided_contrast(page, answer: dict) -> tuple[Counter, list[str]]:
    """Colour-contrast nodes axe left undecided: a count per place that decides them elsewhere, and
    the targets of those nothing decides."""
    places, undecided = Counter(), []
    for result in answer["incomplete"]:
        if result["id"] != "color-contrast":
            continue
        for node in result["nodes"]:
            target = node["target"][0] if isinstance(node["target"][0], str) else None
            place = page.evaluate(WHERE, [target, list(DECIDED_ELSEWHERE)]) if target else "elsewhere"
            if place in DECIDED_ELSEWHERE:
                places[DECIDED_ELSEWHERE[place]] += 1
            else:
                undecided.append(f"{node['target']}: {node['html'][:120]}")
    return places, undecided


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} [{len(violation['nodes'])} node(s)]"
        )
        for node in violation["nodes"][:8]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def check(page, name: str) -> None:
    """Run axe, keep its answer in tests/artifacts/axe/, print every violation, fail on serious ones."""
    answer = run_axe(page)
    violations = answer["violations"]
    ARTIFACTS.joinpath("axe").mkdir(parents=True, exist_ok=True)
    ARTIFACTS.joinpath("axe", f"{name}.json").write_text(json.dumps(violations, indent=1))
    counts = Counter((v["id"], v["impact"]) for v in violations for _ in v["nodes"])
    print(
        f"\n{name}: " + (", ".join(f"{rule} ({impact}) x{n}" for (rule, impact), n in sorted(counts.items())) or "none")
    )
    if violations:
        print(describe(violations))
    review = Counter((v["id"], v["impact"]) for v in answer["incomplete"] for _ in v["nodes"])
    if review:
        print(
            "axe could not decide: "
            + ", ".join(f"{rule} ({impact}) x{n}" for (rule, impact), n in sorted(review.items()))
        )
        for result in answer["incomplete"]:
            if result["id"] != "color-contrast":  # e.g. Streamlit's own file chip and date button
                for node in result["nodes"]:
                    print(f"  {result['id']}: {node['target']} {node['html'][:100]}")
    decided, undecided = undecided_contrast(page, answer)
    if decided:
        print("  of which decided by this project's checks: " + ", ".join(f"{k} x{n}" for k, n in decided.items()))
    faint = [f"{text!r}: {ratio:.2f}:1" for text, ratio in caption_contrasts(page) if ratio < 4.5]
    skips = skipped_headings(page)
    for label, found in (("captions below 4.5:1", faint), ("heading levels skipped", skips)):
        if found:
            print(f"{label}: " + "; ".join(found))
    serious = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not serious, f"{name}: serious or critical WCAG 2.1 A/AA violations\n{describe(serious)}"
    assert not faint, f"{name}: captions below 4.5:1 contrast: {faint}"
    assert not undecided, f"{name}: text whose contrast neither axe nor these tests decide: {undecided}"
    assert not skips, f"{name}: heading levels skipped: {skips}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_accessibility_violation(server, page, name, lang):
    programme = "" if name == "portfolio" else f"programme={quote('MAB Flevoland')}&"
    page.goto(f"{server}/{PAGES[name]}?{programme}lang={lang}")
    wait_for_app(page)
    wait_until_drawn(page)
    check(page, f"{name}_{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_upload_with_a_file_and_its_open_calendar_have_no_serious_violation(server, page, lang, tmp_path):
    """The upload page once a file is dropped (settings, date picker, what was understood), and with the
    date picker's calendar open. Nothing is saved."""
    from tests.exports import dutch_csv

    export = tmp_path / "voortgang-q1.csv"
    export.write_bytes(dutch_csv())
    page.goto(f"{server}/upload?lang={lang}")
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(export))
    page.locator("[data-testid='stDateInput']").wait_for()
    wait_until_drawn(page)
    check(page, f"upload_file_{lang}")
    page.locator("[data-testid='stDateInput'] button").last.click()
    page.get_by_role("grid").first.wait_for()
    check(page, f"upload_calendar_{lang}")


def test_the_page_language_follows_the_chosen_language(server, page):
    """<html lang> is the language the page is written in (screen readers pick their voice from it),
    from the link and after a switch in the sidebar."""
    for lang in LANGS:
        page.goto(f"{server}/?programme={quote('MAB Flevoland')}&lang={lang}")
        wait_for_app(page)
        page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang, timeout=10_000)
    page.get_by_text("Nederlands", exact=True).click()  # the sidebar's language choice
    page.wait_for_function("document.documentElement.lang === 'nl'", timeout=10_000)
    page.get_by_role("heading", name="Overzicht").wait_for()


# What Streamlit's number columns call for every cell (formatNumber: Intl.NumberFormat(navigator.languages, ...)
# with the 'euro' and 'percent' presets), written out so the test asks the page the same question.
EURO_CELL = (
    "v => new Intl.NumberFormat(navigator.languages, {style: 'currency', currency: 'EUR',"
    " currencyDisplay: 'narrowSymbol', minimumFractionDigits: 0, maximumFractionDigits: 0}).format(v)"
)
PERCENT_CELL = "v => new Intl.NumberFormat(navigator.languages, {style: 'percent', maximumFractionDigits: 1}).format(v)"


def test_numbers_and_the_calendar_follow_the_chosen_language_not_the_browsers(server, browser, tmp_path):
    """A Dutch page in an English browser writes table amounts as € 1.105.000 and shares as 17,5%, and its
    date picker's months in Dutch (Streamlit takes both from navigator.languages); an English page in a
    Dutch browser writes €1,105,000."""
    from tests.exports import dutch_csv

    export = tmp_path / "voortgang-q1.csv"
    export.write_bytes(dutch_csv())
    # the calendar opens on today's month: '30 november 2026' -> 'november', '30 November 2026' -> 'November'
    month_in = {lang: fmt.date(dt.date.today(), lang).split()[1] for lang in LANGS}
    for browser_locale, lang, euro, share, month in (
        ("en-US", "nl", "€ 1.105.000", "17,5%", month_in["nl"]),
        ("nl-NL", "en", "€1,105,000", "17.5%", month_in["en"]),
    ):
        context = browser.new_context(locale=browser_locale, viewport={"width": 1440, "height": 900})
        page = context.new_page()
        try:
            page.goto(f"{server}/?lang={lang}")
            wait_for_app(page)
            page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang, timeout=10_000)
            assert page.evaluate(EURO_CELL, 1_105_000) == euro.replace(" ", "\u00a0")
            assert page.evaluate(PERCENT_CELL, 0.175) == share
            page.goto(f"{server}/upload?lang={lang}")
            wait_for_app(page)
            page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(export))
            page.locator("[data-testid='stDateInput'] button").last.click()
            calendar = page.get_by_role("grid").first
            calendar.wait_for()
            assert month in calendar.get_attribute("aria-label")  # 'Choose date, november 2026' (Streamlit's words)
        finally:
            context.close()


@pytest.fixture(scope="module")
def signin_server(tmp_path_factory):
    """The app with built-in sign-in (one viewer) on a fresh database."""
    folder = tmp_path_factory.mktemp("a11y_signin")
    secrets = folder / "secrets.toml"
    secrets.write_text(
        '[portfolio]\nsign_in = "builtin"\n\n[portfolio.users.anna]\n'
        f'password_hash = "{auth.hash_password("kijker-wachtwoord", iterations=1_000)}"\nrole = "viewer"\n'
    )
    with serve_app(folder, folder / "signin.duckdb", "--secrets.files", str(secrets)) as url:
        yield url


@pytest.mark.parametrize("lang", LANGS)
def test_sign_in_page_has_no_serious_accessibility_violation(signin_server, page, lang):
    page.goto(f"{signin_server}/?lang={lang}")
    wait_for_app(page)
    page.locator("input[type='password']").wait_for()
    wait_until_drawn(page)
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang, timeout=10_000)
    check(page, f"signin_{lang}")
