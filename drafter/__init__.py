"""drafter: draft and check UK FOI refusal notices."""

from __future__ import annotations

__version__ = "0.1.0"
