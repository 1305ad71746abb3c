"""Benchmarks against platformdirs: ``python -m bench.run``, then ``python -m bench.report`` (``tox -e bench``)."""
