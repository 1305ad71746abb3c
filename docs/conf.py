"""Sphinx configuration for platformdirs-devdrive."""

from __future__ import annotations

from platformdirs_devdrive import __devdrive_version__

project = "platformdirs-devdrive"
author = "platformdirs-devdrive developers"
copyright = "2026, platformdirs-devdrive developers"
release = version = __devdrive_version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
]
html_theme = "furo"
html_title = f"platformdirs-devdrive {release}"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_mock_imports = ["pytest"]  # the pytest plugin's fixtures are documented without pytest installed
# No intersphinx: the docs build offline (CI has no network); references to the stdlib stay plain text.
exclude_patterns = ["_build"]
