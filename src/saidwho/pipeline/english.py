"""The English grammar (``grammar.Grammar``): the modules the rule engine was built on."""

from __future__ import annotations

from .channels import find_channels
from .content import content_of
from .cues import find_cues
from .grammar import Grammar
from .lexicon import load_default_lexicon
from .memberships import find_memberships
from .sources import source_ranges, source_token
from .speakers import resolve_speakers

ENGLISH = Grammar(lang="en", find_cues=find_cues, content_of=content_of,
                  source_token=source_token, source_ranges=source_ranges,
                  find_channels=find_channels, load_lexicon=load_default_lexicon,
                  resolve_speakers=resolve_speakers, find_memberships=find_memberships)
