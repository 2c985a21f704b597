"""Corpus readers and scorers for measuring extraction accuracy."""
