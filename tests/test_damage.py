"""Damage one element of one exemption; the checker must name exactly that, in every format.

Each example case is drafted, then damaged in one way at a time, written as Markdown, DOCX
and plain text and checked. The damage is what a hurried officer does: deletes the
Commissioner paragraph (with or without another mention of the Commissioner left behind),
the review paragraph, one exemption's reasons, one qualified exemption's public interest
test, the likelihood words, or adds a bare "we also rely on section 31(1)(a)". The checker
must report the element that was damaged, for the exemption that was damaged, and nothing
else (issue #11; FOIA s17(1)(c), s17(3), s17(7); ICO guidance on the prejudice test).

The complete real letters in tests/corpus/real get the same treatment for the rights
paragraphs they have.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from drafter.check import Checker, CheckResult
from drafter.check.ruleset import load_rules
from drafter.document import Block, Heading, Lines, ListBlock, Notice, Paragraph, Quote, Text
from drafter.draft.pipeline import render_case
from drafter.law.citations import prose
from drafter.library.load import Library, load_library
from drafter.library.templating import make_environment
from drafter.read import read_document
from drafter.render.docx import render_docx
from drafter.render.markdown import render_markdown
from tests.conftest import EXAMPLES

CASES = sorted(EXAMPLES.glob("*.yaml"))
CHECKER = Checker(load_rules(), load_library())
TODAY = dt.date(2026, 1, 1)
REAL = Path(__file__).parent / "corpus" / "real"
FORMATS = ("md", "docx", "txt")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def notices(library: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Notice]:
    out = {}
    for case in CASES:
        folder = tmp_path_factory.mktemp(case.stem)
        out[case.stem] = render_case(case, lib=library, env=make_environment(),
                                     out_dir=folder, today=TODAY).notice
    return out


# ------------------------------------------------------------------------- writing formats

def _text(block: Block) -> str:
    if isinstance(block, Heading | Paragraph):
        return "".join(i.text for i in block.content)
    if isinstance(block, Lines):
        return "\n".join(block.lines)
    if isinstance(block, ListBlock):
        return "\n".join("- " + "".join(i.text for i in item) for item in block.items)
    if isinstance(block, Quote):
        return "\n".join("    " + line for line in block.text.splitlines())
    return ""


def _plain(notice: Notice) -> str:
    """The letter as a plain-text e-mail: one paragraph per line, blank lines between."""
    parts = [_text(b) for b in (*notice.header, *notice.blocks, *notice.footer)]
    return "\n\n".join(p for p in parts if p.strip()) + "\n"


def _check_all(notice: Notice, folder: Path) -> dict[str, CheckResult]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "letter.md").write_text(render_markdown(notice), encoding="utf-8")
    (folder / "letter.docx").write_bytes(render_docx(notice))
    (folder / "letter.txt").write_text(_plain(notice), encoding="utf-8")
    return {fmt: CHECKER.check(read_document(folder / f"letter.{fmt}"), file=f"letter.{fmt}")
            for fmt in FORMATS}


def _reported(result: CheckResult) -> set[tuple[str, str]]:
    """(finding id, provision it names or '') for every error and warning."""
    cites = [prose(p.cite) for p in result.provisions]
    out = set()
    for f in result.findings:
        if f.level == "suggestion":
            continue
        named = [c for c in cites if c in f.message]
        out.add((f.id, named[0] if len(named) == 1 else ""))
    return out


def _summary(r: CheckResult) -> str:
    return "; ".join([f"{k}={v.status}" for k, v in r.elements.items()]
                     + [f"{f.id}: {f.message}" for f in r.findings])


# ------------------------------------------------------------------------- damage

_EXEMPTION_HEADING = re.compile(r"^(?:Section|Regulation)s?\s+\d")
_PI_START = "The public interest test"
_PI_END = "Balance of the public interest"


@dataclasses.dataclass
class Section:
    """One exemption's headed section of a drafted letter (block indices)."""

    cite: str
    start: int
    end: int
    pi: tuple[int, int] | None


def _sections(notice: Notice, result: CheckResult) -> Iterator[Section]:
    blocks = list(notice.blocks)
    for i, b in enumerate(blocks):
        if not (isinstance(b, Heading) and _EXEMPTION_HEADING.match(_text(b))):
            continue
        level = b.level
        end = next((j for j, other in enumerate(blocks) if j > i
                    and isinstance(other, Heading) and other.level <= level), len(blocks))
        heading = _text(b)
        cite = next((p.cite for p in result.provisions
                     if heading.startswith(f"{prose(p.cite).capitalize()}:")
                     or heading.startswith(f"{prose(p.cite).capitalize()} ")), None)
        if cite is None:
            continue
        pi = None
        starts = [j for j in range(i, end) if _text(blocks[j]).strip() == _PI_START]
        if starts:
            last = next(j for j in range(starts[0], end) if _text(blocks[j]).startswith(_PI_END))
            pi = (starts[0], last + 1)
        yield Section(cite, i, end, pi)


def _replace(notice: Notice, start: int, end: int, new: tuple[Block, ...]) -> Notice:
    blocks = list(notice.blocks)
    return dataclasses.replace(notice, blocks=tuple(blocks[:start]) + new + tuple(blocks[end:]))


def _para(text: str) -> Paragraph:
    return Paragraph(content=(Text(text),))


_REVIEW_HEADING = re.compile(r"Your right to (?:ask for a review|require a review|ask us to "
                             r"reconsider)")
_COMMISSIONER_HEADING = re.compile(r"Your right to (?:complain|apply) to the (?:Scottish )?"
                                   r"Information Commissioner")


def _heading_index(notice: Notice, heading: re.Pattern[str]) -> int:
    return next(i for i, b in enumerate(notice.blocks)
                if isinstance(b, Heading) and heading.match(_text(b)))


def _rights_end(notice: Notice, start: int) -> int:
    blocks = notice.blocks
    return next((j for j in range(start + 1, len(blocks)) if _ends_rights(blocks[j])),
                len(blocks))


def _ends_rights(b: Block) -> bool:
    return (isinstance(b, Heading) and b.level <= 2) or _text(b).startswith("Yours")


Variants = list[tuple[str, Notice, set[tuple[str, str]]]]
Damage = Callable[[Notice, CheckResult], Variants]


def _no_commissioner(notice: Notice, _: CheckResult) -> Variants:
    i = _heading_index(notice, _COMMISSIONER_HEADING)
    cut = _replace(notice, i, _rights_end(notice, i), ())
    # a mention of the Commissioner that is not the s50 right is left behind
    leftover = _replace(cut, 3, 3, (_para(
        "We have followed the Information Commissioner's guidance on the prejudice test and "
        "the approach in Department for Business and Trade v Information Commissioner "
        "[2025] UKSC 27."),))
    want = {("ico_right", "")}
    return [("Commissioner paragraph", cut, want),
            ("Commissioner paragraph, other mentions left", leftover, want)]


def _no_review(notice: Notice, _: CheckResult) -> Variants:
    i = _heading_index(notice, _REVIEW_HEADING)
    return [("review paragraph", _replace(notice, i, _rights_end(notice, i), ()),
             {("internal_review", "")})]


def _per_exemption(notice: Notice, result: CheckResult) -> Variants:
    out = []
    facts = {p.cite: p for p in result.provisions}
    for s in _sections(notice, result):
        p = facts[s.cite]
        label = prose(s.cite)
        reasons_end = s.pi[0] if s.pi else s.end
        body = list(notice.blocks[s.start + 1:reasons_end])
        absolute = [b for b in body if "absolute exemption" in _text(b)]
        if p.kind != "procedural" and s.cite != "s21(1)":
            want = {("explains_why", label)}
            if p.prejudice:
                want.add(("no-likelihood", label))
            bare = (_para(f"We rely on {label}."), *absolute)
            out.append((f"reasons of {label}",
                        _replace(notice, s.start + 1, reasons_end, bare), want))
        if s.pi is not None:
            out.append((f"public interest test of {label}",
                        _replace(notice, s.pi[0], s.pi[1], ()),
                        {("public_interest_reasons", label)}))
        if p.prejudice:
            weak = tuple(_weaken(b) for b in notice.blocks[s.start + 1:reasons_end])
            out.append((f"likelihood words of {label}",
                        _replace(notice, s.start + 1, reasons_end, weak),
                        {("no-likelihood", label)}))
    return out


_WOULD = re.compile(r"\bwould(?:,? or would be likely to,?| be likely to)?\b")


def _weaken(block: Block) -> Block:
    def inline(content: tuple[Text, ...]) -> tuple[Text, ...]:
        return tuple(dataclasses.replace(i, text=_WOULD.sub("could", i.text)) for i in content)

    if isinstance(block, Heading | Paragraph):
        return dataclasses.replace(block, content=inline(block.content))  # type: ignore[arg-type]
    if isinstance(block, ListBlock):
        return dataclasses.replace(block, items=tuple(inline(i) for i in block.items))  # type: ignore[arg-type]
    return block


def _bare_extra(notice: Notice, result: CheckResult) -> Variants:
    """The trial's case: "We also rely on section 31(1)(a)." beside a fully argued exemption."""
    if result.regime != "foia" or any(p.cite.startswith("s31") for p in result.provisions) \
            or not any(
            p.absolute is False and p.kind != "procedural" for p in result.provisions):
        return []
    last = max(s.end for s in _sections(notice, result))
    label = prose("s31(1)(a)")
    return [("bare s31(1)(a) added", _replace(notice, last, last, (_para(
        "We also rely on section 31(1)(a)."),)),
        {("explains_why", label), ("no-likelihood", label)}
        | ({("public_interest_reasons", label)}
           if result.elements["public_interest_reasons"].status != "not_applicable" else set()))]


DAMAGES: dict[str, Damage] = {"commissioner": _no_commissioner, "review": _no_review,
                              "exemption": _per_exemption, "bare": _bare_extra}


@pytest.mark.parametrize("damage", list(DAMAGES))
@pytest.mark.parametrize("stem", [c.stem for c in CASES])
def test_damage_is_reported_exactly(stem: str, damage: str, notices: dict[str, Notice],
                                    tmp_path: Path) -> None:
    notice = notices[stem]
    whole = _check_all(notice, tmp_path / "whole")
    for fmt, result in whole.items():
        assert result.findings == [], f"{fmt}: {_summary(result)}"
    variants = DAMAGES[damage](notice, whole["md"])
    if not variants:
        pytest.skip(f"{damage} does not apply to {stem}")
    for n, (name, damaged, want) in enumerate(variants):
        for fmt, result in _check_all(damaged, tmp_path / f"d{n}").items():
            assert _reported(result) == want, f"{stem}, {name}, {fmt}: {_summary(result)}"
            assert not result.ok or all(i == "no-likelihood" for i, _ in want), (name, fmt)


def test_every_kind_of_damage_is_exercised(notices: dict[str, Notice], tmp_path: Path) -> None:
    names: set[str] = set()
    for stem, notice in notices.items():
        result = _check_all(notice, tmp_path / stem)["md"]
        for damage in DAMAGES.values():
            names |= {re.sub(r" of .*", "", name) for name, _, _ in damage(notice, result)}
    assert names >= {"Commissioner paragraph", "Commissioner paragraph, other mentions left",
                     "review paragraph", "reasons", "public interest test",
                     "likelihood words", "bare s31(1)(a) added"}, names


# ------------------------------------------------------------------------- real letters

def _complete_real() -> list[str]:
    out = []
    for path in sorted(REAL.glob("[0-9][0-9][0-9].yaml")):
        labels = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not labels["truncated"]:
            out.append(path.stem)
    return out


_RIGHTS = {"ico_right": re.compile(r"(?i)Information\s+Commissioner|\bICO\b|section\s+50"),
           "internal_review": re.compile(r"(?i)internal\s+review|complain")}


@pytest.mark.parametrize("letter", _complete_real())
def test_real_letter_without_its_rights_paragraphs(letter: str, tmp_path: Path) -> None:
    text = (REAL / f"{letter}.txt").read_text(encoding="utf-8")
    regime = str(yaml.safe_load((REAL / f"{letter}.yaml").read_text(encoding="utf-8"))
                 ["regime"]).lower()
    path = tmp_path / "whole.txt"
    path.write_text(text, encoding="utf-8")
    before = CHECKER.check(read_document(path), regime=regime)
    tried = 0
    for element, mentions in _RIGHTS.items():
        if before.elements[element].status != "present":
            continue
        tried += 1
        lines = text.splitlines()
        first = next(i for i, line in enumerate(lines) if mentions.search(line))
        end = next((i for i in range(first, len(lines)) if lines[i].startswith("Yours")),
                   len(lines))
        if element == "internal_review":  # stop where the Commissioner paragraph begins
            end = next((i for i in range(first + 1, end)
                        if _RIGHTS["ico_right"].search(lines[i])
                        or lines[i].startswith("If ")), end)
        cut = tmp_path / f"no-{element}.txt"
        cut.write_text("\n".join(lines[:first] + lines[end:]) + "\n", encoding="utf-8")
        after = CHECKER.check(read_document(cut), regime=regime)
        changed = {k for k, v in after.elements.items()
                   if v.status != before.elements[k].status}
        assert changed == {element}, _summary(after)
        assert after.elements[element].status == "missing"
    if not tried:
        pytest.skip(f"{letter} has no rights paragraphs to cut")
