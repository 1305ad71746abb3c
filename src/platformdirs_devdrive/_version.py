"""The version of platformdirs-devdrive (``__version__`` itself stays platformdirs' own, for the drop-in)."""

__devdrive_version__ = "0.1.0"
