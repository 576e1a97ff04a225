"""Does a sentence of a public interest test give a factor, or only name a side?

s17(3)(b) (EIR reg 14(3)(b), FOISA s16(2)) asks for the reasons for claiming that the public
interest in maintaining the exemption outweighs the public interest in disclosure: the
factors weighed on each side and why one outweighs the other (ICO, "The public interest
test"). A conclusion that names the two sides ("the public interest in disclosure is
outweighed by the public interest in withholding the information"), the EIR's presumption in
favour of disclosure (the law's starting point, reg 12(2)) or a description of the test
("which requires us to assess whether ...") gives no factor, however it is worded.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.check.reasons import reason_in

__all__ = ["argues_maintaining", "concludes_balance", "gives_factor"]

_FLAGS = re.IGNORECASE
_SIDE = re.compile(
    r"\b(?:the\s+)?(?:public\s+interest\s+in(?:\s+favou?r\s+of)?|(?:factors?|arguments?|"
    r"considerations?)\s+(?:in\s+favou?r\s+of|for|against|favou?ring))\s+(?:the\s+)?(?:"
    r"disclos\w*|releas\w*|confirm\w*(?:\s+or\s+deny\w*)?|withhold\w*|maintain\w*(?:\s+(?:the|"
    r"this|these|that|an?)\s+(?:exemptions?|exceptions?))?|applying\s+(?:the|this|these)\s+"
    r"(?:exemptions?|exceptions?)|neither\s+confirming\s+nor\s+denying|non-?disclosure)"
    r"(?:\s+(?:of\s+)?(?:the\s+|this\s+|that\s+|such\s+)?(?:requested\s+|withheld\s+)?"
    r"(?:information|data|material|documents?|details))?(?=\s*(?:[.,;)]|$)|\s+(?:is|are|was|"
    r"were|outweigh\w*|does|did|would|in\s+this|until|on\s+this|at\s+this|and|or|lies|"
    r"favou?rs|has|have|had|must|should|can|will|may|against)\b)", _FLAGS)
_PRESUMPTION = re.compile(r"\bpresumption\s+in\s+favou?r\s+of\s+disclos\w*", _FLAGS)
_TEST_ONLY = re.compile(
    r"\b(?:requires?|required)\s+(?:us|the\s+\w+|an?\s+authority)\s+to\s+(?:assess|consider|"
    r"weigh|decide|determine|balance)\b|\bwhen\s+applying\s+the\s+test\b|\bsubject\s+to\s+(?:the|"
    r"a|what\s+is\s+known\s+as\s+the)\s+\W?public\s+interest\s+test\b|\b(?:we|I)\s+(?:must|"
    r"will|need\s+to|have\s+to)\s+(?:consider|weigh|assess|balance)\b|\b(?:means|meaning)\s+that\s+"
    r"(?:we|the\s+\w+)\s+(?:must|have\s+to)\b", _FLAGS)


# The question of the test ("we have considered whether the public interest in maintaining
# the exemption outweighs ...") is no conclusion, unless the sentence goes on to give one.
_WHETHER = re.compile(r"\bwhether\b", _FLAGS)
_CONCLUDES = re.compile(
    r"\b(?:conclu(?:de|des|ded)|decided|determined\s+that|(?:are|am|is)\s+(?:of\s+the\s+view|"
    r"satisfied)|it\s+does|they\s+do|in\s+this\s+case\s+it)\b", _FLAGS)


@lru_cache(maxsize=4096)  # the same sentence is weighed for each provision; letters share
def concludes_balance(sentence: str, offset: int) -> bool:
    """True when the balance word at ``offset`` of ``sentence`` strikes the balance.

    s17(3)(b) asks for the reasons for the conclusion; a sentence that only asks the test's
    question ("we have considered whether ... outweighs ...") or describes the test gives
    neither the reasons nor the conclusion.
    """
    asks = _WHETHER.search(sentence, 0, offset) is not None or \
        _TEST_ONLY.search(sentence) is not None
    return not asks or _CONCLUDES.search(sentence) is not None


def argues_maintaining(sentence: str, group: list[re.Pattern[str]]) -> bool:
    """True when ``sentence`` gives a reason for maintaining the exemption (s17(3)(b)).

    A factor of the rule's own wording counts (:func:`gives_factor`), and so does the side
    named with this case's reasons after it ("the public interest in maintaining the
    exemption is strong, because disclosure would weaken the council's position in the
    retender"); reasons before the side belong to something else.
    """
    if gives_factor(sentence, group):
        return True
    if _TEST_ONLY.search(sentence):
        return False
    sides = [m for m in (p.search(sentence) for p in group) if m is not None]
    if not sides:
        return False
    # the reasons follow the side they are given for
    after = sentence[min(m.end() for m in sides):]
    rest = _PRESUMPTION.sub(" ", _SIDE.sub(" ", after))
    return reason_in(rest) is not None


def gives_factor(sentence: str, group: list[re.Pattern[str]]) -> bool:
    """True when ``sentence`` (matched by one of ``group``) gives a factor, not only a side.

    The names of the two sides ("there is a public interest in disclosure", "the public
    interest in withholding the information must outweigh ...") and the EIR's presumption in
    favour of disclosure (the law's starting point, reg 12(2)) are no factor of this case:
    the sentence counts only if it still matches ``group`` without them.
    """
    if _TEST_ONLY.search(sentence):
        return False
    rest = _PRESUMPTION.sub(" ", _SIDE.sub(" ", sentence))
    return any(p.search(rest) for p in group)
