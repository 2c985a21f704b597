"""Joint statements: statement documents, comparisons, reference groups, maps."""
