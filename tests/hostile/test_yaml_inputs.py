"""Case files and authority profiles that are broken or hostile: a clear exit 2, quickly.

Reproducers from the reliability probe: D1 (alias expansion), D6 (impossible dates), M1
(deep nesting), M2 (a field too long for Word's parser), M3 (huge numbers and dates), M4
(FIFOs and devices), M9 (escape sequences in keys), M10 (capitalised keys), M11 (file names
that are not UTF-8), M12 (binary values, C1 and bidi controls), M19 (UTF-16).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import base_case
from tests.hostile.conftest import assert_clean_refusal, case_text, drafter

REQUEST = "request: A copy of the contract with Example Systems Ltd."


def test_d1_alias_of_a_large_string_is_refused_by_expanded_size(
        case_in: Callable[..., Path], tmp_path: Path) -> None:
    # 5 MB of text reused 10 times: few nodes, but 50 MB of letter.
    text = case_text().replace(REQUEST, "request: &big " + "A" * 5_000_000)
    case = case_in(text=text + "extra: [" + ", ".join(["*big"] * 10) + "]\n")
    run = drafter("render", case, "-o", tmp_path / "out", timeout=20)
    assert_clean_refusal(run, "aliases are expanded", str(case))
    assert run.seconds < 10
    assert not (tmp_path / "out").exists()


def test_d1_alias_of_a_string_with_a_control_character_is_refused(
        case_in: Callable[..., Path], tmp_path: Path) -> None:
    text = case_text().replace(REQUEST, 'request: &big "' + "B" * 2_000_000 + '\\x01"')
    case = case_in(text=text + "extra: [" + ", ".join(["*big"] * 2000) + "]\n")
    run = drafter("render", case, "-o", tmp_path / "out", timeout=20)
    assert_clean_refusal(run, "aliases are expanded")


@pytest.mark.parametrize("value", ["2025-02-30", "2025-13-01", "0000-01-01",
                                   "2025-03-14 25:61:61"])
def test_d6_impossible_unquoted_date_is_located(value: str, case_in: Callable[..., Path],
                                               tmp_path: Path) -> None:
    text = case_text().replace("received: '2025-03-14'", f"received: {value}")
    assert f"received: {value}" in text
    case = case_in(text=text)
    run = drafter("render", case, "-o", tmp_path / "out")
    assert_clean_refusal(run, f"{case}:", "received", "is not a real date")


@pytest.mark.parametrize("depth", [600, 990])
def test_m1_deep_nesting_is_located(depth: int, case_in: Callable[..., Path],
                                    tmp_path: Path) -> None:
    case = case_in(text="reference: R\nparts: " + "[" * depth + "]" * depth + "\n")
    run = drafter("render", case, "-o", tmp_path / "out")
    assert_clean_refusal(run, f"{case}:2", "nested more than")


def test_m2_a_field_longer_than_the_limit_is_located(case_in: Callable[..., Path],
                                                     tmp_path: Path) -> None:
    case = case_in(text=case_text().replace(REQUEST, "request: " + "A" * 10_500_000))
    run = drafter("render", case, "-o", tmp_path / "out", timeout=30)
    assert_clean_refusal(run, "parts[0].request", "the limit is 1,000,000")


@pytest.mark.parametrize("number", ["9" * 5000, "0x" + "f" * 9000, "123456789012345678901"])
def test_m3_huge_integers_are_located(number: str, case_in: Callable[..., Path],
                                      tmp_path: Path) -> None:
    case = case_in(text=case_text().replace("number: 1", f"number: {number}"))
    run = drafter("render", case, "-o", tmp_path / "out")
    assert_clean_refusal(run, "parts[0].number", "too large")


@pytest.mark.parametrize("key", ["received", "sent"])
def test_m3_last_representable_date_is_a_clear_message(key: str, case_in: Callable[..., Path],
                                                       tmp_path: Path) -> None:
    case = case_in(base_case(**{key: "9999-12-31"}))
    run = drafter("render", case, "-o", tmp_path / "out")
    assert_clean_refusal(run, str(case), "no UK bank-holiday data")


def test_m3_deadline_on_the_last_representable_date() -> None:
    assert_clean_refusal(drafter("deadline", "9999-12-31"), "no UK bank-holiday data")


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom"])
def test_m4_case_file_that_is_not_a_regular_file(kind: str, tmp_path: Path) -> None:
    if kind == "fifo":
        path = tmp_path / "case.yaml"
        os.mkfifo(path)
    else:
        path = Path(f"/dev/{kind}")
    run = drafter("render", path, "-o", tmp_path / "out", timeout=10)
    assert_clean_refusal(run, str(path), "not a regular file")
    assert run.seconds < 5


def test_m4_authority_that_is_a_fifo(case_in: Callable[..., Path], tmp_path: Path) -> None:
    case = case_in()
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    run = drafter("render", case, "-o", tmp_path / "out", "--authority", fifo, timeout=10)
    assert_clean_refusal(run, str(fifo), "FIFO")
    run = drafter("render", case, "-o", tmp_path / "out", "--authority", "/dev/zero",
                  timeout=10)
    assert_clean_refusal(run, "/dev/zero", "device")


def test_m9_escape_sequences_in_keys_are_shown_escaped(case_in: Callable[..., Path],
                                                        tmp_path: Path) -> None:
    for extra, words in (('"x\\ec\\e]0;PWNED\\a": 1\n', ("unknown key", "\\x1bc")),
                         ('"\\e[2J": 1\n"\\e[2J": 2\n', ("duplicate key", "\\x1b[2J"))):
        run = drafter("render", case_in(text=case_text() + extra), "-o", tmp_path / "out")
        assert_clean_refusal(run, *words)
        assert "\x1b" not in run.err and "\x07" not in run.err


@pytest.mark.parametrize("key", ["Subject", "subject[0]"])
def test_m10_misspelt_key_is_named(key: str, case_in: Callable[..., Path],
                                   tmp_path: Path) -> None:
    text = case_text().replace("subject:", f"{key}:")
    run = drafter("render", case_in(text=text), "-o", tmp_path / "out")
    assert_clean_refusal(run, f"unknown key '{key}'")
    if key == "Subject":
        assert "did you mean 'subject'" in run.err


def test_m10_huge_number_for_hours_is_said_so(case_in: Callable[..., Path],
                                             tmp_path: Path) -> None:
    text = case_text() + "cost_limit:\n  hours: 0x" + "f" * 7500 + "\n"
    run = drafter("render", case_in(text=text), "-o", tmp_path / "out")
    assert_clean_refusal(run, "too large")
    assert "got a number" not in run.err


def test_m11_file_names_that_are_not_utf8(case_in: Callable[..., Path], tmp_path: Path) -> None:
    case = case_in()
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/bad\xffname.yaml"))
    odd.write_bytes(case.read_bytes())
    out = Path(os.fsdecode(bytes(tmp_path) + b"/out\xff"))
    strict = {"PYTHONIOENCODING": "utf-8:strict"}
    run = drafter("render", odd, "-o", out, env=strict)
    assert run.code == 0, run.err
    assert "out\\xff" in run.out
    letter = next(out.glob("*.md"))
    missing = Path(os.fsdecode(bytes(tmp_path) + b"/gone\xff.md"))
    for fmt in ("text", "json"):
        run = drafter("check", letter, missing, "--format", fmt, env=strict)
        assert_clean_refusal(run, "gone\\xff.md")  # named, escaped, after the other's report
        assert "FOI-2025-0142.md" in run.out
        if fmt == "json":
            assert len(json.loads(run.out)) == 2


def test_m12_binary_values_are_cleaned_like_text(case_in: Callable[..., Path],
                                                 tmp_path: Path) -> None:
    import base64

    raw = base64.b64encode(b"Text with NUL \x00 ESC \x1b and BEL \x07.").decode()
    text = case_text().replace(REQUEST, f"request: !!binary {raw}")
    run = drafter("render", case_in(text=text), "-o", tmp_path / "out")
    assert run.code == 0, run.err
    assert "removed 3 control characters" in run.err
    md = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "Text with NUL" in md
    assert not any(ch in md for ch in "\x00\x1b\x07")


def test_m12_c1_and_bidi_controls_are_reported(case_in: Callable[..., Path],
                                              tmp_path: Path) -> None:
    text = case_text().replace(REQUEST, 'request: "Ask \\x9b2J and \\u202eevil\\u202c please"')
    run = drafter("render", case_in(text=text), "-o", tmp_path / "out")
    assert run.code == 0, run.err
    assert "removed 1 control character" in run.err
    assert "bidirectional control" in run.err
    md = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "\x9b" not in md
    assert "\u202eevil" in md  # the request is quoted exactly: kept, but the officer was told


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_m19_utf16_case_file_is_named_as_such(encoding: str, case_in: Callable[..., Path],
                                              tmp_path: Path) -> None:
    case = case_in()
    case.write_bytes(case.read_text(encoding="utf-8").encode(encoding))
    run = drafter("render", case, "-o", tmp_path / "out")
    assert_clean_refusal(run, "UTF-16", "save it as UTF-8")


def test_no_read_permission_is_a_clear_message(case_in: Callable[..., Path],
                                               tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    case = case_in()
    case.chmod(0)
    try:
        run = drafter("render", case, "-o", tmp_path / "out")
    finally:
        case.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert_clean_refusal(run, str(case))


@pytest.mark.parametrize("reference", ["REF\x7f", "REF\x9b2J", "REF\u2028x", "Réf/1"])
def test_m17_drafter_new_writes_a_file_drafter_can_read(reference: str, tmp_path: Path) -> None:
    target = tmp_path / "n.yaml"
    run = drafter("new", reference, "-o", target)
    assert run.code == 0, run.err
    render = drafter("render", target, "-o", tmp_path / "out")
    assert "unacceptable character" not in render.err and "YAML" not in render.err
    assert "Traceback" not in render.err and "internal error" not in render.err
