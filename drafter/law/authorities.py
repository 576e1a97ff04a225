"""Kinds of public authority, and the functions some exemptions depend on.

Several exemptions can be engaged only by certain authorities: s35 by government departments
(as defined in s84) and the Welsh Government; s33 by bodies with audit functions (s33(1));
s30(1) by bodies with a duty to investigate offences or a power to conduct criminal
proceedings. The authority profile says which kind of body it is (``type``) and, where the
kind does not settle it, which of these functions it has (``functions``); a provision's
``applies_to`` says which types or functions may rely on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

AuthorityType = Literal[
    "government_department", "ni_department", "welsh_government", "house_of_commons",
    "house_of_lords", "ni_assembly", "welsh_parliament", "local_authority", "police",
    "prosecutor", "regulator", "audit_body", "nhs", "education", "other",
]

AuthorityFunction = Literal["criminal_investigation", "prosecution", "audit", "value_for_money"]

IMPLIED_FUNCTIONS: dict[str, frozenset[str]] = {
    # A police force has the duty in s30(1)(a) to investigate offences.
    "police": frozenset({"criminal_investigation"}),
    # A prosecuting authority has power to conduct criminal proceedings (s30(1)(c)).
    "prosecutor": frozenset({"prosecution"}),
    # A national audit body has the functions in s33(1)(a) and (b).
    "audit_body": frozenset({"audit", "value_for_money"}),
}

TYPE_NAMES: dict[str, str] = {
    "government_department": "a government department",
    "ni_department": "a Northern Ireland department",
    "welsh_government": "the Welsh Government",
    "house_of_commons": "the House of Commons",
    "house_of_lords": "the House of Lords",
    "ni_assembly": "the Northern Ireland Assembly",
    "welsh_parliament": "the Welsh Parliament",
    "local_authority": "a local authority",
    "police": "a police force",
    "prosecutor": "a prosecuting authority",
    "regulator": "a regulator",
    "audit_body": "an audit body",
    "nhs": "an NHS body",
    "education": "an educational body",
    "other": "a public authority",
}

FUNCTION_NAMES: dict[str, str] = {
    "criminal_investigation": "a duty to investigate whether a person should be charged with "
                              "an offence",
    "prosecution": "power to conduct criminal proceedings",
    "audit": "functions in relation to the audit of other public authorities' accounts",
    "value_for_money": "functions in relation to examining other public authorities' use of "
                       "their resources",
}

# s36(5): who the qualified person is, by kind of authority. For every other authority it is
# a Minister of the Crown, or the authority or one of its officers authorised by a Minister
# (s36(5)(o)).
QUALIFIED_PERSON: dict[str, str] = {
    "government_department": "a Minister of the Crown or, for a department not in the charge "
                             "of a Minister, the commissioners or other person in charge of it "
                             "(s36(5)(a), (c))",
    "ni_department": "the Northern Ireland Minister in charge of the department (s36(5)(b))",
    "welsh_government": "the Welsh Ministers or the Counsel General to the Welsh Government "
                        "(s36(5))",
    "house_of_commons": "the Speaker of the House of Commons (s36(5)(d))",
    "house_of_lords": "the Clerk of the Parliaments (s36(5)(e))",
    "ni_assembly": "the Presiding Officer of the Northern Ireland Assembly (s36(5)(f))",
    "welsh_parliament": "the Presiding Officer of the Welsh Parliament (s36(5))",
}
OTHER_QUALIFIED_PERSON = ("a Minister of the Crown, or the authority or one of its officers "
                          "authorised by a Minister of the Crown (s36(5)(o))")


def functions_of(kind: str | None, declared: Iterable[str]) -> frozenset[str]:
    """The functions an authority has: those its type implies plus those it declares."""
    return IMPLIED_FUNCTIONS.get(kind or "", frozenset()) | frozenset(declared)
