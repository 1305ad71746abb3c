r"""What ``platformdirs-devdrive enable`` and ``disable`` do: persist the user's settings, move caches, and undo it.

Only the command line imports this package; the library core never does. From the bottom up: :mod:`.journal` (the
record of what ``enable`` changed, in the user's state folder), :mod:`.userenv` (the per-user environment: Windows'
``HKCU\Environment``, elsewhere a marked block in the login profiles), :mod:`.files`, :mod:`.progress` and
:mod:`.copying` below :mod:`.move` (moving a cache without losing a file), :mod:`.plan` (what would change), and
:mod:`.commands` (the two commands: plan, question, changes, report).
"""
