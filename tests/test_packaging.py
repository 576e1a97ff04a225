"""The built wheel carries its clauses and templates: install it cleanly and draft a letter."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(dist), str(ROOT)], check=True, capture_output=True)
    (built,) = dist.glob("*.whl")
    return built


def test_wheel_contains_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "drafter/_data/clauses/s43.yaml" in names
    assert "drafter/_data/clauses/reference.yaml" in names
    assert "drafter/_data/templates/letter.j2" in names
    assert "drafter/_data/templates/reference.docx" in names
    assert any(n.startswith("drafter/_data/rules/") and n.endswith(".yaml") for n in names)
    assert "drafter/py.typed" in names


def test_installed_wheel_drafts_a_letter(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet",
                    "-c", str(ROOT / "constraints.txt"), str(wheel)], check=True,
                   capture_output=True)
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES, work)
    out = tmp_path / "out"
    run = subprocess.run([str(bin_dir / "drafter"), "render",
                          str(work / "police-ncnd-software.yaml"), "-o", str(out)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (out / "WP-FOI-2025-0311.docx").stat().st_size > 5000
    md = (out / "WP-FOI-2025-0311.md").read_text(encoding="utf-8")
    assert "Section 24(2)" in md
    lint = subprocess.run([str(bin_dir / "drafter"), "clauses", "lint"], capture_output=True,
                          text=True, cwd=tmp_path)
    assert lint.returncode == 0, lint.stderr
    check = subprocess.run([str(bin_dir / "drafter"), "check",
                            str(out / "WP-FOI-2025-0311.docx")], capture_output=True,
                           text=True, cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
