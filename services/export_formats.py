"""The formats presscut exports to: their names, what the app calls them, their file suffixes.

Apart from `services.exports`, which writes them, so the command line can offer the choices without
loading the converters.
"""

FOLDER_FORMATS = ("brat",)
BINARY_FORMATS = ("spacy",)
EXPORT_FORMATS = ("json", "jsonl", "doccano", "brat", "w3c", "spacy", "csv")
FORMAT_TITLES = {
    "json": "presscut JSON (complete; imports back)",
    "jsonl": "Prodigy tasks (JSONL)",
    "doccano": "doccano sequence labelling (JSONL)",
    "brat": "brat standoff (a folder of .txt and .ann)",
    "w3c": "W3C Web Annotation (JSON-LD)",
    "spacy": "spaCy DocBin for training (.spacy)",
    "csv": "spreadsheet (CSV)",
}
SUFFIXES = {
    "json": ".json",
    "jsonl": ".jsonl",
    "doccano": ".doccano.jsonl",
    "brat": "",
    "w3c": ".jsonld",
    "spacy": ".spacy",
    "csv": ".csv",
}


def default_name(fmt: str) -> str:
    """A file name for an export when the user has not chosen one."""
    return f"presscut-export{SUFFIXES[fmt]}"
