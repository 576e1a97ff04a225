"""The one module that knows where packaged data lives.

In a source checkout the clause library and templates are the top-level ``clauses/`` and
``templates/`` folders; in an installed wheel they are ``drafter/_data/clauses`` and
``drafter/_data/templates`` (mapped by hatchling's ``force-include``). User override folders
(``--library``, ``--templates``) are searched before these.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # the drafter package
_DATA = _PACKAGE / "_data"


@cache
def data_dir(name: str) -> Path:
    """Return the packaged folder ``name`` (``clauses``, ``templates`` or ``rules``)."""
    if name == "rules":
        return _DATA / "rules"
    installed = _DATA / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"drafter is installed without its {name}/ folder")


def clauses_dir() -> Path:
    """The built-in clause library."""
    return data_dir("clauses")


def templates_dir() -> Path:
    """The built-in letter templates and reference documents."""
    return data_dir("templates")


def rules_dir() -> Path:
    """The built-in checker rules."""
    return data_dir("rules")


def data_file(name: str) -> Path:
    """A data file shipped inside the package (``drafter/_data/NAME``)."""
    return _DATA / name
