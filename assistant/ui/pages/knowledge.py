"""Knowledge: editors upload, preview, publish, replace, retire and edit documents; the script."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from assistant.auth.rights import Actor
from assistant.editors import texts as t
from assistant.editors.jobs import IngestJob
from assistant.editors.knowledge import KnowledgeEditor, Preview
from assistant.errors import DeskError
from assistant.formats import number
from assistant.i18n import _, ngettext
from assistant.ui import knowledge_labels as shown
from assistant.ui.deps import services
from assistant.ui.script_editor import call_script_tab
from assistant.ui.session_user import acting
from ingest.documents.progress import IngestEvents
from knowledge.models import KINDS
from knowledge.registry import DocumentInfo

PREVIEWS_KEY = "kb_previews"
UPLOADS_KEY = "kb_upload_round"  # a new key empties the uploader after a publish
JOB_KEY = "kb_job"  # the publish running in the background for this session
NEW = "__new__"


@dataclass(frozen=True)
class Done:
    """What a background publish leaves for the page: its messages, the document to edit next."""

    notices: tuple[tuple[str, str], ...]
    edit_next: str | None = None


def _notice() -> None:
    """The outcome of the last action, shown once after the rerun it caused."""
    for kind, message in st.session_state.pop("kb_notice", []):
        getattr(st, kind)(message)


def _notify(kind: str, message: str) -> None:
    st.session_state.setdefault("kb_notice", []).append((kind, message))


def _busy() -> bool:
    return JOB_KEY in st.session_state


def _start(label: str, work: Callable[[IngestEvents], Done], *, files: int = 1) -> None:
    """Run `work` in the background; the progress fragment follows it."""
    st.session_state[JOB_KEY] = IngestJob(label=label, work=work, files=files).start()


@st.fragment(run_every=1.0)
def job_progress() -> None:
    """The running publish as a progress bar; when it is over, its messages and a fresh page."""
    job: IngestJob[Done] | None = st.session_state.get(JOB_KEY)
    if job is None:
        return
    if job.done:
        del st.session_state[JOB_KEY]
        if job.error:
            _notify("error", job.error)
        if job.result is not None:
            for kind, message in job.result.notices:
                _notify(kind, message)
            if job.result.edit_next:
                st.session_state["kb_edit_next"] = job.result.edit_next
        st.rerun(scope="app")
    p = job.progress
    text = _(t.KB_RUNNING).format(
        label=job.label,
        files_done=number(p.files_done),
        files_total=number(p.files_total),
        chunks_done=number(p.chunks_done),
        chunks_total=number(p.chunks_total),
    )
    if p.eta_clock is not None:
        text += _(t.KB_RUNNING_ETA).format(eta=p.eta_clock)
    st.progress(p.fraction, text=text)


def documents_tab(editor: KnowledgeEditor, actor: Actor) -> None:
    """Every document, then one document's history, replacement and retirement."""
    docs = editor.documents()
    if not docs:
        st.info(_(t.KB_EMPTY))
        return
    table = pd.DataFrame(
        [
            {
                "title": d.title,
                "kind": shown.kind(d.kind),
                "version": d.version,
                "status": shown.status(d.status),
                "chunks": d.chunks,
                "changed": shown.when(d.ingested_at) if d.ingested_at else "",
                "by": d.ingested_by,
                "source": d.source,
            }
            for d in docs
        ]
    ).rename(columns=shown.headers(t.KB_COLUMNS))
    st.dataframe(table, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(docs)))
    by_source = {d.source: d for d in docs}
    source = st.selectbox(
        _(t.KB_PICK), list(by_source), format_func=lambda s: shown.label(by_source[s]), key="kb_doc"
    )
    if source is None:
        return
    doc = by_source[source]
    history, actions = st.columns([3, 2], gap="medium")
    with history:
        st.markdown(f"**{_(t.KB_HISTORY).format(title=doc.title)}**")
        events = editor.registry.history(source=source)
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "at": shown.when(e.at),
                        "action": shown.action(e.action),
                        "version": e.version,
                        "by": e.by,
                        "note": e.note or "",
                    }
                    for e in reversed(events)
                ]  # fmt: skip
            ).rename(columns=shown.headers(t.KB_EVENT_COLUMNS)),
            hide_index=True,
            width="stretch",
        )
    with actions:
        if doc.status == "indexed" and actor.may("knowledge.change"):
            _replace_and_retire(editor, doc, actor)


def _replace_and_retire(editor: KnowledgeEditor, doc: DocumentInfo, actor: Actor) -> None:
    upload = st.file_uploader(_(t.KB_REPLACE), key=f"kb_replace-{doc.source}")
    go = st.button(_(t.KB_REPLACE_BUTTON), key="kb_replace_go", disabled=_busy() or upload is None)
    if upload is not None and go:
        name, data = upload.name, upload.getvalue()

        def replace(events: IngestEvents) -> Done:
            info = editor.replace(
                source=doc.source, name=name, data=data, actor=actor, events=events
            )
            replaced = _(t.KB_REPLACED).format(title=info.title, version=info.version)
            return Done((("success", replaced),))

        _start(_(t.KB_JOB_REPLACE).format(title=doc.title), replace)
        st.rerun()
    sure = st.checkbox(_(t.KB_RETIRE_CONFIRM).format(title=doc.title), key=f"kb_sure-{doc.source}")
    if st.button(_(t.KB_RETIRE), key="kb_retire", disabled=_busy() or not sure, type="primary"):
        try:
            info = editor.retire(source=doc.source, actor=actor)
            _notify("success", _(t.KB_RETIRED).format(title=info.title))
        except DeskError as err:  # e.g. the knowledge base is unavailable: nothing changed
            _notify("error", err.message)
        st.rerun()


def upload_tab(editor: KnowledgeEditor, actor: Actor) -> None:
    """Several files: each one's extracted text to check, then one click publishes them."""
    round_ = st.session_state.setdefault(UPLOADS_KEY, 0)
    files = st.file_uploader(_(t.KB_UPLOAD), accept_multiple_files=True, key=f"kb_upload-{round_}")
    kind = st.selectbox(
        _(t.KB_KIND),
        [None, *KINDS],
        format_func=lambda k: shown.kind(k) if k else _(t.KB_KIND_AUTO),
        key="kb_kind",
    )
    if not files:
        return
    previews: dict[tuple[str, str | None], Preview] = st.session_state.setdefault(PREVIEWS_KEY, {})
    ready = []
    for upload in files:
        key = (upload.file_id, kind)
        if key not in previews:  # reading a PDF takes a while: once per file and kind
            previews[key] = editor.preview(name=upload.name, data=upload.getvalue(), kind=kind)
        preview = previews[key]
        passages = ngettext("{count} passage", "{count} passages", len(preview.chunks))
        kind_shown = shown.kind(preview.kind) if preview.kind else ""
        label = " · ".join(
            part
            for part in (
                preview.name,
                preview.title,
                kind_shown,
                passages.format(count=number(len(preview.chunks))),
            )
            if part
        )
        with st.expander(label, expanded=len(files) == 1):
            if preview.problem:
                st.warning(preview.problem)
            else:
                st.text(preview.text)
                ready.append(upload)
    publish = ngettext("Publish {count} file", "Publish {count} files", len(ready)).format(
        count=len(ready)
    )
    if ready and st.button(publish, key="kb_publish", type="primary", disabled=_busy()):
        chosen = [(upload.name, upload.getvalue()) for upload in ready]
        _start(
            ngettext("Publishing {count} file", "Publishing {count} files", len(chosen)).format(
                count=len(chosen)
            ),
            lambda events: _publish(editor, chosen, actor=actor, kind=kind, events=events),
            files=len(chosen),
        )
        st.session_state[UPLOADS_KEY] = round_ + 1
        previews.clear()
        st.rerun()


def _publish(
    editor: KnowledgeEditor,
    files: list[tuple[str, bytes]],
    *,
    actor: Actor,
    kind: str | None,
    events: IngestEvents,
) -> Done:
    """Publish uploads one after the other (in the background); a message for each."""
    notices: list[tuple[str, str]] = []
    for name, data in files:
        try:
            info = editor.publish(name=name, data=data, actor=actor, kind=kind, events=events)
        except DeskError as err:
            notices.append(("error", _(t.KB_FAILED).format(title=name, reason=err.message)))
            continue
        if info.status == "indexed":
            notices.append(("success", _(t.KB_PUBLISHED).format(
                title=info.title, version=info.version, chunks=info.chunks)))  # fmt: skip
        else:
            notices.append(("error", _(t.KB_FAILED).format(title=info.title, reason=info.reason)))
    return Done(tuple(notices))


def edit_tab(editor: KnowledgeEditor, actor: Actor) -> None:
    """Markdown procedures edited in the page; saving publishes a new version."""
    docs = {d.source: d for d in editor.editable()}
    if "kb_edit_next" in st.session_state:  # a widget's value can only be set before it is drawn
        st.session_state["kb_edit_doc"] = st.session_state.pop("kb_edit_next")
    source = st.selectbox(
        _(t.KB_EDIT_PICK),
        [NEW, *docs],
        index=1 if docs else 0,
        format_func=lambda s: _(t.KB_EDIT_NEW) if s == NEW else shown.label(docs[s]),
        key="kb_edit_doc",
    )
    name = ""
    if source == NEW:
        name = st.text_input(_(t.KB_EDIT_NAME), key="kb_edit_name")
        text = st.text_area(_(t.KB_EDIT_TEXT), height=360, key="kb_edit_new_text")
    else:
        # One widget key per document and version: a saved version reloads its own text.
        doc = docs[source]
        text = st.text_area(
            _(t.KB_EDIT_TEXT),
            value=editor.text_of(source),
            height=360,
            key=f"kb_edit_text-{source}-{doc.version}",
        )
    if st.button(_(t.KB_EDIT_SAVE), key="kb_edit_save", type="primary", disabled=_busy()):
        try:
            target = editor.new_procedure_source(name) if source == NEW else source
        except DeskError as err:
            _notify("error", err.message)
            st.rerun()

        def save(events: IngestEvents) -> Done:
            info = editor.save_text(source=target, text=text, actor=actor, events=events)
            saved = _(t.KB_EDIT_SAVED).format(title=info.title, version=info.version)
            return Done((("success", saved),), edit_next=info.source)

        _start(_(t.KB_JOB_SAVE).format(title=target), save)
        st.rerun()


desk = services()
editor = desk.editor
st.markdown(f"#### {_(t.KB_TITLE)}")
st.caption(_(t.KB_INTRO))
actor = acting()
if _busy():
    job_progress()
_notice()
editing = actor.may("knowledge.change")  # the change tabs are for editors; services refuse others
tabs = st.tabs([_(tab) for tab in (t.KB_TABS if editing else t.KB_TABS[:1])])
draws = (documents_tab, upload_tab, edit_tab, lambda _e, who: call_script_tab(desk.scripts, who))
for tab, draw in zip(tabs, draws, strict=False):
    with tab:
        draw(editor, actor)
