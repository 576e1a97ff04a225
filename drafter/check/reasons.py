"""Does one sentence of a provision's block give this case's reasons why it applies?

FOIA s17(1)(c) (EIR reg 14(3)(a), FOISA s16(1)(d)) asks the notice to state why the exemption
applies, "if that would not otherwise be apparent"; the ICO's guidance on refusal notices asks
for the reasons in the circumstances of the request, not a restatement of the exemption. So a
sentence counts as reasons only when it says something about *this* information or *this*
disclosure beyond the words of the law, and it is none of these:

* a restatement of the law: the statutory test ("information is exempt if its disclosure
  would ..."), a definition of the exemption's terms ("commercial interests relate to ..."),
  the Act's general scheme ("the Act carries a presumption in favour of disclosure", "this is
  a qualified exemption");
* a conclusion: "the report is exempt under section 43(2)", "it is withheld as it falls
  under section 22, which relates to information intended for future publication"; a
  conclusion gives reasons only in its own causal clause ("... because it would show
  offenders which tools are in use");
* the public interest test: factors for and against disclosure and the balance are the
  s17(3) reasons, a different duty (s17(1)(c) and s17(3) are separate paragraphs of s17);
* the handling of the request ("thank you for your request ...") or a pointer to reasons
  given elsewhere ("as set out below").

What is "beyond the words of the law" is counted in words: the words of the tests of every
provision (FOIA Part II, EIR reg 12-13, FOISA Part 2) and of letters in general
(:data:`LAW_WORDS`), with the titles of the provisions the letter cites, do not count; names,
figures and dates do.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "CASE_WORDS",
    "LAW_WORDS",
    "QUOTED",
    "case_words",
    "clause_at",
    "clauses",
    "is_title",
    "not_reasons",
    "reason_in",
]

_FLAGS = re.IGNORECASE
# Sentences that restate the law rather than give this case's reasons.
_LAW_ONLY = re.compile(
    r"\b(?:is|are)\s+exempt(?:\s+information)?\s+if\b|\b(?:is|are|may\s+be)\s+(?:"
    r"manifestly\s+unreasonable|vexatious|excepted|exempt)\s+(?:where|when|if)\b|\bexempts?\s+information\s+(?:which|"
    r"that|if|where)\b|\bpresumption\s+in\s+favour\s+of\s+disclosure\b|\bthe\s+(?:FOI\s+)?Act\s+"
    r"(?:provides|contains|allows|sets\s+out|obliges|permits)\b|\b(?:is|are)\s+(?:a\s+)?"
    r"(?:qualified|absolute|class[- ]based|prejudice[- ]based)\s+(?:exemptions?|exceptions?|"
    r"provisions?)\b|\bsubject\s+to\s+(?:the|a|what\s+is\s+known\s+as\s+the)\s+\W?public\s+"
    r"interest\s+test\b|\brelates?\s+to\s+"
    r"(?:the\s+)?(?:formation|commercial|law\s+enforcement|information\s+provided|"
    r"prejudice)\b[^.]{0,60}$|\bsection\s+\d+\w*(?:\(\w+\))*\s+of\s+the\s+[^.]{0,60}"
    r"\b(?:requires|provides|states|says)\b|\bsubsections?\s*\(\d|^\W*s\.?\s?\d+[A-Z]?\s?\(\d+\)"
    r"\s+[A-Z]|\bthis\s+(?:Act|section)\b[^.]{0,80}(?:[,;]|\b(?:and|or))\s*$|,\s+(?:and|or)\s*$|"
    r"\bin\s+all\s+the\s+circumstances\b|\breferred\s+to\s+in\s+(?:paragraph|subsection)\b|"
    r"\b(?:must|will|need\s+to)\s+consider\s+whether\s+the\s+public\s+interest\b|"
    # the test itself: "which applies where ...", "can only be engaged if ..."
    r"\b(?:which|that|it|this)\s+(?:only\s+)?applies\s+(?:only\s+)?(?:where|if|when|to\s+"
    r"information)\b|\b(?:can|may|will)\s+(?:only\s+)?be\s+(?:engaged|applied|relied\s+(?:up)?on|"
    r"used|claimed)\s+(?:only\s+)?(?:if|where|when)\b|"
    # a limb of quoted law: "(a) the information is held ...", "... at some future date,"
    r"^\W*\(?(?:[a-h]|i{1,3}|iv|v|vi{1,3})\)\s+[a-z]|,\s*$|"
    # what a tribunal, court or guidance said: the law, not this case
    r"\b(?:tribunal|court|commissioner|guidance|case\s+law)\b[^.]{0,80}\b(?:said|says|commented|"
    r"held|found|defined|defines|states|stated|confirmed|describes?|explains?)\b|\bdefined\s+as\b",
    _FLAGS)
# A definition of the exemption's own terms: "commercial interest relating to an
# organisation's commercial activity, which may include ...", "personal data means ...".
_DEFINITION = re.compile(
    r"^\W*(?:an?\s+|the\s+)?(?:[\w']+\s+){0,4}?(?:interests?|information|data|privilege|"
    r"advice|secrets?|prejudice|activity|activities|confidence|health|safety|security|"
    r"enforcement|affairs|relations|communications?)\s*(?:[-–—:,]\s*(?:[\w']+\s+){0,4})?"
    r"(?:relat(?:es|ing)\s+to|means|is\s+defined\s+as|refers?\s+to|covers|can\s+include|"
    r"may\s+include|includes)\b", _FLAGS)
_LAW_TEXT = """
about above absolute accessible accordance act acts administration advice affairs also
amount another apply applies applied applying apprehension audit authority authorities
balance based because being believe both cannot case certain circumstances class
commercial commissioner communications completion concerning conduct confidence
confidential confidentiality confirm considered consider considers constitute constitutes
contained contains course crime data defence deliberation deny described description
detection development disclose disclosed disclosing disclosure documents duty economic
economy effective either engaged environment environmental exception exceptions exchange
exempt exemption exemptions favour fall falls following formulation frank free freedom
from further future government have health held hold however industrial information
inhibit intellectual interest interests international into justice kind legal likely made
maintaining manifestly material matters may might must national offenders other otherwise
outweighs particular parties party person personal persons policy prejudice prevention
privilege privileged professional property prosecution provided provides provision public
publication purpose purposes qualified reasonably reasons regulation regulations relate
related relates relating relation release released relevant request requested requests
response safeguarding safety section sections security some specified subject substantial
substantially such test that their there therefore these third this those under
unfinished unreasonable upon views which whose will with withheld withhold withholding
within would your
able accepted aim apologise apologies asked attached below business clear complete
concluded conclusion date dated days dealing dealt decided decision department email
enclosed ensure full fully handled hope january february march april june july august
september october november december monday tuesday wednesday thursday friday included
including letter note please receipt received reference regarding respond responding
form part parts scope sensitive sincerely thank thanks time unable unfortunately wish working write
writing yours foia eirs foisa dpa gdpr statutory access right rights obliged oblige supply
refusal notice serves
adverse adversely affect affected affects ability company companies damage damaged
detriment detrimental effect harm harmful impact individual individuals negative
negatively organisation organisations organization organizations outweigh outweighed
position significant significantly someone anyone people"""
LAW_WORDS = frozenset(_LAW_TEXT.split())
"""Words of the law and of letters in general: a reason made only of these says nothing."""

WORD = re.compile(r"[a-z]{4,}")
"""A word as the judge counts words (titles of provisions are split the same way)."""
_LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>]*[^\s<>.,;:)\]'\"]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
                   _FLAGS)
_FIGURE = re.compile(r"(?<![(\w])\d[\d,.:/]*(?:st|nd|rd|th)?(?![\w)])")
# numbers that are citations, not facts of the case: "section 43", "s.43(2)", "reg 12"
_CITATION = re.compile(
    r"\b(?:sections?|s\.?|regulations?|regs?\.?|paragraphs?|para\.?|schedule|articles?|"
    r"parts?|chapter|subsections?|questions?|items?|q)\s*\d+[A-Z]?(?:\(\w+\))*(?:\s*(?:,|and|or|to)\s*\d+[A-Z]?"
    r"(?:\(\w+\))*)*|\b(?:Act|Regulations?)\s+\d{4}\b", _FLAGS)
_NAME = re.compile(r"\b[A-Z][A-Za-z]+")
_PROPER = re.compile(r"(?<=[a-z,;] )[A-Z][A-Za-z]{2,}|\b[A-Z]{2,}\b")
CASE_WORDS = 3
"""Words beyond the law's own that a sentence with the wording of reasons must have."""
CASE_WORDS_PLAIN = 5
"""... and a plain statement of fact about the information, which has no such wording."""
CLAUSE_WORDS = 2
"""... and the causal clause of a sentence ("because it would show offenders which tools");
one more before the citation, where the request may be quoted."""

# Sentences about the handling of the request, not about the information.
_LETTER = re.compile(
    r"^\W*(?:(?:in\s+)?(?:your\s+\w+\s+)?you\s+(?:asked|requested|wrote))\b|"
    r"\b(?:your\s+(?:request|e-?mail|letter|correspondence|"
    r"enquiry|inquiry)\s+(?:of|dated|for|about|regarding|asking|made|received)|I\s+(?:wish|"
    r"would\s+like)|thank[\s-]+you|(?:we|I)\s+(?:am|are)\s+(?:sorry|writing)|apologi[sz]e|"
    r"our\s+aim\s+is|our\s+(?:last|previous|earlier)\s+(?:letter|e-?mail|response)|"
    r"considerations?\s+(?:of|into)\s+your\s+request|in\s+(?:that|my|our)\s+(?:letter|e-?mail|response)|"
    r"(?:this|my|our)\s+(?:letter|response|"
    r"e-?mail)\s+(?:is|of|dated)|(?:of|in|at\s+the\s+end\s+of)\s+this\s+letter|I\s+"
    r"(?:appreciate|understand)|reach(?:ed|ing)?\s+(?:a|our|the|its)\s+decision|(?:I|we)\s+"
    r"(?:said|wrote)|working\s+days|your\s+request\s+(?:has|was)\s+been\s+(?:considered|"
    r"handled|dealt)|(?:is|are|has\s+been|have\s+been)\s+(?:attached|enclosed)|please\s+find|"
    r"can\s+be\s+(?:viewed|found|accessed)|(?:I|we)\s+refer\s+to|before\s+I\s+explain|"
    r"it\s+(?:would|may|might)\s+be\s+helpful|I\s+thought)\b",
    _FLAGS)
# The request in the requester's words ("Would you be able to provide ...", "How many ..."),
# quoted without quotation marks.
_REQUEST = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:(?:would|could|can|will)\s+you|please\s+(?:provide|send|supply|tell|"
    r"confirm|disclose|give|list|state)|how\s+(?:many|much|often|long)|what\s+(?:is|are|was|"
    r"were|has|have)|do\s+you|does\s+the|have\s+you|has\s+the|is\s+there|are\s+there|I\s+"
    r"(?:would\s+like|request|am\s+requesting))\b", _FLAGS)
# A summary that points forward to the reasons is not itself a reason.
_POINTER = re.compile(
    r"\b(?:explained|set\s+out|described|given)\s+below\b|\b(?:because|as|since)\s+(?:it|this|"
    r"they|the\s+information)\s+(?:is|are)\s+exempt\b", _FLAGS)
# The public interest test: its factors and its balance (s17(3)), not s17(1)(c) reasons.
_PUBLIC_INTEREST = re.compile(
    r"^\W*(?:[\w']+\s+){0,3}?(?:factors?|arguments?|considerations?)\b[^.]{0,40}\b(?:for|in\s+"
    r"favou?r|against|favou?ring|supporting)\b|\bpublic\s+interest\s+(?:in\b|test|lies|favou?rs|"
    r"is\s+best|considerations|factors|arguments|balance)|\boutweigh|\bon\s+balance\b|"
    r"\bbalanc(?:e|ing)\s+(?:of\s+|the\s+)?(?:the\s+)?public\s+interest|"
    # the factors for disclosure, however worded
    r"\b(?:enable|allow|help)\s+the\s+(?:general\s+)?public\b|\bhold\s+(?:\w+\s+){1,3}to\s+"
    r"account\b|\btransparen|\baccountab|\bpublic\s+(?:confidence|debate|understanding|"
    r"awareness)\b|^\W*(?:for|against)\s+(?:the\s+)?(?:disclosure|release|withholding|"
    r"maintaining|non-?disclosure|confirming)\b|\bmatter\s+of\s+(?:real\s+|genuine\s+|legitimate\s+)?"
    r"(?:local\s+|public\s+|national\s+)?(?:concern|interest)\b", _FLAGS)
# Where a sentence joins two statements: "we intend to publish it on 5 May, and the public
# interest ..." is judged clause by clause.
_CLAUSE_BREAK = re.compile(
    r";\s*|,?\s+and\s+(?=(?:it|we|this|that|these|there|our|I)\s)|,\s+(?=(?:but|although|whereas|"
    r"while|however)\b)|\s+(?=however\b)", _FLAGS)
# What states a conclusion rather than a reason: a citation or the verdict itself.
_CONCLUSION = re.compile(
    r"\b(?:sections?|s\.|regulations?|reg\.?)\s*\d|\bexempt(?:ion|ions)?\b|\bexceptions?\b|"
    r"\b(?:withh[eo]ld(?:ing)?|refus(?:e|ed|ing))\b[^.]{0,80}\b(?:under|in\s+accordance)\b",
    _FLAGS)
# Wording that introduces reasons: a causal clause ...
_CAUSE = re.compile(
    r"\b(?:because|since\s+(?=(?:it|this|they|these|disclosure|release|we)\s)|given\s+that|in\s+that|so\s+that|due\s+to|owing\s+to|which\s+means|"
    r"this\s+means|means\s+that|otherwise|consequently|as\s+(?:a\s+result|it|this|they|these|"
    r"the|such|its|their|there|we|our|disclosure|release|releasing|disclosing))\b", _FLAGS)
# ... what disclosure would do ("would allow", "could be used"), or what the information is.
_EFFECT = re.compile(
    r"(?<!\bwe\s)(?<!\bI\s)(?<!\byou\s)\b(?:would|could|might|will)(?:\s+(?:also|not|only|then|still|thereby|in\s+turn|"
    r"be\s+likely\s+to|,?\s*or\s+would\s+be\s+likely\s+to,?))*\s+(?!include|cover|mean|refer|"
    r"relate|apply|be\s+exempt|be\s+withheld|be\s+found|be\s+viewed|be\s+accessed|be\s+seen)\w+|"
    r"\b(?:contains?|contained|includes|included|shows?|reveals?|records|describes?|details|"
    r"sets\s+out|consists?\s+of|comprises?|concerns?|identif(?:y|ies)|(?:was|were|is|are|been)"
    r"\s+(?:provided|obtained|supplied|given|prepared|created|written|sent|received|"
    r"commissioned|produced|collected))\b(?!\s+(?:within|under|in\s+(?:section|regulation)))",
    _FLAGS)
# s36 (FOISA s30) is engaged by the reasonable opinion of the qualified person: saying who
# gave it, and when, says why it applies in this case.
_QP_OPINION = re.compile(r"\bqualified\s+person\b[^.]{0,120}\b(?:opinion|view|considered|"
                         r"concluded|decided|agreed)\b", _FLAGS)
# ... an opinion not given yet is no reason
_NOT_YET = re.compile(r"\b(?:not|no|yet|awaiting|await|will|when|once|until|before)\b", _FLAGS)
# What the authority did with the request (searched, located, received): not what the
# information is. Only a plain statement is read this way; "we consulted the company, which
# told us that disclosure would ..." still gives the reason in its causal clause.
_HANDLING = re.compile(
    r"\b(?:we|I|(?:the|our)\s+(?:\w+\s+){0,2}(?:team|unit|department|service|office))\s+(?:have\s+|has\s+|had\s+)?"
    r"(?:now\s+)?(?:received|searched|located|identified|found|retrieved|checked|contacted|"
    r"consulted|asked|reviewed|read|looked|logged|acknowledged)\b|\breceived\s+(?:your|the)\s+"
    r"request\b|\b(?:a|our|the|thorough)\s+search(?:es)?\s+(?:of|for|was|were|has|have)\b", _FLAGS)
_MODAL = re.compile(
    r"\b(?:would|could|might)\b(?:,?\s+(?:also|not|only|then|still|thereby|in\s+turn|be\s+likely"
    r"\s+to|or\s+would\s+be\s+likely\s+to|be\s+able\s+to),?)*\s+(\w+)", _FLAGS)
# Verbs that restate the harm the law names rather than say how it would come about.
_HARM_VERBS = frozenset(["be", "have", "cause", "result", "lead", "pose", "create", "constitute",
                         "represent"])
# A quotation (the request, the statute, guidance): someone else's words, not reasons.
QUOTED = re.compile(r"^\W{0,3}[\"“‘']")
# "Section 40(2) (personal information): the report ..." -- the label before the reasons
_LABEL = re.compile(r"^[^:.]{0,120}\d[^:.]{0,80}:\s+(?=\S)")
# What anchors a sentence to this case: who speaks or is spoken to, a demonstrative, the
# disclosure itself, a figure or a name.
_ANCHOR = re.compile(
    r"\b(?:we|our|us|I|you|your|it|its|they|them|their|he|she|his|her|this|these|those|such|"
    r"disclos\w*|releas\w*|publish\w*|confirm\w*)\b|\d|\bthe\s+(?:report|review|document|"
    r"contract|schedule|minutes|e-?mails?|letters?|files?|records?|information|data|figures|"
    r"submissions?|briefing|assessment|register|plan|notes?|prices|rates)\b", _FLAGS)


def _stem(word: str) -> str:
    """A rough stem, enough to match "commercially" to "commercial", "falling" to "fall"."""
    for suffix in ("ally", "ly", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)]
            return stem + ("al" if suffix == "ally" else "")
    return word


def _is_law(word: str, law_words: frozenset[str]) -> bool:
    stem = _stem(word)
    return any(w in LAW_WORDS or w in law_words for w in (word, stem, stem + "e"))


def case_words(text: str, law_words: frozenset[str] = frozenset()) -> set[str]:
    """The words, figures and names of ``text`` beyond the words of the law and of letters."""
    plain = _CITATION.sub(" ", _mask(text))
    words = {w for w in WORD.findall(plain.lower()) if not _is_law(w, law_words)}
    words |= {f"#{n}" for n in _FIGURE.findall(plain)}
    words |= {f"@{p.lower()}" for p in _PROPER.findall(plain)
              if p.lower() not in words and not _is_law(p.lower(), law_words)}
    return words


def _how_words(clause: str, law_words: frozenset[str]) -> set[str]:
    """The case words of ``clause``; only those after the verb where it is the law's harm.

    After "would prejudice", "would harm", "would have an adverse effect on" come whose
    interests suffer: names ("Greenway Ltd and Northfield Council") say whose, not how
    (ICO, the prejudice test), so there only the other words count.
    """
    m = _MODAL.search(clause)
    if m is None:
        return case_words(clause, law_words)
    verb = m.group(1).lower()
    if verb not in _HARM_VERBS and not _is_law(verb, law_words):
        return case_words(clause, law_words)
    after = clause[m.end():]
    names = {w.lower() for w in _NAME.findall(after)}
    return {w for w in case_words(after, law_words)
            if not w.startswith("@") and w not in names}


def is_title(text: str, longest: int = 160) -> bool:
    """A heading ("Section 38(1)(b): Personal information of others"): a title, not reasons."""
    t = text.strip()
    return len(t) <= longest and not t.endswith((".", "!", "?", ";", ":", ","))


def _mask(text: str) -> str:
    """``text`` with each web address and e-mail address made one neutral word, same length.

    A link is a pointer to this case's information (s21), not words to read: "transparency"
    in a URL is not a public interest factor.
    """
    return _LINK.sub(lambda m: "x" * len(m.group()), text)


@lru_cache(maxsize=8192)
def not_reasons(sentence: str) -> bool:
    """True for a sentence that cannot be reasons, whatever its words: law, PI, letter."""
    sentence = _mask(sentence)
    return sentence.rstrip().endswith("?") or any(
        p.search(sentence) for p in (_LAW_ONLY, _DEFINITION, _LETTER, _POINTER, _PUBLIC_INTEREST,
                                     _REQUEST))


def clauses(sentence: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each clause of ``sentence`` (see :data:`_CLAUSE_BREAK`)."""
    out, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(sentence):
        out.append((start, len(sentence)))
    return out


@lru_cache(maxsize=8192)  # a letter's sentences are judged for each provision; letters share
def reason_in(sentence: str, law_words: frozenset[str] = frozenset(), *,
              lead: bool = False, prejudice: bool = False) -> tuple[int, int] | None:
    """Where ``sentence`` gives this case's reasons (a span within it), or None.

    ``lead``: the sentence comes before the provision is cited, where a letter may quote the
    request or thank the requester; only a causal clause or the effect of disclosure counts.
    ``prejudice``: the provision is prejudice-based, so its reasons say what disclosure would
    do (ICO, "The prejudice test"): a description of the information alone is not enough,
    as it can be for a class-based one (legal advice, court records, personal data).
    """
    sentence = _mask(sentence)
    label = _LABEL.match(sentence)
    skip = label.end() if label is not None else 0
    if QUOTED.match(sentence, skip) or sentence.rstrip().endswith("?"):
        return None
    for c_start, c_end in clauses(sentence[skip:]):
        found = _clause_reason(sentence[skip + c_start:skip + c_end], law_words, lead,
                               prejudice)
        if found is not None:
            return skip + c_start + found[0], skip + c_start + found[1]
    return None


def _clause_reason(body: str, law_words: frozenset[str], lead: bool,
                   prejudice: bool) -> tuple[int, int] | None:
    if not_reasons(body):
        return None
    conclusion = _CONCLUSION.search(body) is not None
    for m in _CAUSE.finditer(body):  # "because it would show offenders which tools ..."
        clause = body[m.start():]
        if len(_how_words(clause, law_words)) >= CLAUSE_WORDS + lead:
            return m.start(), m.end()
    if not conclusion:
        # what disclosure would do: the whole clause, its subject too ("Floor plans showing
        # the exits ... are what someone planning an escape would need")
        for m in _MODAL.finditer(body):
            verb = m.group(1).lower()
            how = verb not in _HARM_VERBS and not _is_law(verb, law_words)
            # "would prejudice the commercial interests of X Ltd" says whose, not how
            words = case_words(body, law_words) if how else \
                _how_words(body[m.start():], law_words)
            if len(words) >= CASE_WORDS:
                return m.start(), m.end()
        # what the information is: enough for a class-based provision, not before the citation
        effect = None if lead or prejudice else _EFFECT.search(body)
        if effect is not None and _ANCHOR.search(body) and \
                len(case_words(body[effect.start():], law_words)) >= CASE_WORDS:
            return effect.start(), effect.end()
    opinion = _QP_OPINION.search(body)
    if opinion is not None and not _NOT_YET.search(body) and \
            len(case_words(body, law_words)) >= CASE_WORDS:
        return opinion.start(), opinion.end()
    if lead or conclusion or prejudice:  # "the contract with X Ltd is exempt under s43"
        return None
    anchor = _ANCHOR.search(body)
    if anchor is not None and not _HANDLING.search(body) and \
            len(case_words(body, law_words)) >= CASE_WORDS_PLAIN:
        return anchor.start(), anchor.end()
    return None


def clause_at(sentence: str, offset: int) -> str:
    """The clause of ``sentence`` that holds ``offset``."""
    for start, end in clauses(sentence):
        if start <= offset <= end:
            return sentence[start:end]
    return sentence
