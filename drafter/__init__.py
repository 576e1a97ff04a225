"""drafter: draft and check UK FOI refusal notices.

The public library API (see ``docs/api.md``) is importable from here; each name is imported on
first use so that ``import drafter`` (and every CLI start-up) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drafter._version import __version__

__all__ = ["Draft", "__version__", "check_file", "check_notice", "compute_deadline", "draft_case",
           "load_library", "make_checker", "read_document", "render_docx", "render_markdown"]

_API = frozenset(__all__) - {"__version__"}
"""The names imported from :mod:`drafter.api` on first use."""

if TYPE_CHECKING:
    from drafter.api import (
        Draft,
        check_file,
        check_notice,
        compute_deadline,
        draft_case,
        load_library,
        make_checker,
        read_document,
        render_docx,
        render_markdown,
    )


def __getattr__(name: str) -> Any:
    if name in _API:
        from drafter import api

        return getattr(api, name)
    raise AttributeError(f"module 'drafter' has no attribute {name!r}")
