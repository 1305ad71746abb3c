r"""A tiny tool that puts its cache and temporary files where platformdirs-devdrive says, as pip would.

``devdrive=None`` follows the user's ``PLATFORMDIRS_DEVDRIVE``: unset, the tool behaves exactly as with
platformdirs; ``auto`` moves the cache to the machine's one Dev Drive (``D:\.cache\example-tool\Cache``).
"""

from __future__ import annotations

import platformdirs_devdrive

APP = "example-tool"


def cache_dir() -> str:
    r"""Return the cache folder: ``D:\.cache\example-tool\Cache`` on a Dev Drive, else platformdirs' own."""
    return platformdirs_devdrive.user_cache_dir(APP, appauthor=False, devdrive=None)


def temp_dir() -> str:
    r"""Return the temporary-files folder: ``D:\.cache\Temp\example-tool``, else ``<gettempdir()>\example-tool``."""
    return platformdirs_devdrive.user_temp_dir(APP, devdrive=None)


def explain() -> str:
    """Return the one line a ``--debug`` run would print: where the cache is, and why there."""
    report = platformdirs_devdrive.resolve_cache_dir(APP, appauthor=False, devdrive=None)
    return f"cache: {report.path} ({report.reason})"
