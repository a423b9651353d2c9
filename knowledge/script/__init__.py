"""The call script the desk ships, one YAML file per language (data, no code)."""
