r"""Other tools' cache settings: each variable's name, the value shape it expects, and the tool's default location.

Data for the command line (``doctor``, ``env``, ``enable``); the library never imports it. Every entry was checked
against the tool's own documentation (or, where the docs are silent, its source): the addresses are its ``sources``;
the default locations are computed in ``_places``. Tools' own configuration files (``pip.ini``, ``.npmrc``, ...) are
not read: a location set there is not seen.

On a chosen root every tool gets its own folder below the root's ``.cache`` folder: ``D:\.cache\uv``,
``D:\.cache\npm``, ``D:\.cache\go\build``. pip's is ``D:\.cache\pip\Cache``, the folder pip itself gets through this
package (:func:`~platformdirs_devdrive.user_cache_dir` with ``appauthor=False``), so both ways share one cache.
"""

from __future__ import annotations

from . import _places
from ._layout import CACHE_FOLDER, cache_parts, path_module
from ._places import WINDOWS, Places

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

DEV_DRIVE_DOCS = "https://learn.microsoft.com/windows/dev-drive/"
"""Microsoft's page; its "Storing package cache on Dev Drive" covers npm, NuGet, vcpkg, pip, Cargo, Maven, Gradle."""

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
        return str(path_module(windows=platform == WINDOWS).join(root, CACHE_FOLDER, *folder))

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


ENV_VAR_TOOL = "platformdirs"
"""The pseudo-tool for ``PLATFORMDIRS_DEVDRIVE`` itself, whose value is the root."""
FLAG = Setting(("PLATFORMDIRS_DEVDRIVE",), (), _places.no_default, shape=ROOT)
"""The rollout flag of this package, set to the root: tools built on it then use that root."""

TOOLS: tuple[Tool, ...] = (
    Tool(
        "pip",
        "pip",
        (Setting(("PIP_CACHE_DIR",), _pip_folder, _places.pip_default),),
        (
            "https://pip.pypa.io/en/stable/topics/caching/#default-paths",
            "https://pip.pypa.io/en/stable/topics/configuration/#environment-variables",
        ),
    ),
    Tool(
        "uv",
        "uv",
        (Setting(("UV_CACHE_DIR",), ("uv",), _places.uv_default),),
        ("https://docs.astral.sh/uv/reference/storage/#cache-directory",),
        "uv links installed files from its cache: keep projects and virtual environments on the same drive",
    ),
    Tool(
        "npm",
        "npm",
        (Setting(("npm_config_cache",), ("npm",), _places.npm_default, aliases=("NPM_CONFIG_CACHE",)),),
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
                _places.yarn_classic_default,
                note="Yarn 1; Yarn 2+ reads it only with enableGlobalCache: false, and then it replaces the "
                "project's own cacheFolder (zero-install repositories keep theirs in .yarn/cache)",
            ),
            Setting(
                ("YARN_GLOBAL_FOLDER",),
                ("yarn", "berry"),
                _places.yarn_berry_default,
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
                _places.pnpm_default,
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
        (Setting(("NUGET_PACKAGES",), ("nuget", "packages"), _places.nuget_default),),
        ("https://learn.microsoft.com/nuget/consume-packages/managing-the-global-packages-and-cache-folders",),
    ),
    Tool(
        "vcpkg",
        "vcpkg",
        (
            Setting(
                ("VCPKG_DEFAULT_BINARY_CACHE",),
                ("vcpkg",),
                _places.vcpkg_default,
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
                _places.cargo_default,
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
                _places.gradle_default,
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
                _places.maven_default,
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
            Setting(("GOCACHE",), ("go", "build"), _places.gocache_default),
            Setting(("GOMODCACHE",), ("go", "mod"), _places.gomodcache_default),
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
                _places.hf_default,
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
                _places.conda_default,
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
        (Setting(("PIXI_CACHE_DIR",), ("pixi",), _places.pixi_default),),
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
"""Every tool the command line lists by default, in the order it lists them."""

TEMP_TOOL = "temp"
"""The pseudo-tool for the temp folder of every program started from the shell; only when asked for by name."""
OPT_IN_TOOLS: tuple[Tool, ...] = (
    Tool(
        TEMP_TOOL,
        "Temp (TEMP, TMP, TMPDIR)",
        # All three names get one value: Windows programs read TMP or TEMP, POSIX ones (Git Bash, MSYS2) TMPDIR.
        (
            Setting(
                ("TEMP", "TMP", "TMPDIR"),
                ("Temp",),
                _places.temp_default,
                must_exist=True,
                note="programs fail on a temp folder that does not exist: the output creates it, with your shell's "
                "default permissions (on a drive other users can write to, make it yours alone)",
            ),
        ),
        (
            "https://learn.microsoft.com/windows/win32/api/fileapi/nf-fileapi-gettemppath2w",
            "https://docs.python.org/3/library/tempfile.html#tempfile.gettempdir",
            DEV_DRIVE_DOCS,
        ),
        # Microsoft's Dev Drive page lists the WinSetupMon filter as "required if user moves TEMP environment
        # variable to Dev Drive" (Windows upgrades), and says to "beware of potential side effects" of moving it.
        "opt-in: programs started with these settings put their temp files here. Microsoft's Dev Drive page says "
        "Windows upgrades need the WinSetupMon filter when TEMP is on a Dev Drive (an administrator allows it with "
        "fsutil devdrv setfiltersallowed, naming the filters already allowed too), and to beware of side effects",
    ),
)
"""Tools that ``--tools`` must name: not in the default list, and not in ``doctor``."""


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
    every = (*TOOLS, *OPT_IN_TOOLS)
    known = {tool.name for tool in every}
    if unknown := sorted(wanted - known):
        raise KeyError(", ".join(unknown))
    return [tool for tool in every if tool.name in wanted]


__all__ = [
    "ENV_VAR_TOOL",
    "FLAG",
    "OPT_IN_TOOLS",
    "TEMP_TOOL",
    "TOOLS",
    "Setting",
    "Tool",
    "find",
    "target_problem",
]
