"""The names of a library folder's files (what each holds: `store.library`).

Kept apart from the library so that what only needs to find a file (the cached list the app
draws first) does not load the store to do it.
"""

SNAPSHOT_NAME = "library.json"
JOURNAL_NAME = "changes.log"
BODIES_NAME = "articles"
REMOVED_NAME = "removed"  # one file per removed article, with its text and annotations
