"""Default settings written once, for every layer that offers or documents them.

This module imports nothing from saidwho, so any layer may read it.
"""

from __future__ import annotations

# The rule engine keeps attributions at least this confident (the cue's prior, lowered when
# the source is missing). The trained engine was trained on the rule engine's attributions
# at this threshold, and reads them at it as features.
RULES_MIN_CONFIDENCE = 0.35
# The trained engine keeps attributions at least this confident (calibrated probability),
# unless its weights store the threshold chosen in training.
MODEL_MIN_CONFIDENCE = 0.5
# The trained tagger's decoding, unless its weights store other values: a token is part of
# a cue when its cue probability (1 - P(outside)) reaches CUE_THRESHOLD, part of a cue's
# content when its content probability reaches CONTENT_THRESHOLD, and of its source when
# its source probability reaches SOURCE_THRESHOLD.
CUE_THRESHOLD = 0.5
CONTENT_THRESHOLD = 0.5
SOURCE_THRESHOLD = 0.5
# saidwho serve's analyses run in this many processes per server process, each with its own
# pipeline, at this much lower CPU priority (os.nice) than the server, so searches get the
# cores first. One analysis may take ANALYZE_TIMEOUT seconds, which stops a runaway one but
# not a long report (the rule engine took 84 s for 400 KB on a busy shared 2-core machine),
# and ANALYZE_QUEUE requests may wait as long for a free process; more are refused at once.
ANALYZERS = 1
ANALYZER_NICE = 10
ANALYZE_TIMEOUT = 120.0
ANALYZE_QUEUE = 4
# extract, ingest and Spark give up on a document once its extraction is seen to need more
# than this many seconds (predicted from its first chunks, so a hostile input is dropped
# early, not after the time is spent), and record it as an error; 0 or None: no limit.
# A news article takes well under a second; a text that needs more is several hundred kB.
DOCUMENT_TIME_LIMIT = 20.0
