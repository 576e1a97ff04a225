"""Letters are written exclusively and as whole sets (probe D8, M5, M6, M7, M8)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.errors import OutputExistsError, UserError
from drafter.infra import files
from drafter.infra.files import safe_stem, write_all
from tests.conftest import base_case
from tests.hostile.conftest import assert_clean_refusal, drafter, write_case


def test_d8_concurrent_runs_never_both_succeed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cases = [write_case(tmp_path / f"w{i}", base_case(subject=f"WRITER-{i}")) for i in range(6)]
    procs = [subprocess.Popen([sys.executable, "-m", "drafter", "render", str(c), "-o", str(out)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in cases]
    results = [(p.wait(timeout=60), p.stderr.read().decode() if p.stderr else "") for p in procs]
    for p in procs:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    assert [code for code, _ in results].count(0) == 1, results
    for code, err in results:
        assert code in (0, 2)
        if code:
            assert "already exist" in err and "Traceback" not in err
    md = (out / "FOI-2025-0142.md").read_text(encoding="utf-8")
    from tests.helpers.docx_dump import dump_docx

    docx = dump_docx((out / "FOI-2025-0142.docx").read_bytes())
    writer = next(f"WRITER-{i}" for i in range(6) if f"WRITER-{i}" in md)
    assert writer in docx  # both files come from the same case
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_d8_a_name_taken_after_the_check_is_not_replaced(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "L.docx", tmp_path / "L.md"
    real = files._write_temp

    def racing(path: Path, data: bytes) -> Path:
        tmp = real(path, data)
        if path == b:  # another run creates L.md between our check and our rename
            b.write_bytes(b"theirs")
        return tmp

    monkeypatch.setattr(files, "_write_temp", racing)
    with pytest.raises(OutputExistsError):
        write_all({a: b"ours", b: b"ours"}, force=False)
    assert b.read_bytes() == b"theirs"
    assert not a.exists()  # the set landed not at all
    assert sorted(p.name for p in tmp_path.iterdir()) == ["L.md"]


def test_m5_set_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "L.md").mkdir()
    with pytest.raises(UserError, match="folder"):
        write_all({tmp_path / "L.docx": b"x", tmp_path / "L.md": b"y"}, force=True)
    assert not (tmp_path / "L.docx").exists()


def test_m5_stale_temporary_files_are_removed(case_in: Callable[..., Path],
                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = out / f".FOI-2025-0142.docx.drafter-{dead}-abc123.tmp"
    fresh = out / f".OTHER.md.drafter-{dead}-def456.tmp"
    alive = out / f".OTHER.md.drafter-{os.getpid()}-ghi789.tmp"
    foreign = out / ".notes.tmp"
    for p in (stale, fresh, alive, foreign):
        p.write_bytes(b"half a letter")
    old = time.time() - 3600
    for p in (stale, alive, foreign):
        os.utime(p, (old, old))
    run = drafter("render", case_in(), "-o", out)
    assert run.code == 0, run.err
    assert not stale.exists()  # its process is gone and it is an hour old
    assert fresh.exists() and alive.exists() and foreign.exists()


def test_m6_dangling_symlink_counts_as_taken(case_in: Callable[..., Path],
                                             tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "FOI-2025-0142.md").symlink_to(tmp_path / "nowhere")
    run = drafter("render", case_in(), "-o", out)
    assert_clean_refusal(run, "already exist")
    assert not (out / "FOI-2025-0142.docx").exists()


def test_m6_replacing_a_symlink_does_not_take_its_targets_mode(
        case_in: Callable[..., Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "shared.txt"
    target.write_text("someone else's file")
    target.chmod(0o777)
    (out / "FOI-2025-0142.md").symlink_to(target)
    run = drafter("render", case_in(), "-o", out, "--force")
    assert run.code == 0, run.err
    letter = out / "FOI-2025-0142.md"
    assert not letter.is_symlink()
    assert letter.stat().st_mode & 0o777 != 0o777
    assert target.read_text() == "someone else's file"


def test_m7_two_references_with_one_file_name(tmp_path: Path) -> None:
    first = write_case(tmp_path / "a", base_case(reference="FOI/1", subject="FIRST"))
    second = write_case(tmp_path / "b", base_case(reference="FOI 1", subject="SECOND"))
    out = tmp_path / "out"
    run = drafter("render", first, second, "-o", out, "--force")
    assert_clean_refusal(run, str(second), "already written in this run", str(first))
    assert "FIRST" in (out / "FOI-1.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("reference", "stem"), [
    ("CON", "letter-CON"), ("CON.1", "letter-CON.1"), ("com1.txt", "letter-com1.txt"),
    ("LPT9.x.y", "letter-LPT9.x.y"), ("CONSULT", "CONSULT"), ("FOI.COM1", "FOI.COM1")])
def test_m8_windows_device_names(reference: str, stem: str) -> None:
    assert safe_stem(reference) == stem


def test_write_all_without_force_keeps_nothing_on_a_clash(tmp_path: Path) -> None:
    (tmp_path / "L.md").write_bytes(b"old")
    with pytest.raises(OutputExistsError):
        write_all({tmp_path / "L.docx": b"new", tmp_path / "L.md": b"new"}, force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["L.md"]
    assert (tmp_path / "L.md").read_bytes() == b"old"


@pytest.mark.parametrize("force", [True, False])
def test_a_folder_removed_between_two_sets_is_made_again(tmp_path: Path, force: bool) -> None:
    out = tmp_path / "out"
    write_all({out / "a.docx": b"1", out / "a.md": b"2"}, force=force)
    for p in out.iterdir():
        p.unlink()
    out.rmdir()
    write_all({out / "b.docx": b"3", out / "b.md": b"4"}, force=force)
    assert sorted(p.name for p in out.iterdir()) == ["b.docx", "b.md"]  # no temporary left
    assert (out / "b.md").read_bytes() == b"4"
