"""Knowledge editing: the one caller of the registry's writes and the ingest pipeline."""
