"""The words French speaker resolution reads: pronouns, titles, nouns of roles, documents,
organizations, groups and publications, quantities. Data only (the English ones are in
``pipeline/speaker_words.py``)."""

from __future__ import annotations

import re

DAYS = frozenset({"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"})
MONTHS = frozenset({"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                    "septembre", "octobre", "novembre", "décembre"})
# times of day a verb's complements may hold ("a démenti dimanche soir ...")
DAY_TIMES = DAYS | {"matin", "soir", "hier", "aujourd'hui", "midi"}
# pronoun -> (gender, number); the clitics of an inversion lose their hyphens first
PRONOUNS = {"il": ("m", "s"), "elle": ("f", "s"), "ils": ("m", "p"), "elles": ("f", "p"),
            "lui": ("m", "s"), "eux": ("m", "p"), "celui-ci": ("m", "s"),
            "celle-ci": ("f", "s"), "ceux-ci": ("m", "p"), "celles-ci": ("f", "p")}
RELATIVES = frozenset({"qui", "lequel", "laquelle", "lesquels", "lesquelles"})
FIRST_PERSON = frozenset({"je", "j'", "nous", "moi", "on"})
# titles before a name; the gender they say
TITLES = {"m.": "m", "mme": "f", "mlle": "f", "me": None, "maître": None, "dr": None,
          "docteur": None, "docteure": "f", "pr": None, "professeur": None,
          "professeure": "f", "monsieur": "m", "madame": "f", "général": None,
          "générale": "f", "capitaine": None, "colonel": None, "commandant": None,
          "lieutenant": None, "sénateur": "m", "sénatrice": "f", "mgr": "m", "père": "m",
          "sœur": "f"}
ROLE_NOUNS = frozenset({
    "maire", "ministre", "porte-parole", "président", "présidente", "directeur",
    "directrice", "procureur", "procureure", "juge", "avocat", "avocate", "ambassadeur",
    "ambassadrice", "diplomate", "syndicaliste", "élu", "élue", "député", "députée",
    "sénateur", "sénatrice", "préfet", "préfète", "secrétaire", "commissaire", "chercheur",
    "chercheuse", "économiste", "sociologue", "éditorialiste", "rapporteur", "rapporteure",
    "adjoint", "adjointe", "délégué", "déléguée", "coordinateur", "coordinatrice",
    "représentant", "représentante", "chef", "cheffe", "dirigeant", "dirigeante",
    "conseiller", "conseillère", "magistrat", "magistrate", "instituteur", "institutrice",
    "hydrologue", "médecin", "docteur", "expert", "experte", "candidat", "candidate",
    "rival", "rivale", "propriétaire", "capitaine", "cultivateur", "cultivatrice",
    "fondateur", "fondatrice", "responsable", "négociateur", "négociatrice", "gérant",
    "gérante", "patron", "patronne", "professeur", "professeure", "historien",
    "historienne", "juriste", "journaliste", "militant", "militante", "écrivain",
    "écrivaine", "auteur", "autrice", "envoyé", "envoyée", "administrateur",
    "administratrice", "gouverneur", "premier", "première", "vice-président",
    "vice-présidente", "haut-commissaire", "médiateur", "médiatrice", "entraîneur",
    "entraîneuse", "directeur général", "chargé", "chargée", "greffier", "greffière",
})
# people an unnamed source is described as ("un responsable européen", "des habitants")
PEOPLE_NOUNS = ROLE_NOUNS | frozenset({
    "source", "sources", "riverain", "riveraine", "habitant", "habitante", "mère", "père",
    "couple", "témoin", "proche", "observateur", "observatrice", "fonctionnaire",
    "paysan", "paysanne", "pêcheur", "pêcheuse", "membre", "officiel", "analyste",
    "spécialiste", "enquêteur", "enquêtrice", "policier", "policière", "cadre", "salarié",
    "salariée", "employé", "employée", "agent", "agente", "parent", "élève", "étudiant",
    "étudiante", "agriculteur", "agricultrice", "commerçant", "commerçante", "voisin",
    "voisine", "ami", "amie", "collègue", "victime", "citoyen", "citoyenne", "électeur",
    "électrice", "opposant", "opposante", "partisan", "partisane", "manifestant",
    "manifestante", "usager", "usagère", "soignant", "soignante", "infirmier",
    "infirmière", "ouvrier", "ouvrière", "interlocuteur", "connaisseur",
})
INDEFINITE = frozenset({"un", "une", "des", "plusieurs", "quelques", "certains",
                        "certaines", "d'autres", "deux", "trois", "de", "d'"})
DEFINITE = frozenset({"le", "la", "les", "l'", "l’", "ce", "cet", "cette", "ces", "son",
                      "sa", "ses", "leur", "leurs"})
DOCUMENT_NOUNS = frozenset({
    "déclaration", "texte", "communiqué", "rapport", "lettre", "résolution", "étude",
    "sondage", "accord", "arrêt", "jugement", "proposition", "plan", "appel", "motion",
    "tribune", "note", "courrier", "document", "message", "avis", "enquête",
    "projet", "charte", "pétition", "circulaire", "ordonnance", "décret", "traité",
    "convention", "mémorandum", "bilan", "audit", "analyse", "éditorial", "vidéo",
    "publication", "déclaration conjointe", "manifeste", "feuille",
})
ORGANIZATION_NOUNS = frozenset({
    "association", "ong", "organisation", "ministère", "commission", "syndicat", "mairie",
    "entreprise", "société", "chambre", "cour", "tribunal", "défense", "accusation",
    "parquet", "greffe", "inspection", "agence", "région", "direction", "présidence",
    "conseil", "fondation", "collectif", "comité", "fédération", "union", "parti",
    "pompiers", "sapeurs-pompiers", "police", "gendarmerie", "armée", "préfecture",
    "université", "hôpital", "banque", "fonds", "institut", "office", "bureau",
    "département", "coalition", "alliance", "chancellerie", "municipalité", "groupe",
    "fonderie", "usine", "coopérative", "club", "église", "assemblée", "sénat",
    "parlement", "opposition", "majorité", "secrétariat", "délégation", "mission",
    "observatoire", "autorité", "haute autorité", "centre", "réseau", "plateforme",
    "organisme", "établissement", "compagnie", "firme", "laboratoire", "école", "lycée",
    "académie", "rectorat", "préfet", "maison", "service", "services", "cabinet",
})
# heads of a description that counts its members: a group
GROUP_HEADS = frozenset({"groupe", "quarantaine", "cinquantaine", "dizaine", "vingtaine",
                         "trentaine", "soixantaine", "centaine", "douzaine", "majorité",
                         "coalition", "bloc", "millier", "milliers", "centaines",
                         "dizaines"})
# plural nouns of states, officials and elected members read as a group with "les"
GROUP_NOUNS = frozenset({"états", "pays", "nations", "ministres", "élus", "candidats",
                         "dirigeants", "gouvernements", "capitales", "membres", "chefs",
                         "signataires", "parties", "partenaires", "alliés", "juges"})
STATE_NOUNS = frozenset({"gouvernement", "diplomatie", "ministère", "présidence",
                         "ambassade", "état", "pays", "autorités", "exécutif", "chancellerie",
                         "armée", "administration"})
PUBLICATION_NOUNS = frozenset({"quotidien", "hebdomadaire", "journal", "radio", "chaîne",
                               "magazine", "site", "blog", "mensuel", "revue", "agence",
                               "télévision", "média", "gazette"})
PUBLICATION_WORDS = re.compile(
    r"\b(Courrier|Gazette|Journal|Vigie|Réveil|Écho|Echo|Monde|Figaro|Libération|Parisien|"
    r"Presse|Radio|Hebdo|Dépêche|Quotidien|Express|Obs|Croix|Humanité|Matin|Soir|Tribune|"
    r"Nouvelliste|Progrès|Provence|Télégramme|Républicain|Nouvelles|Voix|Pigeon|Canard|"
    r"AFP|Reuters|AP|RFI|France Info|France Inter|France 24|TV5|BFM|LCI|Europe 1|RTL|"
    r"RTBF|RTS|Jeune Afrique|Mediapart|Agence France-Presse)\b")
NUMBER_WORDS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
                "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
                "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30,
                "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100}
# words a description of an unnamed source keeps ("qui a requis l'anonymat")
ANONYMITY = ("anonymat", "anonyme", "couvert")
