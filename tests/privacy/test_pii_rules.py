"""The personal-data checker on single drafts: each kind of personal data found with its exact span, in five
languages, and what forces publish on purpose left alone."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tweetathon.privacy.pii import TYPES, Allowlist, Finding, check, checksums


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
        assert f.as_dict() == {"type": f.type, "text": f.text, "start": f.start, "end": f.end, "reason": f.reason}


@pytest.mark.parametrize("draft", [
    "#gmp24 151: PC Smith said the A34 at junction 9 is closed near Market Street, Wigan, after a collision at "
    "14:32. Call 101 or 999 quoting log 1234 of 12/03. Follow @GMPolice.",
    "#gmp24 152: Inspector Jane Brown said officers will patrol Piccadilly Gardens and Victoria Station tonight.",
    "#gmp24 153: Crimestoppers: 0800 555 111. Action Fraud: 0300 123 2040. Deaf? Text 18000.",
    "#gmp24 154: PCSO 23456 and PC 4711 attended a shoplifting at Tesco Extra on Stanley Road, Bolton.",
    "#gmp24 155: Two men, 23 and 25, arrested after a fight on Deansgate. Crime ref 06/123456/24.",
    "#gmp24 156: Fight outside John Lewis at the Trafford Centre. St Peter's Square quiet again.",
    "#gmp24 157: RTC on the M60 J12 anticlockwise between 02:00 and 3am. £2,000 of damage. #gmp24",
    "Politie: aanrijding op de A2 richting Utrecht, afrit 5. Woordvoerder Jeroen de Boer: 'geen gewonden'. "
    "Bel 112 of 0900-8844.",
    "Policía Nacional: accidente en la AP-7, salida 12. El portavoz Miguel Ángel Ruiz pide llamar al 091.",
    "Gendarmerie : accident sur l'A7 à la sortie 23. Le commissaire Martin rappelle le 17 et le 112.",
    "Polizei: Unfall auf der A100, Ausfahrt 12. Polizeisprecher Thomas Neumann sagte, Notruf 110.",
])
def test_what_forces_publish_on_purpose_is_not_flagged(draft: str) -> None:
    assert check(draft) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Email jane.doe@gmail.com now", [("email", "jane.doe@gmail.com")]),
    ("Write to contact@gmp.police.uk", []),
    ("Seen driving MA19 XYZ on the M60", [("vehicle", "MA19 XYZ")]),
    ("Auto met kenteken 12-ABC-3 gestolen", [("vehicle", "12-ABC-3")]),
    ("Coche con matrícula 1234 BCD robado", [("vehicle", "1234 BCD")]),
    ("Véhicule immatriculé AB-123-CD volé", [("vehicle", "AB-123-CD")]),
    ("Kennzeichen B-AB 1234 gesucht", [("vehicle", "B-AB 1234")]),
    ("Thanks to @janedoe99 for the tip", [("handle", "@janedoe99")]),
    ("Thanks to @GMPWigan and @PCSmithGMP", []),
    ("Card 4111 1111 1111 1111 found", [("bank_card", "4111 1111 1111 1111")]),
    ("Card 4111 1111 1111 1112 found", []),
    ("IBAN NL91 ABNA 0417 1643 00 gebruikt", [("bank_card", "NL91 ABNA 0417 1643 00")]),
    ("NHS no 943 476 5919", [("national_id", "943 476 5919")]),
    ("Ref 943 476 5918 noted", []),
    ("NHS no 943 476 5918 (mistyped)", [("national_id", "943 476 5918")]),
    ("NI number AB123456C", [("national_id", "AB123456C")]),
    ("BSN 111222333 gevonden", [("national_id", "111222333")]),
    ("DNI 12345678Z encontrado", [("national_id", "12345678Z")]),
    ("DNI 12345678A encontrado", []),
    ("Licence MORGA657054SM9IJ found", [("licence", "MORGA657054SM9IJ")]),
    ("Flat 3, 12 High Street, Wigan", [("address", "Flat 3, 12 High Street")]),
    ("Officers on High Street, Wigan", []),
    ("Inbraak aan de Kerkstraat 12 in Utrecht", [("address", "Kerkstraat 12")]),
    ("Robo en la Calle Mayor 12 de Madrid", [("address", "Calle Mayor 12")]),
    ("Cambriolage au 5 rue de la Paix, 75002 Paris", [("address", "5 rue de la Paix"), ("postcode", "75002")]),
    ("Einbruch in der Hauptstraße 5, 10115 Berlin", [("address", "Hauptstraße 5"), ("postcode", "10115")]),
    ("Found safe near M14 5RE", [("postcode", "M14 5RE")]),
    ("Patrols across M14 and the M60 tonight", []),
    ("She lives on Elm Road in Bolton", [("location", "Elm Road")]),
    ("Concern for a man at 53.4808, -2.2426", [("location", "53.4808, -2.2426")]),
    ("Elderly man Ryan Reid, born 7 January 1936, missing", [("name", "Ryan Reid"), ("dob", "7 January 1936")]),
    ("M. Dupont, né le 12/03/1985, retrouvé", [("name", "Dupont"), ("dob", "12/03/1985")]),
    ("A 34-year-old man has been charged", []),
    ("Missing: Liam O'Neill, 14, from Rochdale", [("name", "Liam O'Neill"), ("age", "14")]),
    ("Slachtoffer Jan de Vries (45) is gewond", [("name", "Jan de Vries"), ("age", "45")]),
    ("La víctima, María García López, de 34 años", [("name", "María García López"), ("age", "34")]),
    ("Frau Müller (67) wurde verletzt", [("name", "Müller"), ("age", "67")]),
    ("Der 17-jährige Finn Brandt wird vermisst", [("age", "17"), ("name", "Finn Brandt")]),
    ("Two teens, Kyle and Jordan, were seen", [("name", "Kyle"), ("name", "Jordan")]),
    ("De verdachte, Mohamed B. (23), is aangehouden", [("name", "Mohamed B."), ("age", "23")]),
    ("Detenido J.M.G., de 45 años, por robo", [("name", "J.M.G."), ("age", "45")]),
    ("Siobhan McCarthy-Jones (29) reported it", [("name", "Siobhan McCarthy-Jones"), ("age", "29")]),
    ("DM from @sam_l_1999 says her ex is outside", [("handle", "@sam_l_1999")]),
    ("Her date of birth is 03/04/1987", [("dob", "03/04/1987")]),
    ("PC 12345 Adam Shaw and PC 6789 Becky Lee arrested a man", []),
    ("Contact PC Smith on 101 or call Crimestoppers.", []),
    ("Victoria Baths in Longsight was broken into", []),
    ("Dr Kershaw's Hospice fundraiser in Royton", []),
    ("The Alan Turing memorial was vandalised", []),
    ("Le maire de Lyon Grégory Doucet remercie les secours", []),
    ("Officers spoke to Mr John Hall about his car", [("name", "John Hall")]),
])
def test_kinds_and_languages(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Bel 06-12345678 voor info", "nl", "06-12345678"),
    ("Llame al 612 345 678", "es", "612 345 678"),
    ("Appelez le 06 12 34 56 78", "fr", "06 12 34 56 78"),
    ("Rufen Sie 0151 23456789 an", "de", "0151 23456789"),
    ("Ring +44 7700 900789 now", "en", "+44 7700 900789"),
    ("Ring (0161) 496 0345 now", None, "(0161) 496 0345"),
])
def test_phone_numbers_in_each_countrys_formats(text: str, lang: str | None, expected: str) -> None:
    assert found(text, lang=lang) == [("phone", expected)]


def test_freephone_and_helpline_numbers_are_organisations_not_people() -> None:
    assert check("Call Childline on 0800 1111 or Samaritans on 116 123 or 0800 783 2589") == []


def test_allowlist_keeps_published_numbers_handles_and_names() -> None:
    draft = "Sarah Jones of @wiganwatch: call 0161 856 1234."
    assert {t for t, _ in found(draft)} == {"name", "handle", "phone"}
    allow = Allowlist.of(handles=["WiganWatch"], names=["Sarah Jones"], numbers=["01618561234"])
    assert found(draft, allow=allow) == []
    assert allow.allows_number("+44 161 856 1234") and not allow.allows_number("0161 856 9999")


def test_overlapping_rules_keep_the_most_specific_finding() -> None:
    # a card number is also a long run of digits a phone rule could read: one finding, the card
    assert found("Card 5500 0000 0000 0004 stolen") == [("bank_card", "5500 0000 0000 0004")]


@pytest.mark.parametrize(("function", "good", "bad"), [
    (checksums.luhn, "4111111111111111", "4111111111111112"),
    (checksums.nhs_number, "9434765919", "9434765918"),
    (checksums.bsn, "111222333", "111222334"),
    (checksums.dni, "12345678Z", "12345678A"),
    (checksums.dni, "X1234567L", "X1234567A"),
    (checksums.nir, "2 69 05 49 588 157 80", "2 69 05 49 588 157 81"),
    (checksums.iban, "GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 33"),
    (checksums.steuer_id, "86095742719", "86095742718"),
])
def test_check_digits(function: object, good: str, bad: str) -> None:
    assert function(good) and not function(bad)  # type: ignore[operator]


PIECES = ["Sarah Jones", "14 Elm Road", "07700 900123", "M14 5RE", "MA19 XYZ", "@janedoe99", "PC Smith",
          "log 1234 of 12/03", "(34)", ", 34,", "Kerkstraat 12", "12-ABC-3", "née le 12/03/1985", "A34", "999",
          "4111 1111 1111 1111", "Mr", "Flat 3,", "(", ")", "'s", "#gmp24 12:", "é", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=12).map(" ".join))
def test_any_text_gives_ordered_disjoint_exact_findings(text: str) -> None:
    findings = check(text)
    assert findings == sorted(findings, key=lambda f: (f.start, f.end))
    for f, g in itertools.pairwise(findings):
        assert f.end <= g.start
    for f in findings:
        assert f.type in TYPES and text[f.start:f.end] == f.text and f.text.strip() == f.text and f.reason


def test_allowlist_built_directly_is_normalised_too() -> None:
    allow = Allowlist(handles=frozenset({"@GMPolice"}), names=frozenset({"Jane  Brown"}),
                      numbers=frozenset({"0161 856 1234"}))
    assert allow.allows_handle("gmpolice") and allow.allows_name("jane brown")
    assert allow.allows_number("01618561234") and allow.allows_number("+44 (0)161 856 1234")
    assert not allow.allows_number("999") and not allow.allows_handle("@janedoe")
    assert allow.allows_name("Brown") and not allow.allows_name("Browning") and not allow.allows_name("Sarah")
