"""Helpers shared by the tests (import these, never conftest)."""
