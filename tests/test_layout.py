"""The on-drive layout: platformdirs' own segments below ``<root>/.cache`` (docs/layout)."""

from __future__ import annotations

import os
import sys
from typing import Literal

import platformdirs
import pytest
from hypothesis import given, strategies as st
from platformdirs.windows import Windows

from platformdirs_devdrive import _layout

from .conftest import WIN_FOLDERS

names = st.text(alphabet=st.characters(categories=("L", "N"), include_characters="-_. "), min_size=1, max_size=12)
names = names.filter(lambda n: n.strip(" .") == n and n not in {".", ".."})
optional = st.none() | names


@pytest.mark.parametrize(
    ("appauthor", "version", "opinion", "expected"),
    [
        (False, None, True, r"D:\.cache\pip\Cache"),
        (None, None, True, r"D:\.cache\pip\pip\Cache"),
        ("Acme", "1.0", True, r"D:\.cache\Acme\pip\Cache\1.0"),
        ("Acme", "1.0", False, r"D:\.cache\Acme\pip\1.0"),
        (False, "2", False, r"D:\.cache\pip\2"),
    ],
)
def test_windows_cache_examples(
    appauthor: str | Literal[False] | None, version: str | None, opinion: bool, expected: str
) -> None:
    parts = _layout.cache_parts(windows=True, appname="pip", appauthor=appauthor, version=version, opinion=opinion)
    assert _layout.on_root("D:\\", parts, windows=True) == expected


def test_posix_cache_and_temp_examples() -> None:
    parts = _layout.cache_parts(windows=False, appname="pip", appauthor="Acme", version="1.0", opinion=True)
    assert _layout.on_root("/fast", parts, windows=False) == "/fast/.cache/pip/1.0"
    assert _layout.on_root("/fast", _layout.temp_parts("pip"), windows=False) == "/fast/.cache/Temp/pip"
    assert _layout.on_root("D:\\", _layout.temp_parts("pip"), windows=True) == r"D:\.cache\Temp\pip"


def test_no_appname_is_the_bare_folder() -> None:
    assert _layout.cache_parts(windows=True, appname=None, appauthor="A", version="1", opinion=True) == []
    assert _layout.temp_parts(None) == ["Temp"]
    assert _layout.standard_temp("/tmp", None) == "/tmp"
    assert _layout.standard_temp("/tmp", "pip") == os.path.join("/tmp", "pip")


def test_folder_mount_root_keeps_its_folder() -> None:
    assert _layout.on_root("C:\\mnt\\dev\\", ["pip", "Cache"], windows=True) == r"C:\mnt\dev\.cache\pip\Cache"


@given(appname=optional, appauthor=optional | st.just(False), version=optional, opinion=st.booleans())
def test_windows_segments_are_platformdirs_own(
    appname: str | None, appauthor: str | Literal[False] | None, version: str | None, opinion: bool
) -> None:
    """Whatever the arguments, the segments below the base are exactly what platformdirs' Windows class appends."""
    base = WIN_FOLDERS["CSIDL_LOCAL_APPDATA"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("platformdirs.windows.get_win_folder", lambda _: base)
        standard = Windows(appname, appauthor, version, opinion=opinion).user_cache_dir
    tail = standard[len(os.path.normpath(base)) :]
    expected = [part for part in tail.split(os.sep) if part]
    assert (
        _layout.cache_parts(
            windows=True,
            appname=appname,
            appauthor=appauthor,
            version=version,
            opinion=opinion,
        )
        == expected
    )


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the base folder on Linux only")
@given(appname=optional, appauthor=optional | st.just(False), version=optional, opinion=st.booleans())
def test_posix_segments_are_platformdirs_own(
    appname: str | None, appauthor: str | Literal[False] | None, version: str | None, opinion: bool
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", "/base")
        standard = platformdirs.user_cache_dir(appname, appauthor, version, opinion)
    expected = [part for part in standard.removeprefix("/base").split("/") if part]
    assert (
        _layout.cache_parts(
            windows=False,
            appname=appname,
            appauthor=appauthor,
            version=version,
            opinion=opinion,
        )
        == expected
    )


@pytest.mark.parametrize(
    ("path", "absolute"),
    [
        ("D:\\x", True),
        ("D:/x", True),
        ("\\\\server\\share", True),
        ("\\\\server\\share\\x", True),
        ("\\\\?\\D:\\x", True),
        ("D:x", False),  # relative to D:'s own working directory
        ("\\x", False),  # on "the current drive": ntpath.isabs says yes before 3.13, no after
        ("x", False),
    ],
)
def test_absolute_on_windows_needs_a_drive_or_a_share(path: str, absolute: bool) -> None:
    assert _layout.is_absolute(path, windows=True, nt=True) is absolute


@pytest.mark.skipif(sys.platform == "win32", reason="the POSIX rules: os.path is ntpath on Windows")
def test_absolute_elsewhere_follows_either_flavour() -> None:
    assert _layout.is_absolute("/tmp/x", windows=True, nt=False)  # a real folder in a simulated Windows world
    assert _layout.is_absolute("D:\\", windows=True, nt=False)
    assert not _layout.is_absolute("x", windows=True, nt=False)
