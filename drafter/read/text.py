"""Read a plain-text letter: paragraphs, guessed headings and bullet lists.

Letters saved as text come in two shapes: hard-wrapped (a paragraph over several lines,
paragraphs separated by blank lines) and one paragraph per line (web pages, copied
e-mails). Lines are joined into one paragraph only where the previous line looks wrapped:
long, and not ending a sentence. A short line that reads like a title is a heading.

Only the first :data:`MAX_TEXT_BYTES` of a file are read, so a huge file cannot hang the
checker; ``Notice.meta["truncated"]`` then says how much was skipped.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from drafter.document import Block, Heading, Inline, ListBlock, Notice, Paragraph, Quote, Text
from drafter.read.common import read_error, thread_start

MAX_TEXT_BYTES = 2 * 1024 * 1024
"""How much of a text or Markdown file is read (a long letter is under 100 KB)."""

BULLET = re.compile(
    r"^(?:[-*+•·▪◦‣–—o](?=\s)|\d{1,3}[.)](?=\s)|\(\d{1,3}\)|\(?[a-z]\)(?=\s)|"
    r"\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))\s*")
_ORDERED = re.compile(r"^(?:\d|\()")
_META = re.compile(r"^(?:our|your)?\s*(?:ref(?:erence)?|date|tel|telephone|e-?mail|email)\b"
                   r"[^:\n]{0,20}:", re.IGNORECASE)
_NOT_HEADING_START = re.compile(r"^(?:dear|yours|kind regards|best wishes|many thanks|"
                                r"regards|thank you)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]")


def load_text(path: Path, fh: BinaryIO | None = None) -> tuple[str, dict[str, str]]:
    """Read up to :data:`MAX_TEXT_BYTES` of a text file and decode it.

    Returns:
        The text and the meta facts for the Notice (``truncated`` when cut).

    Raises:
        DocumentReadError: unreadable, or a binary file.
    """
    meta: dict[str, str] = {"format": "markdown" if path.suffix.lower() in (
        ".md", ".markdown") else "text"}
    from drafter.read.common import open_letter

    try:
        with contextlib.nullcontext(fh) if fh is not None else open_letter(path) as f:
            size = os.fstat(f.fileno()).st_size
            data = f.read(MAX_TEXT_BYTES)
    except OSError as exc:
        raise read_error(path, f"cannot read the file ({exc.strerror or exc})") from None
    if size > MAX_TEXT_BYTES:
        meta["truncated"] = (f"only the first {MAX_TEXT_BYTES // (1024 * 1024)} MB of "
                             f"{size / (1024 * 1024):,.1f} MB were read")
    text = decode(path, data, cut=size > MAX_TEXT_BYTES)
    if not text.strip():
        raise read_error(path, "the file is empty", "give the letter's text")
    return text, meta


def decode(path: Path, data: bytes, *, cut: bool = False) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

    Raises:
        DocumentReadError: for binary data.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16", errors="replace" if cut else "strict")
        except UnicodeDecodeError:
            raise read_error(path, "the file claims to be UTF-16 text but is not",
                             "save it as UTF-8 text") from None
    if b"\x00" in data[:8192]:
        raise read_error(path, "this is a binary file, not a letter drafter can read",
                         "give the letter as .docx, .md, .txt or .pdf")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if cut and exc.start >= len(data) - 4:  # the cut fell inside one character
            return data[: exc.start].decode("utf-8-sig")
        return data.decode("cp1252", errors="replace")


def parse_text(text: str, *, meta: dict[str, str] | None = None) -> Notice:
    """Parse plain text into a Notice; sources are ``line N``."""
    lines = text.splitlines()
    blocks = parse_lines(lines, lambda i: f"line {i + 1}")
    title = next((b.text for b in blocks if isinstance(b, Heading)), "")
    return Notice(blocks=tuple(blocks), title=title, meta=dict(meta or {}))


def parse_lines(lines: Sequence[str], where: Callable[[int], str]) -> list[Block]:
    """Turn lines into blocks; ``where(i)`` names the location of line ``i`` (0-based)."""
    blocks: list[Block] = []
    para: list[str] = []
    para_at = 0
    items: list[list[str]] = []
    markers: list[str] = []
    list_at = 0
    ordered = False
    quoted: list[str] = []
    quote_at = 0

    def flush_para() -> None:
        if para:
            blocks.append(_paragraph(para, where(para_at)))
            para.clear()

    def flush_list() -> None:
        nonlocal items
        if items:
            content = tuple((Text(" ".join(i)),) for i in items)
            labels = tuple(markers) if all(markers) else ()
            blocks.append(ListBlock(items=content, ordered=ordered, source=where(list_at),
                                    markers=labels))
            items = []
            markers.clear()

    def flush_quote() -> None:
        if quoted:
            blocks.append(Quote(text="\n".join(quoted).strip("\n"), source=where(quote_at)))
            quoted.clear()

    prev = ""
    thread = thread_start(lines)
    for i, raw in enumerate(lines):
        line = raw.strip()
        if i == thread:  # an earlier e-mail quoted below the letter
            flush_para()
            flush_list()
            flush_quote()
            rest = "\n".join(x.rstrip() for x in lines[i:]).strip("\n")
            blocks.append(Quote(text=rest, source=where(i)))
            return blocks
        # "> " lines are words quoted from someone else (an e-mail's quoted request): the
        # checker must not read them as the authority's own statements
        if line.startswith(">"):
            flush_para()
            flush_list()
            if not quoted:
                quote_at = i
            quoted.append(line.lstrip(">").strip())
            prev = ""
            continue
        if quoted and line:
            flush_quote()
        if not line:
            flush_para()
            flush_list()
            prev = ""
            continue
        m = BULLET.match(line)
        if m and len(line) > m.end():
            flush_para()
            if items and bool(_ORDERED.match(line)) != ordered:
                flush_list()  # a bulleted list straight after a numbered one
            if not items:
                list_at, ordered = i, bool(_ORDERED.match(line))
            items.append([line[m.end():].strip()])
            label = m.group().strip()
            markers.append(label if label.startswith("(") and label.endswith(")") else "")
        elif items and raw[:1].isspace() and prev:
            items[-1].append(line)
        else:
            flush_list()
            if para and _continues(prev, line):
                para.append(line)
            else:
                flush_para()
                para.append(line)
                para_at = i
        prev = line
    flush_para()
    flush_list()
    flush_quote()
    return blocks


def _continues(prev: str, line: str) -> bool:
    """True if ``line`` carries on the paragraph that ``prev`` (a wrapped line) started."""
    if len(prev) < 40 or prev[-1] in ".!?:;" or _META.match(line):
        return False
    return not _is_heading(prev)


def _is_heading(line: str) -> bool:
    if len(line) > 80 or line[-1] in ".,;!?" or not _WORD.search(line):
        return False
    if _NOT_HEADING_START.match(line) or _META.match(line) or "@" in line or "://" in line:
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit()):
        return False
    return len(line.split()) <= 10


def _paragraph(lines: list[str], source: str) -> Block:
    text = " ".join(lines)
    content: tuple[Inline, ...] = (Text(text),)
    if len(lines) == 1 and _is_heading(text):
        level = 1 if text.isupper() and len(text) > 3 else 2
        return Heading(level=level, content=content, source=source)
    if len(lines) == 1 and _META.match(text):
        return Paragraph(content=content, role="meta", source=source)
    return Paragraph(content=content, source=source)
