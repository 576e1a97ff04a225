"""A signal while a letter is written takes effect once its files are whole (M5, M14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.infra import files


def _interrupt() -> None:
    raise KeyboardInterrupt


def test_a_signal_during_a_write_waits_for_the_whole_set(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    real = files._write_temp
    held: list[bool] = []

    def write_temp(path: Path, data: bytes) -> Path:
        tmp = real(path, data)
        if not held:  # the signal arrives after the first temporary file exists
            held.append(files.hold_signal(_interrupt))
        return tmp

    monkeypatch.setattr(files, "_write_temp", write_temp)
    with pytest.raises(KeyboardInterrupt):
        files.write_all({tmp_path / "a.docx": b"docx", tmp_path / "a.md": b"md"}, force=False)
    assert held == [True]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "a.md"]  # no .tmp left


def test_outside_a_write_a_signal_acts_at_once() -> None:
    assert files.hold_signal(_interrupt) is False
