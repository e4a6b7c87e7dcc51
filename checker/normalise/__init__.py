"""Normalisers: pure functions from matched text to canonical values."""
