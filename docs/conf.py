"""Sphinx configuration for platformdirs-devdrive."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs_devdrive import __devdrive_version__

# Our extension and the modules behind the generated tables, the flowchart and the examples' simulated Windows.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "platformdirs-devdrive"
author = "platformdirs-devdrive developers"
copyright = "2026, platformdirs-devdrive developers"
release = version = __devdrive_version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "devdrive_docs",
]
html_theme = "furo"
html_title = f"platformdirs-devdrive {release}"
html_static_path = ["_static"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_mock_imports = ["pytest"]  # the pytest plugin's fixtures are documented without pytest installed
# No intersphinx: the docs build offline (CI has no network); references to the stdlib stay plain text.
exclude_patterns = ["_build"]

# `sphinx-build -b doctest` runs every example (tox -e docs does). The docstrings' examples need these names; the
# pages set up their own groups (a simulated Windows, a clean environment) in hidden testsetup blocks.
doctest_global_setup = """
import platformdirs
import sys
from platformdirs_devdrive import DevDrivePlatformDirs
from platformdirs_devdrive.testing import SimulatedProbe, simulated_drives
"""
