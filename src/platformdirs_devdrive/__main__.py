"""``python -m platformdirs_devdrive``: the command-line tool."""

from __future__ import annotations

from ._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
