"""Real files made by code for extraction cases the fixture generator does not cover."""

from __future__ import annotations

import io

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

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
