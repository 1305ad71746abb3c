"""platformdirs' module functions, rebound: the same signatures, and patches of PlatformDirs steer them as there."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

import platformdirs
import pytest

import platformdirs_devdrive as pdd
from platformdirs_devdrive._api import DevDrivePlatformDirs

if TYPE_CHECKING:
    from pytest_mock import MockerFixture

    from platformdirs_devdrive.testing import SimulatedProbe

#: Every module function of platformdirs (in the installed release) that builds a PlatformDirs.
FUNCTIONS = sorted(
    name
    for name in platformdirs.__all__
    if inspect.isfunction(getattr(platformdirs, name)) and name.endswith(("_dir", "_path"))
)
#: Those we rebound (the cache ones are our own functions, with devdrive=).
REBOUND = [name for name in FUNCTIONS if name not in {"user_cache_dir", "user_cache_path"}]


def _kind(function: str) -> str:
    """The property a function reads: ``user_data_path`` -> ``user_data_dir``."""
    return function.removesuffix("_path") + "_dir" if function.endswith("_path") else function


def _fake_class(base: type[Any], marker: str) -> type[Any]:
    """A subclass of ``base`` whose every ``*_dir``/``*_path`` property answers ``/<marker>/<property>``."""

    def answer(name: str) -> property:
        kind = _kind(name)
        if name.endswith("_path"):
            return property(lambda _self: Path(f"/{marker}/{kind}"))
        return property(lambda _self: f"/{marker}/{kind}")

    names = [name for name in dir(base) if name.endswith(("_dir", "_path")) and not name.startswith("_")]
    return type(f"Fake{marker}", (base,), {name: answer(name) for name in names})


def test_there_is_something_to_test() -> None:
    assert len(REBOUND) >= 40  # platformdirs 4.11.0 has 54 such functions, two of them the cache ones
    assert {"user_data_dir", "site_config_path", "user_runtime_dir"} <= set(REBOUND)


@pytest.mark.parametrize("name", REBOUND)
def test_a_rebound_function_has_platformdirs_signature_code_and_docstring(name: str) -> None:
    ours, theirs = getattr(pdd, name), getattr(platformdirs, name)
    assert ours is not theirs
    assert inspect.signature(ours) == inspect.signature(theirs)
    assert ours.__code__ is theirs.__code__
    assert (ours.__doc__, ours.__name__, ours.__qualname__) == (theirs.__doc__, theirs.__name__, theirs.__qualname__)
    assert ours.__module__ == "platformdirs_devdrive"


@pytest.mark.parametrize("name", ["user_cache_dir", "user_cache_path"])
def test_our_cache_functions_are_platformdirs_signature_plus_devdrive(name: str) -> None:
    ours = inspect.signature(getattr(pdd, name)).parameters
    theirs = inspect.signature(getattr(platformdirs, name)).parameters
    assert list(ours) == [*theirs, "devdrive"]
    assert ours["devdrive"].kind is inspect.Parameter.KEYWORD_ONLY
    assert all(ours[key].default == theirs[key].default for key in theirs)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_patching_our_platformdirs_class_steers_every_function(name: str) -> None:
    fake = _fake_class(pdd.PlatformDirs, "ours")
    with mock.patch.object(pdd, "PlatformDirs", fake):
        assert Path(getattr(pdd, name)()) == Path(f"/ours/{_kind(name)}")
    assert pdd.PlatformDirs is DevDrivePlatformDirs  # and the patch is gone with the patch


@pytest.mark.parametrize("name", FUNCTIONS)
def test_patching_a_property_of_our_class_steers_its_function(name: str) -> None:
    # The property of the same name: platformdirs' classes define some *_path properties on their own.
    with mock.patch.object(DevDrivePlatformDirs, name, new_callable=mock.PropertyMock) as patched:
        patched.return_value = "/patched"
        assert getattr(pdd, name)() == "/patched"
    patched.assert_called_once_with()


@pytest.mark.parametrize("name", FUNCTIONS)
def test_patching_platformdirs_class_by_name_steers_every_function_too(name: str, mocker: MockerFixture) -> None:
    # What tests written for platformdirs do, and keep doing after "import platformdirs_devdrive as platformdirs".
    mocker.patch("platformdirs.PlatformDirs", _fake_class(platformdirs.PlatformDirs, "theirs"))
    assert Path(getattr(pdd, name)()) == Path(f"/theirs/{_kind(name)}")


def test_a_patch_of_ours_wins_over_one_of_platformdirs(mocker: MockerFixture) -> None:
    mocker.patch("platformdirs.PlatformDirs", _fake_class(platformdirs.PlatformDirs, "theirs"))
    mocker.patch.object(pdd, "PlatformDirs", _fake_class(pdd.PlatformDirs, "ours"))
    assert pdd.user_data_dir() == "/ours/user_data_dir"
    assert pdd.user_cache_dir() == "/ours/user_cache_dir"


def test_a_patched_class_steers_the_cache_also_with_dev_drive_use_on(
    devdrive_world: SimulatedProbe, devdrive_root: Path, mocker: MockerFixture
) -> None:
    devdrive_world.set_flag(devdrive_root)
    assert Path(pdd.user_cache_dir("app")).is_relative_to(devdrive_root)  # on, unpatched
    mocker.patch.object(pdd, "PlatformDirs", _fake_class(pdd.PlatformDirs, "ours"))
    assert pdd.user_cache_dir("app") == "/ours/user_cache_dir"


def test_a_platformdirs_class_patched_in_gets_platformdirs_arguments_only(mocker: MockerFixture) -> None:
    # A class patched into platformdirs knows nothing of devdrive=: it is not passed (Dev Drive use steps aside).
    mocker.patch("platformdirs.PlatformDirs", _fake_class(platformdirs.PlatformDirs, "theirs"))
    assert pdd.user_cache_dir("app", devdrive=True) == "/theirs/user_cache_dir"
    assert isinstance(pdd.user_temp_dir("app"), str)  # temp and the reports keep to our class
    assert pdd.resolve_cache_dir("app").path == "/theirs/user_cache_dir"


def _loaded_after_calls(package: str) -> set[str]:
    code = f"import sys, {package} as p; p.user_data_dir('x'); p.user_config_path('x'); print(*sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
    return set(run.stdout.split())


def test_rebinding_imports_nothing_platformdirs_does_not() -> None:
    ours, theirs = _loaded_after_calls("platformdirs_devdrive"), _loaded_after_calls("platformdirs")
    assert {name for name in ours - theirs if not name.startswith("platformdirs_devdrive")} == set()


# --- copies made on first use (_rebind) -------------------------------------------------------------------------


def test_a_copy_that_names_another_copied_function_gets_it_copied_too() -> None:
    import types

    from platformdirs_devdrive import _rebind

    source = types.ModuleType("fakedirs")
    exec(  # a stand-in for platformdirs: a function calling another one, one using a private helper
        "def user_data_dir(*args):\n    raise AssertionError('the original, not the copy')\n"
        "def outer():\n    return user_data_dir('x')\n"
        "def _helper():\n    return 1\n"
        "def private_user():\n    return _helper()\n"
        "def broken():\n    return nowhere_at_all\n",
        vars(source),
    )
    namespace: dict[str, object] = {"__name__": "platformdirs_devdrive"}
    copied = frozenset({"outer", "user_data_dir", "private_user", "broken"})
    outer = _rebind.rebind(source, namespace, "outer", copied)
    assert callable(outer)
    # user_data_dir is not in this namespace: the copy asks the package, which hands out its own copy
    assert outer() == pdd.user_data_dir("x")
    # a function that needs a private helper of platformdirs we do not have stays platformdirs' own
    assert _rebind.rebind(source, namespace, "private_user", copied) is vars(source)["private_user"]
    broken = _rebind.rebind(source, namespace, "broken", copied)
    assert callable(broken)
    with pytest.raises(NameError):
        broken()
