"""The desk's server: the Streamlit app (app.py) and the HTTP routes beside it (assistant/api).

`streamlit run server.py` serves both on one port: the pages, and POST /api/callbacks for
the website (its token in DESK_CALLBACK_TOKEN).
"""

from pathlib import Path

import streamlit as st

from assistant.api import routes

app = st.App(Path(__file__).resolve().parent / "app.py", routes=routes())
