r"""The user's persistent environment: the login profiles' block (POSIX) and HKCU\Environment (real, on Windows)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from platformdirs_devdrive._setup import userenv
from platformdirs_devdrive._setup.userenv import BEGIN, END, ProfileStore, StoreError

from .conftest import IS_WINDOWS, needs_posix

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


needs_windows = pytest.mark.skipif(not IS_WINDOWS, reason="the real registry of a Windows interpreter")
VALUES = {"PIP_CACHE_DIR": "/fast/.cache/pip", "MAVEN_OPTS": "-Dmaven.repo.local=/fast/it's here -Xmx1g"}


def _store(home: Path) -> ProfileStore:
    return ProfileStore({"HOME": str(home)})


@needs_posix
def test_the_block_goes_into_dot_profile_created_when_missing(user_home: Path) -> None:
    store = _store(user_home)

    profiles = store.write(VALUES, [])

    assert profiles == [{"path": str(user_home / ".profile"), "created": True, "separator": False}]
    text = (user_home / ".profile").read_text(encoding="utf-8")
    assert text.startswith(BEGIN + "\n")
    assert text.endswith(END + "\n")
    assert store.get("MAVEN_OPTS") == {"value": VALUES["MAVEN_OPTS"], "type": "profile"}
    assert store.get("UV_CACHE_DIR") is None


@needs_posix
def test_a_login_shell_sees_the_values_exactly(user_home: Path) -> None:
    ProfileStore({"HOME": str(user_home)}).write(VALUES, [])

    for shell in ("sh", "bash"):
        done = subprocess.run(
            [shell, "-c", '. "$HOME/.profile"; printf %s "$MAVEN_OPTS"'],
            env={"HOME": str(user_home), "PATH": os.environ["PATH"]},
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
        assert done.stdout == VALUES["MAVEN_OPTS"]


@needs_posix
@pytest.mark.parametrize(
    "before",
    ["", "export A=1\n", "export A=1", "no final line break\n\n", "# \u00e9t\u00e9\nexport B='x'\n"],
)
def test_removing_the_block_restores_the_file_byte_for_byte(user_home: Path, before: str) -> None:
    profile = user_home / ".profile"
    profile.write_bytes(before.encode("utf-8"))
    profile.chmod(0o640)
    store = _store(user_home)

    profiles = store.write(VALUES, [])
    profiles = store.write({**VALUES, "UV_CACHE_DIR": "/fast/.cache/uv"}, profiles)  # a second enable: one block
    assert (user_home / ".profile").read_text(encoding="utf-8").count(BEGIN) == 1
    kept = store.remove({**VALUES, "UV_CACHE_DIR": "/fast/.cache/uv"}, profiles)

    assert kept == {}
    assert profile.read_bytes() == before.encode("utf-8")
    assert profile.stat().st_mode & 0o777 == 0o640


@needs_posix
def test_a_profile_enable_created_is_deleted_again(user_home: Path) -> None:
    store = _store(user_home)
    profiles = store.write(VALUES, [])

    store.remove(VALUES, profiles)

    assert not (user_home / ".profile").exists()


@needs_posix
def test_a_line_changed_by_hand_stays_and_is_reported(user_home: Path) -> None:
    (user_home / ".profile").write_text("export A=1\n", encoding="utf-8")
    store = _store(user_home)
    profiles = store.write(VALUES, [])
    text = (user_home / ".profile").read_text(encoding="utf-8")
    (user_home / ".profile").write_text(
        text.replace("/fast/.cache/pip", "/mine/pip"), encoding="utf-8"
    )  # the user's own edit

    kept = store.remove(VALUES, profiles)

    path = str(user_home / ".profile")
    assert kept == {path: ["export PIP_CACHE_DIR='/mine/pip'"]}
    assert (user_home / ".profile").read_text(encoding="utf-8") == (
        f"export A=1\n{BEGIN}\nexport PIP_CACHE_DIR='/mine/pip'\n{END}\n"
    )
    assert store.get("PIP_CACHE_DIR") == {"value": "/mine/pip", "type": "profile"}


@needs_posix
def test_each_login_shell_gets_the_file_it_reads(user_home: Path) -> None:
    (user_home / ".bash_login").write_text("", encoding="utf-8")
    (user_home / ".bash_profile").write_text("", encoding="utf-8")  # bash reads this one, not .bash_login
    (user_home / ".zprofile").write_text("", encoding="utf-8")
    (user_home / ".config" / "fish").mkdir(parents=True)

    files = _store(user_home).files()

    assert files == [
        (str(user_home / ".profile"), "bash"),
        (str(user_home / ".bash_profile"), "bash"),
        (str(user_home / ".zprofile"), "bash"),
        (str(user_home / ".config" / "fish" / "conf.d" / userenv.FISH_FILE), "fish"),
    ]


@needs_posix
def test_zdotdir_and_xdg_config_home_are_followed(user_home: Path, tmp_path: Path) -> None:
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / ".zprofile").write_text("", encoding="utf-8")
    (tmp_path / "cfg" / "fish").mkdir(parents=True)
    store = ProfileStore(
        {"HOME": str(user_home), "ZDOTDIR": str(tmp_path / "z"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    )

    paths = [path for path, _ in store.files()]

    assert str(tmp_path / "z" / ".zprofile") in paths
    assert str(tmp_path / "cfg" / "fish" / "conf.d" / userenv.FISH_FILE) in paths


@needs_posix
def test_fish_gets_its_own_file_in_its_syntax(user_home: Path) -> None:
    (user_home / ".config" / "fish").mkdir(parents=True)
    store = _store(user_home)

    profiles = store.write({"PIP_CACHE_DIR": "/a b/it's"}, [])
    fish = user_home / ".config" / "fish" / "conf.d" / userenv.FISH_FILE

    assert "set -gx PIP_CACHE_DIR '/a b/it\\'s'" in fish.read_text(encoding="utf-8")
    assert userenv.parse("set -gx PIP_CACHE_DIR '/a b/it\\'s'", "PIP_CACHE_DIR", "fish") == "/a b/it's"
    store.remove({"PIP_CACHE_DIR": "/a b/it's"}, profiles)
    assert not fish.exists()
    assert (user_home / ".config" / "fish" / "conf.d").is_dir()  # a folder enable made stays: harmless, empty


@needs_posix
def test_a_profile_that_cannot_be_written_is_a_store_error(user_home: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        (user_home / ".profile").mkdir()  # root writes anywhere: a folder in the way is what it cannot replace
    else:
        user_home.chmod(0o500)
    try:
        with pytest.raises(StoreError, match=r"cannot (write|read) .*\.profile"):
            _store(user_home).write(VALUES, [])
    finally:
        user_home.chmod(0o700)
    assert [name for name in os.listdir(user_home) if name.endswith(".tmp")] == []


@needs_posix
def test_a_block_without_its_end_marker_is_never_cut_out(user_home: Path) -> None:
    store = _store(user_home)
    profiles = store.write(VALUES, [])
    text = (user_home / ".profile").read_text(encoding="utf-8").replace(END + "\n", "") + "export MINE=1\n"
    (user_home / ".profile").write_text(text, encoding="utf-8")

    with pytest.raises(StoreError, match="is missing, so the block cannot be told apart"):
        store.remove(VALUES, profiles)
    with pytest.raises(StoreError, match="is missing"):
        store.write(VALUES, profiles)

    assert (user_home / ".profile").read_text(encoding="utf-8") == text  # the user's line is still there


def test_parse_reads_back_what_assignment_writes() -> None:
    assert userenv.parse("export A='it'\\''s'", "A", "bash") == "it's"
    assert userenv.parse("export AB='x'", "A", "bash") is None
    assert userenv.parse("export A=x", "A", "bash") is None  # not the form enable writes: changed by hand


# --- the real registry (Windows) -------------------------------------------------------------------------------------

TEST_VARIABLE = "PLATFORMDIRS_DEVDRIVE_TEST_16"


@pytest.fixture
def registry() -> Iterator[userenv.RegistryStore]:
    """The real HKCU\\Environment; the test variable is put back as it was afterwards."""
    store = userenv.RegistryStore()
    before = store.get(TEST_VARIABLE)
    yield store
    store.set(TEST_VARIABLE, before)


def _reg_query(name: str) -> str:
    done = subprocess.run(
        ["reg", "query", "HKCU\\Environment", "/v", name],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",  # reg.exe writes the OEM code page: the words looked for are ASCII
        check=False,
    )
    return done.stdout


@needs_windows
@pytest.mark.windows
@pytest.mark.parametrize("kind", [userenv.REG_SZ, userenv.REG_EXPAND_SZ])
def test_registry_values_round_trip_with_their_type(registry: userenv.RegistryStore, kind: str) -> None:
    registry.set(TEST_VARIABLE, {"value": "%USERPROFILE%\\x", "type": kind})

    assert registry.get(TEST_VARIABLE) == {"value": "%USERPROFILE%\\x", "type": kind}
    assert kind in _reg_query(TEST_VARIABLE)  # what reg.exe (and so every Windows tool) sees

    registry.set(TEST_VARIABLE, None)
    assert registry.get(TEST_VARIABLE) is None
    registry.set(TEST_VARIABLE, None)  # deleting what is absent is fine


@needs_windows
@pytest.mark.windows
def test_commit_writes_and_broadcasts(registry: userenv.RegistryStore) -> None:
    notes = registry.commit({TEST_VARIABLE: registry.new_value("D:\\.cache\\pip")})

    assert registry.get(TEST_VARIABLE) == {"value": "D:\\.cache\\pip", "type": userenv.REG_SZ}
    assert all("Windows did not confirm" in note for note in notes)  # a headless session may not answer


def test_the_store_is_the_registry_only_on_windows() -> None:
    store = userenv.current_store()
    assert store.kind == ("registry" if sys.platform == "win32" else "profile")
