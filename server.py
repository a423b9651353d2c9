"""The desk's server: the Streamlit app (app.py) and the HTTP routes beside it (assistant/api).

`streamlit run server.py` serves both on one port: the pages, POST /api/callbacks for
the website (its token in DESK_CALLBACK_TOKEN), and GET /api/ready and /api/metrics for
the load balancer and Prometheus (docs/deployment.md).
"""

from pathlib import Path

import streamlit as st

from assistant.api import health_routes, routes

app = st.App(Path(__file__).resolve().parent / "app.py", routes=routes() + health_routes())
