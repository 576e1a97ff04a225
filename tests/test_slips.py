"""Slips a busy officer makes in a case file: each is stopped (or warned about) with the exact
message, a line and a fix, and none is ever an "internal error" or a silently wrong letter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.draft.markup import unclosed_fences
from drafter.draft.newcase import PLACEHOLDERS
from tests.conftest import ROOT, CliResult

CASE = """\
regime: foia
reference: FOI-1
authority: authority.yaml
requester:
  name: Alex Example
received: 2026-02-03
sent: 2026-02-10
parts:
  - number: 1
    request: |
      A copy of the contract.
    outcome: not_held
    not_held: "We searched the contracts register and found no such contract."
"""

FIX_DATE = ("Fix: check the day and the month; dates are written year-month-day, for example "
            "2026-02-28 for 28 February 2026")


def _render(run_cli: Callable[..., CliResult], path: Path, *extra: str) -> CliResult:
    result = run_cli("render", str(path), "-o", str(path.parent / "out"), *extra)
    assert "internal error" not in result.err
    assert "Traceback" not in result.err
    return result


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("sent: 2026-02-10", "sent: 2026-13-04", 7,
     "sent: '2026-13-04' is not a real date: there is no month 13"),
    ("received: 2026-02-03", "received: 2026-02-30", 6,
     "received: '2026-02-30' is not a real date: February 2026 has 28 days"),
    ("received: 2026-02-03", "received: 2024-02-30", 6,
     "received: '2024-02-30' is not a real date: February 2024 has 29 days"),
    ("sent: 2026-02-10", "sent: 2026-04-31", 7,
     "sent: '2026-04-31' is not a real date: April 2026 has 30 days"),
    ("sent: 2026-02-10", "sent: 2026-00-10", 7,
     "sent: '2026-00-10' is not a real date: there is no month 0"),
])
def test_impossible_date_is_located_with_a_fix(old: str, new: str, line: int, message: str,
                                               case_dir: Callable[..., Path],
                                               run_cli: Callable[..., CliResult]) -> None:
    path = case_dir(CASE.replace(old, new))
    result = _render(run_cli, path)
    assert result.code == 2
    assert f"  {path}:{line}: {message} {FIX_DATE}\n" in result.err


def test_two_impossible_dates_are_both_reported(case_dir: Callable[..., Path],
                                                run_cli: Callable[..., CliResult]) -> None:
    path = case_dir(CASE.replace("2026-02-03", "2026-02-30").replace("2026-02-10", "2026-13-04"))
    result = _render(run_cli, path)
    assert result.code == 2
    assert "2 problems in the case file" in result.err


@pytest.mark.parametrize("request_line", [
    "    request: What are the KPIs for contract #4471 and lot #2?",
    "    request: What are the KPIs for contract  # 4471",
    "    request: What are the KPIs\n      for contract #4471",
])
def test_hash_in_unquoted_request_stops_with_quote_fix(request_line: str,
                                                       case_dir: Callable[..., Path],
                                                       run_cli: Callable[..., CliResult]
                                                       ) -> None:
    text = CASE.replace("    request: |\n      A copy of the contract.", request_line)
    path = case_dir(text)
    result = _render(run_cli, path)
    assert result.code == 2
    line = text.split("\n").index(request_line.split("\n")[-1]) + 1
    rest = ("#" + request_line.split("#", 1)[1])[:30]
    assert (f"  {path}:{line}: parts[0].request: the text stops at '{rest}': in "
            "YAML an unquoted ' #' starts a comment, so the words after it would be lost "
            "Fix: quote the text exactly as written with 'request: |' and the words on the "
            "next lines, indented (or put them in double quotes)\n") in result.err
    assert not (path.parent / "out").exists()


@pytest.mark.parametrize("request_text", [
    '    request: "What are the KPIs for contract #4471 and lot #2?"',
    "    request: 'What are the KPIs for contract #4471'",
    "    request: |\n      What are the KPIs for contract #4471 and lot #2?",
    "    request: What are the KPIs for contract#4471?",  # no space: not a comment
])
def test_hash_kept_when_quoted(request_text: str, case_dir: Callable[..., Path],
                               run_cli: Callable[..., CliResult]) -> None:
    path = case_dir(CASE.replace("    request: |\n      A copy of the contract.", request_text))
    result = _render(run_cli, path, "--format", "md")
    assert result.code == 0, result.err
    md = (path.parent / "out" / "FOI-1.md").read_text(encoding="utf-8")
    assert "#4471" in md


def test_a_comment_after_another_key_is_still_allowed(case_dir: Callable[..., Path],
                                                      run_cli: Callable[..., CliResult]) -> None:
    path = case_dir(CASE.replace("reference: FOI-1", "reference: FOI-1   # from the portal"))
    assert _render(run_cli, path, "--format", "md").code == 0


def test_new_case_template_and_readme_show_requests_as_block_scalars() -> None:
    for text in ((ROOT / "templates" / "new-case.yaml").read_text(encoding="utf-8"),
                 (ROOT / "README.md").read_text(encoding="utf-8")):
        lines = [ln.split("#")[0].strip() for ln in text.splitlines()]
        shown = [ln for ln in lines if ln.startswith(("request:", "preamble:"))]
        assert shown, "no request shown"
        assert all(ln in ("request: |", "preamble: |") for ln in shown), shown


def test_placeholder_text_from_new_is_warned_and_refused_when_strict(
        tmp_path: Path, run_cli: Callable[..., CliResult],
        case_dir: Callable[..., Path]) -> None:
    case_dir(CASE)  # writes authority.yaml
    path = tmp_path / "TEST-1.yaml"
    assert run_cli("new", "TEST-1", "-o", str(path)).code == 0
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  # name: Alex Example", "  name: Robin Person"),
                    encoding="utf-8")
    strict = _render(run_cli, path, "--strict")
    assert strict.code == 1
    assert not (tmp_path / "out").exists()
    lines = path.read_text(encoding="utf-8").split("\n")
    request_line = lines.index("      Paste the first part of the request here.")
    expected = (f"{path}:{request_line}: parts[0].request: still holds the example text from "
                "'drafter new': 'Paste the first part of the request here.' Fix: paste the "
                "requester's own words for this part")
    assert f"  {expected}\n" in strict.err
    assert "'Short subject for the heading'" in strict.err
    assert "'Explain, in your own words, why disclosure would cause this harm" in strict.err
    lenient = _render(run_cli, path)
    assert lenient.code == 0
    assert f"drafter: warning: {expected}\n" in lenient.err


def test_placeholders_are_the_new_case_template_text() -> None:
    template = (ROOT / "templates" / "new-case.yaml").read_text(encoding="utf-8")
    for placeholder in PLACEHOLDERS:
        assert placeholder in template


def test_empty_requester_is_anonymous(case_dir: Callable[..., Path],
                                      run_cli: Callable[..., CliResult]) -> None:
    path = case_dir(CASE.replace("requester:\n  name: Alex Example\n",
                                 "requester:   # all optional\n  # name: Alex Example\n"))
    result = _render(run_cli, path, "--format", "md")
    assert result.code == 0, result.err
    assert "Dear Requester," in (path.parent / "out" / "FOI-1.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("reference: FOI-1", "reference: 0104", 2,
     'reference: YAML reads 0104 as a number (68), not as text Fix: put it in quotes: '
     'reference: "0104"'),
    ("name: Alex Example", "name: No", 5,
     'requester.name: YAML reads No as true/false (false), not as text Fix: put it in '
     'quotes: name: "No"'),
    ("reference: FOI-1", "reference: 2025", 2,
     'reference: YAML reads 2025 as a number, not as text Fix: put it in quotes: '
     'reference: "2025"'),
])
def test_text_read_as_a_number_or_boolean_gets_a_quote_fix(
        old: str, new: str, line: int, message: str, case_dir: Callable[..., Path],
        run_cli: Callable[..., CliResult]) -> None:
    path = case_dir(CASE.replace(old, new))
    result = _render(run_cli, path)
    assert result.code == 2
    assert f"  {path}:{line}: {message}\n" in result.err


def _override(tmp_path: Path, name: str, edit: Callable[[str], str]) -> Path:
    folder = tmp_path / "tpl"
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(edit((ROOT / "templates" / name).read_text(encoding="utf-8")),
                      encoding="utf-8")
    return folder


def _drop_last_close(text: str) -> str:
    head, _, tail = text.rpartition("\n:::\n")
    return head + "\n" + tail


@pytest.mark.parametrize(("name", "edit", "where", "message"), [
    ("partials/request.j2", _drop_last_close, "::: quote",
     "the '::: quote' block opened here is never closed"),
    ("letter.j2", _drop_last_close, "::: signature",
     "the '::: signature' block opened here is never closed"),
    ("letter.j2", lambda t: t.replace("Date: {{ sent }}\n:::\n", "Date: {{ sent }}\n\n"),
     "::: meta",
     "the '::: meta' block opened here is not closed before line {salutation} opens "
     "'::: salutation'"),
])
def test_unclosed_block_in_override_template_is_a_located_error(
        name: str, edit: Callable[[str], str], where: str, message: str, tmp_path: Path,
        case_dir: Callable[..., Path], run_cli: Callable[..., CliResult]) -> None:
    folder = _override(tmp_path, name, edit)
    path = case_dir(CASE)
    result = _render(run_cli, path, "--templates", str(folder))
    assert result.code == 2
    lines = (folder / name).read_text(encoding="utf-8").split("\n")
    line = max(i for i, ln in enumerate(lines, start=1) if ln.startswith(where))
    if "{salutation}" in message:
        message = message.format(salutation=lines.index("::: salutation") + 1)
    assert (f"  {folder / name}:{line}: {message} Fix: end every '::: kind' block with a line "
            "holding only ':::'\n") in result.err
    assert not (path.parent / "out").exists()


def test_unclosed_quote_never_swallows_the_closing(tmp_path: Path,
                                                   case_dir: Callable[..., Path],
                                                   run_cli: Callable[..., CliResult]) -> None:
    """Closed only much later by a bare ':::', the quote would have taken 'Yours sincerely'."""
    folder = _override(tmp_path, "partials/request.j2", _drop_last_close)
    path = case_dir(CASE)
    result = _render(run_cli, path, "--templates", str(folder), "--format", "md")
    assert result.code == 2
    assert "::: quote" in result.err
    assert not (path.parent / "out").exists()


def test_built_in_templates_have_no_unclosed_blocks() -> None:
    for path in (ROOT / "templates").rglob("*.j2"):
        assert unclosed_fences(path.read_text(encoding="utf-8")) == [], path


PREAMBLE_CASES = [
    "Regarding the new NLEDS system which, per your website, you now use:\n",
    "NECTAR - EMSOU: https://example.org/contract?id=1&x=2 #4471\n\n  indented **not bold** "
    "{{ 7*7 }} `code` <b>\n",
]


@pytest.mark.parametrize("preamble", PREAMBLE_CASES)
def test_preamble_is_quoted_exactly_before_the_parts(preamble: str,
                                                     case_dir: Callable[..., Path],
                                                     run_cli: Callable[..., CliResult]) -> None:
    import yaml
    from docx import Document

    data = yaml.safe_load(CASE)
    data["preamble"] = preamble
    path = case_dir(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = _render(run_cli, path)
    assert result.code == 0, result.err
    md = (path.parent / "out" / "FOI-1.md").read_text(encoding="utf-8")
    assert preamble.rstrip("\n") in md
    assert md.index(preamble.rstrip("\n")) < md.index("A copy of the contract.")
    doc = Document(str(path.parent / "out" / "FOI-1.docx"))
    quotes = [p for p in doc.paragraphs if p.style is not None
              and p.style.name == "Request Quote"]
    text = "\n".join(p.text for p in quotes)
    assert preamble.rstrip("\n") in text
    assert text.index(preamble.rstrip("\n")) < text.index("A copy of the contract.")


def test_preamble_cut_by_a_comment_is_refused(case_dir: Callable[..., Path],
                                              run_cli: Callable[..., CliResult]) -> None:
    path = case_dir(CASE.replace("parts:\n", "preamble: About contract #4471, please:\nparts:\n"))
    result = _render(run_cli, path)
    assert result.code == 2
    assert f"{path}:8: preamble: the text stops at '#4471, please:'" in result.err
