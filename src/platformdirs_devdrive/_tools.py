r"""Other tools' cache settings: each variable's name, the value shape it expects, and the tool's default location.

Data for the command line (``platformdirs-devdrive doctor`` and ``env``); the library never imports it. Every entry
was checked against the tool's own documentation (or, where the docs are silent, its source); the address is in the
entry's ``sources``. Defaults are the tools' documented defaults per OS, computed from an environment mapping so that
Windows answers can be computed (and tested) anywhere. Tools' own configuration files (``pip.ini``, ``.npmrc``,
``settings.xml``, ``go env -w``, ``.condarc``, ...) are not read: a location set there is not seen.

On a chosen root every tool gets its own folder below the root's ``.cache`` folder: ``D:\.cache\uv``,
``D:\.cache\npm``, ``D:\.cache\go\build``. pip's is ``D:\.cache\pip\Cache``, the folder pip itself gets through this
package (:func:`~platformdirs_devdrive.user_cache_dir` with ``appauthor=False``), so both ways share one cache.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import sys

from ._layout import CACHE_FOLDER, cache_parts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from types import ModuleType

WINDOWS = "windows"
MACOS = "macos"
LINUX = "linux"  # and every other POSIX system: the XDG rules
DEV_DRIVE_DOCS = "https://learn.microsoft.com/windows/dev-drive/"
"""Microsoft's page; its "Storing package cache on Dev Drive" covers npm, NuGet, vcpkg, pip, Cargo, Maven, Gradle."""


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


PATH = "path"
"""Value shape: the folder itself."""
MAVEN_OPTS = "maven-opts"
"""Value shape: JVM options for Maven, with ``-Dmaven.repo.local=<folder>``."""
LIST = "list"
"""Value shape: a comma-separated list of folders (conda); the first entry is the one written to."""
ROOT = "root"
"""Value shape: the root itself (``PLATFORMDIRS_DEVDRIVE``)."""
MAVEN_PROPERTY = "-Dmaven.repo.local="


class Setting:
    """One cache location of a tool and the environment variable(s) that move it.

    ``names`` are variables that all receive the same value (pnpm reads one or the other, by version); the first is
    read first, then ``aliases``, other spellings the tool also reads but that are never written. ``folder`` is the
    tool's folder below the root's ``.cache`` (a function of the platform for pip).
    """

    __slots__ = ("aliases", "default", "folder", "must_exist", "names", "note", "shape")

    def __init__(  # a record
        self,
        names: tuple[str, ...],
        folder: tuple[str, ...] | Callable[[str], tuple[str, ...]],
        default: Callable[[Places], str | None],
        *,
        shape: str = PATH,
        must_exist: bool = False,
        note: str = "",
        aliases: tuple[str, ...] = (),
    ) -> None:
        self.names = names
        self.aliases = aliases
        self.folder = folder
        self.default = default
        self.shape = shape
        self.must_exist = must_exist
        self.note = note

    @property
    def name(self) -> str:
        """The variable shown for this setting (the first of :attr:`names`)."""
        return self.names[0]

    def target(self, root: str, platform: str) -> str:
        r"""Return this setting's folder on ``root``: ``D:\.cache\uv`` for uv on ``D:\``."""
        if self.shape == ROOT:
            return root
        folder = self.folder(platform) if callable(self.folder) else self.folder
        module = ntpath if platform == WINDOWS else posixpath
        return str(module.join(root, CACHE_FOLDER, *folder))

    def value(self, target: str, env: Mapping[str, str]) -> str:
        """Return the variable's value that points the tool at ``target``.

        For ``MAVEN_OPTS`` the options already in ``env`` are kept, except an earlier ``-Dmaven.repo.local``.
        """
        if self.shape != MAVEN_OPTS:
            return target
        kept = [option for option in env.get(self.name, "").split() if not option.startswith(MAVEN_PROPERTY)]
        return " ".join([MAVEN_PROPERTY + target, *kept])

    def current(self, env: Mapping[str, str]) -> tuple[str, str] | None:
        """Return ``(variable, folder)`` set in ``env`` for this setting, or ``None`` when the default applies."""
        for name in (*self.names, *self.aliases):
            value = env.get(name, "").strip()
            if not value:
                continue
            if self.shape == MAVEN_OPTS:
                found = [option for option in value.split() if option.startswith(MAVEN_PROPERTY)]
                if not found:
                    continue
                return name, found[-1][len(MAVEN_PROPERTY) :].strip("\"'")  # the JVM keeps the last one
            if self.shape == LIST:
                value = value.split(",")[0].strip()
            return name, value
        return None


class Tool:
    """A tool, its cache settings, and where each fact about them was checked."""

    __slots__ = ("name", "note", "settings", "sources", "title")

    def __init__(  # a record
        self, name: str, title: str, settings: tuple[Setting, ...], sources: tuple[str, ...], note: str = ""
    ) -> None:
        self.name = name
        self.title = title
        self.settings = settings
        self.sources = sources
        self.note = note


def _pip_folder(platform: str) -> tuple[str, ...]:
    # The folder pip gets through this package (appauthor=False), so PIP_CACHE_DIR and the rollout flag agree.
    return tuple(cache_parts(windows=platform == WINDOWS, appname="pip", appauthor=False, version=None, opinion=True))


def _pip_default(places: Places) -> str | None:
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "pip", "Cache")
    return places.join(places.user_cache(), "pip")


def _uv_default(places: Places) -> str | None:
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "uv", "cache")
    return places.join(places.xdg("XDG_CACHE_HOME", ".cache"), "uv")  # the XDG rule on macOS too


def _npm_default(places: Places) -> str | None:
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "npm-cache")
    return places.join(places.home(), ".npm")


def _yarn_classic_default(places: Places) -> str | None:
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "Yarn", "Cache")
    if xdg := places.get("XDG_CACHE_HOME"):
        return places.join(xdg, "yarn")
    if places.platform == MACOS:
        return places.join(places.home(), "Library", "Caches", "Yarn")
    return places.join(places.home(), ".cache", "yarn")


def _yarn_berry_default(places: Places) -> str | None:
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "Yarn", "Berry")
    if xdg := places.get("XDG_DATA_HOME"):
        return places.join(xdg, "yarn", "berry")
    return places.join(places.home(), ".yarn", "berry")


def _pnpm_default(places: Places) -> str | None:
    if pnpm_home := places.get("PNPM_HOME"):
        return places.join(pnpm_home, "store")
    if xdg := places.get("XDG_DATA_HOME"):
        return places.join(xdg, "pnpm", "store")
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "pnpm", "store")
    if places.platform == MACOS:
        return places.join(places.home(), "Library", "pnpm", "store")
    return places.join(places.home(), ".local", "share", "pnpm", "store")


def _nuget_default(places: Places) -> str | None:
    return places.join(places.home(), ".nuget", "packages")


def _vcpkg_default(places: Places) -> str | None:
    if places.platform == WINDOWS:
        return places.join(places.local_appdata(), "vcpkg", "archives")
    return places.join(places.xdg("XDG_CACHE_HOME", ".cache"), "vcpkg", "archives")


def _cargo_default(places: Places) -> str | None:
    return places.join(places.home(), ".cargo")


def _gradle_default(places: Places) -> str | None:
    return places.join(places.home(), ".gradle")


def _maven_default(places: Places) -> str | None:
    return places.join(places.home(), ".m2", "repository")


def _gocache_default(places: Places) -> str | None:
    return places.join(places.user_cache(), "go-build")


def _gomodcache_default(places: Places) -> str | None:
    gopath = places.get("GOPATH")
    separator = ";" if places.platform == WINDOWS else ":"
    first = gopath.split(separator)[0] if gopath else places.join(places.home(), "go")
    return places.join(first or None, "pkg", "mod")


def _hf_default(places: Places) -> str | None:
    return places.join(places.xdg("XDG_CACHE_HOME", ".cache"), "huggingface")  # the same rule on Windows


def _conda_default(places: Places) -> str | None:
    # The first package cache is <root prefix>/pkgs; conda's activation scripts export CONDA_EXE, which lies in
    # <root>/bin/conda or <root>\Scripts\conda.exe. Without it, where conda is installed is unknown here.
    conda_exe = places.get("CONDA_EXE")
    if conda_exe is None:
        return None
    return places.join(places.path.dirname(places.path.dirname(conda_exe)), "pkgs")


def _pixi_default(places: Places) -> str | None:
    if rattler := places.get("RATTLER_CACHE_DIR"):
        return rattler
    xdg_pixi = places.join(places.get("XDG_CACHE_HOME"), "pixi")
    if xdg_pixi is not None and places.platform == current_platform() and os.path.isdir(xdg_pixi):
        return xdg_pixi  # pixi uses $XDG_CACHE_HOME/pixi only when that folder exists
    return places.join(places.user_cache(), "rattler", "cache")


def _no_default(places: Places) -> str | None:  # noqa: ARG001  # the flag has no folder of its own
    return None


ENV_VAR_TOOL = "platformdirs"
"""The pseudo-tool for ``PLATFORMDIRS_DEVDRIVE`` itself, whose value is the root."""
FLAG = Setting(("PLATFORMDIRS_DEVDRIVE",), (), _no_default, shape=ROOT)
"""The rollout flag of this package, set to the root: tools built on it then use that root."""

TOOLS: tuple[Tool, ...] = (
    Tool(
        "pip",
        "pip",
        (Setting(("PIP_CACHE_DIR",), _pip_folder, _pip_default),),
        (
            "https://pip.pypa.io/en/stable/topics/caching/#default-paths",
            "https://pip.pypa.io/en/stable/topics/configuration/#environment-variables",
        ),
    ),
    Tool(
        "uv",
        "uv",
        (Setting(("UV_CACHE_DIR",), ("uv",), _uv_default),),
        ("https://docs.astral.sh/uv/reference/storage/#cache-directory",),
        "uv links installed files from its cache: keep projects and virtual environments on the same drive",
    ),
    Tool(
        "npm",
        "npm",
        (Setting(("npm_config_cache",), ("npm",), _npm_default, aliases=("NPM_CONFIG_CACHE",)),),
        (
            "https://docs.npmjs.com/cli/v10/using-npm/config#cache",
            "https://docs.npmjs.com/cli/v10/using-npm/config#environment-variables",
        ),
    ),
    Tool(
        "yarn",
        "Yarn",
        (
            Setting(
                ("YARN_CACHE_FOLDER",),
                ("yarn", "classic"),
                _yarn_classic_default,
                note="Yarn 1; Yarn 2+ reads it only with enableGlobalCache: false, and then it replaces the "
                "project's own cacheFolder (zero-install repositories keep theirs in .yarn/cache)",
            ),
            Setting(
                ("YARN_GLOBAL_FOLDER",),
                ("yarn", "berry"),
                _yarn_berry_default,
                note="Yarn 2+: with enableGlobalCache (the default) the cache lives in the global folder",
            ),
        ),
        (
            "https://classic.yarnpkg.com/en/docs/cli/cache",
            "https://github.com/yarnpkg/yarn/blob/master/src/util/user-dirs.js",
            "https://yarnpkg.com/configuration/yarnrc#enableGlobalCache",
            "https://github.com/yarnpkg/berry/blob/master/packages/yarnpkg-core/sources/folderUtils.ts",
        ),
    ),
    Tool(
        "pnpm",
        "pnpm",
        (
            Setting(
                ("pnpm_config_store_dir", "npm_config_store_dir"),
                ("pnpm", "store"),
                _pnpm_default,
                note="pnpm 11+ reads pnpm_config_*, pnpm 10 and older npm_config_*; pnpm hard-links from its "
                "store, so keep projects on the same drive",
            ),
        ),
        (
            "https://pnpm.io/settings/store",
            "https://pnpm.io/configuring",
            "https://pnpm.io/blog/releases/11.0",
        ),
    ),
    Tool(
        "nuget",
        "NuGet",
        (Setting(("NUGET_PACKAGES",), ("nuget", "packages"), _nuget_default),),
        ("https://learn.microsoft.com/nuget/consume-packages/managing-the-global-packages-and-cache-folders",),
    ),
    Tool(
        "vcpkg",
        "vcpkg",
        (
            Setting(
                ("VCPKG_DEFAULT_BINARY_CACHE",),
                ("vcpkg",),
                _vcpkg_default,
                must_exist=True,
                note="vcpkg refuses a VCPKG_DEFAULT_BINARY_CACHE that is not an existing absolute directory",
            ),
        ),
        (
            "https://learn.microsoft.com/vcpkg/consume/binary-caching-default",
            "https://learn.microsoft.com/vcpkg/users/config-environment#vcpkg_default_binary_cache",
            # its message DefaultBinaryCacheRequiresDirectory: "... must be a directory (was: {path})"
            "https://github.com/microsoft/vcpkg-tool",
        ),
    ),
    Tool(
        "cargo",
        "Cargo",
        (
            Setting(
                ("CARGO_HOME",),
                ("cargo",),
                _cargo_default,
                note="CARGO_HOME also holds Cargo's config, credentials and installed commands (bin, on your PATH): "
                "move them along",
            ),
        ),
        (
            "https://doc.rust-lang.org/cargo/reference/environment-variables.html",
            "https://doc.rust-lang.org/cargo/guide/cargo-home.html",
        ),
    ),
    Tool(
        "gradle",
        "Gradle",
        (
            Setting(
                ("GRADLE_USER_HOME",),
                ("gradle",),
                _gradle_default,
                note="GRADLE_USER_HOME also holds gradle.properties and init scripts: move them along",
            ),
        ),
        ("https://docs.gradle.org/current/userguide/gradle_directories.html",),
    ),
    Tool(
        "maven",
        "Maven",
        (
            Setting(
                ("MAVEN_OPTS",),
                ("maven",),
                _maven_default,
                shape=MAVEN_OPTS,
                note="this replaces MAVEN_OPTS: the other options it holds now are kept, an earlier "
                "-Dmaven.repo.local is dropped; settings.xml's localRepository is not read",
            ),
        ),
        (
            "https://maven.apache.org/ref/4-LATEST/configuring.html",  # MAVEN_OPTS: the JVM's options
            "https://maven.apache.org/ref/4-LATEST/apidocs/org/apache/maven/api/LocalRepository.html",  # the default
            # maven.repo.local beats settings.xml; Microsoft's page sets it through MAVEN_OPTS
            "https://docs.gradle.org/current/kotlin-dsl/gradle/org.gradle.api.artifacts.dsl/-repository-handler/maven-local.html",
            DEV_DRIVE_DOCS,
        ),
    ),
    Tool(
        "go",
        "Go",
        (
            Setting(("GOCACHE",), ("go", "build"), _gocache_default),
            Setting(("GOMODCACHE",), ("go", "mod"), _gomodcache_default),
        ),
        (
            "https://pkg.go.dev/cmd/go#hdr-Build_and_test_caching",
            "https://pkg.go.dev/cmd/go#hdr-Environment_variables",
            "https://go.dev/src/cmd/go/testdata/script/mod_gomodcache.txt",  # GOMODCACHE's default: GOPATH[0]/pkg/mod
        ),
    ),
    Tool(
        "huggingface",
        "Hugging Face",
        (
            Setting(
                ("HF_HOME",),
                ("huggingface",),
                _hf_default,
                note="HF_HOME also holds your access token (HF_HOME/token): log in again or move the file",
            ),
        ),
        ("https://huggingface.co/docs/huggingface_hub/package_reference/environment_variables#hfhome",),
    ),
    Tool(
        "conda",
        "conda",
        (
            Setting(
                ("CONDA_PKGS_DIRS",),
                ("conda", "pkgs"),
                _conda_default,
                shape=LIST,
                note="conda hard-links from its package cache: keep environments (envs_dirs) on the same drive",
            ),
        ),
        (
            "https://docs.conda.io/projects/conda/en/stable/user-guide/configuration/custom-env-and-pkg-locations.html",
            "https://www.anaconda.com/blog/conda-configuration-engine-power-users",
        ),
    ),
    Tool(
        "pixi",
        "pixi",
        (Setting(("PIXI_CACHE_DIR",), ("pixi",), _pixi_default),),
        (
            "https://pixi.prefix.dev/latest/reference/environment_variables",
            "https://docs.rs/rattler_cache/latest/rattler_cache/fn.default_cache_dir.html",
        ),
    ),
    Tool(
        ENV_VAR_TOOL,
        "platformdirs-devdrive",
        (FLAG,),
        (),
        "tools built on platformdirs-devdrive put their caches and temp files on this root",
    ),
)
"""Every tool the command line knows, in the order it lists them."""


def target_problem(setting: Setting, target: str) -> str | None:
    """Return why the tool cannot be given ``target`` at all (whatever the shell or store), or ``None``."""
    if setting.shape == MAVEN_OPTS and any(char.isspace() for char in target):
        return f"Maven splits MAVEN_OPTS at spaces, so it cannot be given {target}: use a root without spaces"
    if setting.shape == LIST and "," in target:
        return f"{setting.name} is a comma-separated list, so {target} cannot be one entry: use a root without commas"
    return None


def find(names: list[str]) -> list[Tool]:
    """Return the tools called ``names`` (case-insensitive), in table order; :class:`KeyError` names an unknown one."""
    wanted = {name.strip().lower() for name in names if name.strip()}
    known = {tool.name for tool in TOOLS}
    if unknown := sorted(wanted - known):
        raise KeyError(", ".join(unknown))
    return [tool for tool in TOOLS if tool.name in wanted]


__all__ = [
    "ENV_VAR_TOOL",
    "FLAG",
    "LINUX",
    "MACOS",
    "TOOLS",
    "WINDOWS",
    "Places",
    "Setting",
    "Tool",
    "current_platform",
    "find",
    "target_problem",
]
