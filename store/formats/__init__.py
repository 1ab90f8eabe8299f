"""Converters from presscut's own export (``store.export_json``) to other tools' formats.

Each takes the export dict and returns what to write, so every format says the same thing
as the ``json`` export it is made from, corrections included, and none reads the library.
"""
