"""Questions about the document itself rather than about what it says (when it was published, in
which section, who wrote it, what it is called, what site it is on), and the lines of its front
matter that answer them (its byline, its title, its site line).
Pure functions over strings and sentence candidates; used by qa.answer and qa.engine.
docs/EVALUATION.md, rounds 7 and 10."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from qa.answer_types import has_answer_type
from qa.chunk import FRONT_MATTER_KINDS
from qa.ingest import is_byline
from qa.lexical import query_tokens, same_word
from qa.models import Hit

if TYPE_CHECKING:
    from qa.answer import SentenceCandidate


def _vocabulary(*lines: str) -> frozenset[str]:
    return frozenset(word for line in lines for word in line.split())


# Words naming the document, and function words, in either kind of question about the document
# itself (its date, its writer or its title) rather than about what it says
_DOCUMENT_WORDS = (
    "what which was were is it its s this that the a an of on in at by and or",
    "article piece post blog essay text page site website",
    "qué que cuál cual es fue se lo le su la el los las de del este esta esto en por y o",
    "artículo articulo texto entrada página pagina sitio web",
)
# Words for a document's being put out, in a question about when it was or about the site it was on
_PUBLISHING_WORDS = (
    "published posted publishes publishing appear appears appeared "
    "publicó publico publica publican publicado publicada aparece apareció aparecio"
)
# A question about when (and in which section of the site) the document was published. Only a
# question made of these words and of words of the document's title is one ("When was this article
# published?", "When was it written?", "¿En qué fecha se publicó?", "Publication date?", "On what
# date did this piece go online, and under which section?", "When was this piece on left-wing
# alliances published?", "What category is the post filed under?"): any other word names another
# subject ("When was the first declaration published?", "When, according to the article, was the
# EZLN founded?", "When was the report written?"), and lowercase questions name them too.
_DOCUMENT_QUESTION_WORDS = _vocabulary(
    *_DOCUMENT_WORDS,
    _PUBLISHING_WORDS,
    "when did does do for under about author date day year first section category",
    "publish publication online go went put written wrote write uploaded released come came out",
    "filed listed categorized categorised",
    "cuándo cuando bajo sobre autor fecha año día sección seccion categoría categoria",
    "archivado archivada clasificado clasificada está estaba",
    "publicación publicacion escribió escribio escrito escrita salió salio subió subio subido subida",
)
# what a byline gives: the date, and the section of the site the document was published in (asked
# for with a word for the document: "Which section was written first?" asks about its text)
_ASKS_DATE = re.compile(
    r"\b(when|dated?|day|year|how old|cu[aá]ndo|fecha|d[ií]a|a[nñ]o|antig[uü]edad)\b", re.IGNORECASE
)
# A question asking what date the document itself is from or bears, with no word for publishing
# ("When does the article date from?", "What's the date on this post?", "How old is this article?",
# "¿De cuándo es el artículo?"): it names the document by an article's noun (not the site's: "How old
# is this blog?" asks about the blog) and is made of these words only, not its title's ("When does
# the alliance in this article date from?" asks about the alliance), nor its author's, its section's
# or another document's ("How old is the article's author?", "When is the first article from?").
_ARTICLE_NOUN = re.compile(r"\b(article|piece|post|entry|essay|text|art[ií]culo|texto|entrada)\b", re.IGNORECASE)
_DOCUMENT_DATE_QUESTION_WORDS = _vocabulary(
    "what which when whats is was does do did s this that the a an of on its",
    "article piece post entry essay text date dated dates from how old year day exact exactly",
    "qué que cuál cual cuándo cuando es fue de del el la lo este esta su en",
    "artículo articulo texto entrada fecha fechado fechada está esta año día exacta exacto",
    "have has bear bears now antigüedad antiguedad tiene lleva",
)
# a blog's post or entry is an article ("this blog post", "esta entrada del blog")
_BLOG_ARTICLE = re.compile(r"\bblog\s+(post|entry)\b|\b(entrada|art[ií]culo)\s+del\s+blog\b", re.IGNORECASE)
_ASKS_DOCUMENT_DATE = re.compile(
    r"\b(dated?|from|how old|fechad[oa]|antig[uü]edad)\b|\bde\s+(cu[aá]ndo|qu[eé]\s+(fecha|a[nñ]o|d[ií]a))\b"
    r"|\bdate\s+(of|on)\b|\bfecha\s+(de|del|tiene|lleva|est[aá]|es)\b|\b(have|has|bears?)\W*$"
    r"|\b(tiene|lleva)\s+(el|la|este|esta)\s+\w+\W*$",
    re.IGNORECASE,
)
_ASKS_SECTION = re.compile(r"\b(section|category|secci[oó]n|categor[ií]a)\b", re.IGNORECASE)
# a question names the document itself with one of these (then words of its title may describe it)
_NAMES_DOCUMENT = re.compile(
    r"\b(article|piece|post|blog|essay|text|site|website|art[ií]culo|texto|entrada|sitio|p[aá]gina)\b", re.IGNORECASE
)
_ASKS_PUBLICATION = re.compile(
    r"\b(publish\w*|publication|posted|online|written|wrote|write|uploaded|released|c(o|a)me out|appear(ed)?"
    r"|sali[oó]|apareci[oó]|subi[oó]|subid[oa]"
    r"|filed|listed|categori[sz]ed|archivad[oa]|clasificad[oa]"
    r"|public(ad[oa]|[oó]|aci[oó]n|an?)|escrit[oa]|escribi[oó]"
    r"|date of (this|the) (article|piece|post)|fecha (de|del) (este )?(art[ií]culo|texto|entrada))\b",
    re.IGNORECASE,
)
# A question asking who wrote the document: these words and the title's only (asks_document_author)
_AUTHOR_QUESTION_WORDS = _vocabulary(
    *_DOCUMENT_WORDS,
    "who whom whose about behind name names named person man woman",
    "writer writers author authors authored wrote write writes written penned signed journalist reporter blogger",
    "quién quien quiénes quienes cómo como llama llaman son nombre persona autor autora autores escribió escribio",
    "escrito escrita escribe redactó redacto firmó firmo firma periodista",
)
_WRITER = r"writers?|authors?|journalist|reporter|blogger|autor(a|es)?|periodista"
# who: "who", "whose", "which journalist", or the name of the writer itself ("What is the name of the
# person who wrote ...?", "¿Cómo se llama el autor?"; not "the name of the blog it was written on")
_ASKS_WHO = re.compile(
    rf"\b(who|whom|whose|qui[eé]n(es)?|(which|what|qu[eé]) ({_WRITER}))\b"
    rf"|\b(names?|nombre|llama)\b[^?]*\b(person|persona|man|woman|{_WRITER})\b",
    re.IGNORECASE,
)
_ASKS_WRITER = re.compile(
    rf"\b(wr[oi]te|writes|written|authored|penned|signed|escrib\w*|escrit[oa]|redact[oó]|firm[oó]|firma|{_WRITER})\b"
    r"|\bwhose (article|piece|post|blog|essay|text)\b",
    re.IGNORECASE,
)
# "Who is the article written for / about?" asks whom it addresses or what it is about
_ASKS_ADDRESSEE = re.compile(r"\b(for|about|to|para|sobre)\W*$", re.IGNORECASE)
# a byline that names its writer: "By Jane Doe", "By: ...", "Written by ...", "Posted on ... by admin",
# "Por Ana Ruiz", "Author: ..."; not its publisher ("Published by Verso", "Publicado por primera vez")
_NAMES_WRITER = re.compile(
    r"(?<!published )(?<!publicado )\b(by|por)\s*:?\s+(?!(the|a|an|in|on|la|el|los|las|en|primera|first)\b)[^\W\d]"
    r"|^\W*(author|autor|autora)\s*:\s*[^\W\d]",
    re.IGNORECASE,
)
# a byline line that gives the publication date rather than another ("Updated ...")
_PUBLISHED_LINE = re.compile(r"^\W*(published|posted|publicado)\b", re.IGNORECASE)


# A question asking what the document is called: these words and the title's only (asks_document_title)
_TITLE_QUESTION_WORDS = _vocabulary(
    *_DOCUMENT_WORDS,
    "title titled headline heading name named called call do does did have has about full exact",
    "you me tell give gave please can could document",
    "título titulo titulado titulada titula titular nombre llama llamado llamada cómo como se tiene lleva",
    "completo exacto dime dame da puedes podrías podrias decir documento publicación publicacion nota",
)
_ASKS_TITLE = re.compile(r"\b(titled|titles?|headline|heading|t[ií]tul(o|a|ad[oa])|titular)\b", re.IGNORECASE)
_ASKS_NAME = re.compile(r"\b(called|named|names?|llama|llamad[oa]|nombre)\b", re.IGNORECASE)
# what the title or the name is asked of: the document ("this post") or the site it is on ("this
# blog", "the website", "la página", "the page"), whose name the site line gives; a "blog post" is a document
_SITE_NOUNS = r"blog|site|website|sitio|web(?!\s*page)|p[aá]gina"
_NAMES_ARTICLE_OR_SITE = re.compile(
    r"\b(?:(?P<article>article|piece|post|essay|text|document|art[ií]culo|texto|entrada|documento"
    rf"|publicaci[oó]n|nota)|(?P<site>{_SITE_NOUNS})(?!\s+(?:post|entry)\b)|(?P<page>(?:web\s*)?page))\b",
    re.IGNORECASE,
)


# A question asking for the line its site is shown by (its name, its tagline: "What is the name of
# this blog?", "What is the tagline of the website this piece was published on?", "¿Cuál es el lema
# del sitio?"): these words and the title's only (asks_site)
_SITE_QUESTION_WORDS = _TITLE_QUESTION_WORDS | _vocabulary(
    _PUBLISHING_WORDS,
    "tagline tag line slogan motto strapline strap subtitle where hosted hosts hosting runs from come comes came",
    "say says at top very above over header banner it offer offers promise promises reader readers visitors to",
    "written show shows shown displayed whats",
    "lema eslogan subtítulo subtitulo donde dónde dice está esta salió salio ofrece promete lector lectores",
    "pone sus muestra",
    "al arriba principio inicio comienzo parte superior cabecera encabezado",
)
# where a tagline is shown, said only of a tagline, a slogan or the like ("What tagline appears under
# the blog's name?"): the title below the site's name is the document's ("What title is shown under
# the site name?"), and what is under the header is not the header ("Which post is shown under the
# site header?")
_TAGLINE_PLACE_WORDS = _vocabulary(
    "under below beneath underneath printed debajo bajo hay",
)
# a tagline (or a subtitle) is a site's; a slogan, a motto, a header or a banner ("cabecera",
# "encabezado") may be anyone's, so it is the site's only when the question names the site ("the
# site's slogan"; not "What was the slogan?")
_TAGLINE_WORDS = r"tag[\s-]?line|strap[\s-]?line"
_ASKS_BARE_TAGLINE = re.compile(rf"\b({_TAGLINE_WORDS})\b", re.IGNORECASE)
_ASKS_TAGLINE = re.compile(
    rf"\b({_TAGLINE_WORDS}|subtitle|subt[ií]tulo|slogan|motto|lema|eslogan|header|banner|cabecera|encabezado)\b",
    re.IGNORECASE,
)
# which site it is: "Which blog is this?", "On which website was this piece published?", "¿En qué
# sitio se publicó el artículo?"
_ASKS_WHICH_SITE = re.compile(rf"\b(which|what|qu[eé]|cu[aá]l)\s+({_SITE_NOUNS})\b", re.IGNORECASE)
# a noun in the possessive names whose the noun right after it is ("this post's blog"; not "the
# post's title on the blog")
_POSSESSIVE = re.compile(r"[’']s\s+(?:[\w-]+\s+)?")
# a site named as where something is ("What is the article called on the website?") is not what a
# title or a name is asked of
_PLACED = re.compile(r"\b(on|in|at|en)\s+(the|this|that|its|el|la|este|esta|su)?\s*$", re.IGNORECASE)


def asks_publication_date(question: str, title: str = "") -> bool:
    """Whether the question asks when (or in which section of its site) the document itself was
    published: it is made of _DOCUMENT_QUESTION_WORDS and words of the document's ``title`` (_made_of)
    and has a word for publishing, or it asks what date the document is from (_ASKS_DOCUMENT_DATE)."""
    names_document = bool(_NAMES_DOCUMENT.search(question))
    asks_byline = bool(_ASKS_DATE.search(question)) or (names_document and bool(_ASKS_SECTION.search(question)))
    if not asks_byline:
        return False
    if _ASKS_PUBLICATION.search(question):
        return _made_of(question, _DOCUMENT_QUESTION_WORDS, title)
    article = _BLOG_ARTICLE.sub(lambda match: match.group(1) or match.group(2), question)
    return (
        bool(_ARTICLE_NOUN.search(article))
        and bool(_ASKS_DOCUMENT_DATE.search(article))
        and _all_words_in(article, _DOCUMENT_DATE_QUESTION_WORDS)
    )


def asks_document_author(question: str, title: str = "") -> bool:
    """Whether the question asks who wrote the document itself ("Who wrote this article?", "What
    is the name of the person who wrote this piece?", "¿Quién es el autor del artículo?"): made, like
    a publication question, of _AUTHOR_QUESTION_WORDS and words of the ``title``. "Who wrote Don
    Quixote?" and "What does the author think of Russia?" are not."""
    return (
        _made_of(question, _AUTHOR_QUESTION_WORDS, title)
        and bool(_ASKS_WHO.search(question))
        and bool(_ASKS_WRITER.search(question))
        and not _ASKS_ADDRESSEE.search(question)
    )


def asks_document_title(question: str, title: str = "") -> bool:
    """Whether the question asks what the document itself is called ("What's the title of this
    post?", "what's the headline of this piece", "¿Cómo se titula el artículo?", "What is this
    article called?"): the title or the name is asked of the document, not of the site it is on
    ("What is the name of the blog this post is on?"), and the question is made of
    _TITLE_QUESTION_WORDS, with words of the ``title`` only after the document's noun, where they
    describe it ("the title of this piece on left-wing alliances"; "What is the alliance called in
    this article?" asks about the alliance). A bare "What's the title?" is one too."""
    titled = _ASKS_TITLE.search(question)
    asking = titled or _ASKS_NAME.search(question)
    if asking is None:
        return False
    named = _asked_of(question, asking)
    if named is None:  # a title asked for outright; "What's the name?" names nothing to ask it of
        return titled is not None and _all_words_in(question, _TITLE_QUESTION_WORDS)
    return not named.group("site") and _described_after(question, named, _TITLE_QUESTION_WORDS, title)


def asks_site(question: str, title: str = "") -> bool:
    """Whether the question asks for the line the document's site is shown by: its name ("What is the
    name of this blog?", "¿Cómo se llama la página?"; asked of the site, not of the document, as in
    asks_document_title), which site it is ("Which blog is this?", "¿En qué sitio se publicó el
    artículo?") or its tagline ("What's the site's slogan?", "What is the tagline of the website
    this piece was published on?"). Made of _SITE_QUESTION_WORDS, with words of the ``title`` only
    where they describe the document ("the blog that published this piece on left-wing alliances";
    "What name does the blog give the alliance?" asks about the alliance)."""
    tagline = _ASKS_TAGLINE.search(question)
    asking = _ASKS_WHICH_SITE.search(question) or tagline or _ASKS_TITLE.search(question) or _ASKS_NAME.search(question)
    if asking is None:
        return False
    vocabulary = _SITE_QUESTION_WORDS
    if tagline is not None and _TAGLINE_PLACE_WORDS.isdisjoint(
        re.findall(r"\w+", question[: tagline.start()].casefold())
    ):
        vocabulary |= _TAGLINE_PLACE_WORDS  # the tagline is under something, not what is under it
    named = _asked_of(question, asking)
    if named is None:
        return bool(_ASKS_BARE_TAGLINE.search(question)) and _all_words_in(question, vocabulary)
    # a page is the document's ("the title of this page"), but for its tagline ("the slogan at the
    # top of the page")
    site = named.group("site") or (named.group("page") and tagline is not None)
    return bool(site) and _described_after(question, named, vocabulary, title)


def _asked_of(question: str, asking: re.Match[str]) -> re.Match[str] | None:
    """The noun naming the document or its site that a title, name or tagline is asked of: the
    first after the word ``asking`` for it ("the name of the blog this post is on"), else the last
    before it ("this article's title"). A noun in the possessive names whose the next one is ("the
    name of this post's blog" asks about the blog), and a site named as a place is where the thing
    asked about is ("What is the article called on the website?"), when another noun is left."""
    found = list(_NAMES_ARTICLE_OR_SITE.finditer(question))
    owners = [noun for noun, owned in itertools.pairwise(found) if _owns(question, noun, owned)]
    places = [noun for noun in found if noun.group("site") and _PLACED.search(question, 0, noun.start())]
    nouns = [noun for noun in found if noun not in owners and noun not in places] or found
    return next((noun for noun in nouns if noun.start() > asking.start()), nouns[-1] if nouns else None)


def _owns(question: str, noun: re.Match[str], next_noun: re.Match[str]) -> bool:
    """Whether ``noun`` is in the possessive of ``next_noun``, with a word between them at most."""
    possessive = _POSSESSIVE.match(question, noun.end())
    return possessive is not None and possessive.end() == next_noun.start()


def _described_after(question: str, noun: re.Match[str], vocabulary: frozenset[str], title: str) -> bool:
    """Whether the question is made of ``vocabulary``, with words of the ``title`` only after the
    first noun naming the document from ``noun`` on, where they describe it ("this piece on
    left-wing alliances")."""
    document = next(
        (found for found in _NAMES_ARTICLE_OR_SITE.finditer(question, noun.start()) if not found.group("site")), None
    )
    described = len(question) if document is None else document.end()
    return _all_words_in(question[:described], vocabulary) and _all_words_in(question[described:], vocabulary, title)


def front_lines_asked(question: str, title: str = "") -> tuple[str, ...]:
    """The kinds of front-matter line that give what the question asks of its document: a byline its
    date or its writer, a title line its title, a site line its site's name or tagline (none for a
    question about anything else)."""
    byline = asks_publication_date(question, title) or asks_document_author(question, title)
    return (
        (("byline",) if byline else ())
        + (("title",) if asks_document_title(question, title) else ())
        + (("site",) if asks_site(question, title) else ())
    )


def _made_of(question: str, vocabulary: frozenset[str], title: str) -> bool:
    """Whether every word of the question is in ``vocabulary`` or, when the question names the
    document ("this piece on ..."), is a word of its ``title`` in any form ("alliances" and
    "leftist" are in "The Left-Wing Alliance ...", "Latin American" in "... of Latin America ...";
    lexical.same_word). A stopword is no title word."""
    names_document = bool(_NAMES_DOCUMENT.search(question))
    return bool(re.search(r"\w", question)) and _all_words_in(question, vocabulary, title if names_document else "")


def _all_words_in(text: str, vocabulary: frozenset[str], title: str = "") -> bool:
    """Whether every word of ``text`` is in ``vocabulary`` or is a word of ``title`` (_made_of)."""
    title_words = [word for word in re.findall(r"\w+", title) if query_tokens(word)]
    return all(
        word in vocabulary or any(same_word(word, named) for named in title_words)
        for word in re.findall(r"\w+", text.casefold())
    )


# a document named by its kind, in either language
_DOCUMENT_NOUNS = r"articles?|pieces?|posts?|blogs?|essays?|texts?|art[ií]culos?|textos?|entradas?|publicaci[oó]n(es)?"
# "the next article", "another post", "el próximo artículo", "la entrada anterior": a document other
# than the one whose front matter a passage holds ("the following article" and "el artículo
# siguiente" are as often the one below, this one)
_ANOTHER_DOCUMENT = re.compile(
    r"\b(next|upcoming|previous|prior|earlier|other|another|future"
    r"|pr[oó]xim[oa]s?|anterior(es)?|previ[oa]s?|otr[oa]s?|futur[oa]s?)\s+(\w+\s+)?"
    rf"({_DOCUMENT_NOUNS})\b|\b({_DOCUMENT_NOUNS})\s+(anterior(es)?|pr[oó]xim[oa]s?|previ[oa]s?)\b",
    re.IGNORECASE,
)
# "this article and other articles": this one too
_THIS_DOCUMENT = re.compile(rf"\b(this|este|esta)\s+({_DOCUMENT_NOUNS})\b", re.IGNORECASE)


def names_another_document(question: str) -> bool:
    """Whether the question asks about another document than the one it is read against ("When
    will the next article be published?"), and not about this one too: that document's byline,
    title or site line says nothing of it."""
    return bool(_ANOTHER_DOCUMENT.search(question)) and not _THIS_DOCUMENT.search(question)


def in_front_matter(passage_kind: str) -> bool:
    """Whether a passage of this kind holds a document's title, site line or byline."""
    return any(has_part(passage_kind, part) for part in FRONT_MATTER_KINDS)


def has_part(passage_kind: str, part: str) -> bool:
    """Whether a passage of this kind ("byline+site+title") holds a block of kind ``part``."""
    return part in passage_kind.split("+")


def front_matter_date(
    question: str, top: Hit, scored: list[tuple[float, SentenceCandidate]], title: str = ""
) -> tuple[float, SentenceCandidate] | None:
    """For a question about when the document was published, the dated byline of the first
    passage's document ("Published October 30, 2021 in ..."), a "Published" line before an
    "Updated" one; None when that document has none among the candidates (another document's
    date would be the wrong answer). ``title`` is that document's title."""
    if not asks_publication_date(question, title):
        return None
    bylines = _bylines_of(top, scored, lambda text: has_answer_type("time", text))
    return min(bylines, key=lambda pair: (not _PUBLISHED_LINE.match(pair[1].text), pair[1].start), default=None)


def front_matter_author(
    top: Hit, scored: list[tuple[float, SentenceCandidate]]
) -> tuple[float, SentenceCandidate] | None:
    """The byline naming the writer of the first passage's document ("By Jane Doe"), or None."""
    bylines = _bylines_of(top, scored, lambda text: bool(_NAMES_WRITER.search(text)))
    return min(bylines, key=lambda pair: pair[1].start, default=None)


def front_matter_title(
    top: Hit, scored: list[tuple[float, SentenceCandidate]], title: str
) -> tuple[float, SentenceCandidate] | None:
    """The title line of the first passage's document's front matter (the sentence or sentences
    that are its ``title``), quoted alone: the lines after it are the site's name and the byline.
    None when there is none among the candidates."""
    return _front_line(top, scored, "title", title)


def front_matter_site(
    top: Hit, scored: list[tuple[float, SentenceCandidate]], site: str
) -> tuple[float, SentenceCandidate] | None:
    """The site line of the first passage's document's front matter (the sentence or sentences that
    are its ``site``), quoted alone; None when there is none among the candidates."""
    return _front_line(top, scored, "site", site)


def _front_line(
    top: Hit, scored: list[tuple[float, SentenceCandidate]], part: str, text: str
) -> tuple[float, SentenceCandidate] | None:
    """The line of the first passage's document's front matter of kind ``part`` whose sentence (or
    sentences, _quoting_line) is ``text``, quoted alone: the lines after it are other parts of the
    front matter."""
    wanted = text.strip().casefold()
    if not wanted:
        return None
    for score, candidate in scored:
        if candidate.doc_id == top.chunk.doc_id and has_part(candidate.passage_kind, part):
            line = _quoting_line(candidate, wanted)
            if line is not None:
                return score, line
    return None


def _quoting_line(candidate: SentenceCandidate, wanted: str) -> SentenceCandidate | None:
    """The candidate quoting exactly the line ``wanted`` (casefolded): its sentence alone, or with
    the sentences after it that the line holds ("Farm News. All about the valleys."); None when
    the candidate does not open that line."""
    text = candidate.text
    for count in range(len(candidate.following) + 1):
        if text.strip().casefold() == wanted:
            return replace(candidate, following=candidate.following[:count])
        text += "".join(candidate.following[count : count + 1])
    return None


def _bylines_of(
    top: Hit, scored: list[tuple[float, SentenceCandidate]], gives: Callable[[str], bool]
) -> list[tuple[float, SentenceCandidate]]:
    """The scored byline lines of the first passage's document's front matter whose text ``gives``
    what was asked (a date, a writer)."""
    return [
        pair
        for pair in scored
        if pair[1].doc_id == top.chunk.doc_id
        and has_part(pair[1].passage_kind, "byline")
        and is_byline(pair[1].text)
        and gives(pair[1].text)
    ]
