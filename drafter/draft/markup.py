r"""Parse *letter markup* (what the templates produce) into the document tree.

The markup is a small, line-based cousin of Markdown, documented in ``templates/README.md``:

* ``#`` to ``####`` headings; blank lines separate paragraphs; lines of one paragraph
  are joined with a space;
* ``- item`` bullet lists and ``1. item`` numbered lists (continuation lines indented);
* ``::: kind`` ... ``:::`` fenced blocks: ``quote`` (words quoted verbatim), ``recipient``,
  ``sender``, ``signature`` and ``lines`` (kept line by line), and ``meta``, ``small``,
  ``salutation``, ``closing`` (paragraphs in that role);
* inline ``**strong**``, ``*emphasis*`` and ``[text](url)``; ``\\`` escapes a character.

Data values arrive as slot tokens (see :mod:`drafter.library.templating`). They are atomic
here: their characters are never read as markup, and they are put back exactly as they were.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, cast

from drafter.document import (
    Block,
    Heading,
    Inline,
    Lines,
    Link,
    ListBlock,
    Paragraph,
    ParagraphRole,
    Quote,
    Text,
)
from drafter.errors import Problem
from drafter.library.templating import SLOT_RE, Slots

_HEADING = re.compile(r"^(#{1,4})\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBER = re.compile(r"^\d+[.)]\s+(.*)$")
_FENCE = re.compile(r"^:::\s*([a-z]+)?\s*(.*)$")
_INLINE = re.compile(
    r"\\(?P<esc>[\\*_\[\]()#:`-])"
    r"|\*\*(?P<strong>.+?)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s](?:[^*]*?[^*\s])?)\*(?![\w*])"
    r"|\[(?P<ltext>[^\]]+)\]\((?P<url>[^)\s]+)\)"
)
_LINES_KINDS = {"recipient", "sender", "signature", "lines"}
_ROLE_KINDS: dict[str, ParagraphRole] = {
    "meta": "meta", "small": "small", "salutation": "salutation", "closing": "closing",
}


class MarkupError(ValueError):
    """The template produced markup that cannot be parsed (a template bug).

    :func:`template_problem` turns it into a located problem in the template file.
    """


def parse(text: str, slots: Slots) -> list[Block]:
    """Parse letter markup into blocks."""
    blocks: list[Block] = []
    lines = text.split("\n")
    i = 0
    para: list[str] = []
    items: list[str] = []
    ordered = False

    def flush_para() -> None:
        if para:
            blocks.append(Paragraph(inline(" ".join(para), slots)))  # lines are stripped
            para.clear()

    def flush_list() -> None:
        if items:
            blocks.append(ListBlock(tuple(inline(it, slots) for it in items), ordered))
            items.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        # Each pattern below starts with its own characters: try only the one that can match.
        first = stripped[:1]
        fence = _FENCE.match(stripped) if first == ":" else None
        if fence and fence.group(1):
            flush_para()
            flush_list()
            kind, label = fence.group(1), fence.group(2).strip()
            body: list[str] = []
            i += 1
            while i < len(lines) and lines[i].strip() != ":::":
                inner = _FENCE.match(lines[i].strip())
                if inner and inner.group(1):  # never swallow the rest of the letter
                    raise MarkupError(f"a '::: {inner.group(1)}' line inside the '::: {kind}' "
                                      "block, which is not closed")
                body.append(lines[i])
                i += 1
            if i >= len(lines):
                raise MarkupError(f"the '::: {kind}' block is not closed")
            i += 1
            blocks.extend(_fenced(kind, label, body, slots))
            continue
        if not stripped:
            flush_para()
            flush_list()
            i += 1
            continue
        heading = _HEADING.match(stripped) if first == "#" else None
        bullet = _BULLET.match(stripped) if first in "-*" else None
        number = _NUMBER.match(stripped) if first.isdigit() else None
        if heading:  # a heading always starts a new block, even without a blank line
            flush_para()
            flush_list()
            blocks.append(Heading(len(heading.group(1)), inline(heading.group(2), slots)))
        elif bullet or number:
            flush_para()
            this_ordered = number is not None
            if items and this_ordered != ordered:
                flush_list()
            ordered = this_ordered
            items.append((bullet or number).group(1))  # type: ignore[union-attr]
        elif items and line.startswith("  "):
            items[-1] += " " + stripped
        else:
            flush_list()
            para.append(stripped)
        i += 1
    flush_para()
    flush_list()
    return blocks


def _fenced(kind: str, label: str, body: list[str], slots: Slots) -> list[Block]:
    if kind == "quote":
        raw = "\n".join(body).strip("\n")
        only = SLOT_RE.fullmatch(raw.strip())
        text = slots.values[int(only.group(1))] if only else slots.expand(raw)
        return [Quote(text, slots.expand(label) or None)]
    if kind in _LINES_KINDS:
        out: list[str] = []
        for line in body:
            if line.strip():
                out.extend(slots.expand(line.strip()).split("\n"))
        lines_kind = "plain" if kind == "lines" else kind
        return [Lines(tuple(out), cast(Literal["recipient", "sender", "signature", "plain"],
                                       lines_kind))]
    if kind in _ROLE_KINDS:
        role = _ROLE_KINDS[kind]
        paras: list[Block] = []
        chunk: list[str] = []
        for line in [*body, ""]:
            if line.strip():
                chunk.append(line.strip())
            elif chunk:
                paras.append(Paragraph(inline(" ".join(chunk), slots), role))
                chunk = []
        return paras
    raise MarkupError(f"unknown block ':::{kind}'")


def inline(text: str, slots: Slots) -> tuple[Inline, ...]:
    """Parse inline markup; slot tokens become literal text."""
    if "*" not in text and "[" not in text and "\\" not in text:  # no markup can start
        plain = slots.expand(text)
        return (Text(plain),) if plain else ()
    out: list[Inline] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            _add(out, Text(slots.expand(text[pos:m.start()])))
        if m.group("esc") is not None:
            _add(out, Text(m.group("esc")))
        elif m.group("strong") is not None:
            _add(out, Text(slots.expand(m.group("strong")), strong=True))
        elif m.group("em") is not None:
            _add(out, Text(slots.expand(m.group("em")), emphasis=True))
        else:
            out.append(Link(slots.expand(m.group("ltext")), slots.expand(m.group("url"))))
        pos = m.end()
    if pos < len(text):
        _add(out, Text(slots.expand(text[pos:])))
    return tuple(out)


def _add(out: list[Inline], item: Text) -> None:
    if not item.text:
        return
    last = out[-1] if out else None
    if isinstance(last, Text) and last.strong == item.strong and last.emphasis == item.emphasis:
        out[-1] = Text(last.text + item.text, last.strong, last.emphasis)
    else:
        out.append(item)


def unclosed_fences(source: str) -> list[tuple[int, str]]:
    """``(line, message)`` for each ``:::`` block in a template's source that is not closed.

    Read line by line, as the parser reads the rendered letter: a ``::: kind`` line opens a
    block, a bare ``:::`` closes it, and a block must close before the next one opens.
    """
    found: list[tuple[int, str]] = []
    open_kind: tuple[str, int] | None = None
    for number, line in enumerate(source.split("\n"), start=1):
        stripped = line.strip()
        if stripped == ":::":
            open_kind = None
            continue
        fence = _FENCE.match(stripped)
        if fence and fence.group(1):
            if open_kind is not None:
                found.append((open_kind[1], f"the '::: {open_kind[0]}' block opened here is "
                              f"not closed before line {number} opens '::: {fence.group(1)}'"))
            open_kind = (fence.group(1), number)
    if open_kind is not None:
        found.append((open_kind[1], f"the '::: {open_kind[0]}' block opened here is never "
                      "closed"))
    return found


def template_problem(exc: MarkupError, folders: Sequence[Path]) -> Problem:
    """Locate ``exc`` in the template files of ``folders`` (the first folder wins a name)."""
    fix = "end every '::: kind' block with a line holding only ':::'"
    seen: set[str] = set()
    for folder in folders:
        for path in sorted(folder.rglob("*.j2")):
            name = path.relative_to(folder).as_posix()
            if name in seen:
                continue
            seen.add(name)
            try:
                source = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for line, message in unclosed_fences(source):
                return Problem(message, file=str(path), line=line, fix=fix)
    return Problem(f"the letter's markup cannot be read: {exc}", file="letter.j2", fix=fix)
