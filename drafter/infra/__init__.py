"""Plumbing with no FOI knowledge: YAML, models, files, cache, resources."""
