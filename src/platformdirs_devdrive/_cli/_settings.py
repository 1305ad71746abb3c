"""The lines that point one tool's setting at a root, in one shell: what ``doctor`` suggests and ``env`` prints."""

from __future__ import annotations

import os

from .. import _shells

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .. import _tools


def lines(shell: str, setting: _tools.Setting, root: str, platform: str) -> list[str]:
    """Return the lines that point ``setting`` at ``root`` in ``shell``; :class:`~._shells.Unquotable` if impossible."""
    target = setting.target(root, platform)
    value = setting.value(target, os.environ)
    made = setting.must_exist and shell not in _shells.DATA_SHELLS
    result = [_shells.make_directory(shell, target)] if made else []
    result += [_shells.assignment(shell, name, value) for name in setting.names]
    return result


__all__ = [
    "lines",
]
