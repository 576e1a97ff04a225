"""A hedge about the law is no declaration of it (ICO guidance "Which regime?").

A letter that says the information "may be argued to be" environmental, or that it is "not
immediately clear" whether it is, and then deals with the request under FOIA, has not
declared the EIR; one that says the information is environmental has (EIR reg 2(1), reg 5(1);
FOIA s39(1)), and may not then refuse under a FOIA exemption alone.
"""

from __future__ import annotations

import pytest

from drafter.check import CheckResult
from tests.helpers.checking import check_text

LETTER = """
Dear Ms Smith,

Thank you for your request for the cleaning contract's price schedule. {intro}

We are withholding the price schedule under section 43(2) of the Freedom of Information Act
2000, because disclosure would be likely to prejudice the commercial interests of the
contractor, Brightclean Ltd, whose unit rates would let its competitors undercut it when the
contract is re-tendered in March 2027.

This exemption is subject to the public interest test. In favour of disclosure, there is a
public interest in showing how public money is spent. Against disclosure, there is a public
interest in a fair tender that gets value for money. On balance we have concluded that the
public interest in maintaining the exemption outweighs that in disclosure, because the
re-tender is imminent.

If you are unhappy with this response, you may ask for an internal review by writing to
foi@example.gov.uk within 40 working days of the date of this letter.

If you remain dissatisfied after the review, you have the right to apply to the Information
Commissioner under section 50 of the Act: https://ico.org.uk/make-a-complaint/

Yours sincerely,
"""


def check(intro: str) -> CheckResult:
    return check_text(LETTER.format(intro=intro))


@pytest.mark.parametrize("intro", [
    "It may be argued that some of this is environmental information, but we have dealt with "
    "your request under the Freedom of Information Act 2000.",
    "It is not immediately clear whether this is environmental information; we have dealt "
    "with your request under the Freedom of Information Act 2000.",
    "While the request might be thought to be one for environmental information, we have "
    "dealt with it under the Freedom of Information Act 2000.",
])
def test_a_hedge_is_no_declaration_of_the_eir(intro: str) -> None:
    r = check(intro)
    assert r.regime == "foia"
    assert "foia-exemption-under-eir" not in {f.id for f in r.findings}


def test_information_called_environmental_declares_the_eir() -> None:
    r = check("The information you asked for is environmental information, so we have dealt "
              "with your request under the Environmental Information Regulations 2004.")
    assert "foia-exemption-under-eir" in {f.id for f in r.findings}
    assert not r.ok
