"""What both front ends, the command line and the Textual app, do to a library.

Import, annotate, export, and how data is shown as text. Nothing here imports Textual, so the
command line never loads it; spaCy is loaded only inside the functions that analyse.
"""
