from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from drafter.document import Heading, Inline, Lines, Link, ListBlock, Notice, Paragraph, Quote, Text
from drafter.render.markdown import fence_code, render_markdown

MD = MarkdownIt("commonmark")

# Any text the case loader lets through: no surrogates, no control characters but \n and \t.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"),
)
# Text made mostly of the characters that Markdown cares about, to find escaping gaps faster.
MARKUP = st.text(
    alphabet=st.sampled_from(
        [*"\\*_`[]<>&!#-+=|~:;()'\".0123456789 \t\nabcXYZ", "\u00a0", "é", "→", "😀"]
    ),
)
HOSTILE = [
    "{{ 7*7 }}",
    "{% for x in y %}",
    "# not a heading",
    "* not a list",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "| a | b |",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "```",
    "~~~\ncode\n~~~",
    "    indented code?",
    "1. one\n2) two\n- three\n+ four\n> five\n---\n===\n***\n___",
    "&amp; &#65; &copy &",
    "<http://example.com> <a@b.co>",
    "a\\\nb  \nc\\",
    "snake_case and __dunder__ and _leading",
    "مرحبا بالعالم — طلب معلومات",
    "שלום עולם",
    "emoji 😀👍🏽 and 👨‍👩‍👧",
    "ZWJ\u200dand\u200bzero width\ufeffBOM",
    "\u202eright-to-left override",
]


def visible(tokens: list[Token]) -> str:
    """The text a reader sees: inline text, code and line breaks (hard or soft)."""
    out: list[str] = []
    for token in tokens:
        if token.type == "inline":
            for child in token.children or []:
                if child.type in {"text", "text_special", "code_inline"}:
                    out.append(child.content)
                elif child.type in {"softbreak", "hardbreak"}:
                    out.append("\n")
                elif child.type in {"html_inline", "image"}:
                    raise AssertionError(f"markup leaked: {child}")
        elif token.type in {"fence", "code_block", "html_block"}:
            out.append(token.content)
    return "".join(out)


def formatting(tokens: list[Token]) -> list[tuple[str, bool, bool, str | None]]:
    """Each visible character with (strong, emphasis, link url) as the parser understood it."""
    out: list[tuple[str, bool, bool, str | None]] = []
    for token in tokens:
        if token.type != "inline":
            continue
        strong = em = 0
        href: str | None = None
        for child in token.children or []:
            if child.type == "strong_open":
                strong += 1
            elif child.type == "strong_close":
                strong -= 1
            elif child.type == "em_open":
                em += 1
            elif child.type == "em_close":
                em -= 1
            elif child.type == "link_open":
                href = str(child.attrs["href"])
            elif child.type == "link_close":
                href = None
            elif child.type in {"text", "text_special"}:
                out += [(c, strong > 0, em > 0, href) for c in child.content]
            elif child.type in {"softbreak", "hardbreak"}:
                out.append(("\n", strong > 0, em > 0, href))
            else:
                raise AssertionError(f"unexpected token {child.type}")
    return out


def shape(chars: list[tuple[str, bool, bool, str | None]]) -> list[tuple[str, bool, bool, bool]]:
    return [(c, s, e, h is not None) for c, s, e, h in chars if not c.isspace()]


def parse(md_text: str) -> list[Token]:
    return MD.parse(md_text)


def one_paragraph(*content: Inline) -> Notice:
    return Notice((Paragraph(tuple(content)),))


def assert_paragraph_round_trip(text: str) -> None:
    out = render_markdown(one_paragraph(Text(text)))
    assert out == "\n" or (out.endswith("\n") and not out.endswith("\n\n"))
    tokens = parse(out)
    assert visible(tokens) == text, out
    if text:
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], out


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_shows_exactly_as_written(text: str) -> None:
    assert_paragraph_round_trip(text)


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_markdown_characters_show_exactly_as_written(text: str) -> None:
    assert_paragraph_round_trip(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_literal(text: str) -> None:
    assert_paragraph_round_trip(text)


def test_escapes_only_what_could_be_misread() -> None:
    out = render_markdown(one_paragraph(Text("Costs < £450 & 18 hours; see s.12(1) - snake_case!")))
    assert out == "Costs < £450 & 18 hours; see s.12(1) - snake_case!\n"


INLINE = st.one_of(
    st.builds(Text, MARKUP, st.booleans(), st.booleans()),
    st.builds(Link, MARKUP, st.sampled_from(["https://example.gov.uk/a_b?x=1&y=2", "/foi (2)"])),
)


@settings(max_examples=250, deadline=None)
@given(st.lists(INLINE, max_size=6))
def test_mixed_inline_content_keeps_text_and_formatting(content: list[Inline]) -> None:
    out = render_markdown(one_paragraph(*content))
    got = formatting(parse(out))
    want: list[tuple[str, bool, bool, str | None]] = []
    for item in content:
        if isinstance(item, Link):
            want += [(c, False, False, item.url) for c in item.text or item.url]
        else:
            want += [(c, item.strong, item.emphasis, None) for c in item.text]
    assert "".join(c for c, *_ in got) == "".join(c for c, *_ in want), out
    # Spaces at the edge of bold text are written outside the delimiters; compare the rest.
    assert shape(got) == shape(want), out
    # Links keep their target (markdown-it percent-encodes it).
    hrefs = {h for *_, h in got if h is not None}
    assert hrefs <= {"https://example.gov.uk/a_b?x=1&y=2", "/foi%20(2)"}


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_quote_is_byte_exact_in_file_and_after_parsing(text: str) -> None:
    out = render_markdown(Notice((Quote(text, label="You asked:"),)))
    assert text in out
    tokens = parse(out)
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == 1
    assert fences[0].info == "text"
    assert fences[0].content == text + "\n"
    assert visible(tokens[:3]) == "You asked:"


@pytest.mark.parametrize(
    "text",
    [*HOSTILE, "```text\n````\n```", "~~~~~~\n`", "  leading\n\ttab\n\n\ntrailing  \n", ""],
)
def test_hostile_quotes_are_exact(text: str) -> None:
    out = render_markdown(Notice((Quote(text),)))
    (fence,) = [t for t in parse(out) if t.type == "fence"]
    assert fence.content == text + "\n"


def test_fence_is_longer_than_any_run_inside() -> None:
    assert fence_code("a ``` b", "text").startswith("~~~text\n")
    assert fence_code("a ``` b ~~~", "text").startswith("````text\n")
    assert fence_code("````` and ~~~", "").startswith("~~~~\n")


@settings(max_examples=200, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=3))
def test_heading_text_is_exact(text: str, level: int) -> None:
    out = render_markdown(Notice((Heading(level, (Text(text),)),)))
    tokens = parse(out)
    assert tokens[0].type == "heading_open" and tokens[0].tag == f"h{level}", out
    assert visible(tokens) == text, out


@pytest.mark.parametrize("text", ["Title #", "###", "a # b #", "  spaced  ", "line\nbreak"])
def test_heading_edge_cases(text: str) -> None:
    out = render_markdown(Notice((Heading(2, (Text(text),)),)))
    assert visible(parse(out)) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(MARKUP, min_size=1, max_size=4), st.booleans())
def test_list_items_are_exact(items: list[str], ordered: bool) -> None:
    block = ListBlock(tuple((Text(i),) for i in items), ordered=ordered)
    tokens = parse(render_markdown(Notice((block,))))
    kind = "ordered_list_open" if ordered else "bullet_list_open"
    assert [t.type for t in tokens].count(kind) == 1
    got = [visible(tokens[i : i + 1]) for i, t in enumerate(tokens) if t.type == "inline"]
    assert got == [i for i in items if i] or got == items


def test_lists_and_blocks() -> None:
    notice = Notice(
        (
            Heading(1, (Text("Refusal notice"),)),
            Paragraph((Text("We hold "), Text("some", strong=True), Text(" of it."))),
            ListBlock(((Text("first"),), (Text("second"),))),
            ListBlock(((Text("separate list"),),)),
            ListBlock(((Text("one"),), (Text("two\nlines"),)), ordered=True),
            ListBlock(((Text("restart"),),), ordered=True),
            Lines(("1 High Street", "Exampletown", "EX1 1AA"), kind="recipient"),
            Paragraph((Text("See "), Link("our site", "https://example.gov.uk/foi"), Text("."))),
        )
    )
    out = render_markdown(notice)
    assert out == (
        "# Refusal notice\n\n"
        "We hold **some** of it.\n\n"
        "- first\n- second\n\n"
        "* separate list\n\n"
        "1. one\n2. two\\\n   lines\n\n"
        "1) restart\n\n"
        "1 High Street\\\nExampletown\\\nEX1 1AA\n\n"
        "See [our site](https://example.gov.uk/foi).\n"
    )
    types = [t.type for t in parse(out)]
    assert types.count("bullet_list_open") == 2
    assert types.count("ordered_list_open") == 2
    html = MD.render(out)
    assert "<br />\nExampletown" in html
    assert '<a href="https://example.gov.uk/foi">our site</a>' in html


def test_odd_urls_stay_links() -> None:
    out = render_markdown(one_paragraph(Link("x", "https://a.example/p (1)?q=<&amp;>")))
    (link,) = [c for c in parse(out)[1].children or [] if c.type == "link_open"]
    assert link.attrs["href"] == "https://a.example/p%20(1)?q=%3C&amp;%3E"


def test_header_and_footer() -> None:
    notice = Notice(
        (Paragraph((Text("Body"),)),),
        header=(Paragraph((Text("Example Council"),)),),
        footer=(Paragraph((Text("Page footer"),), role="small"),),
    )
    assert render_markdown(notice) == "Example Council\n\nBody\n\n---\n\nPage footer\n"


def test_empty_notice_and_empty_blocks() -> None:
    assert render_markdown(Notice(())) == "\n"
    notice = Notice((Paragraph(()), Paragraph((Text(""),)), Lines(()), Paragraph((Text("x"),))))
    assert render_markdown(notice) == "x\n"


def test_long_text_is_fast() -> None:
    text = ("Word *with* [markup] <and> & entities &amp; _under_ score.\n" * 4000)[:200_000]
    start = time.perf_counter()
    out = render_markdown(one_paragraph(Text(text)))
    elapsed = time.perf_counter() - start
    assert visible(parse(out)) == text
    assert elapsed < 2.0
