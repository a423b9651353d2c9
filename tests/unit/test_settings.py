"""Every setting is described in code and documented in the README."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_has_a_description_and_a_row_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"
        assert f"`DESK_{name.upper()}`" in readme, f"DESK_{name.upper()} missing from README"


def test_settings_come_from_desk_prefixed_environment_variables(monkeypatch) -> None:
    monkeypatch.setenv("DESK_DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("DESK_ADDON_COUNT", "3")
    settings = Settings()
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.addon_count == 3
