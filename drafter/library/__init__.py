"""The clause library: its models, its only loader, its linter, and templating.

The one sandboxed Jinja environment lives here because the library's wording is written in
it; the letter templates use the same environment.
"""
