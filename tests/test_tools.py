"""The table of other tools' cache settings: documented defaults per OS, reading the variables, the values written."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest

from platformdirs_devdrive import _places, _tools
from platformdirs_devdrive._places import LINUX, MACOS, WINDOWS, Places
from platformdirs_devdrive._tools import TOOLS, find

if TYPE_CHECKING:
    from pathlib import Path

WIN_ENV = {"USERPROFILE": r"C:\Users\me", "LOCALAPPDATA": r"C:\Users\me\AppData\Local"}
POSIX_ENV = {"HOME": "/home/me"}

#: Each tool's documented default (see the sources in _tools), for a user "me" with no XDG variables set.
DEFAULTS = {
    WINDOWS: {
        "PIP_CACHE_DIR": r"C:\Users\me\AppData\Local\pip\Cache",
        "UV_CACHE_DIR": r"C:\Users\me\AppData\Local\uv\cache",
        "npm_config_cache": r"C:\Users\me\AppData\Local\npm-cache",
        "YARN_CACHE_FOLDER": r"C:\Users\me\AppData\Local\Yarn\Cache",
        "YARN_GLOBAL_FOLDER": r"C:\Users\me\AppData\Local\Yarn\Berry",
        "pnpm_config_store_dir": r"C:\Users\me\AppData\Local\pnpm\store",
        "NUGET_PACKAGES": r"C:\Users\me\.nuget\packages",
        "VCPKG_DEFAULT_BINARY_CACHE": r"C:\Users\me\AppData\Local\vcpkg\archives",
        "CARGO_HOME": r"C:\Users\me\.cargo",
        "GRADLE_USER_HOME": r"C:\Users\me\.gradle",
        "MAVEN_OPTS": r"C:\Users\me\.m2\repository",
        "GOCACHE": r"C:\Users\me\AppData\Local\go-build",
        "GOMODCACHE": r"C:\Users\me\go\pkg\mod",
        "HF_HOME": r"C:\Users\me\.cache\huggingface",
        "CONDA_PKGS_DIRS": None,
        "PIXI_CACHE_DIR": r"C:\Users\me\AppData\Local\rattler\cache",
        "PLATFORMDIRS_DEVDRIVE": None,
    },
    MACOS: {
        "PIP_CACHE_DIR": "/home/me/Library/Caches/pip",
        "UV_CACHE_DIR": "/home/me/.cache/uv",
        "npm_config_cache": "/home/me/.npm",
        "YARN_CACHE_FOLDER": "/home/me/Library/Caches/Yarn",
        "YARN_GLOBAL_FOLDER": "/home/me/.yarn/berry",
        "pnpm_config_store_dir": "/home/me/Library/pnpm/store",
        "NUGET_PACKAGES": "/home/me/.nuget/packages",
        "VCPKG_DEFAULT_BINARY_CACHE": "/home/me/.cache/vcpkg/archives",
        "CARGO_HOME": "/home/me/.cargo",
        "GRADLE_USER_HOME": "/home/me/.gradle",
        "MAVEN_OPTS": "/home/me/.m2/repository",
        "GOCACHE": "/home/me/Library/Caches/go-build",
        "GOMODCACHE": "/home/me/go/pkg/mod",
        "HF_HOME": "/home/me/.cache/huggingface",
        "CONDA_PKGS_DIRS": None,
        "PIXI_CACHE_DIR": "/home/me/Library/Caches/rattler/cache",
        "PLATFORMDIRS_DEVDRIVE": None,
    },
    LINUX: {
        "PIP_CACHE_DIR": "/home/me/.cache/pip",
        "UV_CACHE_DIR": "/home/me/.cache/uv",
        "npm_config_cache": "/home/me/.npm",
        "YARN_CACHE_FOLDER": "/home/me/.cache/yarn",
        "YARN_GLOBAL_FOLDER": "/home/me/.yarn/berry",
        "pnpm_config_store_dir": "/home/me/.local/share/pnpm/store",
        "NUGET_PACKAGES": "/home/me/.nuget/packages",
        "VCPKG_DEFAULT_BINARY_CACHE": "/home/me/.cache/vcpkg/archives",
        "CARGO_HOME": "/home/me/.cargo",
        "GRADLE_USER_HOME": "/home/me/.gradle",
        "MAVEN_OPTS": "/home/me/.m2/repository",
        "GOCACHE": "/home/me/.cache/go-build",
        "GOMODCACHE": "/home/me/go/pkg/mod",
        "HF_HOME": "/home/me/.cache/huggingface",
        "CONDA_PKGS_DIRS": None,
        "PIXI_CACHE_DIR": "/home/me/.cache/rattler/cache",
        "PLATFORMDIRS_DEVDRIVE": None,
    },
}


def defaults(platform: str, env: dict[str, str]) -> dict[str, str | None]:
    places = Places(platform, env)
    return {setting.name: setting.default(places) for tool in TOOLS for setting in tool.settings}


@pytest.mark.parametrize("platform", [WINDOWS, MACOS, LINUX])
def test_documented_defaults(platform: str) -> None:
    assert defaults(platform, WIN_ENV if platform == WINDOWS else POSIX_ENV) == DEFAULTS[platform]


def test_xdg_variables_move_the_linux_defaults() -> None:
    env = {**POSIX_ENV, "XDG_CACHE_HOME": "/c", "XDG_DATA_HOME": "/d"}
    found = defaults(LINUX, env)
    assert found["PIP_CACHE_DIR"] == "/c/pip"
    assert found["UV_CACHE_DIR"] == "/c/uv"
    assert found["YARN_CACHE_FOLDER"] == "/c/yarn"
    assert found["YARN_GLOBAL_FOLDER"] == "/d/yarn/berry"
    assert found["pnpm_config_store_dir"] == "/d/pnpm/store"
    assert found["VCPKG_DEFAULT_BINARY_CACHE"] == "/c/vcpkg/archives"
    assert found["GOCACHE"] == "/c/go-build"
    assert found["HF_HOME"] == "/c/huggingface"
    assert found["PIXI_CACHE_DIR"] == "/c/rattler/cache"  # /c/pixi does not exist


def test_tools_own_variables_move_their_defaults() -> None:
    env = {**WIN_ENV, "PNPM_HOME": r"E:\pnpm", "GOPATH": r"E:\go;F:\go2", "RATTLER_CACHE_DIR": r"E:\rattler"}
    found = defaults(WINDOWS, env)
    assert found["pnpm_config_store_dir"] == r"E:\pnpm\store"
    assert found["GOMODCACHE"] == r"E:\go\pkg\mod"  # the first GOPATH entry
    assert found["PIXI_CACHE_DIR"] == r"E:\rattler"


def test_conda_default_follows_its_installation() -> None:
    assert defaults(WINDOWS, {**WIN_ENV, "CONDA_EXE": r"C:\miniforge3\Scripts\conda.exe"})["CONDA_PKGS_DIRS"] == (
        r"C:\miniforge3\pkgs"
    )
    assert defaults(LINUX, {**POSIX_ENV, "CONDA_EXE": "/opt/conda/bin/conda"})["CONDA_PKGS_DIRS"] == "/opt/conda/pkgs"


@pytest.mark.skipif(sys.platform == "win32", reason="the XDG rule is checked on this POSIX file system")
def test_pixi_uses_xdg_pixi_only_when_it_exists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_places, "current_platform", lambda: LINUX)
    env = {**POSIX_ENV, "XDG_CACHE_HOME": str(tmp_path)}
    assert defaults(LINUX, env)["PIXI_CACHE_DIR"] == str(tmp_path / "rattler" / "cache")
    (tmp_path / "pixi").mkdir()
    assert defaults(LINUX, env)["PIXI_CACHE_DIR"] == str(tmp_path / "pixi")


def test_windows_without_localappdata_uses_the_profile() -> None:
    assert defaults(WINDOWS, {"USERPROFILE": r"C:\Users\me"})["UV_CACHE_DIR"] == r"C:\Users\me\AppData\Local\uv\cache"


@pytest.mark.parametrize("platform", [WINDOWS, MACOS, LINUX])
def test_no_home_means_no_default_rather_than_a_guess(platform: str) -> None:
    assert set(defaults(platform, {"HOME": " ", "USERPROFILE": ""}).values()) == {None}


def setting(name: str) -> _tools.Setting:
    return next(s for tool in TOOLS for s in tool.settings if name in s.names)


def test_current_reads_the_variable_and_ignores_blank_values() -> None:
    assert setting("PIP_CACHE_DIR").current({"PIP_CACHE_DIR": "  "}) is None
    assert setting("PIP_CACHE_DIR").current({"PIP_CACHE_DIR": " /x "}) == ("PIP_CACHE_DIR", "/x")
    assert setting("npm_config_cache").current({"NPM_CONFIG_CACHE": "/n"}) == ("NPM_CONFIG_CACHE", "/n")
    pnpm = setting("pnpm_config_store_dir")
    assert pnpm.current({"npm_config_store_dir": "/old", "pnpm_config_store_dir": "/new"}) == (
        "pnpm_config_store_dir",
        "/new",
    )


def test_maven_location_is_the_last_repo_local_option() -> None:
    maven = setting("MAVEN_OPTS")
    assert maven.current({"MAVEN_OPTS": "-Xmx1g"}) is None
    opts = "-Dmaven.repo.local=/a -Xmx1g -Dmaven.repo.local='/b'"
    assert maven.current({"MAVEN_OPTS": opts}) == ("MAVEN_OPTS", "/b")


def test_maven_value_keeps_the_other_options() -> None:
    maven = setting("MAVEN_OPTS")
    env = {"MAVEN_OPTS": "-Xmx1g -Dmaven.repo.local=/old  -Dfoo=bar"}
    assert maven.value("/new", env) == "-Dmaven.repo.local=/new -Xmx1g -Dfoo=bar"
    assert maven.value("/new", {}) == "-Dmaven.repo.local=/new"


def test_conda_reads_the_first_list_entry() -> None:
    assert setting("CONDA_PKGS_DIRS").current({"CONDA_PKGS_DIRS": "/a, /b"}) == ("CONDA_PKGS_DIRS", "/a")


def test_targets_are_tool_folders_under_the_roots_cache() -> None:
    assert setting("UV_CACHE_DIR").target("D:\\", WINDOWS) == r"D:\.cache\uv"
    assert setting("GOCACHE").target("/fast", LINUX) == "/fast/.cache/go/build"
    assert setting("PLATFORMDIRS_DEVDRIVE").target("D:\\", WINDOWS) == "D:\\"


def test_pip_target_is_the_folder_pip_gets_through_this_package() -> None:
    import platformdirs_devdrive._layout as layout

    assert setting("PIP_CACHE_DIR").target("D:\\", WINDOWS) == r"D:\.cache\pip\Cache"
    assert setting("PIP_CACHE_DIR").target("/fast", LINUX) == "/fast/.cache/pip"
    parts = layout.cache_parts(windows=True, appname="pip", appauthor=False, version=None, opinion=True)
    assert setting("PIP_CACHE_DIR").target("D:\\", WINDOWS) == layout.on_root("D:\\", parts, windows=True)


def test_find_is_case_insensitive_and_keeps_table_order() -> None:
    assert [tool.name for tool in find(["Maven", " PIP ", ""])] == ["pip", "maven"]
    with pytest.raises(KeyError, match="bogus"):
        find(["pip", "bogus"])


def test_every_tool_cites_its_sources() -> None:
    for tool in TOOLS:
        if tool.name == _tools.ENV_VAR_TOOL:
            continue
        assert tool.sources, tool.name
        assert all(source.startswith("https://") for source in tool.sources), tool.name


def test_issue_tools_are_all_covered() -> None:
    names = {tool.name for tool in TOOLS}
    assert {"pip", "uv", "npm", "yarn", "pnpm", "nuget", "vcpkg", "cargo", "gradle", "maven", "go"} <= names
    assert {"huggingface", "conda", "pixi", "platformdirs"} <= names


def test_current_platform_names_this_one() -> None:
    expected = {"win32": WINDOWS, "darwin": MACOS}.get(sys.platform, LINUX)
    assert _places.current_platform() == expected


def test_places_join_uses_the_platforms_separator() -> None:
    assert Places(WINDOWS, {}).join("C:\\a", "b") == "C:\\a\\b"
    assert Places(LINUX, {}).join("/a", "b") == "/a/b"
    assert Places(LINUX, {}).join(None, "b") is None


def test_temp_is_opt_in_and_found_by_name() -> None:
    assert _tools.TEMP_TOOL not in {tool.name for tool in TOOLS}
    (temp,) = find(["Temp"])
    assert temp.name == _tools.TEMP_TOOL
    assert temp.settings[0].names == ("TEMP", "TMP", "TMPDIR")
    assert temp.settings[0].target("D:\\", WINDOWS) == r"D:\.cache\Temp"
    assert "WinSetupMon" in temp.note
    assert _tools.DEV_DRIVE_DOCS in temp.sources


def test_temp_default_follows_the_os_lookup_order() -> None:
    setting = find(["temp"])[0].settings[0]
    assert setting.default(Places(WINDOWS, WIN_ENV)) == r"C:\Users\me\AppData\Local\Temp"
    assert setting.default(Places(WINDOWS, {**WIN_ENV, "TEMP": r"E:\t"})) == r"E:\t"
    assert setting.default(Places(WINDOWS, {**WIN_ENV, "TEMP": r"E:\t", "TMP": r"F:\t"})) == r"F:\t"
    assert setting.default(Places(LINUX, POSIX_ENV)) == "/tmp"
    assert setting.default(Places(MACOS, {**POSIX_ENV, "TMPDIR": "/var/folders/x"})) == "/var/folders/x"
