"""Sphinx extension: the parts of the docs that are computed from the code, so that the two cannot drift apart.

- ``.. reason-table::`` (option ``:group:``): every :class:`~platformdirs_devdrive.Reason`, its message template
  from the code and the docs' note from :mod:`reference`;
- ``.. layout-table:: windows`` (option ``:root:``) and ``.. layout-table:: posix``: example paths, resolved by the
  real code (see :mod:`reference`);
- at start-up, a warning (an error under ``-W``) when a reason has no note or the committed flowchart is stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from flowchart import OUTPUT, render
from reference import GROUPS, WINDOWS_ROOT, missing_notes, posix_layout, reason_rows, windows_layout
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LOG = logging.getLogger(__name__)


def _literal(text: str) -> str:
    return f"``{text}``"


def _table(header: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1", f"   :widths: {' '.join(map(str, widths))}", ""]
    for row in [header, *rows]:
        for index, cell in enumerate(row):
            cell_lines = cell.split("\n")
            lines.append(f"   {'*' if index == 0 else ' '} - {cell_lines[0]}")
            lines.extend(f"       {line}" if line else "" for line in cell_lines[1:])
    return lines


class _Generated(SphinxDirective):
    def _parse(self, lines: list[str]) -> list[nodes.Node]:
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source=f"<{self.name}>"), self.content_offset, container)
        return list(container.children)


class ReasonTable(_Generated):
    """Render the reasons of one group (or all) as a table: code, message template, meaning."""

    option_spec: ClassVar[dict[str, object]] = {"group": lambda value: directives.choice(value, list(GROUPS))}

    def run(self) -> list[nodes.Node]:
        """Build the table."""
        rows = [
            [f"{_literal(row.code)}\n\n{_literal(row.name)}", _literal(row.template), row.meaning]
            for row in reason_rows(self.options.get("group"))
        ]
        return self._parse(_table(["Code", "Message (from the code)", "When, and what to do"], rows, [22, 38, 40]))


class LayoutTable(_Generated):
    """Render the example paths of the layout on ``windows`` (with a Dev Drive at ``:root:``) or ``posix``."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, object]] = {"root": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """Resolve the examples and build the table."""
        flavour = directives.choice(self.arguments[0], ["windows", "posix"])
        if flavour == "windows":
            root = self.options.get("root", WINDOWS_ROOT)
            header = ["Call", "Standard (platformdirs)", f"With the Dev Drive {_literal(root)}"]
            rows = [[_literal(cell) for cell in row] for row in windows_layout(root)]
            widths = [34, 36, 30]
        else:
            header = ["Call", "Standard on Linux", "Standard on macOS", _literal("PLATFORMDIRS_DEVDRIVE=/fast")]
            rows = [[_literal(cell) for cell in row] for row in posix_layout()]
            widths = [31, 23, 26, 20]
        return self._parse(_table(header, rows, widths))


def _check(app: Sphinx) -> None:  # noqa: ARG001  # the builder-inited signature
    if missing := missing_notes():
        codes = ", ".join(code.value for code in missing)
        LOG.warning("reasons without a note in docs/_ext/reference.py REASON_NOTES: %s", codes)
    elif OUTPUT.read_text(encoding="utf-8") != render():
        LOG.warning("%s is out of date: run python docs/_ext/flowchart.py", OUTPUT)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the directives and the start-up check."""
    app.add_directive("reason-table", ReasonTable)
    app.add_directive("layout-table", LayoutTable)
    app.connect("builder-inited", _check)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
