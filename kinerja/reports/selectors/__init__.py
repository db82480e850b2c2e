"""Reads of the reports app: the dashboard, organisational achievement, the public figures."""
