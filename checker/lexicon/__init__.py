"""Lexicon data (YAML): ranks, titles, units, aliases."""
