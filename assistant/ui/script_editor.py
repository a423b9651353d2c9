"""The call script on the editors' page: edit, check and activate a version; read old ones."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from assistant.auth.rights import Actor
from assistant.i18n import N_, _, ngettext
from assistant.i18n.catalog import LANGUAGES
from assistant.i18n.current import language as language_now
from assistant.i18n.current import language_name
from assistant.script.check import Problem, validate
from assistant.script.library import ScriptInvalid, ScriptLibrary, VersionInfo
from assistant.script.loader import version_of
from assistant.script.shipped import STEM
from assistant.ui import knowledge_labels as shown

NOTICE_KEY = "cs_notice"  # the outcome of a save, shown once after the rerun it causes
LANGUAGE_KEY = "cs_language"
LOAD_KEY = "cs_load"  # an old version's (language, text), put in the box on the next run
HISTORY_COLUMNS = {
    "version": N_("Version"),
    "language": N_("Language"),
    "by": N_("Activated by"),
    "at": N_("When"),
    "file": N_("File"),
}
PROBLEM_COLUMNS = {"line": N_("Line"), "what": N_("What is wrong"), "fix": N_("Fix")}


def call_script_tab(library: ScriptLibrary, actor: Actor) -> None:
    """The script in force in one language, to edit and activate; then every version so far."""
    if NOTICE_KEY in st.session_state:
        st.success(st.session_state.pop(NOTICE_KEY))
    st.caption(
        _(
            "The words the operator follows on every call. Saving checks the script first: "
            "a script with errors is never activated, and the one in force stays."
        )
    )
    language, text = _editor(library)
    file_name = f"{STEM}.{language}.yaml"
    check, save = st.columns(2)
    if check.button(_("Check the script"), key="cs_check", width="stretch"):
        _show_problems(validate(text, Path(file_name), language=language)[1])
    if save.button(_("Save and activate"), key="cs_save", type="primary", width="stretch"):
        try:
            info = library.activate(text, file_name=file_name, actor=actor, language=language)
        except ScriptInvalid as err:
            _show_problems(err.found)
        else:
            st.session_state[NOTICE_KEY] = _saved(info)
            st.rerun()
    _history(library)


def _editor(library: ScriptLibrary) -> tuple[str, str]:
    """The language picked and the text in its box: the text in force, as typed since."""
    loaded = st.session_state.pop(LOAD_KEY, None)  # widgets can only be set before drawn
    if loaded is not None:
        st.session_state[LANGUAGE_KEY] = loaded[0]
    here = language_now()
    st.session_state.setdefault(LANGUAGE_KEY, here if here in LANGUAGES else LANGUAGES[0])
    language = st.radio(
        _("Script language"),
        LANGUAGES,
        format_func=language_name,
        horizontal=True,
        key=LANGUAGE_KEY,
    )
    in_force = library.text(language)
    version = version_of(in_force)
    st.markdown(_("In force: version **{version}**").format(version=version))
    # One box per language and version in force: typed text survives reruns and a refused
    # save; an activation changes the key, so the box then holds the new text in force.
    box = f"cs_text-{language}-{version}"
    if loaded is not None:
        st.session_state[box] = loaded[1]
    st.session_state.setdefault(box, in_force)
    text = st.text_area(
        _("Call script ({language})").format(language=language_name(language)),
        height=480,
        key=box,
    )
    return language, text


def _saved(info: VersionInfo) -> str:
    if info.unchanged:
        return _("Version {version} is already in force: nothing changed.").format(
            version=info.version
        )
    return _("Version {version} is now in force for every call in {language}.").format(
        version=info.version, language=language_name(info.language)
    )


def _show_problems(problems: list[Problem]) -> None:
    """Every error with its line and fix, or that there is none."""
    if not problems:
        st.success(_("No errors: the script can be activated."))
        return
    st.error(
        ngettext(
            "{count} error: the script in force stays until it is fixed.",
            "{count} errors: the script in force stays until they are fixed.",
            len(problems),
        ).format(count=len(problems))
    )
    rows = [{"line": p.line, "what": p.message, "fix": p.fix} for p in problems]
    st.dataframe(
        pd.DataFrame(rows).rename(columns=shown.headers(PROBLEM_COLUMNS)),
        hide_index=True,
        width="stretch",
    )


def _history(library: ScriptLibrary) -> None:
    """Every activated version, newest first, and the text of one picked from the list."""
    heading = _("Versions activated")
    st.markdown(f"**{heading}**")
    versions = library.history()
    if not versions:
        st.info(_("No version activated yet: the desk follows the shipped script."))
        return
    rows = [
        {
            "version": v.version,
            "language": language_name(v.language) if v.language in LANGUAGES else v.language,
            "by": v.activated_by,
            "at": shown.when(v.activated_at),
            "file": v.file_name,
        }
        for v in versions
    ]
    st.dataframe(
        pd.DataFrame(rows).rename(columns=shown.headers(HISTORY_COLUMNS)),
        hide_index=True,
        width="stretch",
    )
    by_id = {v.id: v for v in versions}
    picked = st.selectbox(
        _("Read an older version"),
        list(by_id),
        index=None,
        format_func=lambda i: (
            f"{by_id[i].version} · {by_id[i].language} · {shown.when(by_id[i].activated_at)}"
        ),
        placeholder=_("Pick a version"),
        key="cs_old",
    )
    if picked is None:
        return
    old = library.source(picked)
    st.code(old, language="yaml")
    # Going back to an old version is activating its text again, as a new version.
    if st.button(_("Copy into the editor"), key="cs_load_button"):
        st.session_state[LOAD_KEY] = (by_id[picked].language, old)
        st.rerun()
