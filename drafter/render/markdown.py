"""Render the document tree to CommonMark.

Every :class:`~drafter.document.Text` is literal: its characters are escaped so that a
CommonMark renderer shows exactly those characters and never reads them as markup (a requester's
``*`` or an officer's ``# 1`` stays as typed). Escapes are added only where a character could be
misread, so the file stays readable. Where CommonMark itself would drop characters (spaces at
the start or end of a line or paragraph, a newline at the end of a paragraph), they are written
as numeric character references such as ``&#32;``. A newline inside a paragraph, list item or
address block is a hard line break (a backslash at the end of the line), which keeps any spaces
before it.

:class:`~drafter.document.Quote` blocks (the requester's own words) are written as fenced code
blocks with the info string ``text``. Their bytes appear unchanged in the file and come back
unchanged from a CommonMark parser (the code block's content is the text plus a final newline).

Pure: takes a :class:`~drafter.document.Notice`, returns a string. No third-party imports.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from drafter.document import (
    Block,
    Heading,
    Inline,
    Lines,
    Link,
    ListBlock,
    Notice,
    Paragraph,
    Quote,
    Text,
)

__all__ = ["fence_code", "render_markdown"]

# Characters escaped wherever they occur. ``_`` is escaped unless it sits between two letters or
# digits (where CommonMark cannot read it as emphasis), ``<`` unless a space or the end follows
# (it cannot then open a tag or an autolink), ``&`` only where it would start an entity.
_INLINE_ESCAPE = re.compile(
    r"[\\*`\[\]]"
    r"|_(?![^\W_])|_(?<![^\W_]_)"
    r"|<(?![ \t\n]|\Z)"
    r"|&(?=#|[A-Za-z][A-Za-z0-9]*;)"
)
_MAYBE_ESCAPE = re.compile(r"[\\*`\[\]_<&]")

# Block markers that CommonMark recognises at the start of a line (after our own escaping, so
# ``*``, `````, ``<`` and ``[`` are already safe). Each is neutralised by one backslash in front.
_LINE_START = re.compile(
    r"#{1,6}(?:[ \t]|$)"  # ATX heading
    r"|>"  # block quote
    r"|[-+](?:[ \t]|$)"  # bullet list item
    r"|-[- \t]*$"  # thematic break or setext underline
    r"|=+[ \t]*$"  # setext underline
    r"|~~~"  # tilde fence
    r"|\|"  # (GFM) table row
)
_ORDERED_START = re.compile(r"^([0-9]{1,9})([.)])(?=[ \t]|$)")
_TABLE_DELIMITER_ROW = re.compile(r"[ \t|:-]*-[ \t|:-]*")
_ATX_CLOSING = re.compile(r"(?:^|(?<=[ \t]))#+$")
_BACKTICK_RUNS = re.compile(r"`+")
_TILDE_RUNS = re.compile(r"~+")
_PLAIN_URL = re.compile(r"[^\s()<>\\\x00-\x1f\x7f]+")
_ENTITY_AMP = re.compile(r"&(?=#|[A-Za-z][A-Za-z0-9]*;)")

# CommonMark's whitespace (markdown-it ``isWhiteSpace``): what the flanking rules treat as space.
_MD_WHITESPACE = frozenset("\t\n\v\f\r \xa0\u1680\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def render_markdown(notice: Notice) -> str:
    """Render ``notice`` as CommonMark.

    Header blocks come first and footer blocks last (after a thematic break).

    Args:
        notice: The letter to render.

    Returns:
        The Markdown text, ending with exactly one newline.
    """
    chunks = _render_blocks((*notice.header, *notice.blocks))
    footer = _render_blocks(notice.footer)
    if footer:
        chunks += ["---", *footer]
    return "\n\n".join(chunks) + "\n"


def _render_blocks(blocks: Iterable[Block]) -> list[str]:
    chunks: list[str] = []
    last_marker: str | None = None
    for block in blocks:
        marker: str | None = None
        if isinstance(block, Heading):
            chunks.append(_heading(block))
        elif isinstance(block, Paragraph):
            text = _paragraph(block.content)
            if text:
                chunks.append(text)
        elif isinstance(block, ListBlock):
            marker = _list_marker(block.ordered, last_marker)
            if block.items:
                chunks.append(_list(block, marker))
        elif isinstance(block, Quote):
            if block.label:
                chunks.append(_paragraph((Text(block.label),)))
            chunks.append(fence_code(block.text, "text"))
        elif isinstance(block, Lines) and block.lines:
            chunks.append(_paragraph((Text("\n".join(block.lines)),)))
        last_marker = marker
    return chunks


def fence_code(text: str, info: str = "") -> str:
    """Return ``text`` as a fenced code block whose content is exactly ``text`` plus a newline.

    The fence is made of backticks (or tildes, when that needs a shorter fence) and is longer
    than any run of the same character inside ``text``, so no line of ``text`` can close it.
    """
    backticks = max(3, 1 + max((len(m) for m in _BACKTICK_RUNS.findall(text)), default=0))
    tildes = max(3, 1 + max((len(m) for m in _TILDE_RUNS.findall(text)), default=0))
    fence = "`" * backticks if backticks <= tildes else "~" * tildes
    return f"{fence}{info}\n{text}\n{fence}"


def _heading(block: Heading) -> str:
    hashes = "#" * min(max(block.level, 1), 6)
    body = _inline(block.content).replace("\n", "&#10;")
    body = _protect_edges(body)
    body = _ATX_CLOSING.sub(lambda m: "\\" + m.group(0), body)
    return f"{hashes} {body}" if body else hashes


def _paragraph(content: Sequence[Inline]) -> str:
    return "\n".join(_paragraph_lines(content))


def _list_marker(ordered: bool, previous: str | None) -> str:
    # Two lists in a row would merge into one unless their markers differ.
    first, second = (".", ")") if ordered else ("-", "*")
    return second if previous == first else first


def _list(block: ListBlock, marker: str) -> str:
    out: list[str] = []
    for number, item in enumerate(block.items, start=1):
        head = f"{number}{marker}" if block.ordered else marker
        lines = _paragraph_lines(item) if item else [""]
        indent = " " * (len(head) + 1)
        out.append(f"{head} {lines[0]}" if lines[0] else head)
        out.extend(indent + line for line in lines[1:])
    return "\n".join(out)


def _paragraph_lines(content: Sequence[Inline]) -> list[str]:
    """Render inline content as the lines of one paragraph (newlines become hard breaks)."""
    text = _inline(content)
    tail = ""
    if text.endswith("\n"):
        # A hard break cannot end a paragraph; a character reference can.
        text, tail = text[:-1], "&#10;"
    lines = [_protect_line_start(line) for line in text.split("\n")]
    if not tail and lines[-1] and lines[-1][-1].isspace():
        lines[-1] = lines[-1][:-1] + _char_ref(lines[-1][-1])
    lines[-1] += tail
    return [line + "\\" for line in lines[:-1]] + [lines[-1]]


def _protect_line_start(line: str) -> str:
    if not line:
        return line
    if line[0].isspace():
        return _char_ref(line[0]) + line[1:]
    if "|" in line and _TABLE_DELIMITER_ROW.fullmatch(line):
        line = line.replace("|", "\\|")
    if _LINE_START.match(line):
        return "\\" + line
    return _ORDERED_START.sub(r"\1\\\2", line, count=1)


def _protect_edges(text: str) -> str:
    """Protect leading and trailing whitespace of a one-line block from being trimmed."""
    if text and text[0].isspace():
        text = _char_ref(text[0]) + text[1:]
    if text and text[-1].isspace():
        text = text[:-1] + _char_ref(text[-1])
    return text


def _char_ref(ch: str) -> str:
    return f"&#{ord(ch)};"


def _ref_first(piece: str) -> str:
    """Write the first character of escaped text as a character reference."""
    rest = piece[1:]
    if rest.startswith("_"):
        # It stood between two letters; now a ``;`` precedes it and it could open emphasis.
        rest = "\\" + rest
    return _char_ref(piece[0]) + rest


def _ref_last(piece: str) -> str:
    """Write the last character of escaped text as a character reference."""
    rest = piece[:-1]
    if rest.endswith("_") and not rest.endswith("\\_"):
        rest = rest[:-1] + "\\_"
    return rest + _char_ref(piece[-1])


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group(0)


def _escape(text: str) -> str:
    if not _MAYBE_ESCAPE.search(text):
        return text
    return _INLINE_ESCAPE.sub(_backslash, text)


# --- inline content -------------------------------------------------------------------------


def _runs(content: Sequence[Inline]) -> list[Inline]:
    """Merge neighbouring texts of one format; move spaces at the edges of formatted text out.

    Emphasis delimiters next to whitespace do not count as delimiters in CommonMark, so
    ``** bold**`` would show its asterisks; the spaces go outside: `` **bold**``.
    """
    runs: list[Inline] = []

    def add(item: Text) -> None:
        last = runs[-1] if runs else None
        if isinstance(last, Text) and (last.strong, last.emphasis) == (item.strong, item.emphasis):
            runs[-1] = Text(last.text + item.text, item.strong, item.emphasis)
        else:
            runs.append(item)

    for item in content:
        if isinstance(item, Link):
            if item.text or item.url:
                runs.append(item)
            continue
        if not item.text:
            continue
        if not (item.strong or item.emphasis):
            add(item)
            continue
        core = item.text.strip()
        if not core:
            add(Text(item.text))
            continue
        start = len(item.text) - len(item.text.lstrip())
        end = start + len(core)
        if start:
            add(Text(item.text[:start]))
        add(Text(core, item.strong, item.emphasis))
        if end < len(item.text):
            add(Text(item.text[end:]))
    return runs


def _inline(content: Sequence[Inline]) -> str:
    """Render inline content; newlines in the text stay raw, for the caller to turn into breaks."""
    out: list[str] = []
    # Set after an emphasis closer that needs whitespace or punctuation right after it.
    safe_next: str | None = None

    for run in _runs(content):
        if isinstance(run, Link):
            if out and out[-1].endswith("!"):
                out[-1] = out[-1][:-1] + "\\!"  # not an image
            out.append(_link(run))
            safe_next = None
            continue
        piece = _escape(run.text)
        if not (run.strong or run.emphasis):
            if safe_next is not None and _needs_guard(safe_next, piece[0]):
                piece = _ref_first(piece)
            safe_next = None
            out.append(piece)
            continue
        char = "_" if out and out[-1].endswith("*") else "*"
        delim = char * ((2 if run.strong else 0) + (1 if run.emphasis else 0))
        if out and _needs_guard_before(char, out[-1][-1], piece[0]):
            out[-1] = _ref_last(out[-1])
        out.append(delim + piece + delim)
        safe_next = char + piece[-1]
    return "".join(out)


def _needs_guard_before(char: str, before: str, first: str) -> bool:
    """Whether the character before an opening delimiter must become a character reference."""
    if _is_space_or_punct(before):
        return False
    # ``_`` opens only after space or punctuation; ``*`` also inside a word, unless punctuation
    # follows it.
    return char == "_" or _may_be_punct(first)


def _needs_guard(closer: str, after: str) -> bool:
    """Whether the character after a closing delimiter must become a character reference."""
    char, last = closer[0], closer[1]
    if _is_space_or_punct(after):
        return False
    return char == "_" or _may_be_punct(last)


def _is_space_or_punct(ch: str) -> bool:
    return ch in _MD_WHITESPACE or ch in _ASCII_PUNCT or unicodedata.category(ch).startswith("P")


def _may_be_punct(ch: str) -> bool:
    return ch in _ASCII_PUNCT or unicodedata.category(ch)[0] in "PS"


def _link(link: Link) -> str:
    text = _escape(link.text or link.url)
    url = link.url.replace("\n", "%0A")
    if url and _PLAIN_URL.fullmatch(url):
        return f"[{text}]({_ENTITY_AMP.sub(_backslash, url)})"
    url = url.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>")
    return f"[{text}](<{_ENTITY_AMP.sub(_backslash, url)}>)"
