"""The purposes and built-in themes, with multilingual seed keywords (en, es, fr, de, nl, pt, it), and the
event's own themes read from a YAML file of names, keywords and examples.

A keyword matches at a word start, case-insensitively (`dog` matches "dogs", not "hotdog"). Seed keywords are
chosen for precision: they add a theme the model missed, they never remove one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PURPOSES: tuple[str, ...] = ("inform", "engage", "appeal")


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme: its id, the name people read, seed keywords, and example posts (event themes)."""

    id: str
    name: str
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = field(default=())


BUILT_IN: tuple[Theme, ...] = (
    Theme("incident_response", "incident and response",
          ("arrested", "arrests", "charged with", "road is now", "cordon", "at the scene", "attended", "detained",
           "sentenced", "jailed", "warrant", "collision on", "closed between", "seized", "raid", "detenido",
           "atienden", "hemos atendido", "intervenido", "desarticulad", "incendio", "cortada", "interpellation",
           "interpellé", "garde à vue", "intervention", "incendie", "condamné", "démantèlement", "saisi",
           "festnahme", "festgenommen", "einsatz", "sichergestellt", "gesperrt", "großbrand", "razzia",
           "verkehrsunfall", "aangehouden", "afzetting", "ter plaatse", "aangetroffen", "grote brand",
           "verkeersongeval", "preso", "arrestato")),
    Theme("appeal", "appeal",
          ("witness", "dashcam", "do you recognise", "can you help", "any information", "cctv", "crimestoppers",
           "quoting", "we want to hear", "get in touch", "wanted", "testigos", "reconoces", "colaboración",
           "cualquier información", "témoins", "reconnaissez-vous", "toute information", "si vous avez",
           "zeugen", "wer kennt", "hinweise", "wer hat", "getuigen", "herkent u", "wie heeft", "tips",
           "testemunhas", "testimoni")),
    Theme("missing_person", "missing person",
          ("missing", "last seen", "have you seen", "desaparecid", "localizad", "disparition", "disparu",
           "retrouvé", "vermisst", "vermiste", "vermist", "terecht", "scomparso", "scomparsa")),
    Theme("crime_prevention", "crime prevention and advice",
          ("lock your", "lock it", "crime prevention", "keep valuables", "burglars", "thieves", "padlock",
           "property marking", "tips", "look after your", "domestic abuse", "knife crime", "d-lock",
           "cierra siempre", "consejos", "no dejes", "vigila", "violencia de género", "cambriolages",
           "ne laissez", "fermez", "violences conjugales", "méfiez-vous", "einbruchschutz", "schließen sie",
           "taschendiebe", "häusliche gewalt", "vorsicht vor", "op slot", "twee sloten", "laat geen",
           "huiselijk geweld", "sluit ramen")),
    Theme("road_safety", "road safety",
          ("speeding", "speed", "seatbelt", "drink driving", "drink and drug", "drivers", "driving", "motorcycl",
           "roads policing", "phone while driving", "cinturón", "velocidad", "conductores", "al volante",
           "carretera", "excès de vitesse", "au volant", "contrôles routiers", "motards", "route",
           "geschwindigkeit", "handy am steuer", "verkehrskontrolle", "fahrer", "glätte", "snelheidscontrole",
           "achter het stuur", "bestuurders", "fietsers")),
    Theme("community_events", "community and events",
          ("coffee morning", "open day", "community", "beat surgery", "summer fair", "school", "youth club",
           "street party", "come and meet", "join us for", "residents", "colegio", "feria", "vecinos",
           "os esperamos", "forum des", "collège", "venez rencontrer", "quartier", "sommerfest", "grundschule",
           "tag der offenen tür", "bürgersprechstunde", "open dag", "wijkagent", "buurtbewoners", "gastles",
           # talking with local people and businesses on patrol (added after the simulated-event test)
           "talking to", "chat to", "shop owners", "local businesses", "hablan con", "comerciantes",
           "discutent avec", "commerçants", "sprechen mit", "geschäftsleute", "praten met", "winkeliers")),
    Theme("recruitment", "recruitment and careers",
          ("recruiting", "recruitment", "hiring", "join us as", "apply", "applications", "vacancies", "career",
           "special constables", "new student officers", "oposiciones", "convocamos", "plazas", "nuevos agentes",
           "concours", "recrute", "devenez", "élèves policiers", "bewirb", "wir stellen ein", "ausbildung",
           "anwärter", "solliciteer", "nieuwe collega", "aspiranten", "politieopleiding", "recrutamento",
           "concorso")),
    Theme("behind_the_scenes", "day in the life / behind the scenes",
          ("behind the scenes", "day in the life", "control room", "night shift", "shift", "ride along",
           "follow us", "meet sergeant", "here is a look", "así trabaja", "un día con", "turno de noche",
           "coulisses", "immersion", "une nuit avec", "hinter den kulissen", "ein blick in", "nachtschicht",
           "begleitet uns", "achter de schermen", "meldkamer", "een kijkje", "rijden we mee", "sala del 09")),
    Theme("police_animals", "police animals (dogs, horses)",
          ("police dog", "pd ", "dog section", "mounted", "horse", "puppy", "perro", "perra", "caballos",
           "chien", "chienne", "chevaux", "diensthund", "polizeipferd", "politiehond", "speurhond", "paarden",
           "cão polícia", "cavalos", "cane poliziotto", "cavalli")),
    Theme("thanks_praise", "thanks and praise",
          ("thank you to", "huge thank", "thanks to", "well done", "proud of", "congratulations", "commended",
           "bravery", "gracias a", "gracias a todos", "orgullosos", "condecorados", "merci à", "fiers de",
           "décorés", "vielen dank an", "danke an", "wir gratulieren", "auszeichnung", "trots op", "dank aan",
           "bedankt voor", "onderscheiding")),
    Theme("wellbeing", "wellbeing",
          ("mental health", "wellbeing", "samaritans", "struggling", "lonely", "okay not to be okay",
           "salud mental", "suicidio", "santé mentale", "détresse", "telefonseelsorge", "krise",
           "sozialberatung", "mentale gezondheid", "zelfmoord", "saúde mental", "salute mentale")),
    Theme("cyber_fraud", "cyber and fraud",
          ("scam", "fraud", "phishing", "password", "online", "sextortion", "estafa", "sms falsos", "claves",
           "internet", "arnaque", "escroquerie", "sextorsion", "betrug", "betrüger", "fake-shop", "phishing",
           "oplicht", "nepberichten", "webwinkel", "burla", "truffa")),
)


class ThemesFileError(ValueError):
    """An event themes YAML file that cannot be used: says which file and entry, and what was wrong."""


def _theme_of(entry: Any, path: Path, n: int) -> Theme:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise ThemesFileError(f"{path}: theme {n} needs a `name` (text), with optional `keywords` and `examples`")
    words, examples = entry.get("keywords") or [], entry.get("examples") or []
    if not all(isinstance(w, str) for w in [*words, *examples]):
        raise ThemesFileError(f"{path}: theme {n} ({entry['name']}): `keywords` and `examples` are lists of text")
    name = entry["name"].strip()
    return Theme(str(entry.get("id") or name.lower()), name, tuple(w.lower() for w in words), tuple(examples))


def load_event_themes(path: Path) -> tuple[Theme, ...]:
    """The themes of an event YAML file: `themes: [{name, keywords: [...], examples: [...]}, ...]`."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ThemesFileError(f"{path}: cannot read the themes file: {exc}") from exc
    entries = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ThemesFileError(f"{path}: expected a top-level `themes:` list of {{name, keywords, examples}}")
    return tuple(_theme_of(entry, path, n) for n, entry in enumerate(entries, 1))


def theme_names(extra: tuple[Theme, ...] = ()) -> dict[str, str]:
    """Theme id -> name, built-in first, then the event's (an event theme may rename a built-in id)."""
    return {t.id: t.name for t in (*BUILT_IN, *extra)}
