"""Text a force publishes on purpose, which no rule may report: hashtags, incident and log numbers, collar
numbers, times and dates of incidents, road and junction numbers, URLs."""

from __future__ import annotations

import re

from tweetathon.privacy.pii.spans import Span

_REF_WORDS = (r"log|ref|reference|crime\s+ref(?:erence)?|crime\s+(?:no|number)|incident|incident\s+(?:no|number)|"
              r"cad|occurrence|operation|case|serial|urn|ticket|"
              r"registratienummer|meldingsnummer|zaaknummer|proces-verbaal|pv|"
              r"atestado|diligencias|denuncia|expediente|incidente|"
              r"procès-verbal|référence|main\s+courante|dossier|plainte|"
              r"aktenzeichen|vorgangsnummer|tagebuchnummer|einsatz|az|vorgang")
PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"#\w+"),
    re.compile(r"https?://\S+|www\.\S+"),
    # "log 1234 of 12/03", "quoting log 1234 of 12 March", "crime ref 06/123456/24", "CAD 567 12/03/24"
    re.compile(rf"\b(?i:{_REF_WORDS})\.?\s*(?i:no\.?|number|nr\.?|nº|n°|nummer|número|numéro)?[:#]?\s*"
               r"[A-Z]{0,3}[\d][\d/\-.]*(?:\s+(?i:of|van|del|de|du|vom)\s+\d{1,2}(?:[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?|"
               r"\s+[A-Za-zé]+(?:\s+\d{4})?))?"),
    # collar and warrant numbers: "PC 1234", "PCSO 5678", "(1234)" after a rank, "collar number 1234"
    re.compile(r"\b(?:P\.?C\.?S?O?|DC|DS|Sgt|Insp|SC|WPC|TDC|Special Constable)\s?\d{2,5}\b"),
    re.compile(r"\b(?i:collar|warrant|shoulder|dienst|placa|matricule|dienstnummer)\s+(?i:no\.?|number|nummer|"
               r"número|numéro)?\s*\d{2,6}\b"),
    # roads and junctions: A34, M60, N201, A-7, B1234, J9, junction 9, exit 12, km 23
    re.compile(r"\b(?:[AMBN]\d{1,4}(?:\(M\))?|[AN]-\d{1,3}|[AE]P?-?\d{1,3}|J\d{1,2}|RN\d{1,3}|D\d{1,4}|"
               r"[AB]\s?\d{1,3}(?=\s(?:bij|near|at|towards|richting)))\b"),
    re.compile(r"\b(?i:junction|jct|exit|afrit|salida|sortie|ausfahrt|anschlussstelle|km|kilometre|hectometerpaal|"
               r"hmp)\s*\d{1,4}(?:[.,]\d)?\b"),
    # counts and durations that look like numbers: "4,000 people", "£1,200"
    re.compile(r"[£€$]\s?\d[\d,.]*"),
)


# times: 14:32, 2.30pm, 14h30, 14.30 uur, 3 am, 14 Uhr, 2h du matin
TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}(?:\s?(?i:am|pm|uur|h|hrs|horas|heures|uhr))?\b|"
                  r"\b(?:1[0-2]|0?[1-9])\s?(?i:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}\s?(?:Uhr|uur|h)\b|"
                  r"\b\d{3,4}\s?(?i:hrs|hours)\b")
# dates: 12/03/2024, 12-03-24, 12.03.2024, 2024-03-12 (dates of birth are found by their own rule)
DATE = re.compile(r"\b\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b")


def protected_spans(text: str, *, dates: bool = True) -> list[Span]:
    """Every span of `text` that rules must leave alone (sorted by start), each with its kind ("time", "date"
    or ""); dates too unless `dates` is False."""
    spans = [Span(m.start(), m.end()) for pattern in PATTERNS for m in pattern.finditer(text)]
    spans += [Span(m.start(), m.end(), "time") for m in TIME.finditer(text)]
    if dates:
        spans += [Span(m.start(), m.end(), "date") for m in DATE.finditer(text)]
    return sorted(spans)
