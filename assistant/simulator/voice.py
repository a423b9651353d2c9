"""The simulated client's words, optionally rephrased by the LLM, never its facts.

Without DESK_LLM_URL the client says its lines as the scenario writes them. With an LLM
each line may be said in other words, once per call (so the transcript does not change
under the trainee's eyes); a rephrasing that drops a number, a name or a code the line
holds is thrown away and the scenario's words are used instead.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.i18n import language_name

# Numbers, times and codes (08-12, 14:00, UL-0001) and capitalised words past the first.
_NUMBER = re.compile(r"\d+(?:[.,:-]\d+)*")
_NAME = re.compile(r"(?<=\s)[A-ZČĆŠŽĐ][\wčćšžđ]+")
_CODE = re.compile(r"\b[A-Z]{1,4}-\d+\b")


def facts_of(text: str) -> set[str]:
    """What a rephrasing must keep: every number and every name after the first word."""
    return set(_CODE.findall(text)) | set(_NUMBER.findall(text)) | set(_NAME.findall(text))


def keeps_facts(original: str, rephrased: str) -> bool:
    """Whether every fact of `original` is still in `rephrased`."""
    return all(fact in rephrased for fact in facts_of(original))


def rephrase(text: str, *, llm: Any, language: str) -> str:
    """`text` in other words by `llm` (a LangChain chat model), or `text` itself."""
    prompt = (
        f"You are a client on the phone with a food wholesaler. Say this line in "
        f"{language_name(language)} in your own words, as one short spoken sentence. "
        "Keep every number, time, name and product code exactly; add no new facts.\n\n"
        f"Line: {text}"
    )
    try:
        reply = llm.invoke(prompt)
    except Exception:  # noqa: BLE001 - any LLM failure: the scenario's own words
        return text
    said = str(getattr(reply, "content", reply) or "").strip().strip('"')
    return said if said and keeps_facts(text, said) else text
