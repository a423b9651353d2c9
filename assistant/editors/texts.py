"""What the knowledge editors' page and actions say, kept together so the desk can be translated."""

from __future__ import annotations

# The knowledge editors' page.
CANNOT_READ = "Cannot be published: {reason}."
NO_TEXT = "Cannot be published: no text to index."
NOT_REPLACEABLE = (
    "{title} was ingested from outside the knowledge folder: ingest the new version with "
    "`desk ingest`."
)
WRONG_TYPE = "{title} is a {suffix} file: upload the new version as {suffix} too."
NOT_PUBLISHED = "{title} was not published: {reason}. The previous version is still served."
NO_DOCUMENT = "No document {source!r} in the knowledge base."
NOT_A_FILE_NAME = "{name!r} is not a file name."
EMPTY_TEXT = "The document is empty: write something, or retire it instead."
NOT_INDEXED = "{source!r} could not be indexed."
NEED_NAME = "Give the new procedure a name."
NAME_TAKEN = "A procedure called {name!r} exists already: edit it instead."
KB_TITLE = "Knowledge"
KB_INTRO = "Catalogues, price terms and procedures the answers come from. Every change is kept."
KB_EDITOR = "Your name (for the history)"
KB_TABS = ("Documents", "Upload", "Edit a procedure")
KB_EMPTY = "No documents yet: upload some, or run `desk ingest`."
KB_PICK = "Document"
KB_HISTORY = "History of {title}"
KB_REPLACE = "Replace with a new version"
KB_REPLACE_BUTTON = "Publish the new version"
KB_REPLACED = "{title} is now version {version}."
KB_RETIRE_CONFIRM = "Take {title} out of the answers"
KB_RETIRE = "Retire"
KB_RETIRED = "{title} was retired: it no longer appears in answers."
KB_UPLOAD = "Files (PDF, Markdown, Word, CSV/XLSX, text)"
KB_KIND = "Kind"
KB_KIND_AUTO = "from the file or folder name"
KB_PREVIEW = "{name} · {title} · {kind} · {chunks} passages"
KB_PUBLISH = "Publish {count} file(s)"
KB_PUBLISHED = "Published {title} (version {version}, {chunks} passages)."
KB_FAILED = "{title}: {reason}"
KB_EDIT_PICK = "Procedure"
KB_EDIT_NEW = "+ New procedure"
KB_EDIT_NAME = "Name of the new procedure"
KB_EDIT_TEXT = "Markdown"
KB_EDIT_SAVE = "Save and publish"
KB_EDIT_SAVED = "{title} saved as version {version}."
KB_COLUMNS = {
    "title": "Title",
    "kind": "Kind",
    "version": "Version",
    "status": "Status",
    "chunks": "Passages",
    "changed": "Changed",
    "by": "By",
    "source": "File",
}
KB_EVENT_COLUMNS = {
    "at": "When",
    "action": "What",
    "version": "Version",
    "by": "Who",
    "note": "Note",
}
JOB_FAILED = "{label} failed unexpectedly; it has been logged. Try again."
KB_RUNNING = (
    "{label}: {files_done} of {files_total} files, {chunks_done} of {chunks_total} passages"
)
KB_RUNNING_ETA = ", about {eta} left"
KB_BUSY = "Wait until the current publish is done."
KB_JOB_PUBLISH = "Publishing {count} file(s)"
KB_JOB_REPLACE = "Replacing {title}"
KB_JOB_SAVE = "Saving {title}"
