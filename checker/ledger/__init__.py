"""The claim ledger: an archive of documents' claims, indexed once, that drafts are checked
against without re-reading the archive.

store.py is the interface rules never see; sqlite.py the embedded default backend;
indexer.py fills a ledger from files; related.py turns a draft's claims into the ClaimSet of
related archived claims the ordinary rules run over."""

from checker.ledger.sqlite import open_ledger
from checker.ledger.store import SCHEMA_VERSION, Ledger

__all__ = ["open_ledger", "Ledger", "SCHEMA_VERSION"]
