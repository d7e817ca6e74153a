"""Issue 9, items 5 and 6: no script from a source reaches the site; published files carry no
hidden data; the gate reads text in any encoding, inside ``.gz`` files and inside ``data:`` URIs."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import re
from pathlib import Path

import pytest
from helpers import AS_OF, site_texts, tree_hashes, write_source
from PIL import Image, PngImagePlugin

from site_builder.cli import main
from site_builder.gate.scan import decode, decode_text, text_views
from site_builder.sanitise import clean, plain_text

BUILD = ["build", "--as-of", AS_OF.isoformat()]

HOSTILE = """# Board business

Welcome <script>document.title='pwned'</script>to the meeting.
<b onclick="steal()">Chair's opening</b> and <a href="javascript:steal()">a link</a>.
<a href="data:text/html;base64,PHNjcmlwdD4=">data link</a>
<img src="https://tracker.example/pixel.gif" alt="tracker"> <img src="data:image/png;base64,AAAA" alt="inline">
<iframe src="https://evil.example"></iframe><object data="x.swf"></object><embed src="x.swf">
<form action="https://evil.example"><input name="q"></form>
<meta http-equiv="refresh" content="0;url=https://evil.example">
<style>body{background:url(https://evil.example/bg.png)}</style>

<table class="attendees" id="who"><tr><th>Role</th></tr><tr><td><em>Independent Chair</em></td></tr></table>

<p>A <a href="../../index.html" class="keep">relative link</a> and <strong>bold</strong>.</p>

<ul><li>item one<li>item two
"""

FORBIDDEN = [
    r"<script",
    r"\son\w+\s*=",
    r"javascript:",
    r"data:text/html",
    r"<iframe",
    r"<object",
    r"<embed",
    r"<form",
    r"http-equiv",
    r"tracker\.example",
    r"evil\.example",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from helpers import make_partnership

    root = make_partnership(tmp_path_factory.mktemp("hostile") / "project")
    write_source(
        root / "minutes" / "childrens-board-2024-09-10.md",
        {
            "title": "Children's Board <script>x()</script>– 10 September 2024",
            "meeting": "childrens-board",
            "date": "2024-09-10",
        },
        HOSTILE,
    )
    assert main(["--project", str(root), *BUILD]) == 0
    return root / "site"


def _page(site: Path) -> str:
    return (site / "minutes" / "childrens-board" / "2024-09-10" / "index.html").read_text(encoding="utf-8")


def _article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


@pytest.mark.parametrize("pattern", FORBIDDEN)
def test_when_source_holds_active_html_then_none_reaches_the_page(hostile_site, pattern):
    assert not re.search(pattern, _article(_page(hostile_site)), re.I)


def test_when_source_title_holds_a_script_then_no_site_file_holds_it(hostile_site):
    for rel, text in site_texts(hostile_site).items():
        assert "x()</script>" not in text and "<script>x()" not in text, rel


@pytest.mark.parametrize(
    "kept",
    [
        '<table class="attendees" id="who">',
        "<th>Role</th>",
        "<em>Independent Chair</em>",
        'class="keep"',
        'href="../../index.html"',
        "<strong>bold</strong>",
        "<b>Chair's opening</b>",
    ],
)
def test_when_source_holds_structure_then_it_survives(hostile_site, kept):
    assert kept in _article(_page(hostile_site))


def test_when_word_list_never_closed_then_page_is_well_formed(hostile_site):
    article = _article(_page(hostile_site))
    assert article.count("<ul>") == article.count("</ul>")
    assert article.count("<li>") == article.count("</li>")


@pytest.mark.parametrize(
    ("html", "absent"),
    [
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "javascript"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "avascript"),
        ("<svg><script>alert(1)</script></svg>", "alert"),
        ('<img src="//cdn.example/a.png">', "cdn.example"),
        ('<div style="background:url(https://x.example/a)">t</div>', "x.example"),
        ("<base href='https://evil.example/'>", "evil.example"),
    ],
)
def test_when_fragment_is_hostile_then_cleaned(html, absent):
    assert absent not in clean(html).lower()


def test_when_title_holds_markup_then_plain_words_remain():
    assert plain_text("Board <b>minutes</b> <script>x()</script>& more") == "Board minutes & more"


# --- images and text assets in content/ -----------------------------------------------------------


def _jpeg_with_exif(path: Path) -> None:
    exif = Image.Exif()
    exif[0x013B] = "Quenby Marchetti"  # Artist
    exif[0x010E] = "Quenby at home"  # ImageDescription
    Image.new("RGB", (16, 8), (10, 120, 200)).save(path, exif=exif.tobytes(), comment=b"Quenby")


def _png_with_text(path: Path) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Quenby Marchetti")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>Quenby Marchetti</x:xmpmeta>")
    Image.new("RGBA", (16, 8), (0, 0, 0, 0)).save(path, pnginfo=info)


@pytest.mark.parametrize(("name", "make"), [("photo.jpg", _jpeg_with_exif), ("logo.png", _png_with_text)])
def test_when_content_image_has_metadata_then_published_without_it(partnership_copy, name, make):
    make(partnership_copy / "content" / name)
    assert b"Quenby" in (partnership_copy / "content" / name).read_bytes()
    assert main(["--project", str(partnership_copy), *BUILD]) == 0
    published = partnership_copy / "site" / name
    assert b"Quenby" not in published.read_bytes()
    with Image.open(published) as im:
        assert im.size == (16, 8)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("notes.png", b"Quenby Marchetti was here", "image"),
        ("site.css", "body { content: 'Quenby' }".encode("utf-16"), "UTF-8"),
        ("app.js", b"\x00\x00var x = 1;", "NUL"),
    ],
)
def test_when_content_asset_cannot_be_checked_then_refused(partnership_copy, capsys, name, data, says):
    (partnership_copy / "content" / name).write_bytes(data)
    before = tree_hashes(partnership_copy / "site")
    assert main(["--project", str(partnership_copy), *BUILD]) == 1
    err = capsys.readouterr().err
    assert f"content/{name}" in err and says in err
    assert tree_hashes(partnership_copy / "site") == before


# --- the gate reads every encoding -----------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "var who = 'Quenby';".encode("utf-16"),
        "var who = 'Quenby';".encode("utf-16-le"),
        "var who = 'Quenby';".encode("utf-16-be"),
        "var who = 'Quenby';".encode("utf-32"),
        b"\x00\x00\x00var who = 'Quenby';",
        "\ufeffvar who = 'Quenby';".encode(),
    ],
    ids=["utf16-bom", "utf16le", "utf16be", "utf32", "leading-nul", "utf8-bom"],
)
def test_when_text_file_in_any_encoding_then_decoded(data):
    assert "Quenby" in (decode(Path("app.js"), data) or "")


def test_when_gz_is_truncated_then_scanned_as_far_as_it_unpacks():
    packed = gzip.compress(b"Quenby Marchetti " + b"".join(b"<url>%d</url>" % i for i in range(20000)))
    assert "Quenby" in (decode(Path("sitemap.xml.gz"), packed[: len(packed) // 2]) or "")


def test_when_text_cannot_be_decoded_then_not_treated_as_text():
    assert decode_text(b"\x00\x01\x02Q\x00\x00\x00\x05\x06u\x00\x00") is None


def test_when_data_uri_holds_text_then_it_is_a_view():
    inner = base64.b64encode(b"<svg><text>Quenby Marchetti</text></svg>").decode()
    views = text_views(f'<img src="data:image/svg+xml;base64,{inner}">')
    assert any("Quenby Marchetti" in v.text for v in views if v.name.startswith("data-uri"))


def test_when_site_holds_unreadable_text_file_then_gate_blocks(partnership_copy):
    from site_builder.build import check
    from site_builder.context import load_context
    from site_builder.project import Project

    (partnership_copy / "site" / "notes.txt").write_bytes(b"\x00\x01\x02Q\x00\x00\x00\x05\x06u\x00\x00")
    report = check(load_context(Project.find(partnership_copy), dt.date.today()), partnership_copy / "site")
    assert any(f.kind == "file the gate cannot read as text" for f in report.blocking)


def test_when_site_holds_name_in_utf16_script_then_gate_blocks(partnership_copy):
    from site_builder.build import check
    from site_builder.context import load_context
    from site_builder.project import Project

    (partnership_copy / "site" / "extra.js").write_bytes("var n = '07700 900 456';".encode("utf-16"))
    report = check(load_context(Project.find(partnership_copy), dt.date.today()), partnership_copy / "site")
    assert any(f.file == "extra.js" for f in report.blocking)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("extra.js", "var contact = '07700 900 456';\n"),
        ("extra.css", "/* call 07700 900 456 */ body { color: #111; }\n"),
        ("badge.svg", '<svg xmlns="http://www.w3.org/2000/svg"><text>07700 900 456</text></svg>\n'),
    ],
)
def test_when_content_script_style_or_svg_holds_personal_data_then_gate_blocks(partnership_copy, name, text):
    (partnership_copy / "content" / name).write_text(text, encoding="utf-8")
    before = tree_hashes(partnership_copy / "site")
    assert main(["--project", str(partnership_copy), *BUILD]) == 1
    assert tree_hashes(partnership_copy / "site") == before


def test_when_calendar_line_is_folded_then_gate_reads_it_whole(tmp_path):
    from site_builder.gate.scan import read_file

    (tmp_path / "meetings.ics").write_bytes(
        b"BEGIN:VEVENT\r\nSUMMARY:Meeting with Quenby Mar\r\n chetti\r\nEND:VEVENT\r\n"
    )
    views = read_file(tmp_path, tmp_path / "meetings.ics").views
    assert any("Quenby Marchetti" in v.text for v in views)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4="])
def test_when_help_link_would_run_code_then_build_refused(partnership_copy, capsys, url):
    settings = partnership_copy / "openness.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + f"help:\n  links:\n    - {{title: Report a concern, url: '{url}'}}\n",
        encoding="utf-8",
    )
    before = tree_hashes(partnership_copy / "site")
    assert main(["--project", str(partnership_copy), *BUILD]) == 2
    err = capsys.readouterr().err
    assert "help.links" in err and "alert" not in err
    assert tree_hashes(partnership_copy / "site") == before
