"""Outbound work (R22-R25): call-backs asked for on the website, sleeping clients, call tasks."""
