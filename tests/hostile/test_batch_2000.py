"""2,000 files in one ``render`` and one ``check``: broken, hostile and good inputs mixed.

Every good letter is written (both formats), every bad file is reported by name, the run
finishes within its time and memory limits, and the exit code is the worst result (2).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import AUTHORITY, base_case
from tests.hostile.conftest import case_text, drafter

pytestmark = pytest.mark.slow

N = 2000


def _bad_cases(folder: Path) -> dict[str, str]:
    """Bad inputs by file name; the value says how each is bad (to check it is reported)."""
    bad: dict[str, str] = {}

    def put(name: str, text: str | bytes, why: str) -> None:
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        bad[name] = why

    for i in range(40):
        put(f"bad-date-{i}.yaml", case_text(reference=f"BD-{i}").replace(
            "received: '2025-03-14'", "received: 2025-02-30"), "date")
        put(f"bad-yaml-{i}.yaml", "reference: [unclosed\nparts: {\n", "syntax")
        put(f"bad-binary-{i}.yaml", b"PK\x03\x04\x00\x00binary", "binary")
        law = base_case(reference=f"BL-{i}", parts=[{
            "number": 1, "request": "All of it.", "outcome": "refused",
            "exemptions": [{"cite": "s43(2)", "reasons": "No likelihood, no test."}]}])
        put(f"bad-law-{i}.yaml", yaml.safe_dump(law), "law")
    for i in range(10):
        put(f"bad-deep-{i}.yaml", "reference: R\nparts: " + "[" * 500 + "]" * 500 + "\n", "deep")
        put(f"bad-int-{i}.yaml", case_text(reference=f"BI-{i}").replace(
            "number: 1", "number: " + "9" * 5000), "int")
        put(f"bad-utf16-{i}.yaml", case_text(reference=f"BU-{i}").encode("utf-16"), "utf16")
        big = "x" * 100_000
        put(f"bad-alias-{i}.yaml", case_text(reference=f"BA-{i}").replace(
            "request: A copy of the contract with Example Systems Ltd.", f"request: &a {big}")
            + "extra: [" + ", ".join(["*a"] * 300) + "]\n", "alias")
    for i in range(5):
        os.mkfifo(folder / f"bad-fifo-{i}.yaml")
        bad[f"bad-fifo-{i}.yaml"] = "fifo"
        (folder / f"bad-dir-{i}.yaml").mkdir()
        bad[f"bad-dir-{i}.yaml"] = "folder"
        (folder / f"bad-dev-{i}.yaml").symlink_to("/dev/zero")
        bad[f"bad-dev-{i}.yaml"] = "device"
    return bad


def test_render_and_check_2000_mixed_files(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "authority.yaml").write_text(yaml.safe_dump(AUTHORITY), encoding="utf-8")
    bad = _bad_cases(cases)
    good = []
    for i in range(N - len(bad)):
        path = cases / f"good-{i:04}.yaml"
        request = "Ask \x9b and \u202e here." if i % 97 == 0 else "A copy of the contract."
        case = base_case(reference=f"OK-{i:04}")
        case["parts"][0]["request"] = request
        path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
        good.append(path)
    inputs = sorted([*good, *(cases / name for name in bad)])
    assert len(inputs) == N
    out = tmp_path / "out"
    run = drafter("render", *inputs, "-o", out, "-j", "2", "-q", timeout=600)
    assert run.code == 2, run.err[-3000:]
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err[-3000:]
    written = {p.name for p in out.iterdir()}
    expected = {f"OK-{i:04}.{ext}" for i in range(len(good)) for ext in ("docx", "md")}
    assert expected <= written, sorted(expected - written)[:5]
    for name in bad:
        assert str(cases / name) in run.err, name

    # check: the good letters, and as many broken or hostile letters
    letters = tmp_path / "letters"
    letters.mkdir()
    broken: list[Path] = []

    def put(name: str, data: bytes) -> None:
        (letters / name).write_bytes(data)
        broken.append(letters / name)

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * (4 * 1024 * 1024))
    for i in range(30):
        put(f"not-zip-{i}.docx", b"this is not a zip file")
        put(f"truncated-{i}.pdf", b"%PDF-1.7\n1 0 obj\n<<")
        put(f"empty-{i}.md", b"")
        put(f"binary-{i}.txt", b"\x00\x01\x02" * 100)
        put(f"bomb-{i}.docx", bomb.getvalue())
    for i in range(5):
        os.mkfifo(letters / f"fifo-{i}.md")
        broken.append(letters / f"fifo-{i}.md")
        (letters / f"dev-{i}.txt").symlink_to("/dev/zero")
        broken.append(letters / f"dev-{i}.txt")
    ok = sorted(out.iterdir())[: N - len(broken)]
    inputs = sorted([*ok, *broken])
    run = drafter("check", *inputs, "--format", "json", "-j", "2", timeout=600)
    assert run.code == 2, run.err[-3000:]
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err[-3000:]
    report = json.loads(run.out)
    assert len(report) == len(inputs)
    unread = {item["file"] for item in report if "error" in item}
    assert unread == {str(p) for p in broken}
    for path in broken:
        assert str(path) in run.err
