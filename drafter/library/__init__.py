"""The clause library: its models, its only loader and its linter."""
