"""The reviewed differences between platformdirs' own suite run as it is and with our package swapped in.

Keys are junit test ids (``module::function[params]``), or a function's id alone for all its parametrizations; the
value says why the test cannot apply to a drop-in. ``run.py`` fails on any difference not listed here, and on an
entry that no longer differs, so the lists stay exact. A new platformdirs release needs its own reviewed lists.
"""

from __future__ import annotations

_DETECTION = (
    "calls platformdirs' private _set_platform_dir_class() on our package to redo platform detection; we pick "
    "platformdirs' class once, as a subclass, and have no such function"
)
_RELOAD = (
    "reloads the package (importlib.reload) with sys.platform patched to redo platform detection: reloading ours "
    "re-exports the platformdirs already imported, whose class was picked for the real platform"
)
_CLASS_NAME = (
    "asserts the class's __name__ after a reload ('Windows', 'MacOS'); ours is DevDrivePlatformDirs by design, a "
    "subclass of that class"
)
_REPORTS_IN_ALL = (
    "calls every name in __all__ ending in _dir/_path and treats the result as a path: our resolve_cache_dir and "
    "resolve_temp_dir are module functions returning a Resolution report (kept by design, issue 14); every "
    "directory we hand out, user_temp_dir and user_cache_dir included, is inside the isolated root"
)
_OTHER_CLASS = (
    "patches the real platformdirs.PlatformDirs to Android by a string target, then enumerates our PlatformDirs "
    "(a subclass of the platform's class, not of Android), which isolated_dirs on Android does not reach"
)
_SUBCLASS_PATCH = (
    "patches a property of our PlatformDirs, then expects isolated_dirs (which patches platformdirs' class, our "
    "base) to override it: a subclass's own attribute wins over its base's"
)

SWAP_DIFFERENCES: dict[str, dict[str, str]] = {
    "4.11.0": {
        "tests.test_api::test_android_active": _DETECTION,
    },
    "4.14.9": {
        "tests.platformdirs.test_android::test_android_active": _RELOAD,
        "tests.platformdirs.test_android::test_android_build_detected_without_environment": _RELOAD,
        "tests.test_api::test_native_platform_class": _CLASS_NAME,
        "tests.test_ios::test_ios_platform_uses_the_app_container_library": _RELOAD,
        "tests.test_testing::test_isolated_dirs_fork_inherits_thread_root": _REPORTS_IN_ALL,
        "tests.test_testing::test_isolated_dirs_redirects_every_accessor": _REPORTS_IN_ALL,
        "tests.test_testing::test_isolated_dirs_relative_root_survives_chdir": _REPORTS_IN_ALL,
        "tests.test_testing::test_isolated_dirs_redirects_android": _OTHER_CLASS,
        "tests.test_testing::test_isolated_dirs_restores_intervening_patch": _SUBCLASS_PATCH,
    },
}
"""Flag unset, ``0`` or ``auto`` (off, or on Linux "not Windows"): tests that pass unswapped and not swapped."""

_CACHE_MOVES = "the user cache dir moves to <root>/.cache/<app>, as PLATFORMDIRS_DEVDRIVE=<root> asks"
_APPDIRS_CACHE = [
    f"tests.test_comp_with_appdirs::test_compatibility[user_cache_dir-{params}]"
    for params in ("app_name", "app_name_author_version", "app_name_with_app_author", "no_args")
]

ROOT_CHANGES: dict[str, dict[str, str]] = {
    "4.11.0": dict.fromkeys(_APPDIRS_CACHE, _CACHE_MOVES),
    "4.14.9": {
        **dict.fromkeys(_APPDIRS_CACHE, _CACHE_MOVES),
        "tests.test_unix::test_use_site_for_root_reaches_the_module_function[user_cache_dir-/var/cache/foo-dir]": (
            _CACHE_MOVES
        ),
        "tests.test_unix::test_use_site_for_root_reaches_the_module_function[user_cache_dir-/var/cache/foo-path]": (
            _CACHE_MOVES
        ),
    },
}
"""``PLATFORMDIRS_DEVDRIVE=<an existing root>``: exactly the tests that change besides :data:`SWAP_DIFFERENCES`."""
