"""Read a Markdown letter with markdown-it-py (CommonMark) into the document tree.

Headings, paragraphs and lists map one to one. Block quotes and fenced or indented code
become :class:`~drafter.document.Quote`: our letters quote the request verbatim in a fenced
block, and words quoted from someone else are not the authority's own, so the checker
does not read them as the letter's statements. Sources are ``line N`` (1-based).
"""

from __future__ import annotations

import re
from typing import Any

from drafter.document import Block, Heading, Inline, Link, ListBlock, Notice, Paragraph, Quote, Text
from drafter.read.common import thread_start

_PARSER: Any = None


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("commonmark")
    return _PARSER


def parse_markdown(text: str, *, meta: dict[str, str] | None = None) -> Notice:
    """Parse Markdown text into a Notice."""
    text, thread = _split_thread(text)
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.type
        line = f"line {tok.map[0] + 1}" if tok.map else None
        if kind == "heading_open":
            content = _inline(tokens[i + 1])
            level = min(int(tok.tag[1:]), 3)
            blocks.append(Heading(level=level, content=content, source=line))
            i += 3
        elif kind == "paragraph_open":
            content = _inline(tokens[i + 1])
            if "".join(c.text for c in content).strip():
                blocks.append(Paragraph(content=content, source=line))
            i += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            end = _close(tokens, i)
            items = _list_items(tokens[i + 1:end])
            if items:
                blocks.append(ListBlock(items=items, ordered=kind == "ordered_list_open",
                                        source=line))
            i = end + 1
        elif kind == "blockquote_open":
            end = _close(tokens, i)
            quoted = [_plain(t) for t in tokens[i + 1:end] if t.type == "inline"]
            quoted += [t.content.rstrip("\n") for t in tokens[i + 1:end]
                       if t.type in ("fence", "code_block")]
            blocks.append(Quote(text="\n\n".join(quoted), source=line))
            i = end + 1
        elif kind in ("fence", "code_block"):
            label = (tok.info or "").strip() or None
            blocks.append(Quote(text=tok.content.rstrip("\n"), label=label, source=line))
            i += 1
        elif kind == "html_block":
            raw = tok.content.strip()
            # a comment or a hidden element is not shown to the requester; the rest of the
            # block is
            if raw and not raw.startswith("<!--") and _HIDDEN_HTML.search(raw):
                raw = _visible_html(raw)
            if raw and not raw.startswith("<!--"):
                blocks.append(Paragraph(content=(Text(raw),), source=line))
            i += 1
        else:
            i += 1
    if thread is not None:
        blocks.append(thread)
    title = next((b.text for b in blocks if isinstance(b, Heading)), "")
    out_meta = dict(meta or {})
    out_meta["format"] = "markdown"
    return Notice(blocks=tuple(blocks), title=title, meta=out_meta)


_HIDDEN_HTML = re.compile(r"<\w+[^>]*?(?:\shidden\b|display\s*:\s*none|visibility\s*:\s*hidden)",
                          re.IGNORECASE)


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})


_INLINE = frozenset({"a", "abbr", "b", "cite", "code", "em", "font", "i", "mark", "q", "s",
                     "small", "span", "strong", "sub", "sup", "u"})


def _visible_html(raw: str) -> str:
    """The text of the HTML ``raw`` without its hidden elements' content."""
    from html.parser import HTMLParser

    out: list[str] = []
    stack: list[tuple[str, bool]] = []

    class _Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in _INLINE:
                out.append(" ")
            if tag in _VOID:
                return
            shown = " ".join(f"{k}={v or ''}" for k, v in attrs)
            hidden = bool(stack and stack[-1][1]) or bool(_HIDDEN_HTML.search(f"<{tag} {shown}"))
            stack.append((tag, hidden))

        def handle_endtag(self, tag: str) -> None:
            if tag not in _INLINE:
                out.append(" ")
            for j in range(len(stack) - 1, -1, -1):
                if stack[j][0] == tag:
                    del stack[j:]
                    return

        def handle_data(self, data: str) -> None:
            if not (stack and stack[-1][1]):
                out.append(data)

    reader = _Reader(convert_charrefs=True)
    reader.feed(raw)
    reader.close()
    return " ".join("".join(out).split())


def _split_thread(text: str) -> tuple[str, Quote | None]:
    """The letter, and an earlier e-mail quoted below its sign-off as a Quote (or None)."""
    lines = text.splitlines()
    i = thread_start(lines)
    if i is None:
        return text, None
    rest = "\n".join(lines[i:]).strip("\n")
    return "\n".join(lines[:i]) + "\n", Quote(text=rest, source=f"line {i + 1}")


def _close(tokens: list[Any], start: int) -> int:
    """Index of the token that closes the block opened at ``start``."""
    depth = 0
    for j in range(start, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _list_items(tokens: list[Any]) -> tuple[tuple[Inline, ...], ...]:
    """Every list item (nested ones too, in order), each as inline content."""
    items: list[list[Inline]] = []
    stack: list[int] = []
    for tok in tokens:
        if tok.type == "list_item_open":
            items.append([])
            stack.append(len(items) - 1)
        elif tok.type == "list_item_close" and stack:
            stack.pop()
        elif tok.type == "inline" and stack:
            target = items[stack[-1]]
            if target:
                target.append(Text(" "))
            target.extend(_inline(tok))
        elif tok.type in ("fence", "code_block") and stack:
            items[stack[-1]].append(Text(tok.content.rstrip("\n")))
    return tuple(tuple(i) for i in items if "".join(x.text for x in i).strip())


def _plain(tok: Any) -> str:
    return "".join(item.text for item in _inline(tok))


def _inline(tok: Any) -> tuple[Inline, ...]:
    out: list[Inline] = []
    strong = em = 0
    href: str | None = None
    link_text: list[str] = []
    for child in tok.children or ():
        kind = child.type
        if kind == "link_open":
            href = str(child.attrs.get("href") or "")
            link_text = []
            continue
        if kind == "link_close":
            out.append(Link("".join(link_text), href or ""))
            href = None
            continue
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            em += 1
        elif kind == "em_close":
            em -= 1
        piece = _piece(child)
        if piece is None:
            continue
        if href is not None:
            link_text.append(piece)
        else:
            out.append(Text(piece, strong=strong > 0, emphasis=em > 0))
    if href is not None and link_text:
        out.append(Link("".join(link_text), href))
    return _merge(out)


def _piece(child: Any) -> str | None:
    kind = child.type
    if kind in ("text", "code_inline"):
        return str(child.content)
    if kind == "softbreak":
        return " "
    if kind == "hardbreak":
        return "\n"
    if kind == "image":
        return str(child.content or "")
    return None


def _merge(items: list[Inline]) -> tuple[Inline, ...]:
    """Join neighbouring Text runs that share their formatting."""
    out: list[Inline] = []
    for item in items:
        last = out[-1] if out else None
        if (isinstance(item, Text) and isinstance(last, Text) and last.strong == item.strong
                and last.emphasis == item.emphasis):
            out[-1] = Text(last.text + item.text, strong=item.strong, emphasis=item.emphasis)
        else:
            out.append(item)
    return tuple(out)
