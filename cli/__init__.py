"""The ``presscut`` command line: one front end over the library and its analysis.

The Textual app in `tui` is the other; what both do to a library lives in `services`.
"""
