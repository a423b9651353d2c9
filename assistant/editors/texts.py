"""What the knowledge editors' page and actions say, kept together so the desk can be translated.

Each constant is a message id (marked with N_ for the catalogue); `_()` translates it where it
is shown or raised, so every session reads its own language.
"""

from __future__ import annotations

from assistant.i18n import N_

# The knowledge editors' page.
CANNOT_READ = N_("Cannot be published: {reason}.")
NO_TEXT = N_("Cannot be published: no text to index.")
NOT_REPLACEABLE = N_(
    "{title} was ingested from outside the knowledge folder: ingest the new version with "
    "`desk ingest`."
)
WRONG_TYPE = N_("{title} is a {suffix} file: upload the new version as {suffix} too.")
NOT_PUBLISHED = N_("{title} was not published: {reason}. The previous version is still served.")
NO_DOCUMENT = N_("No document {source!r} in the knowledge base.")
NOT_A_FILE_NAME = N_("{name!r} is not a file name.")
EMPTY_TEXT = N_("The document is empty: write something, or retire it instead.")
NOT_INDEXED = N_("{source!r} could not be indexed.")
NEED_NAME = N_("Give the new procedure a name.")
NAME_TOO_LONG = N_("The name is {length} characters long: shorten it to {limit}.")
NAME_TAKEN = N_("A procedure called {name!r} exists already: edit it instead.")
KB_TITLE = N_("Knowledge")
KB_INTRO = N_("Catalogues, price terms and procedures the answers come from. Every change is kept.")
KB_TABS = (N_("Documents"), N_("Upload"), N_("Edit a procedure"), N_("Call script"))
KB_EMPTY = N_("No documents yet: upload some, or run `desk ingest`.")
KB_PICK = N_("Document")
KB_HISTORY = N_("History of {title}")
KB_REPLACE = N_("Replace with a new version")
KB_REPLACE_BUTTON = N_("Publish the new version")
KB_REPLACED = N_("{title} is now version {version}.")
KB_RETIRE_CONFIRM = N_("Take {title} out of the answers")
KB_RETIRE = N_("Retire")
KB_RETIRED = N_("{title} was retired: it no longer appears in answers.")
KB_UPLOAD = N_("Files (PDF, Markdown, Word, CSV/XLSX, text)")
KB_KIND = N_("Kind")
KB_KIND_AUTO = N_("from the file or folder name")
KB_PUBLISHED = N_("Published {title} (version {version}, {chunks} passages).")
KB_FAILED = N_("{title}: {reason}")
KB_EDIT_PICK = N_("Procedure")
KB_EDIT_NEW = N_("+ New procedure")
KB_EDIT_NAME = N_("Name of the new procedure")
KB_EDIT_TEXT = N_("Markdown")
KB_EDIT_SAVE = N_("Save and publish")
KB_EDIT_SAVED = N_("{title} saved as version {version}.")
KB_COLUMNS = {
    "title": N_("Title"),
    "kind": N_("Kind"),
    "version": N_("Version"),
    "status": N_("Status"),
    "chunks": N_("Passages"),
    "changed": N_("Changed"),
    "by": N_("By"),
    "source": N_("File"),
}
KB_EVENT_COLUMNS = {
    "at": N_("When"),
    "action": N_("What"),
    "version": N_("Version"),
    "by": N_("Who"),
    "note": N_("Note"),
}
# Document kinds and statuses as the page names them (the registry keeps the codes).
KB_KINDS = {
    "catalog": N_("catalogue"),
    "prices": N_("prices"),
    "procedure": N_("procedure"),
    "other": N_("other"),
}
KB_STATUSES = {
    "indexed": N_("indexed"),
    "skipped": N_("skipped"),
    "failed": N_("failed"),
    "retired": N_("retired"),
}
KB_ACTIONS = {
    "indexed": N_("indexed"),
    "replaced": N_("replaced"),
    "edited": N_("edited"),
    "failed": N_("failed"),
    "skipped": N_("skipped"),
    "retired": N_("retired"),
}
JOB_FAILED = N_("{label} failed unexpectedly; it has been logged. Try again.")
KB_RUNNING = N_(
    "{label}: {files_done} of {files_total} files, {chunks_done} of {chunks_total} passages"
)
KB_RUNNING_ETA = N_(", about {eta} left")
KB_BUSY = N_("Wait until the current publish is done.")
KB_JOB_REPLACE = N_("Replacing {title}")
KB_JOB_SAVE = N_("Saving {title}")
