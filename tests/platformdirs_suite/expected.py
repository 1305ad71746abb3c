"""The reviewed differences between platformdirs' own suite run as it is and with our package swapped in."""

from __future__ import annotations

SWAP_DIFFERENCES: dict[str, dict[str, str]] = {"4.11.0": {}, "4.14.9": {}}
ROOT_CHANGES: dict[str, dict[str, str]] = {"4.11.0": {}, "4.14.9": {}}
