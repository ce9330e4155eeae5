"""HTML to plain text with BeautifulSoup: block elements become paragraphs, page chrome is dropped.

Offsets of everything downstream are into the text this produces, which is what the corpus stores.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

_DROP = ("script", "style", "noscript", "template", "nav", "footer", "header", "aside", "form", "svg", "iframe")
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dt", "dd", "figcaption")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    body = soup.body or soup
    paragraphs: list[str] = []
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if title:
        paragraphs.append(title)
    for element in body.find_all(_BLOCKS):
        if not isinstance(element, Tag) or element.find_parent(_BLOCKS):
            continue  # nested blocks are part of their outer block's text
        text = _SPACES.sub(" ", element.get_text(" ", strip=True)).strip()
        if not text:
            continue
        if element.name == "li":
            text = "• " + text
        elif element.name and element.name[0] == "h" and element.name[1:].isdigit():
            text = "#" * int(element.name[1:]) + " " + text
        elif element.name == "blockquote":
            text = "> " + text
        if not paragraphs or paragraphs[-1] != text:
            paragraphs.append(text)
    if len(paragraphs) <= (1 if title else 0):  # no block markup at all: fall back to all the text
        loose = _SPACES.sub(" ", body.get_text("\n", strip=True))
        paragraphs.extend(line.strip() for line in loose.split("\n") if line.strip())
    return "\n\n".join(paragraphs) + "\n"
