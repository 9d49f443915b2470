"""loaders.readers: every format, every encoding, and a clear one-line error for each problem."""
from __future__ import annotations

import os

import pytest

from loaders.readers import MAX_BYTES, ReaderError, SourceText, read_text

DANISH = "Sundhedsstyregruppen mødes fire gange årligt; Ærø og Søby deltager."


def _one_line_error(exc: ReaderError, path) -> str:
    text = str(exc)
    assert "\n" not in text
    assert text.startswith(str(path))
    return text


# --------------------------------------------------------------------------- text files


def test_utf8_text(tmp_path):
    p = tmp_path / "doc.txt"
    p.write_bytes(DANISH.encode("utf-8"))
    src = read_text(p)
    assert isinstance(src, SourceText)
    assert src.text == DANISH
    assert src.format == "txt"
    assert src.encoding == "utf-8"
    assert src.path == p
    assert len(src.sha256) == 64


def test_utf8_with_bom_has_no_bom_in_text(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + DANISH.encode("utf-8"))
    src = read_text(p)
    assert src.text == DANISH
    assert not src.text.startswith("\ufeff")
    assert src.encoding == "utf-8-sig"


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(DANISH.encode("utf-16"))
    assert read_text(p).text == DANISH


def test_windows_1252_is_detected(tmp_path):
    text = "“Kommissorium” for Økonomigruppen – møder i år æøå ÆØÅ €"
    p = tmp_path / "cp.txt"
    p.write_bytes(text.encode("cp1252"))
    src = read_text(p)
    assert src.text == text
    assert src.encoding == "cp1252"


def test_latin1_is_detected(tmp_path):
    p = tmp_path / "l1.txt"
    p.write_bytes(DANISH.encode("latin-1"))
    src = read_text(p)
    assert src.text == DANISH
    assert src.encoding == "latin-1"


def test_crlf_becomes_lf(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes("Linje et\r\nLinje to\r\n".encode("utf-8"))
    assert read_text(p).text == "Linje et\nLinje to\n"


@pytest.mark.parametrize("name, content, says", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n\t ", "no text"),
    ("fake.txt", b"Kommissorium\x00\x01\x02\x03binary\x00data" * 10, "binary"),
], ids=["empty", "whitespace only", "binary with a text extension"])
def test_a_file_without_readable_text_is_a_clear_error(tmp_path, name, content, says):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(ReaderError) as err:
        read_text(p)
    assert says in _one_line_error(err.value, p)


def test_image_is_refused_by_content(tmp_path):
    p = tmp_path / "scan.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(ReaderError) as err:
        read_text(p)
    assert "OCR" in _one_line_error(err.value, p)


def test_unknown_extension(tmp_path):
    p = tmp_path / "doc.xyz"
    p.write_text("Kommissorium for noget", encoding="utf-8")
    with pytest.raises(ReaderError) as err:
        read_text(p)
    msg = _one_line_error(err.value, p)
    assert "unknown format" in msg and ".xyz" in msg


def test_missing_file(tmp_path):
    p = tmp_path / "nope.txt"
    with pytest.raises(ReaderError) as err:
        read_text(p)
    assert "no such file" in _one_line_error(err.value, p)


def test_oversize_file_is_refused_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:  # a sparse file: no disk space used
        fh.truncate(MAX_BYTES + 1)
    opened = []
    real_open = type(p).open

    def spy(self, *a, **k):
        opened.append(self)
        return real_open(self, *a, **k)

    monkeypatch.setattr(type(p), "open", spy)
    with pytest.raises(ReaderError) as err:
        read_text(p)
    msg = _one_line_error(err.value, p)
    assert "limit is 20 MB" in msg
    assert opened == []  # refused on its size, without reading it


def test_undecodable_text(tmp_path):
    # C1 control bytes that are undefined in Windows-1252 in most positions: no plausible decoding
    p = tmp_path / "garbage.txt"
    p.write_bytes(b"Dato " + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x85]) * 200)
    with pytest.raises(ReaderError) as err:
        read_text(p)
    assert "cannot decode" in _one_line_error(err.value, p)


# --------------------------------------------------------------------------- docx


def test_docx_paragraphs_and_table_cells_in_order(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Kommissorium for Økonomigruppen", level=1)
    d.add_paragraph("Økonomigruppen består af:")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "2 konsulenter"
    table.cell(0, 1).text = "fra KOSU-sekretariatet"
    table.cell(1, 0).text = "1 konsulent"
    table.cell(1, 1).text = "fra KKR"
    d.add_paragraph("Gruppen mødes kvartalsvist.")
    p = tmp_path / "k.docx"
    d.save(p)
    src = read_text(p)
    assert src.format == "docx"
    t = src.text
    assert "Kommissorium for Økonomigruppen" in t
    order = [t.index(x) for x in ("Kommissorium", "består af", "2 konsulenter", "fra KOSU-sekretariatet",
                                  "1 konsulent", "fra KKR", "kvartalsvist")]
    assert order == sorted(order)
    assert "2 konsulenter\tfra KOSU-sekretariatet" in t  # one table row per line


def test_zip_that_is_not_docx(tmp_path):
    import zipfile

    p = tmp_path / "archive.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("readme.txt", "hej")
    with pytest.raises(ReaderError) as err:
        read_text(p)
    assert "not a .docx" in _one_line_error(err.value, p)


def test_docx_that_is_not_a_zip(tmp_path):
    p = tmp_path / "broken.docx"
    p.write_text("just text", encoding="utf-8")
    with pytest.raises(ReaderError) as err:
        read_text(p)
    assert "not a .docx" in _one_line_error(err.value, p)


# --------------------------------------------------------------------------- pdf


def _pdf_with_text(lines: list[str]) -> bytes:
    """A minimal valid one-page PDF with a text layer (Helvetica, WinAnsiEncoding)."""
    def esc(s: str) -> str:
        out = []
        for ch in s.encode("cp1252"):
            c = chr(ch)
            if c in "()\\":
                out.append("\\" + c)
            elif ch > 126:
                out.append("\\%03o" % ch)
            else:
                out.append(c)
        return "".join(out)

    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        ops.append(f"({esc(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_pdf_with_text_layer(tmp_path):
    p = tmp_path / "k.pdf"
    p.write_bytes(_pdf_with_text(["Kommissorium for Styregruppen", "Styregruppen mødes to gange årligt."]))
    src = read_text(p)
    assert src.format == "pdf"
    assert "Kommissorium for Styregruppen" in src.text
    assert "mødes to gange årligt" in src.text


def test_pdf_is_sniffed_even_when_misnamed(tmp_path):
    p = tmp_path / "really-a-pdf.txt"
    p.write_bytes(_pdf_with_text(["Kommissorium for Forum for det nære"]))
    src = read_text(p)
    assert src.format == "pdf"
    assert "Forum for det nære" in src.text


def test_pdf_without_text_layer(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=612, height=792)
    p = tmp_path / "scan.pdf"
    with open(p, "wb") as fh:
        w.write(fh)
    with pytest.raises(ReaderError) as err:
        read_text(p)
    msg = _one_line_error(err.value, p)
    assert "no text layer" in msg and "OCR" in msg


def test_broken_pdf(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    with pytest.raises(ReaderError) as err:
        read_text(p)
    _one_line_error(err.value, p)


def test_pdf_extension_without_pdf_content(tmp_path):
    p = tmp_path / "text.pdf"
    p.write_text("Kommissorium", encoding="utf-8")
    with pytest.raises(ReaderError) as err:
        read_text(p)
    assert "not a PDF" in _one_line_error(err.value, p)


# --------------------------------------------------------------------------- html


def test_html_blocks_become_lines_and_scripts_are_dropped(tmp_path):
    html = """<!DOCTYPE html><html><head><title>T</title><style>p {color: red}</style>
    <script>var x = "Sundhedsstyregruppen";</script></head>
    <body><h1>Kommissorium for Kontaktudvalget</h1>
    <p>Kontaktudvalget <b>mødes</b> fire gange årligt.</p>
    <ul><li>3 repræsentanter fra regionen</li><li>2 repræsentanter fra kommunerne</li></ul>
    <table><tr><td>1</td><td>Formand for PLO</td></tr></table>
    <noscript>aktivér javascript</noscript></body></html>"""
    p = tmp_path / "k.html"
    p.write_text(html, encoding="utf-8")
    src = read_text(p)
    lines = src.text.split("\n")
    assert src.format == "html"
    assert "Kommissorium for Kontaktudvalget" in lines
    assert "Kontaktudvalget mødes fire gange årligt." in lines
    assert "• 3 repræsentanter fra regionen" in lines
    assert "1\tFormand for PLO" in lines
    assert "var x" not in src.text and "color" not in src.text and "javascript" not in src.text


def test_html_in_windows_1252_with_meta_charset(tmp_path):
    html = '<html><head><meta charset="windows-1252"></head><body><p>Økonomigruppen – “møder”</p></body></html>'
    p = tmp_path / "k.htm"
    p.write_bytes(html.encode("cp1252"))
    assert "Økonomigruppen – “møder”" in read_text(p).text


def test_reader_error_is_an_exception_with_path_and_message():
    e = ReaderError("data/x.pdf", "PDF has no text layer (a scanned document?); run OCR first")
    assert isinstance(e, Exception)
    assert e.path == "data/x.pdf"
    assert str(e) == "data/x.pdf: PDF has no text layer (a scanned document?); run OCR first"


def test_sparse_limit_uses_stat_not_content(tmp_path):
    # exactly at the limit is allowed in size (then judged on its content: here NUL bytes)
    p = tmp_path / "at-limit.txt"
    with open(p, "wb") as fh:
        fh.truncate(1024)
    assert os.path.getsize(p) == 1024
    with pytest.raises(ReaderError) as err:
        read_text(p)
    assert "binary" in str(err.value)
