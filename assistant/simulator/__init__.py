"""Training calls on a sandbox copy of the company: the desk's own services, never the live data."""
