"""Hostile input, documents that talk to the model, and what the logs may carry (R21)."""
