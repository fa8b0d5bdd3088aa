"""Check digits of the identifiers the checker finds: a number that passes is very unlikely to be chance."""

from __future__ import annotations

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def luhn(digits: str) -> bool:
    """Payment cards (ISO/IEC 7812): the Luhn mod-10 sum."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def nhs_number(digits: str) -> bool:
    """NHS number (England, Wales, Isle of Man): 10 digits, weights 10..2, mod 11."""
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return (0 if check == 11 else check) == int(digits[9]) and check != 10


def bsn(digits: str) -> bool:
    """Dutch burgerservicenummer: 9 digits, the "elfproef" (weights 9..2 and -1, mod 11)."""
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0


def dni(number: str) -> bool:
    """Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): the letter is mod 23."""
    number = number.upper().replace("-", "").replace(" ", "")
    body, letter = number[:-1], number[-1]
    body = body.replace("X", "0", 1).replace("Y", "1", 1).replace("Z", "2", 1) if body[:1] in "XYZ" else body
    return body.isdigit() and DNI_LETTERS[int(body) % 23] == letter


def nir(number: str) -> bool:
    """French NIR (numéro de sécurité sociale): 13 characters + 2-digit key = 97 - (number mod 97)."""
    compact = number.replace(" ", "").upper()
    body, key = compact[:13], compact[13:]
    body = body.replace("2A", "19").replace("2B", "18")
    return len(compact) == 15 and body.isdigit() and key.isdigit() and 97 - int(body) % 97 == int(key)


def iban(number: str) -> bool:
    """IBAN: move the first four characters to the end, letters to numbers, mod 97 == 1."""
    compact = number.replace(" ", "").upper()
    if not (15 <= len(compact) <= 34 and compact[:2].isalpha() and compact[2:4].isdigit()):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def steuer_id(digits: str) -> bool:
    """German Steuer-Identifikationsnummer: 11 digits, ISO 7064 mod 11,10 check digit."""
    if len(digits) != 11 or digits[0] == "0":
        return False
    product = 10
    for char in digits[:10]:
        total = (int(char) + product) % 10 or 10
        product = total * 2 % 11
    return (11 - product) % 10 == int(digits[10])
