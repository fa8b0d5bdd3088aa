"""Keeping personal data out of what a force publishes."""
