"""The words speaker resolution reads (English): pronouns by gender and number, nouns of
people, documents, organizations and publications, titles, quantities. Data only, so
another language is another module of the same names."""

from __future__ import annotations

import re

from ..model import SpeakerType

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its"})
SOMEONE = frozenset({"someone", "somebody", "anyone", "anybody"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
MALE_WORDS = frozenset({"mr", "mr.", "sir", "spokesman", "congressman", "chairman",
                        "businessman", "husband", "father", "son", "brother", "king", "prince",
                        "uncle", "nephew", "boy", "man", "gentleman", "actor", "lord"})
FEMALE_WORDS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "spokeswoman",
                          "congresswoman", "chairwoman", "businesswoman", "wife", "mother",
                          "daughter", "sister", "queen", "princess", "aunt", "niece", "girl",
                          "woman", "lady", "actress", "widow", "grandmother"})
DOCUMENT_NOUNS = frozenset({
    "poll", "survey", "report", "study", "statement", "declaration", "letter", "communique",
    "communiqué", "memo", "memorandum", "ad", "advertisement", "commercial", "video", "clip",
    "spot",
    "film", "documentary", "tweet", "post", "email", "e-mail", "filing", "complaint",
    "lawsuit", "suit", "brief", "ruling", "order", "analysis", "assessment", "audit",
    "editorial", "op-ed", "column", "article", "story", "book", "slide", "document",
    "transcript", "release", "platform", "resolution", "petition", "text", "appeal",
    "projection", "forecast", "estimate", "data", "figure", "record", "message", "website",
})
STATEMENT_NOUNS = frozenset({"statement", "declaration", "letter", "communique",
                             "communiqué", "text", "appeal"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
ANONYMOUS_NOUNS = frozenset({
    "source", "official", "aide", "diplomat", "insider", "person", "people", "adviser",
    "advisor", "staffer", "employee", "observer", "analyst", "expert", "witness", "resident",
    "member", "lawmaker", "operative", "strategist", "donor", "voter", "critic", "supporter",
    "officer", "investigator", "negotiator", "delegate", "activist", "reporter", "journalist",
    "someone", "somebody", "anyone", "ally", "friend", "associate", "lawyer",
    "attorney", "economist", "scientist", "researcher", "doctor", "physician", "worker",
    "veteran", "leader", "regulator", "questioner", "speechwriter", "environmentalist",
    "republican", "democrat", "conservative", "liberal", "participant", "scholar",
    "academic", "teacher", "parent", "student", "campaigner", "protester",
})

# people named by what they do: "-er", "-or", "-ist", "-ian" nouns, read as people when no
# list above claims them ("speechwriters", "regulators", "physicians")
PERSON_SUFFIX = re.compile(r"(?:er|or|ist|ian|ant|ent|man|men|woman|women|ee)s?$")
KIND_NOUNS: dict[SpeakerType, frozenset[str]] = {
    "publication": frozenset({"paper", "newspaper", "outlet", "publication", "magazine",
                              "network", "broadcaster", "daily", "tabloid", "site", "website",
                              "journal", "channel", "station", "weekly", "program",
                              "programme", "show"}),
    "organization": frozenset({"group", "organization", "organisation", "agency", "campaign",
                               "committee", "coalition", "company", "firm", "party", "office",
                               "ministry", "department", "court", "commission", "council",
                               "association", "union", "opposition", "institute", "foundation",
                               "ngo",
                               "bank", "panel", "board", "university", "center", "centre",
                               "corporation", "bureau", "authority", "tribunal", "team",
                               "league", "fund", "charity", "lab", "laboratory", "church",
                               "hospital", "school", "club", "alliance", "bloc", "caucus"}),
    "state": frozenset({"country", "state", "nation", "government", "administration",
                        "kingdom", "republic"}),
    "person": frozenset({"man", "woman", "president", "minister", "spokesman", "spokeswoman",
                         "spokesperson", "senator", "candidate", "governor", "mayor", "leader",
                         "chairman", "chairwoman", "director", "prosecutor", "judge", "lawyer",
                         "ambassador", "secretary", "representative", "nominee", "congressman",
                         "congresswoman", "chief", "founder", "ceo", "author", "professor"}),
}
PUBLICATION_WORDS = re.compile(
    r"\b(Times|Post|Journal|News|Guardian|Telegraph|Tribune|Herald|Gazette|Reuters|"
    r"Associated Press|AP|AFP|CNN|BBC|NBC|ABC|CBS|MSNBC|Fox|Politico|Axios|Bloomberg|"
    r"Breitbart|Daily|Magazine|Economist|Atlantic|Independent|Observer|Mirror|Sun|"
    r"Express|Mail|Courier|Chronicle|Examiner|Inquirer|Dispatch|Bulletin|"
    r"Standard|Record|Ledger|Monitor|Le Monde|Der Spiegel|Al Jazeera|Newsweek|Time)\b"
)
ENTITY_TYPES: dict[str, SpeakerType] = {"PERSON": "person", "ORG": "organization",
                                        "GPE": "state", "NORP": "group"}
INDEFINITE = frozenset({"a", "an", "some", "several", "many", "two", "three", "four",
                        "other", "another", "one", "most", "few", "all", "both", "any",
                        "no", "more"})
SHARE_NOUNS = frozenset({"percent", "majority", "plurality", "minority", "half", "third",
                         "quarter", "share", "proportion"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov",
                    "governor", "mayor", "president", "minister", "secretary", "judge",
                    "justice", "gen", "general", "col", "adm", "sir", "dame", "prof",
                    "professor", "ambassador", "chancellor", "prime", "rev", "lt", "capt",
                    "sgt", "chairman", "chairwoman", "speaker", "commissioner", "attorney"})

# a dateline glued to the first sentence: "MOSCOW - ", "GENEVA (Reuters) -"
DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([^)]{1,30}\))?\s*[-—–:]\s*")
ROLE_FORMS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
              "pres": "president", "gop": "republican", "dem": "democrat",
              "democratic": "democrat", "atty": "attorney", "secy": "secretary"}
TRAILING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PUNCT", "PART", "SPACE"})
DESCRIPTION_STOPS = frozenset({":", "—", "–", '"', "“", "”", "(", ";"})
