"""Bad input: a one-line note naming file and line, good records kept, exit 2 only when nothing is usable."""

from __future__ import annotations

import subprocess
import sys

import pytest

from paperkg.errors import InputError, NoUsableInputError, UnknownFormatError
from paperkg.loaders import read_corpus, sniff_format

from .test_formats import LONG, LONG2, write


def test_unknown_format_is_a_clear_error(tmp_path):
    path = write(tmp_path, "notes.txt", "just a short line\nand another\n")
    with pytest.raises(UnknownFormatError, match=r"notes.txt: content matches no known format"):
        sniff_format(path)


def test_empty_file_is_reported_and_other_files_still_read(tmp_path):
    write(tmp_path, "empty.txt", "   \n")
    write(tmp_path, "good.txt", f"A Title\n{LONG}\n")
    corpus = read_corpus([tmp_path])
    assert [p.title for p in corpus.papers] == ["A Title"]
    assert corpus.skip_reasons() == {"empty file": 1}


def test_bad_encoding_line_is_named_and_its_record_kept(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Caf\xe9 Models: A Title\n" + LONG.encode() + b"\nOther\n" + LONG2.encode() + b"\n")
    corpus = read_corpus([path])
    assert [p.title for p in corpus.papers] == ["Café Models: A Title", "Other"]
    assert [(s.location, s.reason) for s in corpus.skipped] == [(f"{path}:1", "bad encoding")]


def test_binary_file_is_unknown_format(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02garbage" * 10)
    with pytest.raises(UnknownFormatError):
        sniff_format(path)


def test_nothing_usable_raises(tmp_path):
    write(tmp_path, "a.txt", "")
    with pytest.raises(NoUsableInputError):
        read_corpus([tmp_path])


def test_missing_path_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_corpus([tmp_path / "nope"])


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "paperkg.cli", *args], capture_output=True, text=True,
                          timeout=120)


def test_cli_build_with_nothing_usable_exits_2_with_one_line(tmp_path):
    write(tmp_path, "junk.txt", "short\nlines\n")
    result = run_cli("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("paperkg: error:")]
    assert len(errors) == 1 and "nothing usable" in errors[0]
