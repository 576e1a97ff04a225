"""LazyPattern: a pattern compiled on first use behaves as the compiled pattern."""

from __future__ import annotations

import re

from drafter.infra.lazyre import LazyPattern


def test_lazy_pattern_is_compiled_once_and_answers_as_re() -> None:
    lazy = LazyPattern(r"\bredact\w*", re.IGNORECASE)
    assert lazy._compiled is None  # nothing compiled at import
    text = "Redacting names; redaction of emails"
    found = lazy.search(text)
    assert found is not None and found.group(0) == "Redacting"
    compiled = lazy.compiled
    assert lazy.compiled is compiled
    assert lazy.findall(text) == re.findall(r"\bredact\w*", text, re.IGNORECASE)
    assert [m.span() for m in lazy.finditer(text)] == [(0, 9), (17, 26)]
    assert lazy.sub("X", text) == "X names; X of emails"
    assert lazy.match(text, 17) is not None and lazy.search(text, 1, 12) is None
