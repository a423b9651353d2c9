"""HTTP routes served beside the Streamlit app (server.py).

The website's call-backs; readiness and metrics for the load balancer and Prometheus.
"""

from assistant.api.health import Health, health_routes
from assistant.api.routes import CallbackApi, routes

__all__ = ["CallbackApi", "Health", "health_routes", "routes"]
