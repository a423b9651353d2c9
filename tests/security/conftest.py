"""The importer tests' helpers (write an export, import it) for the hostile files."""

from tests.ingest.conftest import run_import, write_csv

__all__ = ["run_import", "write_csv"]
