"""The optional language model: any OpenAI-compatible server (Ollama, vLLM, llama.cpp)."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel
from pydantic import SecretStr

from assistant.config import Settings

# A phone call cannot wait for a slow model: give up and answer extractively instead.
TIMEOUT_SECONDS = 20.0


def make_chat_model(settings: Settings) -> BaseChatModel | None:
    """ChatOpenAI pointed at DESK_LLM_URL, or None when no LLM is configured (the default)."""
    if not settings.llm_url:
        return None
    from langchain_openai import ChatOpenAI  # imported here: only desks with an LLM pay for it

    # Local servers ignore the key, but the client insists on one.
    key = settings.llm_api_key or SecretStr("not-needed")
    return ChatOpenAI(
        base_url=settings.llm_url,
        model=settings.llm_model,
        api_key=key,
        temperature=0,
        timeout=TIMEOUT_SECONDS,
        max_retries=0,
    )
