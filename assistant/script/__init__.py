"""The call script: steps the operator follows, read from the editors' YAML (R8-R17)."""
