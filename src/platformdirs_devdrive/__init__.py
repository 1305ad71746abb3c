"""platformdirs, with the cache and temp directories on a Windows Dev Drive when the user opts in.

A drop-in for :mod:`platformdirs`: ``import platformdirs_devdrive as platformdirs`` keeps every name and, while Dev
Drive use is off (this release's default), every answer. What is new:

- ``devdrive=`` on :func:`user_cache_dir`/:func:`user_cache_path` and :class:`DevDrivePlatformDirs`;
- :func:`user_temp_dir`/:func:`user_temp_path`, whose ``near=`` lets temp follow the tool's target drive;
- :func:`resolve_cache_dir`/:func:`resolve_temp_dir`, which report what was chosen and why;
- :func:`devdrive_hint`, the one-line "your cache is on a slow drive" message;
- the rollout flag ``PLATFORMDIRS_DEVDRIVE`` (unset: off; ``auto``: on; a path: that root).

PYTEST_DONT_REWRITE: tools import us before they start pytest (as platformdirs says of itself, in the same words).
"""

from __future__ import annotations

__devdrive_version__ = "0.1.0"  # ours; ``__version__`` stays platformdirs' own, for the drop-in

TYPE_CHECKING = False
if TYPE_CHECKING:  # type checkers see platformdirs 4.11's names (our lower bound), minus the four we replace below
    from platformdirs import (
        PlatformDirsABC as PlatformDirsABC,
        __version__ as __version__,
        __version_info__ as __version_info__,
        api as api,
        site_applications_dir as site_applications_dir,
        site_applications_path as site_applications_path,
        site_bin_dir as site_bin_dir,
        site_bin_path as site_bin_path,
        site_cache_dir as site_cache_dir,
        site_cache_path as site_cache_path,
        site_config_dir as site_config_dir,
        site_config_path as site_config_path,
        site_data_dir as site_data_dir,
        site_data_path as site_data_path,
        site_log_dir as site_log_dir,
        site_log_path as site_log_path,
        site_runtime_dir as site_runtime_dir,
        site_runtime_path as site_runtime_path,
        site_state_dir as site_state_dir,
        site_state_path as site_state_path,
        user_applications_dir as user_applications_dir,
        user_applications_path as user_applications_path,
        user_bin_dir as user_bin_dir,
        user_bin_path as user_bin_path,
        user_config_dir as user_config_dir,
        user_config_path as user_config_path,
        user_data_dir as user_data_dir,
        user_data_path as user_data_path,
        user_desktop_dir as user_desktop_dir,
        user_desktop_path as user_desktop_path,
        user_documents_dir as user_documents_dir,
        user_documents_path as user_documents_path,
        user_downloads_dir as user_downloads_dir,
        user_downloads_path as user_downloads_path,
        user_fonts_dir as user_fonts_dir,
        user_fonts_path as user_fonts_path,
        user_log_dir as user_log_dir,
        user_log_path as user_log_path,
        user_music_dir as user_music_dir,
        user_music_path as user_music_path,
        user_pictures_dir as user_pictures_dir,
        user_pictures_path as user_pictures_path,
        user_preference_dir as user_preference_dir,
        user_preference_path as user_preference_path,
        user_projects_dir as user_projects_dir,
        user_projects_path as user_projects_path,
        user_publicshare_dir as user_publicshare_dir,
        user_publicshare_path as user_publicshare_path,
        user_runtime_dir as user_runtime_dir,
        user_runtime_path as user_runtime_path,
        user_state_dir as user_state_dir,
        user_state_path as user_state_path,
        user_templates_dir as user_templates_dir,
        user_templates_path as user_templates_path,
        user_videos_dir as user_videos_dir,
        user_videos_path as user_videos_path,
        version as version,
    )
else:  # at run time: every public name of the installed release, newer ones too (the drop-in promise)
    import platformdirs as _platformdirs
    from platformdirs import *  # noqa: F403
    from platformdirs import __all__ as _platformdirs_all


# The drop-in: PlatformDirs(...) honours the flag as the functions do (AppDirs: appdirs' name, as in platformdirs).
from ._api import (
    DevDrivePlatformDirs,
    DevDrivePlatformDirs as AppDirs,
    DevDrivePlatformDirs as PlatformDirs,
    clear_cache,
)
from ._flag import ENV_VAR
from ._functions import (
    resolve_cache_dir,
    resolve_temp_dir,
    user_cache_dir,
    user_cache_path,
    user_temp_dir,
    user_temp_path,
)

if not TYPE_CHECKING:
    # platformdirs' other functions build PlatformDirs(...) on each call: rebound, they build ours, or a patched one.
    # Each is copied on first use (__getattr__ below): importing us costs no copying.
    from ._functions import reboundable as _reboundable

    _REBOUND = frozenset(_reboundable(_platformdirs, globals()))
    for _name in _REBOUND:
        del globals()[_name]

if TYPE_CHECKING:
    from ._hint import devdrive_hint as devdrive_hint
    from ._policy import DevDriveWarning as DevDriveWarning
    from ._probe import VolumeInfo as VolumeInfo
    from ._report import Reason as Reason, Resolution as Resolution, Source as Source
else:  # hidden from type checkers, which would otherwise accept any attribute of the module
    # Loaded on first use: pip imports us at start-up, and the off path needs none of these.
    _LAZY = {
        "DevDriveWarning": "_policy",
        "Reason": "_report",
        "Resolution": "_report",
        "Source": "_report",
        "VolumeInfo": "_probe",
        "devdrive_hint": "_hint",
    }

    # platformdirs' submodules that "from platformdirs import windows" imports on demand: ours import them too.
    _SUBMODULES = frozenset({"android", "api", "ios", "macos", "unix", "version", "windows"})
    # Our own submodules of the same names as platformdirs' (testing, pytest_plugin): never platformdirs' ones.
    _OURS = frozenset({"testing", "pytest_plugin"})

    def __getattr__(name: str) -> object:
        if name in _REBOUND:
            from ._rebind import rebind  # noqa: PLC0415  # on first use of one of platformdirs' functions

            value = rebind(_platformdirs, globals(), name, _REBOUND)
            globals()[name] = value  # later look-ups skip this function
            return value
        from importlib import import_module  # noqa: PLC0415  # already loaded by the interpreter

        module = _LAZY.get(name)
        if module is not None:
            value = getattr(import_module(f".{module}", __name__), name)
            globals()[name] = value  # later look-ups skip this function
            return value
        if name not in _OURS and not name.startswith("_"):
            # platformdirs.api, .unix, .windows, ...: what "from platformdirs import X" reaches, so does ours. One it
            # has loaded is an attribute of that package; a known one not loaded yet is imported, as there.
            full = f"{_platformdirs.__name__}.{name}"
            sub = getattr(_platformdirs, name, None)
            if getattr(sub, "__name__", "") == full:
                return sub
            if name in _SUBMODULES:
                try:
                    return import_module(full)
                except ImportError:  # an older platformdirs without it (4.11.0 has no ios)
                    pass
        # Also what makes "from platformdirs_devdrive import testing" import our submodule, not return platformdirs'.
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)


__all__ = [
    "ENV_VAR",
    "AppDirs",
    "DevDrivePlatformDirs",
    "DevDriveWarning",
    "PlatformDirs",
    "PlatformDirsABC",
    "Reason",
    "Resolution",
    "Source",
    "VolumeInfo",
    "__devdrive_version__",
    "__version__",
    "__version_info__",
    "clear_cache",
    "devdrive_hint",
    "resolve_cache_dir",
    "resolve_temp_dir",
    "site_applications_dir",
    "site_applications_path",
    "site_bin_dir",
    "site_bin_path",
    "site_cache_dir",
    "site_cache_path",
    "site_config_dir",
    "site_config_path",
    "site_data_dir",
    "site_data_path",
    "site_log_dir",
    "site_log_path",
    "site_runtime_dir",
    "site_runtime_path",
    "site_state_dir",
    "site_state_path",
    "user_applications_dir",
    "user_applications_path",
    "user_bin_dir",
    "user_bin_path",
    "user_cache_dir",
    "user_cache_path",
    "user_config_dir",
    "user_config_path",
    "user_data_dir",
    "user_data_path",
    "user_desktop_dir",
    "user_desktop_path",
    "user_documents_dir",
    "user_documents_path",
    "user_downloads_dir",
    "user_downloads_path",
    "user_fonts_dir",
    "user_fonts_path",
    "user_log_dir",
    "user_log_path",
    "user_music_dir",
    "user_music_path",
    "user_pictures_dir",
    "user_pictures_path",
    "user_preference_dir",
    "user_preference_path",
    "user_projects_dir",
    "user_projects_path",
    "user_publicshare_dir",
    "user_publicshare_path",
    "user_runtime_dir",
    "user_runtime_path",
    "user_state_dir",
    "user_state_path",
    "user_temp_dir",
    "user_temp_path",
    "user_templates_dir",
    "user_templates_path",
    "user_videos_dir",
    "user_videos_path",
]
if not TYPE_CHECKING:  # names a newer platformdirs added
    __all__ += [name for name in _platformdirs_all if name not in __all__]
