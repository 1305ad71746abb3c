"""Quoting environment settings for each shell (golden lines), and refusing what a shell cannot hold literally."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from dotenv import dotenv_values

from platformdirs_devdrive._shells import (
    GITHUB_DELIMITER,
    SETX_LIMIT,
    SHELLS,
    Unquotable,
    assignment,
    bash_quote,
    comment,
    dotenv_quote,
    fish_quote,
    make_directory,
    setx_value,
)

if TYPE_CHECKING:
    from pathlib import Path

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
        ("github", r"PIP_CACHE_DIR=D:\.cache\pip\Cache"),
        ("dotenv", r"PIP_CACHE_DIR='D:\.cache\pip\Cache'"),
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
        ("github", r"X=D:\my 100% dev's `tick` $HOME & ^caret\.cache"),
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


# --- $GITHUB_ENV -----------------------------------------------------------------------------------------------------


def read_github_env(text: str) -> dict[str, str]:
    """Read an env file as GitHub's runner does (SetEnvFileCommand in actions/runner, on Linux: lines end at LF)."""
    found: dict[str, str] = {}
    lines = iter(text.split("\n"))
    for line in lines:
        if not line:
            continue
        equals, heredoc = line.find("="), line.find("<<")
        if equals >= 0 and (heredoc < 0 or equals < heredoc):
            name, value = line.split("=", 1)
            found[name] = value
            continue
        assert heredoc >= 0, f"the runner fails the step on {line!r}"
        name, delimiter = line.split("<<", 1)
        assert name, "the runner wants a name"
        assert delimiter, "the runner wants a delimiter"
        body = []
        for part in lines:
            if part == delimiter:
                break
            body.append(part)
        else:
            pytest.fail(f"no line {delimiter!r} ends the value")
        found[name] = "\n".join(body)
    return found


@pytest.mark.parametrize(
    "value",
    [
        PLAIN,
        TRICKY,
        "",
        "a=b<<c",
        "/x/two\nlines",
        "/x/ends with a break\n",
        "/x/\r\ncarriage",
        f"/x/{GITHUB_DELIMITER}\n{GITHUB_DELIMITER}_",  # holds the delimiter: another one is used
    ],
)
def test_github_env_reads_back_every_value(value: str) -> None:
    text = assignment("github", "X", value) + "\n" + assignment("github", "Y", "after") + "\n"
    assert read_github_env(text) == {"X": value, "Y": "after"}


def test_github_env_writes_one_line_unless_there_is_a_break() -> None:
    assert assignment("github", "X", "a b") == "X=a b"
    assert assignment("github", "X", "a\nb") == f"X<<{GITHUB_DELIMITER}\na\nb\n{GITHUB_DELIMITER}"


# --- .env files -------------------------------------------------------------------------------------------------------

DOTENV_VALUES = [
    PLAIN,
    r"D:\my 100% dev `tick` $HOME $ {x} & ^caret # not a comment\.cache",
    '/fast/"dq" \\b $x',
    "  spaced  ",
    "",
]


def test_dotenv_doubles_a_drive_roots_final_backslash() -> None:
    # python-dotenv reads '\\' as one backslash; the others read D:\\, which Windows takes as D:\.
    assert dotenv_quote("X", "D:\\") == "'D:\\\\'"
    assert dotenv_quote("X", "E:\\dir\\") == "'E:\\dir\\\\'"


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("it's", "single quote"),
        ("/x/${HOME}", "expands"),
        ("a\nb", "line break"),
        ("a\rb", "line break"),
        (r"\\server\share\x", "two backslashes"),
        ("/posix/ends\\", "final backslash"),
    ],
)
def test_dotenv_refuses(value: str, match: str) -> None:
    with pytest.raises(Unquotable, match=match):
        assignment("dotenv", "X", value)


@pytest.mark.parametrize("value", [*DOTENV_VALUES, "D:\\", "E:\\dir\\"])
def test_python_dotenv_reads_back_every_value(value: str) -> None:
    text = "# a comment\n" + assignment("dotenv", "X", value) + "\n" + assignment("dotenv", "Y", "after") + "\n"
    found = dotenv_values(stream=io.StringIO(text), interpolate=True)
    assert found["Y"] == "after"
    assert found["X"] == value  # exact: python-dotenv reads the doubled final backslash as one


@pytest.mark.parametrize("shell", ["bash", "dash"])
def test_a_posix_shell_sourcing_the_file_reads_back_every_value(shell: str, tmp_path: Path) -> None:
    program = shutil.which(shell)
    if program is None:
        pytest.skip(f"needs {shell}")
    names = [f"V{index}" for index in range(len(DOTENV_VALUES))]
    env_file = tmp_path / ".env"
    env_file.write_text(
        "".join(assignment("dotenv", n, v) + "\n" for n, v in zip(names, DOTENV_VALUES, strict=True)), "utf-8"
    )
    script = "set -a; . ./.env; set +a; " + "".join(f'printf "%s\\0" "${name}"; ' for name in names)
    done = subprocess.run(
        [program, "-c", script], capture_output=True, check=True, cwd=tmp_path, env={"PATH": os.defpath}
    )
    assert done.stdout.decode().split("\0")[:-1] == DOTENV_VALUES
