"""Keeping personal data out of what a force publishes: the personal-data checker (`pii/`), pseudonyms for the
public (`pseudonyms`, `scope`), retention periods (`retention`)."""
