"""Document tree -> Markdown and Word letters."""
