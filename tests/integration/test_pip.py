"""The real pip with this package in place of its platformdirs: unchanged while off, its cache moved when opted in.

Run by ``tox -e pip-integration`` on Python 3.11 and 3.13 (see conftest.py for the environments); skipped elsewhere.
"""

from __future__ import annotations

import os
import re
import shutil
import tarfile
from typing import TYPE_CHECKING

import pytest

from platformdirs_devdrive import Reason
from platformdirs_devdrive._hint import HINTS

from .conftest import ENABLED_VAR, REPO, SIMULATED_VAR, run

if TYPE_CHECKING:
    from pathlib import Path

    from .conftest import Venv

if not os.environ.get(ENABLED_VAR):
    pytest.skip(f"the real-pip tests run in `tox -e pip-integration` ({ENABLED_VAR})", allow_module_level=True)

ENV_VAR = "PLATFORMDIRS_DEVDRIVE"
EXAMPLE = REPO / "examples" / "unpack_tool" / "unpack_tool.py"


def hint_pattern(reason: Reason, app: str = "pip", **fields: str) -> re.Pattern[str]:
    """The hint's template as a pattern: the simulated volume of the standard cache is whatever the probe says."""
    line = HINTS[reason].format(app=app, volume="\0", env=ENV_VAR, **fields)
    return re.compile(re.escape(line).replace("\0", r"\S+"))


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def plant_siblings(root: Path) -> dict[str, bytes]:
    """Files of the user and of other tools beside pip's cache: nothing of pip's may touch them."""
    planted = {
        "keep.txt": b"the user's own file\n",
        ".cache/other-tool/blob.bin": os.urandom(64),
        ".cache/Temp/pip/in-use.tmp": b"another pip's temp file\n",
        ".cache/pip-tools/wheels/x.whl": b"not pip's\n",
    }
    for name, data in planted.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return planted


def install(venv: Venv, home: Path, sdist: Path, *args: str, **env: str) -> str:
    """``pip install`` the sdist (pip builds its wheel and caches it); return pip's output."""
    target = home / "target"
    shutil.rmtree(target, ignore_errors=True)
    name = sdist.name.split("-")[0]
    # Named (name @ URL), so that pip looks the wheel up in its cache before building it again.
    result = venv.pip(
        home, "install", "--no-index", "--target", str(target), *args, f"{name} @ {sdist.as_uri()}", **env
    )
    assert (target / f"{name}.py").is_file()
    return result.stdout + result.stderr


def cached_wheels(cache: Path, sdist: Path) -> list[Path]:
    return sorted((cache / "wheels").rglob(f"{sdist.name.split('-')[0]}-1.0-*.whl"))


# --- the environments are what they claim ---------------------------------------------------------------------------


def test_pip_is_the_index_current_release(vendored: Venv, swapped: Venv) -> None:
    listing = run([vendored.python, "-m", "pip", "index", "versions", "pip"]).stdout  # this machine's index
    match = re.search(r"^pip \(([^)]+)\)", listing, re.MULTILINE)
    assert match is not None, listing
    for venv in (vendored, swapped):
        assert run([venv.python, "-m", "pip", "--version"]).stdout.startswith(f"pip {match.group(1)} ")


def test_pip_vendored_platformdirs_resolves_to_ours(swapped: Venv, home: Path) -> None:
    code = """
import sys
assert "platformdirs_devdrive" not in sys.modules, "imported before pip asked"
import platformdirs, platformdirs.unix, platformdirs_devdrive, platformdirs_devdrive.testing
from pip._internal.utils import appdirs
import pip._vendor.platformdirs as vendored
import pip._vendor.platformdirs.unix, pip._vendor.platformdirs.testing, pip._vendor.platformdirs.api
from pip._vendor.platformdirs import user_cache_dir
print(vendored is platformdirs_devdrive, appdirs._appdirs is platformdirs_devdrive,
      user_cache_dir is platformdirs_devdrive.user_cache_dir,
      sys.modules["pip._vendor.platformdirs.unix"] is platformdirs.unix,
      sys.modules["pip._vendor.platformdirs.api"] is platformdirs.api,
      sys.modules["pip._vendor.platformdirs.testing"] is platformdirs_devdrive.testing,
      platformdirs_devdrive.__name__, platformdirs_devdrive.__spec__.name)
"""
    out = run([swapped.python, "-c", code], env=swapped.env(home)).stdout.split()
    assert out == ["True"] * 6 + ["platformdirs_devdrive"] * 2


def test_pip_own_vendored_copy_is_used_in_the_reference(vendored: Venv, home: Path) -> None:
    code = "import pip._vendor.platformdirs as p; print(p.__name__, hasattr(p, 'user_temp_dir'))"
    assert run([vendored.python, "-c", code], env=vendored.env(home)).stdout.split() == [
        "pip._vendor.platformdirs",
        "False",
    ]


# --- off: exactly pip's own answer ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_CACHE_HOME": "xdg-cache"},
        {ENV_VAR: ""},
        {ENV_VAR: "0"},
        {ENV_VAR: " Off "},
        {ENV_VAR: "auto"},  # on, but not Windows: the standard location
        {"PIP_CACHE_DIR": "mine"},
    ],
    ids=["unset", "xdg", "empty", "0", "off", "auto-not-windows", "pip-cache-dir"],
)
def test_pip_cache_dir_is_unchanged_while_off(  # noqa: PLR0917  # pytest passes fixtures by name
    env: dict[str, str], vendored: Venv, swapped: Venv, phase1: Venv, phase2: Venv, home: Path
) -> None:
    env = {name: str(home / value) if name != ENV_VAR else value for name, value in env.items()}
    expected = vendored.cache_dir(home, **env)
    assert swapped.cache_dir(home, **env) == expected
    assert phase1.cache_dir(home, **env) == expected
    assert phase2.cache_dir(home, **env) == expected
    if not env:
        assert expected == str(home / ".cache" / "pip")  # platformdirs' Linux layout, the reference itself


# --- on: the cache moves under the chosen root, and only pip's own folder is touched -------------------------------


def test_pip_cache_dir_follows_the_flag(swapped: Venv, home: Path, root: Path) -> None:
    assert swapped.cache_dir(home, PLATFORMDIRS_DEVDRIVE=str(root)) == str(root / ".cache" / "pip")
    assert swapped.cache_dir(home, PLATFORMDIRS_DEVDRIVE=f" {root} ") == str(root / ".cache" / "pip")
    # pip's own overrides sit above this package entirely.
    mine = home / "mine"
    assert swapped.cache_dir(home, "--cache-dir", str(mine), PLATFORMDIRS_DEVDRIVE=str(root)) == str(mine)
    assert swapped.cache_dir(home, PLATFORMDIRS_DEVDRIVE=str(root), PIP_CACHE_DIR=str(mine)) == str(mine)


def test_a_missing_root_falls_back_with_a_warning_not_a_traceback(swapped: Venv, vendored: Venv, home: Path) -> None:
    missing = home / "no-such-drive"
    result = swapped.pip(home, "cache", "dir", PLATFORMDIRS_DEVDRIVE=str(missing))
    assert result.stdout.rstrip("\n") == vendored.cache_dir(home)
    assert f"{ENV_VAR} ignored" in result.stderr
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr


def test_real_pip_work_fills_the_cache_under_the_root_and_purge_empties_only_it(
    swapped: Venv, home: Path, root: Path, sdist: Path
) -> None:
    fill_and_purge(swapped, home, root, sdist)


def test_the_same_with_the_package_vendored_into_pip(phase2: Venv, home: Path, root: Path, sdist: Path) -> None:
    fill_and_purge(phase2, home, root, sdist)


def fill_and_purge(venv: Venv, home: Path, root: Path, sdist: Path) -> None:
    planted = plant_siblings(root)
    flag = {ENV_VAR: str(root)}
    cache = root / ".cache" / "pip"
    install(venv, home, sdist, **flag)
    assert len(cached_wheels(cache, sdist)) == 1  # pip built the wheel and kept it under the root
    assert not (home / ".cache").exists()  # the standard cache was never touched
    listed = venv.pip(home, "cache", "list", **flag).stdout
    assert sdist.name.split("-")[0] in listed
    again = install(venv, home, sdist, **flag)
    assert "Building wheel" not in again  # the second install is served from the cache under the root
    venv.pip(home, "cache", "purge", **flag)
    assert files_under(cache) == {}
    assert "No locally built wheels cached." in venv.pip(home, "cache", "list", **flag).stdout
    assert files_under(root) == planted


# --- the hint, in the swapped pip's environment ---------------------------------------------------------------------


def test_the_hint_through_pip_vendored_name(swapped: Venv, home: Path, root: Path) -> None:
    """What a patched pip does at start-up, in the swapped venv: ask the hint about pip's cache, via pip's names."""
    code = (
        "from pip._internal.locations import USER_CACHE_DIR\n"
        "from pip._vendor.platformdirs import devdrive_hint\n"
        "print(devdrive_hint('pip', USER_CACHE_DIR))\n"
    )
    simulated = {SIMULATED_VAR: str(root)}  # a simulated Windows whose only Dev Drive is this folder
    line = run([swapped.python, "-c", code], env=swapped.env(home, **simulated)).stdout.strip()
    assert hint_pattern(Reason.SOLE_DEV_DRIVE, drive=str(root)).fullmatch(line), line
    # Doing what it says: pip's cache moves onto that drive, and the hint goes quiet.
    assert swapped.cache_dir(home, PLATFORMDIRS_DEVDRIVE=str(root), **simulated) == str(root / ".cache" / "pip")
    quiet = run([swapped.python, "-c", code], env=swapped.env(home, PLATFORMDIRS_DEVDRIVE=str(root), **simulated))
    assert quiet.stdout.strip() == "None"
    # auto finds the same drive by detection alone.
    assert swapped.cache_dir(home, PLATFORMDIRS_DEVDRIVE="auto", **simulated) == str(root / ".cache" / "pip")
    # Without the simulation this machine is not Windows: nothing to say.
    assert run([swapped.python, "-c", code], env=swapped.env(home)).stdout.strip() == "None"


def test_the_example_tool_in_the_swapped_venv(swapped: Venv, home: Path, root: Path, tmp_path: Path) -> None:
    source = tmp_path / "content"
    (source / "pkg").mkdir(parents=True)
    (source / "pkg" / "data.txt").write_text("data\n", encoding="utf-8")
    archive = shutil.make_archive(str(tmp_path / "data"), "gztar", source)
    simulated = {SIMULATED_VAR: str(root)}
    off = run([swapped.python, EXAMPLE, archive, home / "out-off"], env=swapped.env(home, **simulated))
    assert off.stderr.startswith("unpack-tool: hint: ")
    hint = off.stderr.removeprefix("unpack-tool: hint: ").rstrip("\n")
    assert hint_pattern(Reason.SOLE_DEV_DRIVE, app="unpack-tool", drive=str(root)).fullmatch(hint), hint
    target = root / "work" / "data"
    target.parent.mkdir()
    on = run(
        [swapped.python, EXAMPLE, archive, target], env=swapped.env(home, PLATFORMDIRS_DEVDRIVE="auto", **simulated)
    )
    assert on.stderr == ""
    assert f"temp:   {root / '.cache' / 'Temp' / 'unpack-tool'}" in on.stdout
    assert f"target: {target} (moved by rename)" in on.stdout
    assert (target / "pkg" / "data.txt").read_text(encoding="utf-8") == "data\n"
    with tarfile.open(archive) as tar:
        assert sorted(name for name in tar.getnames() if name.endswith(".txt")) == ["./pkg/data.txt"]


# --- the docs' patches, applied to the real pip ---------------------------------------------------------------------


def test_phase1_moves_the_cache_only_with_the_feature(phase1: Venv, vendored: Venv, home: Path, root: Path) -> None:
    standard = vendored.cache_dir(home)
    on_root = str(root / ".cache" / "pip")
    feature = "--use-feature=dev-drive"
    assert phase1.cache_dir(home, PLATFORMDIRS_DEVDRIVE=str(root)) == standard  # pip passes devdrive=False
    assert phase1.cache_dir(home, feature, PLATFORMDIRS_DEVDRIVE=str(root)) == on_root
    assert phase1.cache_dir(home, PIP_USE_FEATURE="dev-drive", PLATFORMDIRS_DEVDRIVE=str(root)) == on_root
    assert phase1.cache_dir(home, feature, PLATFORMDIRS_DEVDRIVE="0") == standard  # the user's "no" wins
    assert phase1.cache_dir(home, feature) == standard  # on, but not Windows
    assert phase1.cache_dir(home, feature, **{SIMULATED_VAR: str(root)}) == on_root  # the only Dev Drive
    mine = str(home / "mine")
    assert phase1.cache_dir(home, feature, PIP_CACHE_DIR=mine, PLATFORMDIRS_DEVDRIVE=str(root)) == mine


def test_phase1_hint_says_how_to_choose_between_drives(phase1: Venv, home: Path, tmp_path: Path, sdist: Path) -> None:
    drives = [tmp_path / "d", tmp_path / "e"]
    for drive in drives:
        drive.mkdir()
    simulated = {SIMULATED_VAR: os.pathsep.join(map(str, drives))}
    output = install(phase1, home, sdist, "--use-feature=dev-drive", **simulated)
    several = hint_pattern(Reason.SEVERAL_DEV_DRIVES, drives=f"{drives[0]}, {drives[1]}", first=str(drives[0]))
    assert [line for line in output.splitlines() if several.fullmatch(line)], output
    assert "Dev Drive" not in install(phase1, home, sdist, **simulated)  # phase 1 without the feature: silent


def test_phase2_the_flag_decides(phase2: Venv, vendored: Venv, home: Path, root: Path) -> None:
    standard = vendored.cache_dir(home)
    on_root = str(root / ".cache" / "pip")
    assert phase2.cache_dir(home, PLATFORMDIRS_DEVDRIVE=str(root)) == on_root
    assert phase2.cache_dir(home, PLATFORMDIRS_DEVDRIVE="auto", **{SIMULATED_VAR: str(root)}) == on_root
    assert phase2.cache_dir(home, **{SIMULATED_VAR: str(root)}) == standard  # unset: off (this release)
    assert phase2.cache_dir(home, "--use-feature=dev-drive", PLATFORMDIRS_DEVDRIVE="no") == standard


def test_phase2_hint_in_pip_install(phase2: Venv, home: Path, root: Path, sdist: Path) -> None:
    simulated = {SIMULATED_VAR: str(root)}
    output = install(phase2, home, sdist, **simulated)
    hints = [line for line in output.splitlines() if "Dev Drive" in line]
    assert len(hints) == 1
    assert hint_pattern(Reason.SOLE_DEV_DRIVE, drive=str(root)).fullmatch(hints[0]), hints
    assert "Dev Drive" not in install(phase2, home, sdist, PIP_CACHE_DIR=str(home / "mine"), **simulated)
    taken = install(phase2, home, sdist, PLATFORMDIRS_DEVDRIVE="auto", **simulated)  # the advice, taken
    assert "Dev Drive" not in taken
    assert len(cached_wheels(root / ".cache" / "pip", sdist)) == 1
