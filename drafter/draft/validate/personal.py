"""The requester's own personal data, and the contested public interest test in s40.

Information that is the requester's own personal data is exempt under s40(1), with no duty
to confirm or deny (s40(5A)). The requester's right to it is a subject access request under
UK GDPR Art 15, answered within one month (Art 12(3)) and refusable only on Art 12(5)
grounds; refusing the FOIA request, even as a whole under s12 or s14, does not dispose of it
(ICO guidance on section 40, Part 1). A request that asks for information about the
requester must say how that is being handled.

s2(3)(f) and (fa) make s40(1) and s40(2) (first condition) absolute but do not list s40(5A)
or s40(5B)(a); Dunhill v IC and Bolton NHS FT (FTT, 2025) held s40(5B)(a)(i) qualified.
The public interest may therefore be given in the alternative for those provisions (the
library marks them ``contested_public_interest``); the validator allows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.draft.validate.rule_context import RuleContext
from drafter.errors import Problem

# Words in a request that point to the requester's own data. "send me" and "my request" are
# how people ask, not what they ask about, and do not count.
OWN_DATA = re.compile(
    r"\b(?:about|mentions?|mentioning|regarding|concerning|relating to|relate to|refers? to|"
    r"referring to|naming|names|identif(?:y|ies)|on|against|with) me\b"
    r"|\bmyself\b|\bmy (?:own )?(?:personal (?:data|information)|data|file|records?|case|"
    r"complaint|application|account|property|house|home|address|tenancy|claim|appeal|"
    r"son|daughter|child(?:ren)?|family|husband|wife|partner|employment|details|name|"
    r"assessment|care|treatment|medical|health|benefits?|council tax)\b"
    r"|\b(?:i|I) (?:am|was) (?:named|mentioned|referred to|discussed)\b",
    re.IGNORECASE,
)
_OWN_CITES = {"s40(1)", "s40(5A)"}


def check(ctx: RuleContext) -> list[Problem]:
    """Own-data requests with no subject access route."""
    return list(_own_data(ctx))


def _own_data(ctx: RuleContext) -> Iterator[Problem]:
    case = ctx.loaded.case
    if case.subject_access is not None:
        return
    for rp in ctx.parts:
        if any(u.provision.cite in _OWN_CITES for u in rp.uses):
            continue
        m = OWN_DATA.search(rp.part.request)
        if m is None:
            continue
        path = ("a refusal of the whole request under s12 or s14 does not dispose of it; "
                if ctx.whole() else "")
        yield ctx.problem(
            (*rp.loc, "request"),
            f"part {rp.part.number} asks for information about the requester ('{m.group(0)}'): "
            "so far as it is their own personal data it is exempt under s40(1) (s40(5A) for "
            "confirm or deny) and must be handled as a subject access request under UK GDPR "
            f"Article 15, answered within one month (Article 12(3)); {path}the letter must "
            "say so", "add 'subject_access:' (reply_by, note), or cite s40(1)/s40(5A) for the "
            "part; if it is not their personal data, say why in "
            "'subject_access: {not_own_data: ...}'", level="warning")
