"""Bytes of an article file become text: the encoding found, binary files and huge files refused.

Chinese articles still arrive in GB2312/GBK/GB18030 and Big5 as well as UTF-8 and UTF-16.
charset-normalizer does the detection (it weighs how coherent each candidate decoding is); we
only add what it cannot know: byte-order marks win, a declared HTML charset is believed when the
bytes agree with it, and between equally good candidates GB18030 wins over Big5, because a
short GBK text is often also valid Big5 and this tool reads mainland news first.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from audiofeature.errors import ArticleError

# A feature article is tens of kilobytes; a web page with inline scripts a few megabytes. Past
# this the file is not one article, and reading it whole would only delay the error.
MAX_FILE_BYTES = 16 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Formats people drop on a text tool by mistake, named so the message can say what the file is.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .epub is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WAV/AVI/WebP) file"),
    (b"ID3", "an MP3 file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)
# Declared names that browsers (and WHATWG) read as a larger superset.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
    "utf8": "utf-8",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Line and paragraph separators, tabs and form feeds are text; other controls are not.
_TEXT_CONTROLS = set("\t\n\r\f\v\x1c\x1d\x1e\x85")


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a one-line ArticleError saying why they cannot be had."""
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory, not an article file")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise ArticleError(
            f"{path}: too large for one article (over {MAX_FILE_BYTES // (1024 * 1024)} MB)"
        )
    return raw


def _canonical(name: str) -> str | None:
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _binary_kind(raw: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    return None


def _looks_binary(text: str) -> bool:
    """Control, unassigned or private characters in more than 1% of the text: not prose."""
    sample = text[:20000]
    if not sample:
        return False
    odd = sum(
        1
        for ch in sample
        if ch not in _TEXT_CONTROLS and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")
    )
    return odd > len(sample) / 100


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:4096])
    return _canonical(match.group(1).decode("ascii", "ignore")) if match else None


def _detect(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported only for files that are not UTF-8

    results = list(from_bytes(raw))
    if not results:
        return None
    best_chaos = min(r.chaos for r in results)
    best = [r for r in results if r.chaos == best_chaos]
    best_coherence = max(r.coherence for r in best)
    best = [r for r in best if r.coherence == best_coherence]
    names = [_canonical(r.encoding) or r.encoding for r in best]
    return "gb18030" if "gb18030" in names else names[0]


def decode(raw: bytes, where: str, html: bool = False) -> str:
    """Decode an article's bytes; CRLF and CR become LF. `where` names the file in errors."""
    text = _decode(raw, where, html)
    if _looks_binary(text):
        raise ArticleError(f"{where}: looks like a binary file, not an article")
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _decode(raw: bytes, where: str, html: bool) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                raise ArticleError(
                    f"{where}: starts with a {encoding.upper()} byte-order mark but is not "
                    f"valid {encoding.upper()}"
                ) from None
    kind = _binary_kind(raw)
    if kind:
        raise ArticleError(f"{where}: is {kind}, not an article")
    declared = _declared_charset(raw) if html else None
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                pass
    encoding = _detect(raw)
    if encoding is None:
        if any(byte < 0x09 for byte in raw[:4096]):
            raise ArticleError(f"{where}: looks like a binary file, not an article")
        raise ArticleError(
            f"{where}: cannot tell the text encoding (tried UTF-8, UTF-16, GB18030, Big5 "
            "and others); save it as UTF-8"
        )
    return raw.decode(encoding, errors="replace")
