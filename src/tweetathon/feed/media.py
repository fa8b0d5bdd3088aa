"""Photos for the feed: read, turned upright, and re-encoded without any metadata (EXIF, GPS, XMP, ICC
comments, PNG text chunks) before anything is uploaded."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

MIME = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True, slots=True)
class CleanPhoto:
    """A photo ready to upload: bytes without metadata, their type, the alt text, the original name."""

    data: bytes
    mime: str
    alt: str
    name: str


class PhotoError(Exception):
    """A photo that cannot be read: names the file and what to do."""


def strip_metadata(data: bytes) -> tuple[bytes, str]:
    """The image re-encoded from its pixels only (JPEG stays JPEG, everything else becomes PNG), and its type.
    EXIF orientation is applied first, so the photo still shows the right way up."""
    with Image.open(io.BytesIO(data)) as original:
        fmt = "JPEG" if original.format == "JPEG" else "PNG"
        upright = ImageOps.exif_transpose(original)
        mode = "RGB" if fmt == "JPEG" else ("RGBA" if "A" in upright.getbands() else "RGB")
        pixels = upright.convert(mode)
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    out = io.BytesIO()
    clean.save(out, format=fmt, **({"quality": 92} if fmt == "JPEG" else {}))
    return out.getvalue(), MIME[fmt]


def load_photo(path: str, alt: str) -> CleanPhoto:
    """The photo at `path`, cleaned; PhotoError when it is missing or not an image."""
    try:
        data = Path(path).read_bytes()
        clean, mime = strip_metadata(data)
    except FileNotFoundError as exc:
        raise PhotoError(f"{path}: no such photo") from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise PhotoError(f"{path}: not an image Pillow can read ({exc}); use a JPEG or PNG file") from exc
    name = Path(path).stem + (".jpg" if mime == "image/jpeg" else ".png")
    return CleanPhoto(clean, mime, alt, name)


def has_metadata(data: bytes) -> list[str]:
    """The kinds of metadata an image still carries (empty when clean): exif, gps, xmp, icc, comment, text."""
    found = []
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        if len(exif):
            found.append("exif")
        if exif.get_ifd(0x8825):
            found.append("gps")
        for key in ("xmp", "XML:com.adobe.xmp", "icc_profile", "comment"):
            if image.info.get(key):
                found.append(key.split(":")[0].replace("icc_profile", "icc").lower())
        if getattr(image, "text", None):
            found.append("text")
    return found
