"""Bytes to text: the size cap, binary sniffing, content types and character encodings.

Encoding order: a byte-order mark, the charset of the declared content type, a `<meta charset>`
in the first 4 KB, strict UTF-8, then charset-normalizer's guess. A guess of a single-byte Western
code page becomes Windows-1252 (the WHATWG default for undeclared Western pages: charset-normalizer
often names a sibling such as cp1257 for them); a multi-byte guess (Shift-JIS, GB18030, EUC-KR)
is kept. Labels "latin-1" and "ascii" also mean Windows-1252, as browsers read them.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from provenance.ingest.errors import (
    BinaryContent,
    ContentTooLarge,
    EmptyContent,
    UnsupportedContentType,
)

MAX_CONTENT_BYTES = 10 * 1024 * 1024
"""Inputs larger than this (10 MiB; UTF-8 bytes for `str` input) raise `ContentTooLarge`."""

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_TYPES = {"text/plain"}
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.I
)
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p|div|title|meta)\b", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WESTERN = re.compile(r"^(?:cp125\d|iso8859_\d+|latin_1|mac_\w+|cp8\d\d|ascii|kz1048|ptcp154)$")
_BROWSER_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}


def media_type(content_type: str | None) -> tuple[str | None, str | None]:
    """Split "text/html; charset=Shift_JIS" into ("text/html", "Shift_JIS")."""
    if not content_type:
        return None, None
    kind, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return kind.strip().lower() or None, charset


def check_size(content: bytes | str) -> None:
    """Raise `ContentTooLarge` when the content is over `MAX_CONTENT_BYTES`."""
    size = len(content)
    if isinstance(content, str) and size * 4 > MAX_CONTENT_BYTES:
        size = len(content.encode("utf-8", "surrogatepass"))
    if size > MAX_CONTENT_BYTES:
        raise ContentTooLarge(
            f"The content is {size:,} bytes; the limit is {MAX_CONTENT_BYTES:,} bytes."
        )


def decode(content: bytes | str, content_type: str | None = None) -> tuple[str, bool]:
    """Return the content as text and whether it is HTML, or raise an `ExtractionError`."""
    check_size(content)
    kind, declared = media_type(content_type)
    if kind is not None and kind not in _HTML_TYPES | _TEXT_TYPES:
        raise UnsupportedContentType(
            f"The content type {kind!r} is not HTML or plain text: it cannot be read as an article."
        )
    if isinstance(content, bytes):
        _refuse_binary(content)
        text = _decode_bytes(content, declared)
    else:
        text = content
    if not text.strip():
        raise EmptyContent("The content is empty.")
    head = text[:8192]
    if "\x00" in head or len(_CONTROL.findall(head)) > len(head) // 10:
        raise BinaryContent("The content is binary data (control characters), not text.")
    is_html = kind in _HTML_TYPES if kind else bool(_HTML_SNIFF.search(text[:2048]))
    return text, is_html


def _refuse_binary(content: bytes) -> None:
    if not content.strip():
        raise EmptyContent("The content is empty.")
    for magic, what in _MAGIC:
        if content.startswith(magic):
            raise BinaryContent(f"The content is {what}, not an HTML or text article.")
    head = content[:8192]
    if b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS):
        raise BinaryContent("The content contains NUL bytes: it is binary data, not text.")


def _codec(label: str | bytes | None) -> str | None:
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    if not label:
        return None
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None
    return _BROWSER_ALIASES.get(name, name)


def _decode_bytes(content: bytes, declared: str | None) -> str:
    for bom, codec in _BOMS:
        if content.startswith(bom):
            return content.decode(codec, "replace")
    meta = _META_CHARSET.search(content[:4096])
    for label in (declared, meta.group(1) if meta else None, "utf-8"):
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return content.decode(codec)
        except UnicodeDecodeError:
            continue
    guess = from_bytes(content[:65536]).best()
    codec = _codec(guess.encoding) if guess is not None else None
    if codec is None or _WESTERN.match(codec):
        codec = "cp1252"
    return content.decode(codec, "replace")
