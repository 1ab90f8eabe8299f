"""Telling a web address from a path, without loading the HTTP client to do it."""

WEB_SCHEMES = ("http://", "https://")


def is_address(word: str) -> bool:
    """Does the user mean a web address rather than a file?"""
    return word.lower().startswith(WEB_SCHEMES)
