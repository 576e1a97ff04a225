"""``extends: trigger``: a named condition defined by wording; it reports nothing itself.

Other rules name it in ``trigger``/``unless`` (and ``near: trigger:NAME``); it holds when its
own trigger holds and one of its patterns matches.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from drafter.check.kinds.base import Pattern, RuleBase, TriggerName

__all__ = ["TriggerRule"]


class TriggerRule(RuleBase):
    """A named condition defined by wording (``extends: trigger``)."""

    extends: Literal["trigger"]
    trigger: list[TriggerName] = Field(default_factory=lambda: ["always"])
    patterns: list[Pattern] = Field(min_length=1)
    ignore_when: list[Pattern] = Field(default_factory=list)
