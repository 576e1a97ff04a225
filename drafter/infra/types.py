"""Reusable constrained types, declared once and shared by every model."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(
            f"'{value}' is not a valid id: use lower-case letters, digits and hyphens, "
            "for example 'commercial-negotiating-position'")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


ClauseId = Annotated[str, AfterValidator(_slug)]
"""A stable library id such as ``s40-2-first`` or ``fair-competition``."""

NonBlank = Annotated[str, AfterValidator(_not_blank)]
"""Text that must say something: a blank field in a legal letter is an error."""

ShortText = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_not_blank)]
"""A short non-blank field such as a name or a title."""


def _quoted(value: str) -> str:
    if not value.strip():
        raise ValueError("the requester's words must be quoted, not left blank")
    return value


RequestText = Annotated[str, AfterValidator(_quoted)]
"""The requester's own words: kept exactly as given (no stripping), but never blank."""


class FrozenModel(BaseModel):
    """The base of every input model: frozen, and an unknown key is an error, not ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)
