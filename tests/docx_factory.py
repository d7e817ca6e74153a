"""Word documents built by the tests themselves (python-docx, plus raw XML where python-docx has no
API: tracked changes and custom properties), holding each kind of hidden data.

Every hidden value is a made-up word starting "zorb", so a test can look for it anywhere: in the
written source, in a built site, in the extracted images."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import parse_xml
from docx.shared import Inches
from PIL import Image

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HIDDEN = {
    "comment": "zorbcommenttext",
    "comment_author": "Zorbcommentauthor",
    "deleted": "zorbdeletedtext",
    "change_author": "Zorbchangeauthor",
    "hidden": "zorbhiddentext",
    "header": "zorbheadertext",
    "footer": "zorbfootertext",
    "author": "Zorbdocauthor",
    "modified_by": "Zorblastmodifiedby",
    "company": "Zorbcompanyname",
    "custom": "zorbcustomproperty",
    "exif": "ZorbExifArtist",
    "blacked": "zorbblackedout",
    "link_user": "zorblinkuser",
}
INSERTED = "zorbinsertedaccepted"


def exif_jpeg(artist: str = HIDDEN["exif"]) -> bytes:
    """A small JPEG whose EXIF names an artist and a camera."""
    im = Image.new("RGB", (40, 30), (30, 90, 160))
    exif = Image.Exif()
    exif[0x013B] = artist  # Artist
    exif[0x0110] = "ZorbCamera 9000"  # Model
    out = io.BytesIO()
    im.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def tracked_change(paragraph, deleted: str, inserted: str, author: str = HIDDEN["change_author"]) -> None:
    """Append a tracked deletion and a tracked insertion to ``paragraph`` (raw WordprocessingML)."""
    stamp = 'w:date="2024-03-01T10:00:00Z"'
    paragraph._p.append(
        parse_xml(
            f'<w:del {W_NS} w:id="901" w:author="{author}" {stamp}><w:r><w:delText xml:space="preserve">'
            f"{deleted} </w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {W_NS} w:id="902" w:author="{author}" {stamp}><w:r><w:t xml:space="preserve">'
            f"{inserted}</w:t></w:r></w:ins>"
        )
    )


def add_custom_property(data: bytes, name: str, value: str) -> bytes:
    """The package with docProps/custom.xml holding one property (python-docx has no API for it)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{name}">'
        f"<vt:lpwstr>{value}</vt:lpwstr></property></Properties>"
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "[Content_Types].xml":
                body = body.replace(
                    b"</Types>",
                    b'<Override PartName="/docProps/custom.xml" '
                    b'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
                )
            elif item.filename == "_rels/.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdCustom9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
                )
            z.writestr(item, body)
        z.writestr("docProps/custom.xml", custom)
    return out.getvalue()


def save(document, path: Path, custom: str | None = HIDDEN["custom"]) -> Path:
    buf = io.BytesIO()
    document.save(buf)
    data = buf.getvalue()
    if custom:
        data = add_custom_property(data, "ZorbClient", custom)
    path.write_bytes(data)
    return path


def set_properties(document) -> None:
    props = document.core_properties
    props.author = HIDDEN["author"]
    props.last_modified_by = HIDDEN["modified_by"]
    props.comments = HIDDEN["company"]  # python-docx has no Company field (app.xml); a core field stands in
    props.title = "Zorbtitleproperty"


def meeting_header(
    document,
    meeting: str = "Marlowe Vale Safeguarding Partnership Board (Children's)",
    when: str = "Monday 11 March 2024 13.00-15.00",
) -> None:
    t = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        t.rows,
        [("Meeting Name:", meeting), ("Meeting Date & Time:", when), ("Meeting Venue:", "MS Teams Meeting")],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value


def every_kind_of_hidden_data(path: Path) -> Path:
    """Minutes holding a comment, a tracked deletion and insertion, hidden text, a header, a
    footer, document properties, a custom property, an image with EXIF and blacked-out text."""
    d = docx.Document()
    set_properties(d)
    d.sections[0].header.paragraphs[0].text = f"OFFICIAL-SENSITIVE {HIDDEN['header']}"
    d.sections[0].footer.paragraphs[0].text = f"Draft by {HIDDEN['footer']}"
    d.add_heading("Minutes", 1)
    meeting_header(d)
    p = d.add_paragraph("The Board reviewed the dashboard. ")
    run = p.add_run("The figures were discussed.")
    d.add_comment(
        run, text=f"{HIDDEN['comment']}: check with the family", author=HIDDEN["comment_author"], initials="ZC"
    )
    p2 = d.add_paragraph("The chair said ")
    tracked_change(p2, HIDDEN["deleted"], INSERTED)
    p3 = d.add_paragraph("Visible words. ")
    p3.add_run(HIDDEN["hidden"]).font.hidden = True
    p4 = d.add_paragraph("The case concerned ")
    p4.add_run(HIDDEN["blacked"]).font.highlight_color = WD_COLOR_INDEX.BLACK
    p4.add_run(" and ██████ and [REDACTED] were already removed.")
    d.add_picture(io.BytesIO(exif_jpeg()), width=Inches(1))
    add_link(d.add_paragraph("See "), "the draft", f"file:///C:/Users/{HIDDEN['link_user']}/Documents/draft.docx")
    return save(d, path)


def add_link(paragraph, text: str, url: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            f'r:id="{rid}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>'
        )
    )


ATTENDEES = [
    ("Independent Chair", "Marlowe Vale Safeguarding Partnership", "Ottoline Brackenridge"),
    ("Partnership Manager", "Marlowe Vale Safeguarding Partnership", "Desmond Quarrington"),
    ("Head of Safeguarding", "Marlowe Vale Council", "Anwen Pritchard-Lowe"),
    ("Detective Superintendent", "Marlowe Vale Police", "Ruaridh Fennimore"),
]
REAL_NAMES = [w for _, _, name in ATTENDEES for w in name.replace("-", " ").split()]


def real_style_minutes(path: Path) -> Path:
    """Children's Board minutes as a partnership writes them in Word: meeting details, an
    attendee table, an items table whose cells hold paragraphs and bulleted lists, a comment and a
    tracked change."""
    d = docx.Document()
    set_properties(d)
    d.add_heading("Minutes", 1)
    meeting_header(d, when="Tuesday 9 April 2024 10.00-12.00")
    d.add_heading("Attendees", 2)
    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, ("Role", "Organisation", "Name"), strict=True):
        cell.text = text
    for row in ATTENDEES:
        cells = t.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    d.add_heading("Items", 2)
    items = d.add_table(rows=1, cols=2)
    items.style = "Table Grid"
    items.rows[0].cells[0].text, items.rows[0].cells[1].text = "Item No.", "Item Description"
    cells = items.add_row().cells
    cells[0].text = "1."
    cells[1].text = "Minutes and actions from the last meeting were agreed. Updates:"
    for point in (
        "Filming on wards: national guidance was circulated.",
        "Border Force now has a safeguarding officer.",
    ):
        cells[1].add_paragraph(point, style="List Bullet")
    cells = items.add_row().cells
    cells[0].text = "2."
    cells[1].text = "Working Together 2023: changes must be in place by December 2024."
    run = cells[1].paragraphs[0].runs[0]
    d.add_comment(run, text=f"{HIDDEN['comment']} - is this right?", author=HIDDEN["comment_author"], initials="ZC")
    cells[1].add_paragraph("Actions/Decisions").runs[0].bold = True
    cells[1].add_paragraph("Schedule 30 minutes at the June Board.", style="List Bullet")
    p = cells[1].add_paragraph("Probation will report ")
    tracked_change(p, HIDDEN["deleted"], "in June.")
    d.add_heading("Date of next meeting", 2)
    p = d.add_paragraph("Tuesday 11 June 2024. Guidance: ")
    add_link(
        p,
        "Working Together to Safeguard Children",
        "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
    )
    return save(d, path)


def footnote_reference(paragraph, note_id: int = 1) -> None:
    paragraph._p.append(parse_xml(f'<w:r {W_NS}><w:footnoteReference w:id="{note_id}"/></w:r>'))


def add_footnotes(data: bytes, notes: dict[int, str]) -> bytes:
    """The package with word/footnotes.xml holding ``notes`` (python-docx has no API for them).
    Each note also holds a tracked deletion, which must not travel."""
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r>'
        f'<w:del w:id="{800 + i}" w:author="{HIDDEN["change_author"]}"><w:r><w:delText>{HIDDEN["deleted"]}'
        "</w:delText></w:r></w:del></w:p></w:footnote>"
        for i, text in notes.items()
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W_NS}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:footnote>{body}</w:footnotes>"
    )
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            part = src.read(item)
            if item.filename == "[Content_Types].xml":
                part = part.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif item.filename == "word/_rels/document.xml.rels":
                part = part.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdNotes9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            z.writestr(item, part)
        z.writestr("word/footnotes.xml", xml)
    return out.getvalue()
