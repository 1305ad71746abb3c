"""Quoting environment settings for each shell (golden lines), and refusing what a shell cannot hold literally."""

from __future__ import annotations

import pytest

from platformdirs_devdrive._shells import (
    SETX_LIMIT,
    SHELLS,
    Unquotable,
    assignment,
    bash_quote,
    comment,
    fish_quote,
    make_directory,
    setx_value,
)

PLAIN = r"D:\.cache\pip\Cache"
TRICKY = r"D:\my 100% dev's `tick` $HOME & ^caret\.cache"


@pytest.mark.parametrize(
    ("shell", "line"),
    [
        ("cmd", r'set "PIP_CACHE_DIR=D:\.cache\pip\Cache"'),
        ("powershell", r"$env:PIP_CACHE_DIR = 'D:\.cache\pip\Cache'"),
        ("powershell-setx", r"setx PIP_CACHE_DIR 'D:\.cache\pip\Cache'"),
        ("bash", r"export PIP_CACHE_DIR='D:\.cache\pip\Cache'"),
        ("fish", r"set -gx PIP_CACHE_DIR 'D:\\.cache\\pip\\Cache'"),
    ],
)
def test_plain_path(shell: str, line: str) -> None:
    assert assignment(shell, "PIP_CACHE_DIR", PLAIN) == line


@pytest.mark.parametrize(
    ("shell", "line"),
    [
        ("cmd", r'set "X=D:\my 100%% dev' + "'s `tick` $HOME & ^caret\\.cache\""),
        ("powershell", r"$env:X = 'D:\my 100% dev''s `tick` $HOME & ^caret\.cache'"),
        ("powershell-setx", r"setx X 'D:\my 100% dev''s `tick` $HOME & ^caret\.cache'"),
        ("bash", r"export X='D:\my 100% dev'\''s `tick` $HOME & ^caret\.cache'"),
        ("fish", r"set -gx X 'D:\\my 100% dev\'s `tick` $HOME & ^caret\\.cache'"),
    ],
)
def test_tricky_path(shell: str, line: str) -> None:
    assert assignment(shell, "X", TRICKY) == line


def test_powershell_doubles_every_quote_it_ends_strings_with() -> None:
    # PowerShell treats the curly single quotes as quote characters too.
    value = "a\u2018b\u2019c\u201ad\u201be'f"
    assert assignment("powershell", "X", value) == "$env:X = 'a\u2018\u2018b\u2019\u2019c\u201a\u201ad\u201b\u201be''f'"


@pytest.mark.parametrize(
    "value",
    [
        'C:\\say "hi"',
        "line\nbreak",
        "carriage\rreturn",
        "D:\\wow!",  # delayed expansion would eat it (and expand !VAR! pairs), even inside quotes
        "D:\\!PATH!",
        "end\x1aof file",  # Ctrl-Z
        "tab\there",
        "del\x7f",
    ],
)
def test_cmd_refuses_what_a_quoted_set_cannot_hold(value: str) -> None:
    with pytest.raises(Unquotable, match="cmd cannot be given a value with a double quote, an exclamation mark or a"):
        assignment("cmd", "X", value)


@pytest.mark.parametrize("shell", [shell for shell in SHELLS if shell != "json"])
def test_nul_is_refused_everywhere(shell: str) -> None:
    with pytest.raises(Unquotable, match="NUL"):
        assignment(shell, "X", "a\0b")


def test_setx_keeps_a_spaced_path_without_its_final_backslash() -> None:
    # Windows PowerShell 5.1 would pass 'E:\my drive\' as "E:\my drive\" and setx would read a quote.
    assert setx_value("X", "E:\\my drive\\") == "E:\\my drive"
    assert setx_value("X", "D:\\") == "D:\\"  # no space: passed bare, the backslash is harmless


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("", "empty"),
        ('a"b', "double quote"),
        ("a\nb", "control character"),
        ("a\x1ab", "control character"),
        ("x" * (SETX_LIMIT + 1), "1024"),
    ],
)
def test_setx_refuses(value: str, match: str) -> None:
    with pytest.raises(Unquotable, match=match):
        setx_value("X", value)


def test_setx_accepts_exactly_its_limit() -> None:
    assert setx_value("X", "x" * SETX_LIMIT) == "x" * SETX_LIMIT


def test_unknown_shell_is_a_programmer_error() -> None:
    with pytest.raises(ValueError, match="zsh"):
        assignment("zsh", "X", "v")


@pytest.mark.parametrize(
    ("shell", "line"),
    [
        ("cmd", 'if not exist "D:\\100%% x\\.cache\\vcpkg\\" mkdir "D:\\100%% x\\.cache\\vcpkg"'),
        ("powershell", "[void][System.IO.Directory]::CreateDirectory('D:\\100% x\\.cache\\vcpkg')"),
        ("powershell-setx", "[void][System.IO.Directory]::CreateDirectory('D:\\100% x\\.cache\\vcpkg')"),
        ("bash", "mkdir -p -- 'D:\\100% x\\.cache\\vcpkg'"),
        ("fish", "mkdir -p -- 'D:\\\\100% x\\\\.cache\\\\vcpkg'"),
    ],
)
def test_make_directory(shell: str, line: str) -> None:
    assert make_directory(shell, "D:\\100% x\\.cache\\vcpkg") == line


def test_comments_cannot_be_broken_out_of() -> None:
    assert comment("bash", "root /x\nrm -rf ~") == "# root /x\\nrm -rf ~"
    assert comment("fish", "tab\there") == "# tab\\there"
    assert comment("powershell", "a\rb") == "# a\\rb"


def test_cmd_comments_survive_batch_parsing() -> None:
    assert comment("cmd", "100% of %PATH%") == "REM 100%% of %%PATH%%"
    assert comment("cmd", "ends with ^") == "REM ends with ^ ."


def test_quote_helpers() -> None:
    assert bash_quote("it's") == "'it'\\''s'"
    assert fish_quote("a\\'b") == "'a\\\\\\'b'"
