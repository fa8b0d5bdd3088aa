"""tweetathon: organise, capture, measure and share social-media engagement events."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tweetathon")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
