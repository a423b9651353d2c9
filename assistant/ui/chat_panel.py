"""The chat as a widget: the answer, its sources, and the panel beside the live call."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st

from assistant import formats
from assistant.chat import Answer, Answerer
from assistant.chat import texts as ui
from assistant.chat.extractive import lead_markdown
from assistant.chat.lead import Lead
from assistant.errors import DeskError, KnowledgeUnavailable
from assistant.i18n import _
from assistant.reopen import follow_ingest
from assistant.ui import training_call
from assistant.ui.deps import services
from assistant.ui.session_user import acting
from knowledge.availability import UNAVAILABLE

log = logging.getLogger(__name__)
# While the Chroma server is down, the panel asks it every few seconds whether it is back.
RETRY_SECONDS = 5.0


@dataclass(frozen=True)
class Exchange:
    """One question and its answer, as the chat remembers them."""

    question: str
    answer: Answer | None
    error: str | None = None  # shown through _(): a message id is read in today's language
    unavailable: bool = False  # the knowledge base was down: asked again once it is back


def answerer() -> Answerer:
    """The shared answerer, built on the first question (the model loads then, not before)."""
    desk = services()
    follow_ingest(desk)  # an ingest of another process (`make run`'s first) wrote the store
    if "answerer" in desk.__dict__:  # built already: no spinner flicker on every question
        return desk.answerer
    with st.spinner(_(ui.OPENING_KNOWLEDGE)):
        return desk.answerer


def indexing_notice() -> bool:
    """While an ingest runs (e.g. the first one `make run` starts), say so; True then."""
    progress = services().indexing.running()
    if progress is None:
        return False
    counts = {
        name: formats.number(value) if isinstance(value, int) else value
        for name, value in vars(progress).items()
    }
    text = _(ui.STILL_INDEXING).format(**counts)
    if progress.eta_clock is not None:
        text += _(ui.STILL_INDEXING_ETA).format(eta=progress.eta_clock)
    st.info(text, icon=":material/hourglass_top:")
    st.progress(progress.fraction)
    return True


@st.fragment(run_every=2.0)
def _until_indexed() -> None:
    # Redraws only the notice; once the ingest is over, one rerun brings the questions back.
    if not indexing_notice():
        st.rerun(scope="app")


def wait_for_index(*, indexing: bool | None = None) -> bool:
    """The "still being indexed" notice, kept current; True while questions must wait.

    `indexing` is what the caller has just read, so the status file is read once a run.
    """
    if indexing is None:
        indexing = services().indexing.running() is not None
    if not indexing:
        return False
    _until_indexed()
    return True


def sources(answer: Answer) -> None:
    """Each source: its number, title and page, the passage text folded away."""
    for number, hit in enumerate(answer.hits, start=1):
        page = _(", p. {page}").format(page=hit.chunk.page) if hit.chunk.page else ""
        cited = " ·  " + _("cited") if number in answer.cited else ""
        with st.expander(f"[{number}] {hit.chunk.title}{page}{cited}"):
            st.caption(
                _("{doc} · score {score}").format(
                    doc=hit.chunk.doc, score=formats.number(round(hit.score, 3))
                )
            )
            st.text(hit.chunk.text)


def answered(answer: Answer, *, streamed: bool = False) -> None:
    """The answer as an operator reads it mid-call: the lead first, the passages folded."""
    if not streamed:
        st.markdown(answer.opening)
    if answer.mode == "llm" and answer.lead:
        # The model's words first; then the documents' own, to check them against.
        st.caption(_(ui.IN_THE_WORDS))
        st.markdown(lead_markdown(Lead(answer.lead_source, answer.lead), answer.hits))
    # A model that failed mid-stream had the passages streamed in full already.
    if answer.passages and not (streamed and answer.mode == "fallback"):
        with st.expander(_(ui.PASSAGES_FOLDED), icon=":material/format_quote:"):
            st.markdown(answer.passages)
    sources(answer)


def show(exchange: Exchange) -> None:
    """A remembered answer (or its error) with its sources."""
    if exchange.unavailable:
        st.warning(_(UNAVAILABLE), icon=":material/cloud_off:")
    elif exchange.error:
        st.error(_(exchange.error))
    elif exchange.answer is not None:
        answered(exchange.answer)


def asked_before(history: list[Exchange]) -> list[str]:
    """The questions of `history` (oldest first) that were answered: a follow-up's context."""
    return [e.question for e in history if e.answer is not None]


def ask(
    question: str, *, client_code: str | None, k: int = 5, after: list[str] | None = None
) -> Exchange:
    """Answer now, streaming when an LLM is on; errors become a message, never a traceback.

    `after` holds the questions asked before in this chat, oldest first: a follow-up
    ("and if he is absent?") is answered in their context.
    """
    try:
        training = training_call.active()
        if training is not None:
            # A training call answers through the simulator, which remembers the question
            # and the documents the answer came from (scored as R19).
            with st.spinner(_(ui.OPENING_KNOWLEDGE)):
                answer = training.ask(question)
            answered(answer)
            return Exchange(question, answer)
        desk = answerer()
        stream = desk.stream(
            question, actor=acting(), k=k, client_code=client_code, after=after or ()
        )
        if desk.uses_llm:
            st.write_stream(stream)
        answer = stream.result()
        answered(answer, streamed=desk.uses_llm)
        return Exchange(question, answer)
    except KnowledgeUnavailable as err:
        # Expected while the Chroma server restarts: a warning and a retry, not a failure.
        log.warning("the knowledge base is unavailable: %s", err.__cause__ or err)
        st.warning(_(UNAVAILABLE), icon=":material/cloud_off:")
        return Exchange(question, None, UNAVAILABLE, unavailable=True)
    except DeskError as err:
        st.error(err.message)
        return Exchange(question, None, err.message)
    except Exception:  # noqa: BLE001 - a failing knowledge base must not take the call down
        # The question may name a client or a price: the log keeps only its length.
        log.exception("answering a question of %d characters failed", len(question))
        st.error(_(ui.ANSWER_FAILED))
        return Exchange(question, None, ui.ANSWER_FAILED)


def retry_due(exchange: Exchange, *, key: str) -> bool:
    """For an answer the knowledge base was down for: True when it should be asked again now.

    Now means the operator pressed "Try again", or the store answered one of the checks
    made every few seconds in the background (the client reconnects by itself).
    """
    if not exchange.unavailable:
        return False
    if st.session_state.pop(f"{key}_back", False):
        return True
    if st.button(_(ui.TRY_AGAIN), key=f"{key}_retry", icon=":material/refresh:"):
        return True
    _watch_store(key)
    return False


@st.fragment(run_every=RETRY_SECONDS)
def _watch_store(key: str) -> None:
    try:
        services().knowledge_store.ping()
    except KnowledgeUnavailable:
        return
    except Exception:  # noqa: BLE001 - any other failure: keep waiting, never a traceback
        log.exception("checking the knowledge base failed")
        return
    st.session_state[f"{key}_back"] = True
    st.rerun(scope="app")


def beside_call(*, client_code: str | None) -> None:
    """The Ask panel of the live call: questions answered for the client on the line."""
    history: list[Exchange] = st.session_state.setdefault("call_ask_history", [])
    # Said on the folded panel too: an operator should not have to open it to learn that.
    indexing = services().indexing.running() is not None
    label = _(ui.CALL_PANEL_INDEXING) if indexing else _(ui.CALL_PANEL)
    with st.expander(label, key="call_ask_open", icon=":material/quick_reference:"):
        if wait_for_index(indexing=indexing):
            return
        with st.form("call_ask_form", clear_on_submit=True, border=False):
            question = st.text_input(
                _(ui.QUESTION),
                placeholder=_(ui.PLACEHOLDER),
                label_visibility="collapsed",
                key="call_ask_question",
            )
            asked = st.form_submit_button(_(ui.ASK), width="stretch")
        if client_code:
            st.caption(_(ui.FOR_CLIENT).format(code=client_code))
        if asked and question.strip():
            # The panel keeps the newest first; a follow-up's context goes oldest first.
            earlier = asked_before(history[::-1])
            history.insert(0, ask(question, client_code=client_code, after=earlier))
        elif asked:
            st.caption(_(ui.EMPTY_QUESTION))
        elif history:
            st.markdown(f"**{history[0].question}**")
            if retry_due(history[0], key="call_ask"):
                earlier = asked_before(history[:0:-1])
                history[0] = ask(history[0].question, client_code=client_code, after=earlier)
            else:
                show(history[0])
        for older in history[1:4]:
            st.caption(_(ui.EARLIER).format(question=older.question))
