r"""The user's persistent environment: where ``enable`` writes variables so that new shells see them.

- Windows: ``HKCU\Environment``, what ``setx`` writes (never the machine's ``HKLM`` environment). A value keeps its
  registry type (``REG_SZ`` or ``REG_EXPAND_SZ``) when it is put back; the values ``enable`` writes are literal paths,
  so they are ``REG_SZ`` (a ``%`` in a path is then never expanded). Afterwards ``WM_SETTINGCHANGE`` is broadcast
  with ``"Environment"``, as Microsoft's page on the message asks of a program that changes the user's environment
  (https://learn.microsoft.com/windows/win32/winmsg/wm-settingchange), so Explorer hands new shells the new values.
- macOS, Linux: one block between two marker lines in the login profiles. Which files a login shell reads:
  bash reads the first of ``~/.bash_profile``, ``~/.bash_login``, ``~/.profile`` that exists
  (https://www.gnu.org/software/bash/manual/html_node/Bash-Startup-Files.html); zsh reads ``$ZDOTDIR/.zprofile``
  and never ``~/.profile`` (https://zsh.sourceforge.io/Doc/Release/Files.html); fish reads neither but every
  ``~/.config/fish/conf.d/*.fish`` (https://fishshell.com/docs/current/language.html#configuration-files). So the
  block goes into ``~/.profile`` (created if missing: sh, dash, ksh and display managers read it), the bash file
  bash reads instead of it when there is one, ``~/.zprofile`` when it exists, and a file of its own in fish's
  ``conf.d`` when fish's configuration folder exists. Removing the block leaves each file byte-identical to before.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from .. import _shells

if TYPE_CHECKING:
    from .journal import Profile, Value

REGISTRY_KEY = "Environment"
REGISTRY = r"HKCU\Environment"
REG_SZ = "REG_SZ"
REG_EXPAND_SZ = "REG_EXPAND_SZ"
PROFILE = "profile"
"""The type of a value that lives in a login-profile block."""
ENVIRONMENT = "environment"
"""The type of a value seen only in this process's environment (POSIX: set by the user somewhere else)."""
BEGIN = "# >>> platformdirs-devdrive enable >>> (platformdirs-devdrive disable removes this block)"
END = "# <<< platformdirs-devdrive enable <<<"
FISH_FILE = "platformdirs-devdrive.fish"
_BROADCAST_TIMEOUT_MS = 5000  # per window; SMTO_ABORTIFHUNG skips hung ones


class StoreError(Exception):
    """The user's environment cannot be read or written; the message says where and why, in one line."""


class RegistryStore:  # pragma: no-cover-if-not-windows
    r"""``HKCU\Environment`` through :mod:`winreg` (Windows only)."""

    kind = "registry"

    def __init__(self) -> None:
        import winreg  # noqa: PLC0415  # Windows only, and only for enable/disable

        self._winreg = winreg
        self.where = REGISTRY

    def get(self, name: str) -> Value | None:
        """Return the user's stored value of ``name`` with its registry type, or ``None`` when absent."""
        winreg = self._winreg
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, REGISTRY_KEY, 0, winreg.KEY_READ) as key:
                value, kind = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        except OSError as error:
            msg = f"cannot read {name} from {REGISTRY}: {error.strerror or error}"
            raise StoreError(msg) from None
        names = {winreg.REG_SZ: REG_SZ, winreg.REG_EXPAND_SZ: REG_EXPAND_SZ}
        return {"value": str(value), "type": names.get(kind, f"type {kind}")}

    def set(self, name: str, value: Value | None) -> None:
        """Write ``value`` (with its type) as ``name``, or delete ``name`` when ``value`` is ``None``."""
        winreg = self._winreg
        try:
            with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, REGISTRY_KEY, 0, winreg.KEY_SET_VALUE) as key:
                if value is None:
                    with contextlib.suppress(FileNotFoundError):
                        winreg.DeleteValue(key, name)
                    return
                kind = winreg.REG_EXPAND_SZ if value["type"] == REG_EXPAND_SZ else winreg.REG_SZ
                winreg.SetValueEx(key, name, 0, kind, value["value"])
        except OSError as error:
            msg = f"cannot write {name} to {REGISTRY}: {error.strerror or error}"
            raise StoreError(msg) from None

    def new_value(self, value: str) -> Value:
        """Return how ``enable`` stores ``value``: a literal ``REG_SZ``, as ``setx`` does for a value without ``%``."""
        return {"value": value, "type": REG_SZ}

    def commit(self, names: dict[str, Value | None]) -> list[str]:
        """Write every value in ``names``, then tell Windows; return notes (a broadcast that timed out)."""
        for name, value in names.items():
            self.set(name, value)
        return [] if broadcast() else ["Windows did not confirm the settings change: sign out and in to see it"]


def broadcast() -> bool:  # pragma: no-cover-if-not-windows
    """Broadcast ``WM_SETTINGCHANGE`` with ``"Environment"`` to every top-level window; ``False`` if it failed."""
    import ctypes  # noqa: PLC0415  # Windows only
    from ctypes import wintypes  # noqa: PLC0415

    hwnd_broadcast, wm_settingchange, smto_abortifhung = 0xFFFF, 0x001A, 0x0002  # winuser.h
    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]  # Windows
    send = user32.SendMessageTimeoutW
    send.argtypes = [
        wintypes.HWND,
        wintypes.UINT,
        wintypes.WPARAM,
        wintypes.LPCWSTR,
        wintypes.UINT,
        wintypes.UINT,
        ctypes.POINTER(ctypes.c_size_t),
    ]
    send.restype = ctypes.c_ssize_t
    result = ctypes.c_size_t(0)
    # wParam must be 0 when an application sends it; lParam names the changed area (the message's page, above).
    done = send(
        hwnd_broadcast,
        wm_settingchange,
        0,
        "Environment",
        smto_abortifhung,
        _BROADCAST_TIMEOUT_MS,
        ctypes.byref(result),
    )
    return bool(done)


class ProfileStore:
    """A marked block in the login profiles (macOS, Linux): see the module's docstring for which files."""

    kind = "profile"

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self._env = os.environ if env is None else env
        self.where = ", ".join(_tilde(path, self.home) for path, _ in self.files())

    @property
    def home(self) -> str:
        """The user's home folder."""
        return self._env.get("HOME") or os.path.expanduser("~")

    def files(self) -> list[tuple[str, str]]:
        """Return ``(path, shell)`` of every profile the block goes into (``shell``: its syntax, bash or fish)."""
        home = self.home
        found = [(os.path.join(home, ".profile"), "bash")]
        for name in (".bash_profile", ".bash_login"):  # bash reads only the first one there
            if os.path.exists(os.path.join(home, name)):
                found.append((os.path.join(home, name), "bash"))
                break
        zprofile = os.path.join(self._env.get("ZDOTDIR") or home, ".zprofile")
        if os.path.exists(zprofile):
            found.append((zprofile, "bash"))  # export NAME='...' means the same in zsh
        config = self._env.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
        if os.path.isdir(os.path.join(config, "fish")):
            found.append((os.path.join(config, "fish", "conf.d", FISH_FILE), "fish"))
        return found

    def get(self, name: str) -> Value | None:
        """Return the value our block in ``~/.profile`` gives ``name``, or ``None`` when the block does not set it."""
        path, shell = self.files()[0]
        for line in _block_lines(_read(path)):
            if (value := parse(line, name, shell)) is not None:
                return {"value": value, "type": PROFILE}
        return None

    def new_value(self, value: str) -> Value:
        """Return how ``enable`` stores ``value`` in a profile."""
        return {"value": value, "type": PROFILE}

    def write(self, values: dict[str, str], profiles: list[Profile]) -> list[Profile]:
        """Put the block setting ``values`` into every profile; return ``profiles``, each file recorded in it first.

        A file is added to ``profiles`` (the journal's list) before it is written, so that a write failing halfway
        leaves a journal that names every file that may hold the block.
        """
        known = {profile["path"] for profile in profiles}
        for path, shell in self.files():
            lines = [_shells.assignment(shell, name, value) for name, value in values.items()]
            content = _read(path)
            if path not in known:
                separator = bool(content) and not (content or "").endswith("\n") and BEGIN not in (content or "")
                profiles.append({"path": path, "created": content is None, "separator": separator})
                known.add(path)
            _write(path, _with_block(content or "", lines, path))
        return profiles

    def remove(self, expected: dict[str, str], profiles: list[Profile]) -> dict[str, list[str]]:
        """Take our lines out of each profile; return, per file, the lines kept because they were edited by hand.

        A block holding exactly the lines ``enable`` wrote goes, markers and all, so the file is what it was; a line
        changed since stays (inside the markers) and is reported. A file ``enable`` created and that holds nothing
        else is deleted.
        """
        kept: dict[str, list[str]] = {}
        for profile in profiles:
            path = profile["path"]
            content = _read(path)
            if content is None or BEGIN not in content:
                continue
            shell = "fish" if path.endswith(".fish") else "bash"
            ours = {_shells.assignment(shell, name, value) for name, value in expected.items()}
            others = [line for line in _block_lines(content) if line not in ours]
            if others:
                kept[path] = others
                remaining = _with_block(content, others, path)
            else:
                remaining = _without_block(content, separator=profile["separator"], path=path)
            if profile["created"] and not remaining:
                os.unlink(path)
            else:
                _write(path, remaining)
        return kept


def parse(line: str, name: str, shell: str) -> str | None:
    """Return the value ``line`` (as :func:`~.._shells.assignment` writes it) gives ``name``, else ``None``."""
    prefix = f"set -gx {name} " if shell == "fish" else f"export {name}="
    if not line.startswith(prefix):
        return None
    quoted = line[len(prefix) :]
    if len(quoted) < 2 or quoted[0] != "'" or quoted[-1] != "'":  # noqa: PLR2004
        return None
    if shell == "fish":
        return quoted[1:-1].replace("\\'", "'").replace("\\\\", "\\")
    return quoted[1:-1].replace("'\\''", "'")


def current_store() -> RegistryStore | ProfileStore:
    """Return this user's store: the registry on Windows, the login profiles elsewhere."""
    return RegistryStore() if os.name == "nt" else ProfileStore()


def _span(content: str) -> tuple[int, int] | None:
    """Return where our block starts and ends (after its last line break), or ``None`` when there is none."""
    start = content.find(BEGIN)
    if start < 0:
        return None
    end = content.find(END, start)
    if end < 0:  # the end marker was deleted by hand: where the block ends is unknown
        return start, -1
    after = content.find("\n", end)
    return start, len(content) if after < 0 else after + 1


def _block_lines(content: str | None) -> list[str]:
    span = _span(content or "")
    if content is None or span is None or span[1] < 0:
        return []
    body = content[span[0] + len(BEGIN) : span[1]].removesuffix("\n").removesuffix(END)
    return [line for line in body.split("\n") if line.strip()]


def _checked_span(path: str, content: str) -> tuple[int, int] | None:
    span = _span(content)
    if span is not None and span[1] < 0:
        msg = f"{path}: the line {END!r} is missing, so the block cannot be told apart from your own lines; fix it"
        raise StoreError(msg)
    return span


def _with_block(content: str, lines: list[str], path: str = "") -> str:
    """Return ``content`` with our block (replaced if there, else appended) setting ``lines``."""
    block = "\n".join([BEGIN, *lines, END]) + "\n"
    if span := _checked_span(path, content):
        return content[: span[0]] + block + content[span[1] :]
    # A file without a final line break gets one before the block: the marker says the block begins there, and
    # _without_block takes that line break away again.
    separator = "\n" if content and not content.endswith("\n") else ""
    return content + separator + block


def _without_block(content: str, *, separator: bool, path: str = "") -> str:
    """Return ``content`` without our block; ``separator``: :func:`_with_block` added a line break before it."""
    span = _checked_span(path, content)
    if span is None:
        return content
    before, after = content[: span[0]], content[span[1] :]
    if separator and not after and before.endswith("\n"):
        before = before[:-1]
    return before + after


def _read(path: str) -> str | None:
    try:
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        return None
    except OSError as error:
        msg = f"cannot read {path}: {error.strerror or error}"
        raise StoreError(msg) from None
    try:
        return data.decode("utf-8", "surrogateescape")  # any bytes come back exactly as they were
    except UnicodeError:  # pragma: no cover  # surrogateescape decodes anything
        return None


def _write(path: str, content: str) -> None:
    """Replace ``path`` with ``content`` atomically, keeping the file's permission bits."""
    folder = os.path.dirname(path)
    temporary = f"{path}.platformdirs-devdrive.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        try:
            mode = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o644  # a profile other programs (a display manager) read as the user: as shells create them
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(descriptor, "wb") as file:
            file.write(content.encode("utf-8", "surrogateescape"))
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)  # the umask may have narrowed it
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        msg = f"cannot write {path}: {error.strerror or error}"
        raise StoreError(msg) from None


def _tilde(path: str, home: str) -> str:
    return "~" + path[len(home) :] if path.startswith(home.rstrip(os.sep) + os.sep) else path


__all__ = [
    "BEGIN",
    "END",
    "REGISTRY",
    "ProfileStore",
    "RegistryStore",
    "StoreError",
    "broadcast",
    "current_store",
    "parse",
]
