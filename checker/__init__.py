"""claimcheck: a linter for facts."""

__version__ = "0.1.0"
