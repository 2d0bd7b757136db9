"""The command line: help, classify files, exit codes."""
import json
import subprocess
import sys
from pathlib import Path

from vnyouth.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_help_lists_commands(capsys):
    assert main([]) == 2
    out = capsys.readouterr().out
    for cmd in ("classify", "train", "evaluate", "datasheet"):
        assert cmd in out


def test_classify_examples(capsys):
    files = sorted(str(p) for p in EXAMPLES.iterdir())
    assert main(["classify", *files]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["path"] for r in rows] == files
    assert all(r["error"] is None and r["label"] for r in rows)


def test_classify_bad_file_exits_1_and_keeps_going(tmp_path, capsys):
    good = sorted(EXAMPLES.iterdir())[0]
    empty = tmp_path / "empty.txt"
    empty.write_text("   ")
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert main(["classify", str(empty), str(good), str(binary), str(tmp_path / "missing.txt")]) == 1
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["error"] is None for r in rows] == [False, True, False, False]
    assert "empty" in captured.err and "binary" in captured.err


def test_windows_1258_and_utf16_files(tmp_path, capsys):
    text = "Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2023, triển khai nhiệm vụ năm 2024."
    u16 = tmp_path / "u16.txt"
    u16.write_text(text, encoding="utf-16")
    assert main(["classify", str(u16)]) == 0
    assert json.loads(capsys.readouterr().out)["error"] is None


def test_bad_model_folder_is_exit_2(tmp_path, capsys):
    assert main(["classify", "--model", str(tmp_path), str(sorted(EXAMPLES.iterdir())[0])]) == 2
    assert "no meta.json" in capsys.readouterr().err


def test_console_script_runs():
    out = subprocess.run([sys.executable, "-m", "vnyouth.cli", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("vnyouth ")
