"""The personal-data checker on single drafts: each kind of personal data found with its exact span, and what
forces publish on purpose left alone."""

from __future__ import annotations

import pytest

from tweetathon.privacy.pii import Allowlist, Finding, check


def found(text: str, **kwargs: object) -> list[tuple[str, str]]:
    return [(f.type, f.text) for f in check(text, **kwargs)]  # type: ignore[arg-type]


def test_each_finding_is_exactly_its_span_of_the_draft() -> None:
    draft = "#gmp24 150: Concern for welfare at 14 Elm Road, Bolton BL1 4AB. Caller Sarah Jones, 34, on 07700 900123."
    findings = check(draft)
    assert [(f.type, f.text) for f in findings] == [
        ("address", "14 Elm Road"), ("postcode", "BL1 4AB"), ("name", "Sarah Jones"), ("age", "34"),
        ("phone", "07700 900123")]
    for f in findings:
        assert isinstance(f, Finding) and draft[f.start:f.end] == f.text and f.reason.endswith(".")


def test_what_forces_publish_on_purpose_is_not_flagged() -> None:
    draft = ("#gmp24 151: PC Smith said the A34 at junction 9 is closed near Market Street, Wigan, after a "
             "collision at 14:32. Call 101 or 999 quoting log 1234 of 12/03. Follow @GMPolice.")
    assert check(draft) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Email jane.doe@gmail.com", [("email", "jane.doe@gmail.com")]),
    ("Seen driving MA19 XYZ on the M60", [("vehicle", "MA19 XYZ")]),
    ("Thanks to @janedoe99 for the tip", [("handle", "@janedoe99")]),
    ("Card 4111 1111 1111 1111 found", [("bank_card", "4111 1111 1111 1111")]),
    ("Card 4111 1111 1111 1112 found", []),
    ("NHS no 943 476 5919", [("national_id", "943 476 5919")]),
    ("NHS no 943 476 5918", []),
])
def test_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_allowlist_keeps_published_numbers_handles_and_names() -> None:
    draft = "Sarah Jones of @wiganwatch: call 0161 856 1234."
    assert {t for t, _ in found(draft)} == {"name", "handle", "phone"}
    allow = Allowlist.of(handles=["WiganWatch"], names=["Sarah Jones"], numbers=["01618561234"])
    assert found(draft, allow=allow) == []
