"""Hostile input: what a member of the public writes is data, printed exactly, never run."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from drafter.draft.casefile import load_case
from drafter.draft.pipeline import render_case
from drafter.library.load import load_library
from drafter.library.templating import make_environment
from tests.conftest import AUTHORITY, CliResult, base_case

HOSTILE = [
    "{{ 7*7 }}",
    "{% for x in range(10) %}{{ x }}{% endfor %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "# Not a heading\n* not a list\n> not a quote\n1. not numbered",
    "[click me](javascript:alert(1)) ![img](http://x/y.png) <https://example.org>",
    "<script>alert('x')</script><b>bold</b> &amp; &copy;",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "```\ncode fence\n```\n~~~\nanother\n~~~",
    "::: quote\n:::\n\x00 slot-like \\x00 text",
    "مرحبا، أريد نسخة من العقد — שלום",
    "Emoji 🙂👍🏽👨‍👩‍👧 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "  leading spaces,\ttabs,   runs   of spaces, trailing  ",
    "Line one\n\n\nLine four after blank lines\n",
    "Back\\slash \\* \\_ and *stars* and _underscores_ and `ticks`",
]


@pytest.fixture(scope="module")
def library():
    return load_library()


def _render_request(request: str, folder: Path, library):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "authority.yaml").write_text(yaml.safe_dump(AUTHORITY), encoding="utf-8")
    case = base_case()
    case["parts"][0]["request"] = request
    path = folder / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    loaded_request = load_case(path).case.parts[0].request
    rendered = render_case(path, lib=library, env=make_environment(), out_dir=folder,
                           today=dt.date(2026, 1, 1))
    md = next(d for p, d in rendered.files.items() if p.suffix == ".md").decode("utf-8")
    docx = next(d for p, d in rendered.files.items() if p.suffix == ".docx")
    return loaded_request, md, docx


def _md_quote(md: str) -> str:
    """The text of the code block(s) holding the request, as a CommonMark parser reads it."""
    tokens = MarkdownIt("commonmark").parse(md)
    fences = [t.content for t in tokens if t.type == "fence"]
    assert len(fences) == 1
    return fences[0]


def _docx_quote(data: bytes) -> str:
    doc = Document(BytesIO(data))
    quotes = [p.text for p in doc.paragraphs if p.style is not None
              and p.style.name == "Request Quote"]
    assert len(quotes) == 1
    return quotes[0]


def _expected(request: str) -> str:
    # What the case file holds after loading: XML-invalid control characters, DEL and the C1
    # controls are removed (and reported); nothing else changes.
    text = request.replace("\r\n", "\n").replace("\r", "\n")  # line endings are not content
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", text)


@pytest.mark.parametrize("request_text", HOSTILE)
def test_request_comes_out_exactly(request_text: str, tmp_path: Path, library) -> None:
    loaded, md, docx = _render_request(request_text, tmp_path, library)
    assert loaded == _expected(request_text)
    assert loaded in md  # byte for byte in the .md file
    assert _md_quote(md).rstrip("\n") == loaded.rstrip("\n")  # and as a reader sees it
    assert _docx_quote(docx) == loaded
    assert "49" not in md.replace(loaded, "")  # nothing was evaluated


def test_very_long_request(tmp_path: Path, library) -> None:
    text = ("Please provide every record about item {{ n }} *and* # more. " * 3300)[:200_000]
    loaded, md, docx = _render_request(text, tmp_path, library)
    assert len(loaded) == 200_000
    assert loaded in md
    assert _docx_quote(docx) == loaded


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"],
                           blacklist_characters="\ufffe\uffff"),
    min_size=1, max_size=300,
).filter(lambda s: s.strip() != "" and _expected(s).strip() != "")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request_text=_TEXT)
def test_any_request_comes_out_exactly(request_text: str, tmp_path_factory: pytest.TempPathFactory,
                                       library) -> None:
    loaded, md, docx = _render_request(request_text, tmp_path_factory.mktemp("h"), library)
    assert loaded in md
    assert _md_quote(md).rstrip("\n") == loaded.rstrip("\n")
    assert _docx_quote(docx) == loaded


def _override(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "harms.yaml").write_text(yaml.safe_dump({"harms": [{
        "id": "commercial-negotiating-position", "title": "Overridden",
        "tags": ["s43"], "text": text}]}), encoding="utf-8")
    return folder


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cite.__class__.__init__.__globals__['os'] }}",
    "{{ lipsum.__globals__ }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
])
def test_library_override_cannot_escape_the_sandbox(payload: str, tmp_path: Path,
                                                    case_dir: Callable[..., Path],
                                                    run_cli: Callable[..., CliResult]) -> None:
    folder = _override(tmp_path / "override", payload)
    result = run_cli("render", str(case_dir()), "-o", str(tmp_path / "out"), "--library",
                     str(folder))
    assert result.code == 2, result.err
    assert str(folder / "harms.yaml") in result.err or "override" in result.err
    assert "Traceback" not in result.err
    assert "subclasses" not in result.out
    assert not (tmp_path / "out").exists()


def test_template_override_cannot_escape_the_sandbox(tmp_path: Path,
                                                     case_dir: Callable[..., Path],
                                                     run_cli: Callable[..., CliResult]) -> None:
    folder = tmp_path / "tpl"
    (folder / "partials").mkdir(parents=True)
    (folder / "partials" / "rights.j2").write_text(
        "{{ authority.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    result = run_cli("render", str(case_dir()), "-o", str(tmp_path / "out"), "--templates",
                     str(folder))
    assert result.code == 2
    assert "refused by the sandbox" in result.err or "cannot render" in result.err
    assert "Traceback" not in result.err


def test_template_override_is_used(tmp_path: Path, case_dir: Callable[..., Path],
                                   run_cli: Callable[..., CliResult]) -> None:
    folder = tmp_path / "tpl"
    (folder / "partials").mkdir(parents=True)
    (folder / "partials" / "rights.j2").write_text(
        "## Your rights\n\nAsk {{ authority.review.contact }} for a review; complain to the "
        "Information Commissioner under section 50 ({{ ico.url }}).\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("render", str(case_dir()), "-o", str(out), "--templates", str(folder),
                   "--format", "md").code == 0
    assert "## Your rights" in (out / "FOI-2025-0142.md").read_text(encoding="utf-8")


def test_debug_traceback_has_no_local_variables(case_dir: Callable[..., Path],
                                                run_cli: Callable[..., CliResult],
                                                monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    import drafter.render.docx

    def boom(notice: object, **kwargs: object) -> bytes:
        secret = "Alex Example lives at 1 High Street"  # noqa: F841 - a local with personal data
        raise RuntimeError("failure")

    monkeypatch.setattr(drafter.render.docx, "render_docx", boom)
    plain = run_cli("render", str(case_dir()), "-o", str(tmp_path / "a"))
    assert plain.code == 2 and "Traceback" not in plain.err and "Alex" not in plain.err
    debug = run_cli("render", str(case_dir()), "-o", str(tmp_path / "b"), "--debug")
    assert debug.code == 2 and "Traceback" in debug.err
    assert "1 High Street" not in debug.err
