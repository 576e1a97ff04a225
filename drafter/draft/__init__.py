"""Case file -> validated case -> document tree."""
