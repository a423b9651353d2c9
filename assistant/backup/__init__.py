"""Backups of the whole desk: SQL data, knowledge files, the vector store, a manifest.

`back_up` writes a folder; `restore` puts it back into an empty database and store.
"""
