"""Entity linking: countries, people, collectives, lists of names, links to states."""
