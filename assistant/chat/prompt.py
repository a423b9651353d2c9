"""The LLM prompt: passages as a delimited data block, instruction-like text neutralised."""

from __future__ import annotations

import re
from collections.abc import Sequence

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from assistant.chat import texts
from assistant.i18n import LANGUAGES, _, language, translations
from knowledge.models import Hit

# Lines in a document that talk to a model rather than to a reader (en, hr, ru).
_INJECTION = re.compile(
    r"(ignore|disregard|forget|override)\b.{0,40}\b(instruction|prompt|rule|above|previous|prior)"
    r"|\b(you are now|act as|pretend to be|new instructions?|system prompt|jailbreak)\b"
    r"|^\s*(system|assistant|developer)\s*:"
    r"|<\|?(im_start|im_end|system|endoftext)\|?>"
    r"|zanemari\w*\b.{0,40}\b(uput|instrukc|prethodn)"
    r"|игнорир\w*\b.{0,40}\b(инструкц|предыдущ)",
    re.IGNORECASE,
)
# Our own delimiters may not appear inside a passage: a document could close the block.
_DELIMITER = re.compile(r"</?\s*(documents|passage|facts|question)\b[^>]*>", re.IGNORECASE)
_CITATION = re.compile(r"\[(\d{1,2})\]")


def neutralise(text: str) -> str:
    """A passage safe to quote: instruction-like lines replaced, delimiters defused."""
    lines = [
        texts.REMOVED_INSTRUCTION if _INJECTION.search(line) else line for line in text.splitlines()
    ]
    return _DELIMITER.sub(
        lambda m: m.group(0).replace("<", "‹").replace(">", "›"), "\n".join(lines)
    )


def documents_block(hits: Sequence[Hit]) -> str:
    """The passages, numbered as in the sources list, inside <documents>."""
    parts = ["<documents>"]
    for number, hit in enumerate(hits, start=1):
        page = f' page="{hit.chunk.page}"' if hit.chunk.page else ""
        title = hit.chunk.title.replace('"', "'")
        parts.append(f'<passage id="{number}" title="{title}"{page}>')
        parts.append(neutralise(hit.chunk.text))
        parts.append("</passage>")
    parts.append("</documents>")
    return "\n".join(parts)


def messages(question: str, hits: Sequence[Hit], *, facts: str = "") -> list[BaseMessage]:
    """System rules, then the data (facts, passages) and the question, each delimited."""
    data = [f"<facts>\n{neutralise(facts)}\n</facts>"] if facts else []
    data.append(documents_block(hits))
    data.append(f"<question>\n{neutralise(question)}\n</question>")
    return [SystemMessage(system_prompt()), HumanMessage("\n\n".join(data))]


def system_prompt() -> str:
    """The rules for the model, asking for the answer in the operator's language now."""
    now = language()
    return texts.SYSTEM_PROMPT.format(
        not_found=_(texts.NOT_IN_DOCUMENTS), language=texts.LANGUAGE_FOR_MODEL.get(now, now)
    )


def citations(text: str, *, sources: int) -> tuple[str, tuple[int, ...]]:
    """The answer with citations of unknown sources removed, and the sources it cites."""
    cited: list[int] = []

    def keep(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if 1 <= number <= sources:
            if number not in cited:
                cited.append(number)
            return match.group(0)
        return ""

    return _CITATION.sub(keep, text).strip(), tuple(cited)


def says_not_found(text: str) -> bool:
    """Whether the model said the documents do not answer (in any of the desk's languages)."""
    said = text.casefold()
    return any(
        translations(code).gettext(texts.NOT_IN_DOCUMENTS).rstrip(".").casefold() in said
        for code in LANGUAGES
    )
