"""Ctrl-C and SIGTERM: the documented exit, no tracebacks, no workers left (probe M14)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import base_case
from tests.hostile.conftest import write_case


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the workers")
@pytest.mark.parametrize(("how", "message"), [("group-int", "interrupted"),
                                              ("parent-int", "interrupted"),
                                              ("parent-term", "terminated")])
def test_m14_interrupting_a_batch(how: str, message: str, tmp_path: Path) -> None:
    cases = [write_case(tmp_path / f"c{i}", base_case(reference=f"R-{i}")) for i in range(400)]
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "render", *map(str, cases), "-o",
                             str(out), "-j", "2", "-q"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while time.monotonic() < deadline and not (workers and out.exists()):
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert workers, "the pool never started"
    if how == "group-int":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT if how == "parent-int" else signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    text = err.decode()
    assert proc.returncode == 2, text
    assert f"drafter: {message}" in text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text
    time.sleep(0.5)
    assert not [w for w in workers if _alive(w)]
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    letters = {p.stem for p in out.iterdir()}
    for stem in letters:  # whatever was written is whole: both formats of a case
        assert (out / f"{stem}.docx").exists() and (out / f"{stem}.md").exists()
