"""One bad input never stops the others (probe D5), in ``render`` and ``check``."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, base_case
from tests.hostile.conftest import case_text, drafter, write_case


def _batch(folder: Path, n: int, bad: dict[int, str]) -> list[Path]:
    """``n`` good cases with distinct references; the ones in ``bad`` get that text instead."""
    paths = []
    for i in range(n):
        path = folder / f"case{i:03}.yaml"
        if i in bad:
            if bad[i] == "fifo":
                folder.mkdir(parents=True, exist_ok=True)
                os.mkfifo(path)
            else:
                write_case(folder, text=bad[i], name=path.name)
        else:
            write_case(folder, base_case(reference=f"OK-{i:03}"), name=path.name)
        paths.append(path)
    return paths


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_d5_render_goes_on_after_a_bad_case(jobs: str, tmp_path: Path) -> None:
    bad_date = case_text(reference="BAD-1").replace("received: '2025-03-14'",
                                                     "received: 2025-02-30")
    bad = {3: bad_date, 10: "fifo", 17: "\x00\x01binary", 25: "reference: [unclosed\n"}
    cases = _batch(tmp_path / "in", 30, bad)
    out = tmp_path / "out"
    run = drafter("render", *cases, "-o", out, "-j", jobs, "-q", timeout=120)
    assert run.code == 2, run.err
    assert "Traceback" not in run.err
    for i in bad:
        assert str(cases[i]) in run.err
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"OK-{i:03}.{ext}" for i in range(30) if i not in bad
                             for ext in ("docx", "md"))


def test_d5_an_unexpected_exception_is_reported_against_its_case(
        tmp_path: Path, run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.draft import pipeline

    cases = _batch(tmp_path / "in", 3, {})
    real = pipeline.render_case

    def flaky(path: Path, **kwargs: object) -> pipeline.Rendered:
        if path == cases[1]:
            raise RuntimeError("a bug")
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "render_case", flaky)
    result = run_cli("render", *map(str, cases), "-o", str(tmp_path / "out"), "-j", "1")
    assert result.code == 2
    assert f"{cases[1]}: internal error (RuntimeError)" in result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "OK-000.docx", "OK-000.md", "OK-002.docx", "OK-002.md"]
    debug = run_cli("render", *map(str, cases), "-o", str(tmp_path / "out2"), "-j", "1",
                    "--debug")
    assert "Traceback" in debug.err and "RuntimeError: a bug" in debug.err


def test_d5_check_goes_on_after_an_unexpected_exception(
        tmp_path: Path, run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    import drafter.read as reader

    letters = []
    for name in ("a.txt", "b.txt", "c.txt"):
        path = tmp_path / name
        path.write_text("Dear requester,\n\nWe hold the information and enclose it.\n")
        letters.append(path)
    real = reader.read_document

    def flaky(path: Path) -> object:
        if path.name == "b.txt":
            raise RuntimeError("a bug")
        return real(path)

    monkeypatch.setattr(reader, "read_document", flaky)
    result = run_cli("check", *map(str, letters), "--format", "json", "-j", "1")
    assert result.code == 2
    assert f"{letters[1]}: internal error (RuntimeError)" in result.err
    assert "Traceback" not in result.err
    assert "a.txt" in result.out and "c.txt" in result.out
    debug = run_cli("check", *map(str, letters), "-j", "1", "--debug")
    assert "RuntimeError: a bug" in debug.err
