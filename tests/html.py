"""Reading a rendered page as a screen reader depends on it: the elements, their ids and
the ids they refer to."""

import lxml.html

ID_REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")


def page(response):
    """The response's HTML as an element tree (lxml), after checking it is a page."""
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content.decode())


def broken_references(doc) -> list[str]:
    """Every id the page refers to (aria-describedby, aria-labelledby, aria-controls,
    label[for]) that names no element."""
    ids = set(doc.xpath("//@id"))
    return [
        f"{el.tag}[{attr}={el.get(attr)!r}] → #{ref}"
        for attr in ID_REFERENCES
        for el in doc.xpath(f"//*[@{attr}]")
        for ref in el.get(attr).split()
        if ref not in ids
    ]


def text(el) -> str:
    return " ".join(el.text_content().split())


def error_summary(doc) -> list[tuple[str, str]]:
    """The error summary's lines as (link target or "", text)."""
    [summary] = doc.xpath('//*[@data-testid="error-summary"]')
    return [((li.xpath("./a/@href") or [""])[0], text(li)) for li in summary.xpath(".//li")]
