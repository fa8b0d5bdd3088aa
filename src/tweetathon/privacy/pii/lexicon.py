"""Words the rules look for, in English, Dutch, Spanish, French and German (all lower case)."""

from __future__ import annotations

# Courtesy titles: a capitalised word after one is a person's name.
TITLES: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "master",
    "meneer", "mevrouw", "dhr", "mevr", "mw", "heer",
    "sr", "sra", "srta", "señor", "señora", "señorita", "don", "doña",
    "m", "mme", "mlle", "monsieur", "madame", "mademoiselle",
    "herr", "frau", "hr", "fr",
})

# Police and emergency ranks: a name after one is an officer speaking officially, published on purpose.
RANKS: frozenset[str] = frozenset({
    "pc", "wpc", "pcso", "sc", "dc", "tdc", "ds", "di", "dci", "dsu", "dsupt", "dcs", "sgt", "sergeant", "insp",
    "inspector", "ci", "chief", "supt", "superintendent", "ch", "acc", "dcc", "cc", "constable", "commander",
    "commissioner", "detective", "officer", "special", "det", "police", "ps", "pol", "neighbourhood",
    "agent", "agente", "hoofdagent", "brigadier", "inspecteur", "hoofdinspecteur", "commissaris", "wijkagent",
    "politieagent", "woordvoerder", "woordvoerster", "portavoz", "subinspector", "oficial", "comisario",
    "sargento", "cabo", "guardia", "policía", "policia", "brigadier-chef", "gendarme", "capitaine", "lieutenant",
    "commandant", "adjudant", "colonel", "major", "commissaire", "officier", "porte-parole", "polizist",
    "polizistin", "polizeisprecher", "polizeisprecherin", "sprecher", "sprecherin", "kommissar", "kommissarin",
    "hauptkommissar", "hauptkommissarin", "polizeikommissar", "polizeihauptmeister", "polizeimeister",
    "polizeiobermeister", "kriminalkommissar", "kriminalhauptkommissar", "oberkommissar", "polizeioberkommissar",
    "kollege", "kollegin", "garda", "sergt", "spokesperson", "spokesman", "spokeswoman", "paramedic",
    "firefighter", "watch", "manager", "councillor", "cllr", "mayor", "minister", "mp", "judge", "magistrate",
    "maire", "préfet", "préfète", "burgemeester", "wethouder", "alcalde", "alcaldesa", "concejal", "delegado",
    "delegada", "bürgermeister", "bürgermeisterin", "senator", "senatorin", "innensenator", "innensenatorin",
    "polizeipräsident", "polizeipräsidentin", "hoofdcommissaris", "politiechef", "jefe", "jefa", "directeur",
    "directrice", "polizeihauptkommissar", "polizeihauptkommissarin", "polizeioberkommissarin",
})

# Words after which capitalised words are a person's name ("a man named ...", "victim ...").
NAME_TRIGGERS: tuple[str, ...] = (
    "named as", "named", "called", "identified as", "known as", "name is", "victim", "victims", "suspect",
    "missing person", "missing", "have you seen", "trace", "locate", "wanted", "charged", "arrested",
    "genaamd", "heet", "geïdentificeerd als", "slachtoffer", "vermiste", "vermist", "verdachte", "gezocht",
    "llamado", "llamada", "identificado como", "identificada como", "víctima", "desaparecido", "desaparecida",
    "sospechoso", "buscado", "detenido", "detenida", "nombre",
    "nommé", "nommée", "appelé", "appelée", "identifié comme", "victime", "disparu", "disparue", "suspect",
    "recherché", "recherchée", "interpellé", "prénommé", "prénommée",
    "namens", "genannt", "heißt", "identifiziert als", "opfer", "vermisst", "vermisste", "vermissten",
    "verdächtige", "verdächtigen", "gesucht", "festgenommen",
    # people named by how they relate to someone: "his sister Shanice", "two teens, Kyle and ..."
    "sister", "brother", "son", "daughter", "mum", "mother", "dad", "father", "wife", "husband", "partner",
    "boyfriend", "girlfriend", "friend", "neighbour", "neighbor", "grandson", "granddaughter", "grandmother",
    "grandfather", "nan", "nephew", "niece", "cousin", "uncle", "aunt", "teen", "teens", "teenager", "boy", "girl",
    "toddler", "owner", "caller", "resident", "birthday boy", "birthday girl", "call", "ring", "contact",
    "speak to", "ask for", "text", "bel", "llame a", "llamar a", "appelez", "rufen sie",
    "zus", "broer", "zoon", "dochter", "moeder", "vader", "vrouw", "man", "vriend", "vriendin", "buurman",
    "buurvrouw", "bewoner", "hermana", "hermano", "hijo", "hija", "madre", "padre", "esposa", "marido", "vecino",
    "vecina", "amigo", "amiga", "menor", "sœur", "frère", "fils", "fille", "mère", "père", "épouse", "mari",
    "voisin", "voisine", "ami", "amie", "schwester", "bruder", "sohn", "tochter", "mutter", "vater", "ehefrau",
    "ehemann", "nachbar", "nachbarin", "freund", "freundin",
)

# Street types written after the street's name ("Market Street"), in English.
STREET_SUFFIXES: frozenset[str] = frozenset({
    "street", "st", "road", "rd", "lane", "ln", "avenue", "ave", "av", "close", "cl", "drive", "dr", "way",
    "crescent", "cres", "grove", "gr", "place", "pl", "terrace", "terr", "court", "ct", "gardens", "gdns",
    "square", "sq", "walk", "mews", "row", "hill", "park", "view", "rise", "parade", "fold", "brow", "green",
    "vale", "meadow", "meadows", "boulevard", "blvd", "approach", "croft", "gate", "wynd", "grange", "chase",
    "crest", "end", "field", "fields", "precinct", "yard", "bank", "side",
})

# Street types written before the street's name ("rue de la Paix", "Calle Mayor").
STREET_PREFIXES: tuple[str, ...] = (
    "rue", "avenue", "av.", "boulevard", "bd", "bld", "impasse", "chemin", "allée", "place", "quai", "cours",
    "route", "passage", "square", "calle", "c/", "avenida", "avda.", "avda", "plaza", "pza.", "paseo", "camino",
    "carrera", "travesía", "ronda", "carretera", "glorieta",
)

# Compound street endings in Dutch and German ("Kerkstraat 12", "Hauptstraße 5").
STREET_ENDINGS: tuple[str, ...] = (
    "straat", "str.", "weg", "laan", "plein", "gracht", "kade", "singel", "dijk", "dreef", "steeg", "straße",
    "strasse", "gasse", "allee", "platz", "damm", "ufer", "chaussee", "stieg", "zeile",
)

# Words naming a place or building after a name-like word ("Victoria Station", "St Mary's Hospital").
FACILITY_WORDS: frozenset[str] = frozenset({
    "station", "hospital", "school", "academy", "college", "university", "centre", "center", "stadium", "bridge",
    "house", "hall", "arms", "inn", "hotel", "church", "chapel", "tower", "library", "primary", "high", "retail",
    "shopping", "market", "museum", "theatre", "cinema", "airport", "interchange", "infirmary", "clinic",
    "surgery", "pharmacy", "estate", "industrial", "business", "metrolink", "tram", "bus", "leisure", "sports",
    "club", "pub", "bar", "restaurant", "cafe", "café", "store", "stores", "shop", "supermarket", "garage",
    "police", "court", "courts", "prison", "barracks", "quay", "wharf", "dock", "docks", "reservoir", "canal",
    "baths", "pool", "lido", "gym", "hospice", "memorial", "statue", "foundation", "trust",
    "moor", "common", "heath", "wood", "woods", "forest", "valley", "bay", "beach", "island", "village", "town",
    "city", "county", "borough", "district", "ward", "nhs", "group", "ltd", "limited",
    "plc", "& co", "and", "brothers", "bros", "sons", "primark", "street", "road", "lane", "avenue", "way",
    "square", "gardens", "park", "place", "drive", "close", "crescent", "terrace", "walk", "grove", "hill",
    "green", "row", "parade", "cathedral", "mosque", "synagogue", "temple", "gallery", "medical",
    "junction", "roundabout", "services", "motorway", "circus", "exchange", "arena", "pier", "harbour",
    "straat", "weg", "laan", "plein", "calle", "plaza", "rue", "straße", "platz", "ziekenhuis", "centrum", "bahnhof",
    "gare", "estación", "kerk", "kirche", "église", "iglesia", "field", "fields", "point", "halls", "cross", "lodge",
    "gate", "rovers", "united", "fc",
})

# Lower-case particles inside names ("Jan de Vries", "Ludwig van Beethoven", "María del Carmen").
NAME_PARTICLES: frozenset[str] = frozenset({
    "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "ten", "ter", "het", "al",
    "bin", "ben", "y", "dos", "das", "zu", "vom", "te", "'t",
})

# Words before a name-like word that make it a place or a thing, not a person ("St Peter's", "Queen Elizabeth").
NOT_NAME_BEFORE: frozenset[str] = frozenset({
    "st", "st.", "saint", "san", "santa", "santo", "sint", "sankt", "king", "queen", "prince", "princess", "lord",
    "lady", "duke", "hms", "rms", "ss", "mount", "port", "fort", "lake", "loch", "cape", "north", "south", "east",
    "west", "upper", "lower", "great", "little", "old", "new", "the", "via", "@",
})

# Police and public-body words in account names: such handles are published on purpose.
OFFICIAL_HANDLE_PARTS: tuple[str, ...] = (
    "police", "polis", "politie", "polizei", "policia", "policía", "gendarmerie", "garda", "gmp", "psni",
    "btp", "nypd", "lapd", "rcmp", "ertzaintza", "mossos", "guardiacivil", "polnat", "fire", "ambulance", "nhs",
    "council", "crimestoppers", "actionfraud", "gov", "traffic", "roads", "highways", "tfgm",
    "rescue", "coastguard", "pcc", "mayor", "metoffice", "lifeboat", "rnli", "cid", "neighbourhood", "firearms",
    "roadspolicing", "wmpolice", "tvp", "sypolice", "news", "bbc", "itv", "dgt", "interieur", "bundespolizei",
    "brandweer", "pompiers", "feuerwehr", "bomberos", "samu",
)

# Rank prefixes of officers' own accounts ("@PCJaneDoe", "@SgtSmithGMP", "@Insp_Brown").
OFFICIAL_HANDLE_PREFIXES: tuple[str, ...] = (
    "pc", "pcso", "sgt", "insp", "supt", "chsupt", "chinsp", "dsupt", "dci", "cc_", "acc_", "dcc_", "met",
    "bsp", "gm",
)

# Businesses and places named after people, common in UK, Dutch, Spanish, French and German posts.
BUSINESSES: frozenset[str] = frozenset({
    "john lewis", "marks spencer", "ted baker", "harvey nichols", "dorothy perkins", "jack wills", "tim hortons",
    "ronald mcdonald", "frankie benny's", "tommy hilfiger", "calvin klein", "hugo boss", "paul smith",
    "miss selfridge", "sainsbury", "morrisons", "jd sports", "tk maxx", "albert heijn", "albert square",
    "el corte inglés", "victoria station", "victoria park", "emirates old trafford", "old trafford",
    "rosa parks", "charles de gaulle", "carl zeiss", "max bahr", "peter pan", "robin hood", "nelson mandela",
    "ryan air", "kwik fit", "matalan", "heaton park", "jan linders", "hugo", "william hill", "betty's",
    # landmarks named like people
    "ben nevis", "ben lomond", "ben macdui", "grace darling", "marble arch", "kings cross", "st james",
    "big ben", "jodrell bank", "winter hill", "darwen tower",
})

# Lower-case words right after a name that make it a thing named after a person ("Alan Turing memorial").
THING_AFTER: frozenset[str] = frozenset({
    "memorial", "statue", "hospice", "library", "stadium", "bridge", "award", "awards", "trophy", "fund",
    "foundation", "lecture", "museum", "gallery", "academy", "monument", "plaque", "mural", "exhibition",
    "festival", "tribute",
})
