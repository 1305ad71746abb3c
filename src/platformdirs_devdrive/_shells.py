r"""Writing environment settings for each shell, quoted so that any path survives: spaces, ``%``, ``$``, quotes.

The command line's ``env`` output is meant to be run (``eval``, ``source``, ``call``), so every form below is chosen
so that the shell does no expansion at all inside the value:

============================  ============================================  =====================================
shell                         one setting                                   what is escaped
============================  ============================================  =====================================
``cmd`` (a batch file)        ``set "NAME=D:\.cache\pip"``                  ``%`` doubled (batch files read ``%%``
                                                                            as ``%``); ``"``, ``!`` and control
                                                                            characters refused
``powershell``                ``$env:NAME = 'D:\.cache\pip'``               ``'`` (and curly ``'``) doubled
``powershell-setx``           ``setx NAME 'D:\.cache\pip'``                 as above; ``"``, control characters,
                                                                            empty values and values over 1024
                                                                            characters refused
``bash``                      ``export NAME='D:\.cache\pip'``               ``'`` written as ``'\''``
``fish``                      ``set -gx NAME 'D:\.cache\pip'``              ``\`` and ``'`` backslash-escaped
``json``                      ``{"NAME": "D:\\.cache\\pip"}``               JSON (ASCII only)
``github`` (``$GITHUB_ENV``)  ``NAME=D:\.cache\pip``                        nothing; a value with a line break
                                                                            in GitHub's ``NAME<<DELIMITER`` form
``dotenv`` (a ``.env`` file)  ``NAME='D:\.cache\pip'``                      ``'`` and line breaks refused; see
                                                                            :func:`dotenv_quote`
============================  ============================================  =====================================

Comments never carry control characters (a line break in a path would end the comment and run the rest).
"""

from __future__ import annotations

SHELLS = ("cmd", "powershell", "powershell-setx", "bash", "fish", "json", "github", "dotenv")
"""The ``--shell`` choices of ``platformdirs-devdrive env``."""
DATA_SHELLS = ("json", "github", "dotenv")
"""Forms that are read, never run: they cannot create a folder, so notes such as "create it" go to stderr."""
GITHUB_DELIMITER = "PLATFORMDIRS_DEVDRIVE_EOF"
"""The first delimiter tried for a ``$GITHUB_ENV`` value with a line break (one the value holds is never used)."""
SETX_LIMIT = 1024
"""setx stores at most this many characters of a value and silently drops the rest (it prints a warning)."""
_POWERSHELL_QUOTES = "'\u2018\u2019\u201a\u201b"  # PowerShell ends a '...' string at any of these; doubling escapes


class Unquotable(ValueError):  # noqa: N818  # a reason, shown to the user as is
    """The value cannot be written safely for this shell; the message says why."""


def assignment(shell: str, name: str, value: str) -> str:
    r"""Return the line that sets ``name`` to ``value`` in ``shell``, e.g. ``export PIP_CACHE_DIR='D:\.cache\pip'``.

    :raises Unquotable: for a value the shell cannot be given literally (a NUL anywhere; for cmd, a ``"`` or a line
        break; for setx, see :func:`setx_value`).
    """
    if "\0" in value:
        msg = f"{name}: a value cannot contain a NUL character"
        raise Unquotable(msg)
    if shell == "cmd":
        return f'set "{name}={_cmd_text(name, value)}"'
    if shell == "powershell":
        return f"$env:{name} = {_powershell_quote(value)}"
    if shell == "powershell-setx":
        return f"setx {name} {_powershell_quote(setx_value(name, value))}"
    if shell == "bash":
        return f"export {name}={bash_quote(value)}"
    if shell == "fish":
        return f"set -gx {name} {fish_quote(value)}"
    if shell == "github":
        return github_assignment(name, value)
    if shell == "dotenv":
        return f"{name}={dotenv_quote(name, value)}"
    msg = f"no assignment syntax for shell {shell!r}"
    raise ValueError(msg)


def make_directory(shell: str, path: str) -> str:
    r"""Return the line that creates ``path`` and its parents if missing: ``mkdir -p -- '/fast/.cache/vcpkg'``."""
    if shell == "cmd":
        text = _cmd_text("mkdir", path)
        return f'if not exist "{text}\\" mkdir "{text}"'
    if shell in {"powershell", "powershell-setx"}:
        # .NET, not New-Item: -Path would expand wildcards such as [ ] in the path.
        return f"[void][System.IO.Directory]::CreateDirectory({_powershell_quote(path)})"
    quote = fish_quote if shell == "fish" else bash_quote
    return f"mkdir -p -- {quote(path)}"


def comment(shell: str, text: str) -> str:
    """Return ``text`` as a comment line of ``shell`` (``REM`` for cmd, ``#`` elsewhere), control characters escaped."""
    safe = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
    if shell == "cmd":
        # In a batch file %VAR% is expanded even after REM (and "%~" is a syntax error); a final ^ would join the
        # next line to the comment.
        safe = safe.replace("%", "%%")
        return f"REM {safe} ." if safe.endswith("^") else f"REM {safe}"
    return f"# {safe}"


def setx_value(name: str, value: str) -> str:
    r"""Return ``value`` as ``setx`` will store it, or raise :class:`Unquotable`.

    PowerShell 5.1 passes an argument with spaces to a program as ``"..."`` without escaping a final backslash, so
    ``'E:\my drive\'`` would reach setx as ``E:\my drive"``; such a value loses its final backslashes (the same folder).
    """
    if not value:
        msg = f"{name}: setx cannot set an empty value"
        raise Unquotable(msg)
    if '"' in value or _has_control(value):
        msg = f"{name}: setx cannot be given a value with a double quote or a control character (a line break, say)"
        raise Unquotable(msg)
    if any(char.isspace() for char in value) and value.endswith("\\"):
        value = value.rstrip("\\") or value
    if len(value) > SETX_LIMIT:
        msg = (
            f"{name}: the value has {len(value)} characters and setx keeps only {SETX_LIMIT}; "
            "use --shell powershell in your profile instead"
        )
        raise Unquotable(msg)
    return value


def bash_quote(value: str) -> str:
    r"""Quote for POSIX shells: ``'it'\''s'``; nothing inside single quotes is special but the quote itself."""
    return "'" + value.replace("'", "'\\''") + "'"


def fish_quote(value: str) -> str:
    r"""Quote for fish: inside ``'...'`` only ``\\`` and ``\'`` are escapes, so both are escaped."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def github_assignment(name: str, value: str) -> str:
    r"""Return the ``$GITHUB_ENV`` entry for ``name``: ``NAME=value``, or for a value with a line break, the heredoc.

    GitHub's runner reads ``NAME=value`` up to the line's end and takes the value as is (no quoting, no escapes), so a
    single line needs nothing; a value with a line break is written ``NAME<<DELIMITER``, its lines, ``DELIMITER``,
    with a delimiter that occurs nowhere in the value (the runner ends the value at the first line equal to it).
    Source: "Multiline strings" in GitHub's "Workflow commands for GitHub Actions", and the runner's parser,
    ``SetEnvFileCommand`` in actions/runner ``src/Runner.Worker/FileCommandManager.cs``. Line breaks can only come
    from a POSIX path (Windows forbids control characters in names), where the runner splits lines at ``\n`` alone.
    """
    if "\n" not in value and "\r" not in value:
        return f"{name}={value}"
    delimiter = GITHUB_DELIMITER
    while delimiter in value:
        delimiter += "_"
    return f"{name}<<{delimiter}\n{value}\n{delimiter}"


def dotenv_quote(name: str, value: str) -> str:
    r"""Quote for a ``.env`` file: ``'D:\.cache\pip'``, the single-quoted form every common reader takes literally.

    Inside single quotes docker compose, Node's dotenv, Rust's dotenvy (uv's ``--env-file``) and a POSIX shell
    (``set -a; . ./.env``) expand nothing, so ``$``, ``#``, ``%``, ``"`` and spaces are safe. What they cannot all
    read the same way is refused: a ``'`` (nothing escapes it there) and line breaks (multi-line values differ
    between readers). python-dotenv alone reads ``\\`` and ``\'`` inside single quotes as escapes and expands
    ``${NAME}`` even there (with no escape for it), so a value with ``${`` or with two backslashes in a row (a
    ``\\server\share`` path) is refused too; a Windows path's final backslash (``D:\``) is written doubled,
    ``'D:\\'``, which python-dotenv reads as ``D:\`` and the others as ``D:\\``, the same folder on Windows.
    Source: python-dotenv 1.2's ``parser.py`` (``_single_quote_escapes``) and ``main.py`` (``resolve_variables``).

    :raises Unquotable: for a value this form cannot hold.
    """
    if "'" in value or "\n" in value or "\r" in value:
        msg = f"{name}: a .env file cannot be given a value with a single quote or a line break; use another --shell"
        raise Unquotable(msg)
    if "${" in value:
        msg = f"{name}: python-dotenv expands ${{...}} even in single quotes, so a .env file cannot hold {value}"
        raise Unquotable(msg)
    if "\\\\" in value:
        msg = f"{name}: python-dotenv reads two backslashes in a row as one, so a .env file cannot hold {value}"
        raise Unquotable(msg)
    if value.endswith("\\"):
        if not _drive_path(value):
            msg = f"{name}: python-dotenv would read the final backslash of {value} as escaping the closing quote"
            raise Unquotable(msg)
        value += "\\"  # Windows collapses repeated separators: D:\\ is D:\
    return f"'{value}'"


def _drive_path(value: str) -> bool:
    return len(value) >= 3 and value[0].isascii() and value[0].isalpha() and value[1:3] == ":\\"  # noqa: PLR2004


def _powershell_quote(value: str) -> str:
    for quote in _POWERSHELL_QUOTES:
        value = value.replace(quote, quote * 2)
    return f"'{value}'"


def _cmd_text(name: str, value: str) -> str:
    # Inside "..." cmd takes & | < > ^ literally; a " would end the quoting and a line break the command; Ctrl-Z
    # (0x1A) and the other control characters end or garble a batch file's line. A "!" is expanded (and a lone one
    # removed) wherever delayed expansion is on (setlocal EnableDelayedExpansion, cmd /V:ON), inside quotes too,
    # and no escape works both with it on and off: refused rather than risked.
    if '"' in value or "!" in value or _has_control(value):
        msg = (
            f"{name}: cmd cannot be given a value with a double quote, an exclamation mark or a control character; "
            "use another --shell"
        )
        raise Unquotable(msg)
    return value.replace("%", "%%")


def _has_control(value: str) -> bool:
    return any(ord(char) < 0x20 or ord(char) == 0x7F for char in value)  # noqa: PLR2004  # C0 controls and DEL


__all__ = [
    "DATA_SHELLS",
    "GITHUB_DELIMITER",
    "SETX_LIMIT",
    "SHELLS",
    "Unquotable",
    "assignment",
    "bash_quote",
    "comment",
    "dotenv_quote",
    "fish_quote",
    "github_assignment",
    "make_directory",
    "setx_value",
]
