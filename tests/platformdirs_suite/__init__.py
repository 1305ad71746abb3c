"""platformdirs' own test suite, run with our package swapped in: see ``run.py``."""
