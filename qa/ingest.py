"""Documents: discovery and loading (I/O), and parsing text into typed blocks (pure)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from qa.errors import InvalidInput
from qa.models import Block, BlockKind, Document

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
METADATA_SUFFIX = ".meta.json"

_BLANK_LINES = re.compile(r"\n[ \t\u00a0\r]*\n\s*")
_BULLET = re.compile(r"^[ \t\u00a0]*(?:[•\u2022\u25aa\u25cf\u2013*-]|\d{1,3}[.)])[ \t\u00a0]+")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+")
_MD_QUOTE = re.compile(r"^>[ \t]?")
_BYLINE = re.compile(
    r"^(published|posted|updated|by\b|written by|text by|words by|publicado|escrito por|(author|autor|autora)\s*:)"
    r"|^\w+ \d{1,2}, \d{4}\b|^\d{1,2} (de )?\w+ (de )?\d{4}\b|^\d{4}-\d{2}-\d{2}\b"
    # "Por Ana Ruiz": a name after it, not "Por eso, ..."
    r"|(?-i:^Por [A-ZÁÉÍÓÚÑ][\w'’-]+ [A-ZÁÉÍÓÚÑ])",
    re.IGNORECASE,
)


def is_byline(text: str) -> bool:
    """Whether a line reads as a byline or date line ("Published October 30, 2021 in ...", "By ...")."""
    return bool(_BYLINE.match(text.strip()))


_FURNITURE = re.compile(
    r"^(best regards|kind regards|regards|cheers|saludos|un saludo|no comments yet|\d+ comments?"
    r"|leave a (reply|comment)|deja un comentario|share this( post)?|related posts?)\W*$",
    re.IGNORECASE,
)
# The author's sign-off to the reader at the end of a post ("Anyway, if you have any comments, drop
# them below", "And follow my Twitter here.", "Thanks for reading."): content a reader may ask about
# ("Where can I follow the author?"), so kept, as a block of its own (_closing_marked). Each phrase
# addresses the reader: a news story's "declined to comment", "share this information", "follow our
# example", "los comentarios del ministro" or "nos vemos obligados" does not.
_SIGN_OFF_EN = (
    r"thanks?( you)? (so much |very much )?for (reading|stopping by|your time)"
    r"|if you have (any|some) (comments|thoughts|questions)"
    r"|(leave|drop|post|share) (a |your |any )?(comments?|thoughts)|comments? (below|section)|comment section"
    r"|follow (me|us)\b|follow (my|our) (\w+ )?(twitter|facebook|instagram|blog|page|channel|account|newsletter)"
    r"|subscribe (to (my|our) |here|now|below|today)|sign up (to|for) (my|our|the) newsletter"
    r"|share this (post|article|story|page)|let me know|stay tuned|until next time|see you (next|soon)"
)
_SIGN_OFF_ES = (
    r"gracias por (leer|tu lectura|su lectura|llegar hasta aqu[ií])|(deja|d[eé]jame|d[eé]janos|dejen|escr[ií]beme)"
    r" (tus|sus|un|los|vuestros)? ?comentarios?|comentarios (abajo|aqu[ií])"
    r"|s[ií]gueme|s[ií]guenos|suscr[ií]bete|comp[aá]rte(lo|la)|hasta la pr[oó]xima|nos vemos (pronto|en la pr[oó]xima)"
)
SIGN_OFF = re.compile(rf"\b({_SIGN_OFF_EN}|{_SIGN_OFF_ES})\b", re.IGNORECASE)
SIGN_OFF_MAX_CHARS = 200
# a short line after a sign-off ends it too ("Hope you enjoyed it!", "Un abrazo.", "P.S. ...")
SIGN_OFF_TAIL_CHARS = 80
_OPENING_QUOTES = '“"«„'
_CLOSING_QUOTES = '”"»'
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "vs",
        "via",
        "with",
        "&",
        "de",
        "del",
        "la",
        "las",
        "el",
        "los",
        "y",
        "en",
    ]
)
_QUOTE_MAX_BLOCKS = 12
_DOC_ID = re.compile(r"[A-Za-z0-9._-]{1,120}")
_MIN_WORDS_FOR_LANG = 4


def name_tag(name: str) -> str:
    """8 hex digits of a name, for one whose ASCII form lost what told it apart ("日本語",
    "Москва", "🙂" all have none): two such names must not become one."""
    return hashlib.sha256(unicodedata.normalize("NFC", name).encode()).hexdigest()[:8]


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80]
    return slug or f"document-{name_tag(name)}"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def discover(corpus_dir: Path) -> list[Path]:
    """Every document file under ``corpus_dir``, in a stable order."""
    if not corpus_dir.is_dir():
        raise InvalidInput(f"corpus directory not found: {corpus_dir}")
    return sorted(
        path
        for path in corpus_dir.rglob("*")
        if path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES and not path.name.startswith(".")
    )


def metadata_path(path: Path) -> Path:
    return path.with_name(path.stem + METADATA_SUFFIX)


def load_document(path: Path, corpus_dir: Path) -> Document:
    """Read a document and its optional ``NAME.meta.json`` sidecar (title, site, published, doc_id)."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    if path.suffix.lower() in (".html", ".htm"):
        from qa.html import html_to_text

        text = html_to_text(text)
    meta: dict[str, str] = {}
    sidecar = metadata_path(path)
    if sidecar.is_file():
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"{sidecar}: invalid JSON metadata ({exc})") from None
    doc_id = meta.get("doc_id")
    if doc_id is not None and not _DOC_ID.fullmatch(str(doc_id)):
        raise InvalidInput(f"{sidecar}: doc_id {doc_id!r} may only contain letters, digits, '.', '_' and '-'")
    return make_document(
        text,
        source=path.relative_to(corpus_dir).as_posix(),
        doc_id=doc_id,
        title=meta.get("title"),
        site=meta.get("site"),
        published=meta.get("published"),
    )


def make_document(
    text: str,
    source: str,
    doc_id: str | None = None,
    title: str | None = None,
    site: str | None = None,
    published: str | None = None,
) -> Document:
    return Document(
        doc_id=doc_id or slugify(Path(source).stem),
        text=text,
        title=title or guess_title(text) or Path(source).stem.replace("-", " ").replace("_", " "),
        source=source,
        site=site,
        published=published,
        content_hash=content_hash(text),
    )


def guess_title(text: str) -> str | None:
    """The first line when it reads like a title (a Markdown heading, or short and unpunctuated)."""
    for span_start, span_end in _spans(text):
        line = text[span_start:span_end].splitlines()[0]
        if _MD_HEADING.match(line):
            return _MD_HEADING.sub("", line).strip() or None
        return line if len(line) <= 120 and line[-1] not in '.,;:!?…”"' else None
    return None


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """Blank-line separated spans, trimmed of surrounding white space."""
    position = 0
    for separator in [*_BLANK_LINES.finditer(text), None]:
        end = separator.start() if separator else len(text)
        yield from _trimmed(text, position, end)
        if separator:
            position = separator.end()


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    position = start
    for line in text[start:end].split("\n"):
        yield from _trimmed(text, position, position + len(line))
        position += len(line) + 1


def _is_heading(text: str) -> bool:
    if len(text) > 90 or "\n" in text or text[-1] in ".,;:…”\"'»)" or text[0] in _OPENING_QUOTES:
        return False
    words = re.findall(r"[\w&’']+", text)
    if not words or len(words) > 12 or not words[0][0].isupper():
        return False
    content = [word for word in words if word.lower() not in _SMALL_WORDS]
    capitalised = sum(1 for word in content if word[0].isupper() or word[0].isdigit())
    return capitalised >= 0.75 * len(content)


def _raw_blocks(text: str, title: str | None, site: str | None) -> Iterator[tuple[BlockKind, int, int]]:
    """Blocks with their kinds, before quotes are grouped."""
    for index, (start, end) in enumerate(_spans(text)):
        chunk = text[start:end]
        first_line = chunk.split("\n", 1)[0]
        if _FURNITURE.match(chunk):
            continue
        if heading := _MD_HEADING.match(first_line):
            kind: BlockKind = "title" if len(heading.group(1)) == 1 and index == 0 else "heading"
            yield from _kept(text, kind, start + heading.end(), start + len(first_line))
            yield from _raw_blocks_body(text, start + len(first_line), end)
            continue
        if title and chunk.strip() == title.strip():
            yield "title", start, end
        elif site and chunk.strip() == site.strip():
            yield "site", start, end
        elif index < 6 and is_byline(chunk) and len(chunk) < 200:
            yield "byline", start, end
        else:
            yield from _raw_blocks_body(text, start, end)


def _raw_blocks_body(text: str, start: int, end: int) -> Iterator[tuple[BlockKind, int, int]]:
    lines = list(_lines(text, start, end))
    if not lines:
        return
    if all(_BULLET.match(text[s:e]) for s, e in lines):
        for s, e in lines:
            bullet = _BULLET.match(text[s:e])
            yield from _kept(text, "list_item", s + (bullet.end() if bullet else 0), e)
        return
    if all(_MD_QUOTE.match(text[s:e]) for s, e in lines):
        yield from _kept(text, "quote", lines[0][0] + 1, end)
        return
    start, end = lines[0][0], lines[-1][1]
    yield ("heading" if _is_heading(text[start:end]) else "paragraph"), start, end


def _kept(text: str, kind: BlockKind, start: int, end: int) -> Iterator[tuple[BlockKind, int, int]]:
    """The block trimmed of white space, or nothing when only white space is left."""
    for s, e in _trimmed(text, start, end):
        yield kind, s, e


def _opens_quote(text: str) -> bool:
    return text[0] in _OPENING_QUOTES


def _closes_quote(text: str) -> bool:
    return text.rstrip()[-1] in _CLOSING_QUOTES


def _group_quotes(text: str, raw: list[tuple[BlockKind, int, int]]) -> Iterator[tuple[BlockKind, int, int]]:
    """A quote opens on a block starting with a quotation mark and runs to the first block ending
    with one, possibly several paragraphs later; it never crosses a heading."""
    index = 0
    while index < len(raw):
        kind, start, end = raw[index]
        if kind == "paragraph" and _opens_quote(text[start:end]):
            close = _find_close(text, raw, index)
            if close is not None:
                yield "quote", start, raw[close][2]
                index = close + 1
                continue
            yield "quote", start, end
        else:
            yield kind, start, end
        index += 1


def _find_close(text: str, raw: list[tuple[BlockKind, int, int]], open_index: int) -> int | None:
    for index in range(open_index, min(len(raw), open_index + _QUOTE_MAX_BLOCKS)):
        kind, start, end = raw[index]
        if kind in ("heading", "title"):
            return None
        if _closes_quote(text[start:end]):
            return index
    return None


def parse(document: Document, detect_lang: Callable[[str], str]) -> list[Block]:
    """Split a document into typed blocks whose ``text`` is exactly ``document.text[start:end]``."""
    text = document.text
    raw = list(_raw_blocks(text, document.title, document.site))
    blocks: list[Block] = []
    section: str | None = None
    for kind, start, end in _group_quotes(text, raw):
        span = text[start:end]
        if kind == "heading":
            section = span.strip()
        blocks.append(Block(kind=kind, start=start, end=end, text=span, section=section, lang=detect_lang(span)))
    return _short_blocks_take_document_language(_closing_marked(blocks))


def _closing_marked(blocks: list[Block]) -> list[Block]:
    """The blocks with the document's closing words marked "closing": from the first of its last
    paragraphs that addresses the reader (SIGN_OFF, each at most SIGN_OFF_MAX_CHARS long) to the
    end, with only sign-offs and short lines after it. A post's last paragraphs about its topic are
    not part of it, even when a sign-off follows them."""
    first = len(blocks)
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if block.kind != "paragraph" or len(block.text) > SIGN_OFF_MAX_CHARS:
            break
        if SIGN_OFF.search(block.text):
            first = index
        elif len(block.text) > SIGN_OFF_TAIL_CHARS:
            break
    if first == len(blocks) or first == 0 or blocks[first - 1].kind in ("title", "site", "byline"):
        return blocks  # no closing, or a document that is nothing but one
    return [*blocks[:first], *(replace(block, kind="closing") for block in blocks[first:])]


def _short_blocks_take_document_language(blocks: list[Block]) -> list[Block]:
    """A name like "Via Campesina" says nothing reliable about its language; the document does."""
    weight: dict[str, int] = {}
    for block in blocks:
        weight[block.lang] = weight.get(block.lang, 0) + len(block.text)
    if not weight:
        return blocks
    dominant = max(weight, key=lambda lang: weight[lang])
    return [
        replace(block, lang=dominant) if len(block.text.split()) < _MIN_WORDS_FOR_LANG else block for block in blocks
    ]
