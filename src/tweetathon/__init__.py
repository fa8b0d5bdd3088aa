"""tweetathon: organise, capture, measure and share social-media engagement events."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed package's metadata when first asked (importlib.metadata is slow to
    import, and `tweetathon --help` should start at once)."""
    if name != "__version__":
        raise AttributeError(f"module 'tweetathon' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("tweetathon")
    except PackageNotFoundError:  # running from a source tree that is not installed
        found = "0.0.0+unknown"
    globals()["__version__"] = found
    return found
