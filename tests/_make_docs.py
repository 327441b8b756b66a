"""Real files made by code for extraction cases the fixture generator does not cover."""

from __future__ import annotations

import io

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from PIL import Image

_TEXTBOX = (
    '<w:r {ns}><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
    "<w:txbxContent>{paras}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
    "</w:drawing></mc:Choice>"
    '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape>'
    "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def _hyperlink(paragraph: docx.text.paragraph.Paragraph, url: str, text: str) -> None:
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>')
    paragraph._p.append(link)


def contact_docx() -> bytes:
    """A resume whose phone is in the page header, e-mail in a table, city in a text box, profile as a link."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Phone +1 555 010 2000"
    heading = document.add_paragraph()
    run = heading.add_run("Robin Sample")
    run.bold = True
    run.font.size = Pt(20)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Email"
    table.cell(0, 1).text = "robin.sample@example.org"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Merged cell text"
    anchor = document.add_paragraph("Profile ")
    _hyperlink(anchor, "https://www.linkedin.com/in/robin-sample", "LinkedIn")
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in ("Lives in Lisbon", "Open to relocation"))
    anchor._p.append(parse_xml(_TEXTBOX.format(ns=nsdecls("w", "wp", "a"), paras=paras)))
    document.add_paragraph("Experience").runs[0].bold = True
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Engineer at Example Works</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(len(document.element.body) - 1, sdt)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


MAIN_COLUMN = [
    "EXPERIENCE",
    "Senior Engineer, Acme Corp",
    "Jan 2019 - Present",
    "Built data pipelines in Python",
    "and reduced costs by 30 percent.",
    "Engineer, Globex",
    "2015 - 2018",
    "Maintained billing systems.",
]
SIDE_COLUMN = [
    "SKILLS",
    "Python, SQL, Docker",
    "Kubernetes, AWS",
    "LANGUAGES",
    "English, German",
    "EDUCATION",
    "BSc Computer Science",
    "State University, 2015",
]


def columns_pdf(sidebar: str = "right", encrypt: tuple[str, str] | None = None, pages: int = 1) -> bytes:
    """A resume with a header across the page, then a main column and a sidebar (left or right)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    width, height = A4
    out = io.BytesIO()
    encryption = StandardEncryption(encrypt[0], ownerPassword=encrypt[1]) if encrypt else None
    pdf = canvas.Canvas(out, pagesize=A4, encrypt=encryption)
    main_x, side_x = (230, 50) if sidebar == "left" else (50, 380)
    for page in range(pages):
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawString(50, height - 60, "Jane Example Doe")
        pdf.setFont("Helvetica", 10)
        pdf.drawString(50, height - 78, "jane.doe@example.com | +1 555 123 4567 | Springfield")
        pdf.linkURL("https://github.com/jane-example", (50, height - 96, 250, height - 86))
        pdf.drawString(50, height - 94, "github.com/jane-example")
        y = height - 130
        for i, text in enumerate(MAIN_COLUMN):
            pdf.setFont("Helvetica-Bold" if text.isupper() else "Helvetica", 12 if text.isupper() else 10)
            pdf.drawString(main_x, y, text)
            y -= 19 if i % 3 == 0 else 15
        y = height - 130
        for text in SIDE_COLUMN:
            pdf.setFont("Helvetica-Bold" if text.isupper() else "Helvetica", 10)
            pdf.drawString(side_x, y, text)
            y -= 14
        pdf.setFont("Helvetica", 8)
        pdf.drawString(50, 30, "Jane Example Doe - Curriculum Vitae")  # a running footer under the left column
        pdf.drawString(width - 100, 30, f"Page {page + 1} of {pages}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def mixed_pdf() -> bytes:
    """Page 1 has a text layer; page 2 is only a picture of text (a scan)."""
    from PIL import ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = A4
    picture = Image.new("L", (1240, 600), 255)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(_font_path(), 48)
    for row, text in enumerate(("Scanned Page Heading", "Certified Kubernetes Administrator 2021")):
        draw.text((60, 80 + row * 110), text, fill=0, font=font)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(50, height - 60, "Text layer page with Python experience")
    pdf.showPage()
    shown = width * picture.height / picture.width
    pdf.drawImage(ImageReader(picture), 0, height - shown, width=width, height=shown)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _font_path() -> str:
    import glob

    for pattern in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/**/*Sans*.ttf"):
        found = sorted(glob.glob(pattern, recursive=True))
        if found:
            return found[0]
    raise FileNotFoundError("no TrueType font on this machine")


def text_image(lines: list[str], dpi: int = 300, width_in: float = 6.0) -> Image.Image:
    """Black text on white, 11 pt at the given resolution, like a scanned page."""
    from PIL import ImageDraw, ImageFont

    size = round(11 / 72 * dpi)
    image = Image.new("L", (round(width_in * dpi), round((len(lines) + 1) * size * 1.6)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(_font_path(), size)
    for row, text in enumerate(lines):
        draw.text((size, size // 2 + row * size * 1.6), text, fill=0, font=font)
    return image


def odt_resume() -> bytes:
    """An ODT with a heading, a paragraph with a link and a bold span, and a table."""
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import A, H, P
    from odf.text import Span as OdfSpan

    document = OpenDocumentText()
    bold = Style(name="Strong", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    document.text.addElement(H(outlinelevel=1, text="Alex Odt Person"))
    para = P(text="Portfolio: ")
    para.addElement(A(href="https://alex.example.dev", text="alex.example.dev"))
    document.text.addElement(para)
    skills = P(text="Skills: ")
    skills.addElement(OdfSpan(stylename=bold, text="Rust"))
    skills.addText(" and Go")
    document.text.addElement(skills)
    table = Table(name="Contact")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    row = TableRow()
    for value in ("Phone", "+44 20 7946 0000"):
        cell = TableCell()
        cell.addElement(P(text=value))
        row.addElement(cell)
    table.addElement(row)
    document.text.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def labels_pdf() -> bytes:
    """Section names in a left margin, each beside the first line of its content."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _, height = A4
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(160, height - 60, "Casey Margin")
    y = height - 110
    for label, lines in (
        ("Profile", ["Analyst with six years in retail pricing.", "Based in Leeds."]),
        ("Experience", ["Pricing Analyst, Northwind Stores", "2019 - 2024", "Built the weekly price model.",
                        "Cut markdown waste by a fifth."]),
        ("Education", ["BSc Economics, University of York", "2015 - 2018"]),
    ):
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(40, y, label)
        pdf.setFont("Helvetica", 10)
        for text in lines:
            pdf.drawString(160, y, text)
            y -= 15
        y -= 30
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def stamped_scan_pdf() -> bytes:
    """A scanned page (a picture of text) with a short text-layer stamp on top, as copiers and DMSs add."""
    from PIL import ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = A4
    picture = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(_font_path(), 40)
    for row, text in enumerate(("Jordan Scanned", "Warehouse Supervisor since 2018")):
        draw.text((100, 200 + row * 90), text, fill=0, font=font)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.drawImage(ImageReader(picture), 0, 0, width=width, height=height)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(40, 20, "Received 2024-03-01 by HR office")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def uniform_leading_pdf(kind: str) -> bytes:
    """Two sides on one 14 pt grid: a skills sidebar beside running text ("columns"), or label/value pairs
    ("table")."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _, height = A4
    if kind == "columns":
        left = ["Python", "SQL", "Docker", "Kubernetes", "Terraform", "Airflow", "Spark", "Kafka"]
        right = [
            "Led the data platform team of six engineers and",
            "moved nightly batch jobs to streaming pipelines,",
            "cutting report latency from a day to ten minutes.",
            "Designed the access model for the warehouse and",
            "wrote the runbooks the on-call rotation still uses.",
            "Mentored two analysts into engineering roles and",
            "ran the weekly design review for the department.",
            "Introduced contract tests between producer teams.",
        ]
    else:
        left = ["Name", "Email", "Phone", "City", "Born", "Licence"]
        right = ["Robin Grid", "robin@example.com", "+44 20 7946 0000", "Bristol", "1990", "Full"]
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont("Helvetica", 10)
    for row, (a, b) in enumerate(zip(left, right, strict=True)):
        pdf.drawString(50, height - 80 - 14 * row, a)
        pdf.drawString(200, height - 80 - 14 * row, b)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def positioned_words_pdf(lines: list[str], gap_em: float, by_glyph: bool = False, tracking_em: float = 0.0) -> bytes:
    """Lines typeset as some producers do: each word (or each glyph) placed by its coordinates, no space
    characters, words `gap_em` apart and letters `tracking_em` apart."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    size = 11.0
    y = A4[1] - 60
    for line in lines:
        pdf.setFont("Helvetica", size)
        x = 50.0
        for word in line.split():
            if by_glyph or tracking_em:
                for glyph in word:
                    pdf.drawString(x, y, glyph)
                    x += stringWidth(glyph, "Helvetica", size) + tracking_em * size
            else:
                pdf.drawString(x, y, word)
                x += stringWidth(word, "Helvetica", size)
            x += gap_em * size
        y -= 20
    pdf.save()
    return out.getvalue()


def small_caps_pdf(headings: list[str], body: str = "Engineer at Acme Corp, 2019 - 2022", gap: float = 3.0) -> bytes:
    """Headings in small capitals: each word's first letter at 14 pt, the rest at 11 pt and `gap` points
    further right (wide enough for PDFium to read a space there), with a body line under each heading."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    y = A4[1] - 60
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawString(50, y, "Jane Example Doe")
    y -= 30
    for heading in headings:
        x = 50.0
        for word in heading.split():
            for text, size in ((word[0], 14.0), (word[1:].upper(), 11.0)):
                pdf.setFont("Helvetica", size)
                pdf.drawString(x, y, text)
                x += stringWidth(text, "Helvetica", size) + gap
            x += stringWidth(" ", "Helvetica", 14.0)
        y -= 18
        pdf.setFont("Helvetica", 10)
        pdf.drawString(50, y, body)
        y -= 26
    pdf.save()
    return out.getvalue()
