"""What ``drafter render`` writes, ``drafter check`` passes; damage it and check names the damage.

Each example case is drafted, written to DOCX and Markdown, and read back by the checker's own
readers. Every letter must pass with no finding at all. Then one required element at a time is
cut out of the letter (the review paragraph, the Commissioner paragraph, the public interest
section, the subsection numbers): the check must then fail on exactly that element and nothing
else, in both formats.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.check import Checker, CheckResult
from drafter.check.ruleset import ELEMENTS, load_rules
from drafter.document import Block, Heading, Lines, Link, ListBlock, Notice, Paragraph, Text
from drafter.draft.pipeline import Rendered, render_case
from drafter.library.load import Library, load_library
from drafter.library.templating import make_environment
from drafter.read import read_document
from drafter.render.docx import render_docx
from drafter.render.markdown import render_markdown
from tests.conftest import EXAMPLES

CASES = sorted(EXAMPLES.glob("*.yaml"))
CHECKER = Checker(load_rules(), load_library())
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def _render(case: Path, lib: Library, out: Path) -> Rendered:
    return render_case(case, lib=lib, env=make_environment(), out_dir=out, today=TODAY)


def _write_and_check(notice: Notice, folder: Path) -> dict[str, CheckResult]:
    """Write the notice in both formats with our renderers and check each file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "letter.md").write_text(render_markdown(notice), encoding="utf-8")
    (folder / "letter.docx").write_bytes(render_docx(notice))
    return {fmt: CHECKER.check(read_document(folder / f"letter.{fmt}"), file=f"letter.{fmt}")
            for fmt in ("md", "docx")}


def _text(block: Block) -> str:
    if isinstance(block, Heading | Paragraph):
        return "".join(i.text for i in block.content)
    if isinstance(block, Lines):
        return "\n".join(block.lines)
    return ""


def _cut(notice: Notice, start: Callable[[Block], bool],
         stop: Callable[[Block], bool]) -> Notice:
    """Drop the blocks from the first that matches ``start`` up to (not including) ``stop``."""
    blocks = list(notice.blocks)
    first = next(i for i, b in enumerate(blocks) if start(b))
    end = next((i for i in range(first + 1, len(blocks)) if stop(blocks[i])), len(blocks))
    return dataclasses.replace(notice, blocks=tuple(blocks[:first] + blocks[end:]))


def _heading(words: str) -> Callable[[Block], bool]:
    return lambda b: isinstance(b, Heading) and words in _text(b)


def _next_heading(b: Block) -> bool:
    return isinstance(b, Heading) and b.level <= 2


def _sign_off(b: Block) -> bool:
    return _next_heading(b) or (isinstance(b, Paragraph) and _text(b).startswith("Yours"))


def _any_heading(*words: str) -> Callable[[Block], bool]:
    return lambda b: any(_heading(w)(b) for w in words)


def _without_review(n: Notice) -> Notice:
    # FOIA internal review; EIR reg 11 representations; FOISA s20 requirement for review.
    return _cut(n, _any_heading("ask for a review", "ask us to reconsider", "require a review"),
                _next_heading)


def _without_commissioner(n: Notice) -> Notice:
    return _cut(n, _any_heading("complain to the Information Commissioner",
                                "apply to the Scottish Information Commissioner"), _sign_off)


def _without_public_interest(n: Notice) -> Notice:
    """Every public interest section: its heading, the factors and the balance."""
    def starts(b: Block) -> bool:
        return isinstance(b, Paragraph | Heading) and _text(b).strip() == "The public interest test"

    def ends_after(b: Block) -> bool:
        return isinstance(b, Paragraph) and _text(b).startswith("Balance of the public interest")

    while any(starts(b) for b in n.blocks):
        blocks = list(n.blocks)
        first = next(i for i, b in enumerate(blocks) if starts(b))
        last = next(i for i in range(first, len(blocks)) if ends_after(blocks[i]))
        n = dataclasses.replace(n, blocks=tuple(blocks[:first] + blocks[last + 1:]))
    return n


# "section 43(2)" -> "section 43", "s40(3A)(a)" -> "s40": every subsection and limb of a Part II
# exemption removed (procedural sections such as s10(3) and s2(2)(b) are left alone).
_SUBSECTIONS = re.compile(r"(?i)\b(sections?\s+|s\.?\s?)(2[1-9]|3\d|4[0-4])((?:\(\w{1,4}\))+)")
# Citable without a subsection: s12 and s14 (s17(5) asks only for the fact) and s21, whose
# only operative subsection is s21(1).
NO_SUBSECTION_NEEDED = {"s12(1)", "s14(1)", "s21(1)"}


# EIR: "regulation 12(5)(e)" -> "regulation 12" (reg 6(1)(b), 12(4), 12(5), 13).
_REG_PARAGRAPHS = re.compile(r"(?i)\b(regulations?\s+|reg\.?\s?)(6|12|13)((?:\(\w{1,4}\))+)")


def _strip(text: str) -> str:
    text = _SUBSECTIONS.sub(lambda m: m.group(1) + m.group(2), text)
    return _REG_PARAGRAPHS.sub(lambda m: m.group(1) + m.group(2), text)


def _without_subsections(n: Notice) -> Notice:
    def inline(content: tuple[Text | Link, ...]) -> tuple[Text | Link, ...]:
        return tuple(dataclasses.replace(i, text=_strip(i.text)) for i in content)

    def block(b: Block) -> Block:
        if isinstance(b, Heading | Paragraph):
            return dataclasses.replace(b, content=inline(b.content))
        if isinstance(b, ListBlock):
            return dataclasses.replace(b, items=tuple(inline(i) for i in b.items))
        return b

    return dataclasses.replace(n, blocks=tuple(block(b) for b in n.blocks))


DAMAGE: dict[str, tuple[str, Callable[[Notice], Notice]]] = {
    "review paragraph": ("internal_review", _without_review),
    "Commissioner paragraph": ("ico_right", _without_commissioner),
    "public interest section": ("public_interest_reasons", _without_public_interest),
    "subsection numbers": ("names_subsection", _without_subsections),
}


def _summary(r: CheckResult) -> str:
    return "; ".join([f"{k}={v.status}" for k, v in r.elements.items()]
                     + [f"{f.id}: {f.message}" for f in r.findings])


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_every_rendered_example_passes_check(case: Path, library: Library,
                                             tmp_path: Path) -> None:
    rendered = _render(case, library, tmp_path)
    assert len(rendered.files) == 2
    for path, data in rendered.files.items():
        path.write_bytes(data)
        result = CHECKER.check(read_document(path), file=path.name)
        assert result.is_refusal, path.name
        assert result.findings == [], f"{path.name}: {_summary(result)}"
        assert all(e.status != "missing" for e in result.elements.values())


def _damage_cases() -> list[tuple[str, str]]:
    return [(case.stem, damage) for case in CASES for damage in DAMAGE]


@pytest.mark.parametrize(("stem", "damage"), _damage_cases())
def test_cutting_one_element_fails_on_exactly_that_element(stem: str, damage: str,
                                                           library: Library,
                                                           tmp_path: Path) -> None:
    element, cut = DAMAGE[damage]
    notice = _render(EXAMPLES / f"{stem}.yaml", library, tmp_path).notice
    before = _write_and_check(notice, tmp_path / "whole")["md"]
    if before.elements[element].status != "present":
        pytest.skip(f"{element} does not apply to this letter")
    if element == "names_subsection" and set(before.exemptions) <= NO_SUBSECTION_NEEDED:
        pytest.skip(f"{before.exemptions} need no subsection")
    for fmt, result in _write_and_check(cut(notice), tmp_path / "cut").items():
        missing = {k for k, v in result.elements.items() if v.status == "missing"}
        assert missing == {element}, f"{fmt}: {_summary(result)}"
        assert not result.ok, fmt
        others = {f.id for f in result.findings} - {element, "missing-subsection"}
        assert others == set(), f"{fmt}: {_summary(result)}"
        unchanged = {k: v.status for k, v in result.elements.items() if k != element}
        assert unchanged == {k: v.status for k, v in before.elements.items() if k != element}


def test_every_damage_applies_to_some_example(library: Library, tmp_path: Path) -> None:
    """The skips above never hide an element: each damage is exercised by an example."""
    applies = {element: 0 for element, _ in DAMAGE.values()}
    for case in CASES:
        notice = _render(case, library, tmp_path / case.stem).notice
        result = _write_and_check(notice, tmp_path / case.stem / "check")["md"]
        for element in applies:
            applies[element] += result.elements[element].status == "present" and not (
                element == "names_subsection" and set(result.exemptions) <= NO_SUBSECTION_NEEDED)
    assert all(applies.values()), applies
    assert set(ELEMENTS) >= set(applies)
