r"""Where other tools keep their caches by default: the base folders of each OS, and each tool's own rule.

Computed from an environment mapping, so that Windows answers can be computed (and tested) anywhere; each rule cites
the tool's documentation in ``_tools.TOOLS``, where the table uses it. CLI-only: the library never imports it.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from types import ModuleType

WINDOWS = "windows"
MACOS = "macos"
LINUX = "linux"  # and every other POSIX system: the XDG rules


def current_platform() -> str:
    """Return the platform whose tool defaults apply here: ``windows``, ``macos`` or ``linux``."""
    if sys.platform == "win32":
        return WINDOWS
    return MACOS if sys.platform == "darwin" else LINUX


class Places:
    r"""The base folders tools derive their defaults from, read from an environment mapping.

    ``Places("windows", {"USERPROFILE": r"C:\Users\me"}).user_cache()`` is ``C:\Users\me\AppData\Local``.
    A folder that cannot be determined (no home directory) is ``None``.
    """

    __slots__ = ("env", "path", "platform")

    def __init__(self, platform: str, env: Mapping[str, str]) -> None:
        self.platform = platform
        self.env = env
        self.path: ModuleType = ntpath if platform == WINDOWS else posixpath

    def get(self, name: str) -> str | None:
        """Return the variable ``name``, or ``None`` when unset or blank (tools treat an empty value as unset)."""
        value = self.env.get(name, "").strip()
        return value or None

    def join(self, base: str | None, *parts: str) -> str | None:
        """Join ``parts`` to ``base`` with this platform's separator; ``None`` stays ``None``."""
        return None if base is None else str(self.path.join(base, *parts))

    def home(self) -> str | None:
        r"""Return ``%USERPROFILE%`` on Windows (as Rust's and Go's home lookups), ``$HOME`` elsewhere."""
        return self.get("USERPROFILE" if self.platform == WINDOWS else "HOME")

    def local_appdata(self) -> str | None:
        r"""Return ``%LOCALAPPDATA%``, else ``%USERPROFILE%\AppData\Local``."""
        return self.get("LOCALAPPDATA") or self.join(self.home(), "AppData", "Local")

    def xdg(self, variable: str, *fallback: str) -> str | None:
        """Return ``$XDG_...`` when set, else ``~/<fallback>``: the XDG base-directory rule."""
        return self.get(variable) or self.join(self.home(), *fallback)

    def user_cache(self) -> str | None:
        """Return the OS's user cache folder, as Go's ``os.UserCacheDir`` and Rust's ``dirs::cache_dir`` define it."""
        if self.platform == WINDOWS:
            return self.local_appdata()
        if self.platform == MACOS:
            return self.join(self.home(), "Library", "Caches")
        return self.xdg("XDG_CACHE_HOME", ".cache")


def pip_default(places: Places) -> str | None:
    """Return pip's default folder here, or ``None`` when it cannot be known."""
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "pip", "Cache")
    return places.join(places.user_cache(), "pip")


def uv_default(places: Places) -> str | None:
    """Return uv's default folder here, or ``None`` when it cannot be known."""
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "uv", "cache")
    return places.join(places.xdg("XDG_CACHE_HOME", ".cache"), "uv")  # the XDG rule on macOS too


def npm_default(places: Places) -> str | None:
    """Return npm's default folder here, or ``None`` when it cannot be known."""
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "npm-cache")
    return places.join(places.home(), ".npm")


def yarn_classic_default(places: Places) -> str | None:
    """Return yarn classic's default folder here, or ``None`` when it cannot be known."""
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "Yarn", "Cache")
    if xdg := places.get("XDG_CACHE_HOME"):
        return places.join(xdg, "yarn")
    if places.platform == MACOS:
        return places.join(places.home(), "Library", "Caches", "Yarn")
    return places.join(places.home(), ".cache", "yarn")


def yarn_berry_default(places: Places) -> str | None:
    """Return yarn berry's default folder here, or ``None`` when it cannot be known."""
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "Yarn", "Berry")
    if xdg := places.get("XDG_DATA_HOME"):
        return places.join(xdg, "yarn", "berry")
    return places.join(places.home(), ".yarn", "berry")


def pnpm_default(places: Places) -> str | None:
    """Return pnpm's default folder here, or ``None`` when it cannot be known."""
    if pnpm_home := places.get("PNPM_HOME"):
        return places.join(pnpm_home, "store")
    if xdg := places.get("XDG_DATA_HOME"):
        return places.join(xdg, "pnpm", "store")
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "pnpm", "store")
    if places.platform == MACOS:
        return places.join(places.home(), "Library", "pnpm", "store")
    return places.join(places.home(), ".local", "share", "pnpm", "store")


def nuget_default(places: Places) -> str | None:
    """Return nuget's default folder here, or ``None`` when it cannot be known."""
    return places.join(places.home(), ".nuget", "packages")


def vcpkg_default(places: Places) -> str | None:
    """Return vcpkg's default folder here, or ``None`` when it cannot be known."""
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "vcpkg", "archives")
    return places.join(places.xdg("XDG_CACHE_HOME", ".cache"), "vcpkg", "archives")


def cargo_default(places: Places) -> str | None:
    """Return cargo's default folder here, or ``None`` when it cannot be known."""
    return places.join(places.home(), ".cargo")


def gradle_default(places: Places) -> str | None:
    """Return gradle's default folder here, or ``None`` when it cannot be known."""
    return places.join(places.home(), ".gradle")


def maven_default(places: Places) -> str | None:
    """Return maven's default folder here, or ``None`` when it cannot be known."""
    return places.join(places.home(), ".m2", "repository")


def gocache_default(places: Places) -> str | None:
    """Return gocache's default folder here, or ``None`` when it cannot be known."""
    return places.join(places.user_cache(), "go-build")


def gomodcache_default(places: Places) -> str | None:
    """Return gomodcache's default folder here, or ``None`` when it cannot be known."""
    gopath = places.get("GOPATH")
    separator = ";" if places.platform == WINDOWS else ":"
    first = gopath.split(separator)[0] if gopath else places.join(places.home(), "go")
    return places.join(first or None, "pkg", "mod")


def hf_default(places: Places) -> str | None:
    """Return hf's default folder here, or ``None`` when it cannot be known."""
    return places.join(places.xdg("XDG_CACHE_HOME", ".cache"), "huggingface")  # the same rule on Windows


def conda_default(places: Places) -> str | None:
    """Return conda's default folder here, or ``None`` when it cannot be known."""
    # The first package cache is <root prefix>/pkgs; conda's activation scripts export CONDA_EXE, which lies in
    # <root>/bin/conda or <root>\Scripts\conda.exe. Without it, where conda is installed is unknown here.
    conda_exe = places.get("CONDA_EXE")
    if conda_exe is None:
        return None
    return places.join(places.path.dirname(places.path.dirname(conda_exe)), "pkgs")


def pixi_default(places: Places) -> str | None:
    """Return pixi's default folder here, or ``None`` when it cannot be known."""
    if rattler := places.get("RATTLER_CACHE_DIR"):
        return rattler
    xdg_pixi = places.join(places.get("XDG_CACHE_HOME"), "pixi")
    if xdg_pixi is not None and places.platform == current_platform() and os.path.isdir(xdg_pixi):
        return xdg_pixi  # pixi uses $XDG_CACHE_HOME/pixi only when that folder exists
    return places.join(places.user_cache(), "rattler", "cache")


def temp_default(places: Places) -> str | None:
    """Return temp's default folder here, or ``None`` when it cannot be known."""
    # Windows' GetTempPath2W reads TMP, then TEMP, then USERPROFILE; Python's tempfile on POSIX reads TMPDIR first,
    # then /tmp (its later candidates, /var/tmp and /usr/tmp, only when /tmp is unusable).
    if places.platform == WINDOWS:
        return places.get("TMP") or places.get("TEMP") or places.join(places.local_appdata(), "Temp")
    return places.get("TMPDIR") or "/tmp"  # noqa: S108  # the documented default, not a file we create


def no_default(places: Places) -> str | None:  # noqa: ARG001  # the flag has no folder of its own
    """Return nothing: a setting that names a root, not a folder of its own."""
    return None


__all__ = [
    "LINUX",
    "MACOS",
    "WINDOWS",
    "Places",
    "cargo_default",
    "conda_default",
    "current_platform",
    "gocache_default",
    "gomodcache_default",
    "gradle_default",
    "hf_default",
    "maven_default",
    "no_default",
    "npm_default",
    "nuget_default",
    "pip_default",
    "pixi_default",
    "pnpm_default",
    "temp_default",
    "uv_default",
    "vcpkg_default",
    "yarn_berry_default",
    "yarn_classic_default",
]
