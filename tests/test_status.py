"""Traffic-light words from Dutch and English reports; the five-point scale folds to the worse colour."""

import pytest

from portfolio.status import normalise_status


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("groen", "green"),
        ("Oranje", "amber"),
        ("ROOD", "red"),
        ("G", "green"),
        ("A", "amber"),
        ("R", "red"),
        ("Green", "green"),
        ("Amber", "amber"),
        ("Red", "red"),
        ("On track", "green"),
        ("At risk", "amber"),
        ("Off track", "red"),
        ("Amber/Green", "amber"),
        ("Amber/Red", "red"),
        ("groen (afgeleid)", "green"),
        ("", "unknown"),
        (None, "unknown"),
        ("Exempt", "unknown"),
    ],
)
def test_known_status_words(label, status):
    assert normalise_status(label) == (status, True)


def test_unknown_words_are_unknown_and_reported_as_such():
    assert normalise_status("paars") == ("unknown", False)
