"""HTTP routes served beside the Streamlit app (server.py): the website's call-backs."""

from assistant.api.routes import CallbackApi, routes

__all__ = ["CallbackApi", "routes"]
