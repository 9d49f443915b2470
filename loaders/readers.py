"""Read a source document (.txt, .docx, .pdf, .html) into plain text.

`read_text(path)` returns a `SourceText`; every problem a user can cause (empty
file, binary or unknown format, a PDF without a text layer, a file too large, a
text that cannot be decoded) is a `ReaderError` whose message is one line naming
the file. The format is sniffed from the content first and the extension second,
so a PDF called .txt is read as a PDF and a binary file called .txt is refused.
"""
from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # 20 MB
SNIFF_BYTES = 8192

TEXT_EXTENSIONS = {".txt", ".text", ".md", ""}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
SUPPORTED = ".txt, .docx, .pdf, .html/.htm"


class ReaderError(Exception):
    """A document that cannot be read; str() is one line naming the file."""

    def __init__(self, path, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


@dataclass
class SourceText:
    text: str
    path: Path | None
    format: str  # "txt" | "docx" | "pdf" | "html"
    encoding: str | None  # the text encoding that was decoded; None for docx/pdf
    sha256: str | None = None  # of the file's bytes


# --------------------------------------------------------------------------- sniffing

_MAGIC = [
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"Rar!", "archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
]

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]

_NOT_SUPPORTED = {
    "ole": "an old Word/Excel (OLE) file, not a supported format; save it as .docx or PDF",
    "rtf": "an RTF file, not a supported format; save it as .docx or PDF",
    "image": "an image, not a text document; run OCR first",
    "gzip": "a compressed (gzip) file; unpack it first",
    "archive": "an archive; unpack it first",
    "executable": "a binary program, not a document",
}


def _sniff(head: bytes, suffix: str) -> str:
    """The format from the first bytes (and the extension where content cannot tell)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if any(head.startswith(b) for b, _ in _BOMS[1:]):  # UTF-16/32 text
        return "html" if suffix in HTML_EXTENSIONS else "text"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")) or (
        stripped.startswith(b"<?xml") and b"<html" in stripped[:1024]
    ):
        return "html"
    return "html" if suffix in HTML_EXTENSIONS else "text"


def _is_binary(head: bytes) -> bool:
    """NUL bytes or many control characters: not text (UTF-16/32 with a BOM excepted)."""
    if any(head.startswith(b) for b, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D)) + head.count(0x7F)
    return controls / len(head) > 0.01


# --------------------------------------------------------------------------- text decoding

# Bytes 0x80-0x9F are printable in Windows-1252 (quotes, dashes, €) and control
# characters in Latin-1; five of them are undefined in Windows-1252.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]")


def decode_bytes(raw: bytes, path) -> tuple[str, str]:
    """Decode text bytes: BOM, else UTF-8, else Windows-1252 / Latin-1, else a clear error."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc).lstrip("\ufeff"), enc
            except UnicodeDecodeError as exc:
                raise ReaderError(path, f"cannot decode the text as {enc} (byte {exc.start}) "
                                        "although it starts with a byte order mark") from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    high = {b for b in raw if 0x80 <= b <= 0x9F}
    if high and not (high & _CP1252_UNDEFINED):
        text, enc = raw.decode("cp1252"), "cp1252"
    elif not high:
        text, enc = raw.decode("latin-1"), "latin-1"
    else:
        text, enc = "", ""
    if enc and _plausible(text):
        return text, enc
    try:  # a last guess for other single-byte encodings
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
    except Exception:  # pragma: no cover - the library is a convenience here
        best = None
    if best is not None and best.chaos < 0.1:
        guess = str(best)
        if _plausible(guess) and _latin(guess):
            return guess, best.encoding
    raise ReaderError(path, "cannot decode the text: it is not UTF-8, Windows-1252 or Latin-1 "
                            "(save it as UTF-8)")


def _plausible(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text if (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f"))
    return bad / len(text) < 0.01


def _latin(text: str) -> bool:
    """Mostly Latin letters: a guess that turns Danish bytes into CJK is no decoding."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if ord(ch) < 0x250)
    return latin / len(letters) >= 0.95


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return text


# --------------------------------------------------------------------------- readers


def _read_txt(raw: bytes, path) -> tuple[str, str]:
    text, enc = decode_bytes(raw, path)
    if enc in ("utf-8", "utf-8-sig") and _MOJIBAKE.search(text):
        try:  # UTF-8 read as Latin-1 and saved again: repair it
            repaired = text.encode("cp1252").decode("utf-8")
            text, enc = repaired, enc + "+repaired-mojibake"
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return text, enc


def _read_docx(raw: bytes, path) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        raise ReaderError(path, "a damaged ZIP/.docx file") from None
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise ReaderError(path, "a spreadsheet (.xlsx), not a supported format; "
                                    f"supported: {SUPPORTED}")
        if "ppt/presentation.xml" in names:
            raise ReaderError(path, "a presentation (.pptx), not a supported format; "
                                    f"supported: {SUPPORTED}")
        raise ReaderError(path, f"a ZIP archive, not a .docx document; supported: {SUPPORTED}")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds on broken files
        raise ReaderError(path, f"not a readable .docx file ({type(exc).__name__})") from None

    lines: list[str] = []

    def table_lines(table) -> None:
        for row in table.rows:
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats
                    continue
                seen.add(id(cell._tc))
                parts = []
                for block in cell.iter_inner_content():
                    if isinstance(block, Paragraph):
                        if block.text.strip():
                            parts.append(block.text.strip())
                    elif isinstance(block, Table):
                        table_lines(block)
                cells.append(" ".join(parts))
            if any(cells):
                lines.append("\t".join(cells))

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text
            style = (block.style.name if block.style is not None else "") or ""
            if text.strip() and style.lower().startswith("list"):
                text = "- " + text.strip()
            lines.append(text)
        elif isinstance(block, Table):
            lines.append("")
            table_lines(block)
            lines.append("")
    return "\n".join(lines)


def _read_pdf(raw: bytes, path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ReaderError(path, "the PDF is encrypted with a password")
            except ReaderError:
                raise
            except Exception:
                raise ReaderError(path, "the PDF is encrypted and cannot be read") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReaderError:
        raise
    except (PdfReadError, Exception) as exc:  # pypdf raises many kinds on broken files
        raise ReaderError(path, f"not a readable PDF ({type(exc).__name__})") from None
    text = "\n\n".join(pages)
    if sum(ch.isalpha() for ch in text) < 20:
        raise ReaderError(path, "PDF has no text layer (a scanned document?); run OCR first")
    return text


_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol",
    "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "h1", "h2", "h3", "h4",
    "h5", "h6", "blockquote", "pre", "address", "figure", "figcaption", "form", "fieldset",
    "hr", "caption", "summary", "details",
}
_DROP = ["script", "style", "noscript", "template", "svg", "iframe", "object", "head"]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def _read_html(raw: bytes, path) -> tuple[str, str]:
    from bs4 import BeautifulSoup, NavigableString

    declared = _META_CHARSET.search(raw[:4096])
    text = enc = None
    if declared and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            text, enc = raw.decode(declared.group(1).decode("ascii").lower()), declared.group(1).decode().lower()
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, enc = decode_bytes(raw, path)
    soup = BeautifulSoup(text, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(_DROP):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after(NavigableString("\t"))
    for item in soup.find_all("li"):
        item.insert(0, NavigableString("• "))
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before(NavigableString("\n"))
        tag.insert_after(NavigableString("\n"))
    lines = []
    for line in soup.get_text().split("\n"):
        cells = [" ".join(c.split()) for c in line.split("\t")]
        line = "\t".join(c for c in cells if c)
        if line or (lines and lines[-1]):
            lines.append(line)
    body = "\n".join(lines).strip()
    if not body and title:
        body = title
    return body, enc


def read_text(path) -> SourceText:
    """Read a .txt, .docx, .pdf or .html document into text, or raise ReaderError."""
    p = Path(path)
    if not p.exists():
        raise ReaderError(path, "no such file")
    if not p.is_file():
        raise ReaderError(path, "not a regular file")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ReaderError(path, f"cannot read the file ({exc.strerror})") from None
    if size > MAX_BYTES:
        raise ReaderError(path, f"the file is {size / 1024 / 1024:.1f} MB; the limit is "
                                f"{MAX_BYTES // 1024 // 1024} MB")
    if size == 0:
        raise ReaderError(path, "the file is empty")
    try:
        with p.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReaderError(path, f"cannot read the file ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:  # it grew while we looked
        raise ReaderError(path, f"the file is over the limit of {MAX_BYTES // 1024 // 1024} MB")
    suffix = p.suffix.lower()
    kind = _sniff(raw[:SNIFF_BYTES], suffix)
    digest = hashlib.sha256(raw).hexdigest()

    if kind in _NOT_SUPPORTED:
        raise ReaderError(path, _NOT_SUPPORTED[kind])
    if kind == "pdf":
        text, fmt, enc = _read_pdf(raw, path), "pdf", None
    elif kind == "zip":
        text, fmt, enc = _read_docx(raw, path), "docx", None
    else:
        if suffix == ".pdf":
            raise ReaderError(path, "not a PDF (no %PDF header): the file is damaged or misnamed")
        if suffix in (".docx", ".docm"):
            raise ReaderError(path, "not a .docx (no ZIP header): the file is damaged or misnamed")
        if suffix == ".doc":
            raise ReaderError(path, "an old Word .doc is not supported; save it as .docx or PDF")
        if _is_binary(raw[:SNIFF_BYTES]):
            raise ReaderError(path, "a binary file, not a text document")
        if kind == "html":
            text, enc = _read_html(raw, path)
            fmt = "html"
        elif suffix in TEXT_EXTENSIONS:
            text, enc = _read_txt(raw, path)
            fmt = "txt"
        else:
            raise ReaderError(path, f"unknown format {suffix!r}; supported: {SUPPORTED}")
    text = _clean(text)
    if not text.strip():
        raise ReaderError(path, "the document contains no text")
    return SourceText(text=text, path=p, format=fmt, encoding=enc, sha256=digest)
