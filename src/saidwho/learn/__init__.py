"""Learning attributions from PolNeAR: parsed corpora, features, networks and training."""
