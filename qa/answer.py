"""Extractive answers: the best supporting sentences of the retrieved passages, cited, or an abstention."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from qa.answer_types import (
    NEXT_SENTENCE_KINDS,
    PROCEDURE_TERMS,
    READ_ON_KINDS,
    asks_procedure,
    counts,
    has_answer_type,
    procedure_subject,
)
from qa.asked import (
    AskedFor,
    about_other_countries,
    asked_for,
    gives,
    gives_occasion,
    names_nothing,
    names_subject,
    shares_asked_term,
    without_lead_in,
    without_set_aside,
)
from qa.chunk import refers_back
from qa.countries import names_unknown_country
from qa.front_matter import (
    asks_document_author,
    asks_document_title,
    asks_site,
    front_matter_author,
    front_matter_date,
    front_matter_site,
    front_matter_title,
    in_front_matter,
    names_another_document,
)
from qa.lexical import TermRarity, query_tokens, shares_a_word, term_set
from qa.models import Answer, Chunk, Citation, Hit, promoted
from qa.voice import asks_about_author, first_person
from qa.which_one import LAST, about_another_numbered, introduces_series, item_number, leaves_unnamed, numbered

MAX_CITATION_CHARS = 600
# An answer quotes the answering sentence and up to this many that follow it (within
# MAX_CITATION_CHARS): the sentence most like the question often names the topic and the next one
# or two give the answer ("... with some differences." / "First, ..." / "Second, ..."). When the
# sentence opens with "Consequently" or the like, or with "In which" or "Where" as a clause finishing
# the sentence before it, that sentence is quoted too (points_back). A quote of more than two
# sentences is cited in pieces of two (_in_pairs).
FOLLOWING_SENTENCES = 2


@dataclass(frozen=True)
class SentenceCandidate:
    chunk_id: str
    doc_id: str
    start: int
    end: int
    text: str
    lang: str
    hit_rank: int
    similarity: float  # cosine between the question and the sentence
    passage_similarity: float  # cosine between the question and the passage the sentence is in
    # Up to FOLLOWING_SENTENCES sentences after it, each with the space before it, so that the
    # sentence and the first n of them are exactly document_text[start:end + len("".join(following[:n]))]:
    # a sentence that names the topic is often followed by the one that answers ("Much of its
    # focus is on food sovereignty." / "Which is ..."), so a citation quotes them when they fit.
    following: tuple[str, ...] = ()
    # The sentence before it up to its start (exactly document_text[start - len(before):start]),
    # given when this sentence opens by pointing back at it ("Consequently, ..."; points_back); it
    # may come from the passage before, and holds two sentences when the nearer one is a fragment
    # finishing the other ("Such as ..."; continues_sentence).
    before: str | None = None
    passage_kind: str = ""  # the kind of the passage's blocks ("paragraph", "byline+site+title", ...)
    # cosine between the question without its names (asked.without_names) and the sentence; None
    # when the question names nothing, or was not embedded so
    aspect_similarity: float | None = None
    # where each of ``following`` starts its sentence, past the space, bullet or closing quote before
    # it (engine._sentences_after); empty for a candidate built by hand, whose are past blank space
    following_starts: tuple[int, ...] = ()


@dataclass(frozen=True)
class AnswerParameters:
    abstain_threshold: float  # on confidence, in [0, 1]
    confidence_center: float  # the support score at which confidence is 0.5
    confidence_scale: float  # how fast confidence moves around the centre
    max_citations: int
    # Weights chosen on the gold and dev sets with `qa eval` (docs/EVALUATION.md).
    lexical_bonus: float = 0.1
    rank_penalty: float = 0.01
    passage_weight: float = 0.5
    support_lexical_weight: float = 0.025
    # a sentence this close to the best one is quoted too (up to max_citations): the sentence most
    # like the question often names the topic and a close second gives the detail asked for
    second_citation_margin: float = 0.05
    # Cross-lingual cosines run lower than same-language ones (e5-small; docs/EVALUATION.md): the
    # support of an answer from another language, and the score of such a sentence, are credited.
    # Language-neutral vectors (qa.language_neutral) halved the sentences' gap: 0.019 at the median
    # for the sentence that answers, 0.037 before (round 6).
    crosslingual_bonus: float = 0.03
    crosslingual_sentence_bonus: float = 0.02
    # A question about the author is answered in the author's own voice ("I've written a few
    # hundred pages ..."): a sentence in the first person is credited this much (qa.voice;
    # docs/EVALUATION.md, round 8: 0.03-0.05 answer the same, 0.06 starts losing answers).
    author_voice_sentence_bonus: float = 0.04
    # A sentence is ranked by its cosine to the question blended with this weight of its cosine to
    # the question without its names (SentenceCandidate.aspect_similarity): the names pull the
    # sentences that only name the same things up. Measured over 3,020 unseen questions
    # (docs/EVALUATION.md, round 15): 0.2 / 0.3 / 0.45 answer 10 / 12 / 15 more, losing 3 / 5 / 8
    # they answered. Over 7,100 (round 25), 0.5 against 0.3: 34 first places gained and 6 lost, 21
    # answers gained and 1 lost; from 0.55 up, "¿En qué año se fundó el ALBA?" is answered with a year.
    # Whether the corpus answers (support) is still judged on the whole question's cosine.
    aspect_weight: float = 0.5
    answer_type_penalty: float = 0.25
    # When the best sentence lacks the kind of answer asked for (a time, a quantity, a name), a sentence
    # scoring within this of it that holds one answers instead, alone: two sentences this close are a
    # tie, and the type tells them apart ("In 1993, they voted to turn the EZLN ..." after the
    # sentence naming the offensive). Measured in docs/EVALUATION.md, round 7.
    answer_type_tie_margin: float = 0.01
    # ... and within this, one whose number counts the very thing asked for ("How many members does
    # the MST have?" / "with over 1.5 million members", 0.016 behind a sentence naming the MST).
    # Over the 4,100 unseen questions no answer moves at 0.03 or 0.05 (docs/EVALUATION.md, round 18).
    counted_tie_margin: float = 0.03
    # ... and within this, for a bare "When ...?", one saying when as an occasion ("in my first trip
    # to Latin America", "when there is a leftist president in office"), not as a date: dates are in
    # most passages, and a date behind the best sentence is as often another event's. Over the
    # 9,129 eval questions (docs/EVALUATION.md, round 28): 11 right answers gained at 0.03, none
    # lost; the nearest unanswerable question that one would answer is 0.047 behind.
    occasion_tie_margin: float = 0.03
    # ... and within this, such an occasion that also shares with the question a term the best
    # sentence lacks, besides the question's names (asked.shares_asked_term): "¿Cuándo visitó el autor
    # el movimiento zapatista?" / "I visited the movement in my first trip to Latin America ever",
    # 0.04 behind a café visit "a few years ago". One this far behind sharing only the names is
    # another event's ("When did Evo Morales first become president?" / "… during the time he lost
    # political power", 0.047). Over the 11,289 eval questions (docs/EVALUATION.md, round 31): 6
    # right answers gained, none lost, no unanswerable question answered.
    shared_occasion_tie_margin: float = 0.05
    # ... and within this, one naming a party for "Which party …?" ("¿Con qué partido colabora el
    # MST?" / "… the Landless Workers Movement does work with the Workers Party of Brazil", 0.03
    # behind a sentence on the MST's meetings). Over the 171 eval questions asking it
    # (docs/EVALUATION.md, round 30), right answers 123 before, 128 at 0.03, 134 at 0.05, 138 at
    # 0.07 and 0.10, no unanswerable one answered; but any party named this close answers, the
    # more often the wider the margin ("Which party governs Zambia?" / its opposition party).
    party_tie_margin: float = 0.05
    # ... and within this, one naming a country for a question asking for one ("¿Qué países forman
    # el ALBA?", "In which country …?" / "Some of the more prominent countries in the group are
    # Venezuela, Cuba, …", 0.015 behind the sentence defining ALBA). Over the 184 eval questions
    # asking for a country (docs/EVALUATION.md, round 35) no other answer changes at 0.02 or 0.03;
    # the smaller keeps a country named further off from answering for the one asked about.
    country_tie_margin: float = 0.02
    # ... and within this, one saying what the person asked about said ("que dijo maduro" / "And
    # Maduro here saying “hands off Venezuela!”", 0.032 behind a sentence on his support for Evo
    # Morales); it must name them in its passage (names_subject). Over the 15,848 eval questions
    # (docs/EVALUATION.md, round 43) it moves that one answer only, which was right before and now
    # quotes the words said.
    statement_tie_margin: float = 0.05
    # A question asking when the document was published or who wrote it (asks_publication_date,
    # asks_document_author) is answered by the byline of its front matter giving the date or the
    # writer, with this confidence (docs/EVALUATION.md, rounds 7 and 10).
    # Titles and bylines are short and embed far from any question (cosines about 0.80), so the
    # support score would abstain on them.
    front_matter_confidence: float = 0.9
    # An item of an enumeration found by the number the question asks for (asked_item) that is also
    # the sentence most like the question answers with at least this confidence: an item says little
    # but what it orders, and short questions about one sit near the abstention threshold ("Sixth:
    # Suspend the robbery ..." is 0.83 from "What did the sixth order say?"; round 14).
    item_confidence: float = 0.9
    # A first passage this close to the question is about what it asks even when it shares no word
    # with it that the dictionaries know (shares_a_word): FreeDict has no "soberanía" nor
    # "alimentaria", and "¿Qué es la soberanía alimentaria?" finds "the concept of “food
    # sovereignty”" at 0.863. The questions the check refuses on the eval sets (recipes, the
    # weather, who painted the Mona Lisa) find nothing above 0.818 (docs/EVALUATION.md, round 18).
    unshared_passage_similarity: float = 0.84
    # The rarity of each term in the corpus (lexical.term_rarity), weighing the terms a sentence
    # shares with the question (rare_term_overlap); None, every term weighs the same.
    term_rarity: TermRarity | None = None


def term_overlap(question_terms: set[str], candidate: SentenceCandidate) -> float:
    if not question_terms:
        return 0.0
    return len(question_terms & term_set(candidate.text, candidate.lang)) / len(question_terms)


def rare_term_overlap(question_terms: set[str], candidate: SentenceCandidate, rarity: TermRarity | None) -> float:
    """The share of the question's terms in the sentence, each weighted by its rarity in the corpus
    (lexical.term_rarity; without one, every term weighs the same): "Were the founders indigenous?"
    is answered by "While the initial founders were not at all indigenous", not by the sentence
    about "a movement of indigenous people" (docs/EVALUATION.md, round 12)."""
    if rarity is None:
        return term_overlap(question_terms, candidate)
    if not question_terms:
        return 0.0
    weights = {term: rarity.of(term) for term in question_terms}
    shared = question_terms & term_set(candidate.text, candidate.lang)
    return sum(weights[term] for term in shared) / sum(weights.values())


def sentence_score(
    question_terms: set[str],
    candidate: SentenceCandidate,
    params: AnswerParameters,
    question_lang: str | None = None,
    about_author: bool = False,
) -> float:
    """How well a sentence answers: its similarity (blended with its similarity to what the
    question asks of its names, ``aspect_weight``), its passage's, shared terms, passage rank, a
    small credit when it is in another language than the question (its cosines run lower), and one
    when the question is about the author and the sentence speaks in the first person."""
    crosslingual = question_lang is not None and candidate.lang != question_lang
    similarity = candidate.similarity
    if candidate.aspect_similarity is not None:
        similarity += params.aspect_weight * (candidate.aspect_similarity - similarity)
    return (
        similarity
        + params.passage_weight * candidate.passage_similarity
        + params.lexical_bonus * rare_term_overlap(question_terms, candidate, params.term_rarity)
        - params.rank_penalty * (candidate.hit_rank - 1)
        + (params.crosslingual_sentence_bonus if crosslingual else 0.0)
        + (params.author_voice_sentence_bonus if about_author and first_person(candidate.text) else 0.0)
    )


# A sentence opening with one of these states a consequence of the sentence before it, which holds
# the reason ("... worldwide changes were happening that weakened the socialist movement." /
# "Consequently, Marcos was hesitant to take any offensive action"): a "why" question is answered
# by the earlier sentence and matched by the later one, so a citation quotes both.
# "As a result of the war" and "Como consecuencia de la guerra" give their own cause (but "As a result
# of this" points back); "Thus far" is a time.
_POINTS_BACK = re.compile(
    r"^\W*(consequently|accordingly|therefore|thus(?! far\b)|hence|as a result(?! of\b(?! (this|that|these)\b))|"
    r"because of (this|that)|"
    r"for (this|that|these) reasons?|that[’'‘]?s why|that is why|this is why|"
    r"por (lo )?tanto|por (eso|ello|esto|consiguiente)|por (esta|estas) raz(ón|on|ones)|por este motivo|"
    r"en consecuencia|consecuentemente|como (consecuencia|resultado)(?! de\b(?! (ello|esto|eso)\b))|"
    r"debido a (esto|ello)|"
    r"as[ií] que|de ah[ií] que|es por (eso|ello|esto))\b",
    re.IGNORECASE,
)


# A relative clause written as a sentence of its own ("... they even had a visit from the Venezuelan
# Minister ... Elias Jaua." / "In which their was an agreement made between both parties ..."; "Where
# they will find some land ...", "En el que ...", "Donde ..."): quoted alone, it does not say what it
# is about. Not a question ("Where do they sell it?").
_RELATIVE_OPENING = re.compile(
    r"^\W*(in which|where(?!\s+(is|are|was|were|do|does|did|can|could|will|would)\b)|en (el|la|los|las) que|donde)\b",
    re.IGNORECASE,
)


def points_back(text: str, lang: str) -> bool:
    """Whether the sentence opens with a connective that makes it a consequence of the one before,
    as a relative clause that finishes it (_RELATIVE_OPENING), or with a pronoun standing for what
    that one names (chunk.refers_back: "Their advice is to …"): its citation quotes that one too."""
    return bool(_POINTS_BACK.match(text) or _RELATIVE_OPENING.match(text) or refers_back(text, lang))


# A fragment written as a sentence of its own that only finishes the one before it ("... changes
# were happening that weakened the socialist movement." / "Such as the fall of Berlin ...").
_CONTINUES = re.compile(r"^\W*(such as|including|tales como|incluyendo|incluido)\b", re.IGNORECASE)


def continues_sentence(text: str) -> bool:
    """Whether the sentence is a fragment that completes the one before it."""
    return bool(_CONTINUES.match(text))


def quoted_text(candidate: SentenceCandidate) -> str:
    """What a citation of the candidate would quote: the sentence before it when it points back
    (and both fit), the sentence, and as many of the following sentences as still fit."""
    return _quote(candidate)[1]


def _quote(candidate: SentenceCandidate, with_before: bool = True) -> tuple[int, str]:
    """Where the quoted text starts in the document, and the text (see quoted_text)."""
    before = candidate.before if with_before and candidate.before is not None else ""
    if not points_back(candidate.text, candidate.lang) or len(before) + len(candidate.text) > MAX_CITATION_CHARS:
        before = ""
    quoted = before + candidate.text
    for sentence in candidate.following:
        if len(quoted) + len(sentence) > MAX_CITATION_CHARS:
            break
        quoted += sentence
    return candidate.start - len(before), quoted


def quoted_similarity(best: SentenceCandidate, candidates: Sequence[SentenceCandidate]) -> float:
    """The cosine to the question of the closest of the sentences a citation of ``best`` quotes (it,
    and the sentences quoted before and after it that are among the ``candidates``): the sentence
    most like the question often names the topic and the one quoted after it gives what is asked
    ("As I wrote in the last article ..." / "Though that article largely focuses on ... Vox")."""
    cited = _citation(0, best)
    quoted = (c.similarity for c in candidates if c.doc_id == best.doc_id and cited.start <= c.start < cited.end)
    return max(quoted, default=best.similarity)


def support(
    question_terms: set[str],
    best: SentenceCandidate,
    top_passage_similarity: float,
    top_passage_lang: str,
    question_lang: str | None,
    params: AnswerParameters,
    sentence_similarity: float | None = None,
) -> float:
    """Evidence that the corpus answers at all: what is quoted and the best passage both close.
    ``sentence_similarity`` is the cosine of what is quoted (quoted_similarity); the best sentence's
    own when not given. Cosines across languages run lower than within one (measured: about 0.02
    for e5-small on the dev set), so a cross-lingual match is credited that much instead of being
    mistaken for a miss: each of the two cosines for itself, as a Spanish sentence may stand in an
    English passage."""
    similarity = best.similarity if sentence_similarity is None else sentence_similarity
    score = (similarity + top_passage_similarity) / 2
    score += params.support_lexical_weight * term_overlap(question_terms, best)
    if question_lang is not None:
        crossings = (best.lang != question_lang) + (top_passage_lang != question_lang)
        score += params.crosslingual_bonus / 2 * crossings
    return score


def confidence(score: float, params: AnswerParameters) -> float:
    return 1.0 / (1.0 + math.exp(-(score - params.confidence_center) / params.confidence_scale))


def answer(
    question: str,
    hits: list[Hit],
    candidates: list[SentenceCandidate],
    params: AnswerParameters,
    question_lang: str | None = None,
    document_title: str = "",
    translated_terms: Sequence[str] | None = None,
    document_site: str = "",
    corpus_countries: frozenset[str] | None = None,
) -> Answer:
    """The answer from the sentences of the first passages; ``document_title`` is the title of the
    first passage's document (a question may name the document by it, asks_publication_date);
    ``translated_terms``, the question's words in the other language (qa.bilingual), when a
    dictionary is at hand: then a passage that shares no word with the question cannot answer it;
    ``document_site``, the line that document's site is shown by (its name or tagline), if any;
    ``corpus_countries``, the countries the corpus mentions, when known (Snapshot.countries)."""
    if names_another_document(question):
        candidates = without_front_matter(question, candidates, params, question_lang)
    if not candidates or not hits or names_nothing(question):
        return Answer(question, answered=False, answer=None, confidence=0.0, passages=tuple(hits))
    terms = set(query_tokens(question))
    asked = asked_for(question)
    plain = ranked_sentences(question, candidates, params, question_lang)
    # each passage with its heading and lead-in (Chunk.context), for the names a sentence leaves to them
    passages = {hit.chunk.chunk_id: f"{hit.chunk.context}\n{hit.chunk.text}" for hit in hits}
    typed = typed_first(plain, asked, params, passages, question_lang)
    item = asked_item(asked.numbered, [candidate for _, candidate in typed], passages)
    scored = typed if item is None else [(typed[0][0], item), *typed]
    front_line = front_matter_date(question, hits[0], scored, document_title)
    if front_line is None and asks_document_title(question, document_title):
        front_line = front_matter_title(hits[0], scored, document_title)
    if front_line is None and asks_site(question, document_title):
        front_line = front_matter_site(hits[0], scored, document_site)
    if front_line is None and asks_document_author(question, document_title):
        # a document's writer is given by its byline: any other sentence names someone else
        # (a signature or an "About the author" box would be missed, and the question refused)
        front_line = front_matter_author(hits[0], scored)
        if front_line is None:
            return Answer(question, answered=False, answer=None, confidence=0.0, passages=tuple(hits))
    if front_line is not None:
        scored = [front_line, *(pair for pair in scored if pair is not front_line)]
    scores = {id(c): score for score, c in scored}
    ranked = [c for _, c in scored]
    # a sentence that answers for its type (typed_first) or as the document's byline answers alone
    alone = front_line is not None or scored[0] is not plain[0]
    top_similarity = hits[0].dense_score or 0.0
    # the item asked for by its number is found by its passage, not by its likeness to the question:
    # whether the corpus answers is judged on the sentence that was best before it moved
    judged = typed[0][1] if item is not None and front_line is None else ranked[0]
    # what is quoted; an item found by its number is quoted instead of the sentence judged, which is
    # then judged on its own cosine
    quoted = quoted_similarity(judged, candidates) if judged is ranked[0] else None
    judged_support = support(terms, judged, top_similarity, hits[0].chunk.lang, question_lang, params, quoted)
    certainty = confidence(judged_support, params)
    if corpus_countries is not None and names_unknown_country(
        without_lead_in(without_set_aside(question)), corpus_countries
    ):
        # no passage is about a country the corpus never mentions: "What is the GDP of Argentina?"
        # found sentences about Venezuela's economy (docs/ANSWERS.md, round 41)
        certainty *= params.answer_type_penalty
    elif front_line is not None:
        certainty = max(certainty, params.front_matter_confidence)
    elif not _answers_what_was_asked(asked, ranked[0], passages, _shown_after(asked, ranked[0], ranked, not alone)):
        certainty *= params.answer_type_penalty
    elif (
        translated_terms is not None
        and _content_similarity(hits, ranked[0]) < params.unshared_passage_similarity
        and not shares_a_word(question, translated_terms, _passages_read(passages, ranked[0], hits[0], alone))
    ):
        # Without the dictionary a question would share no word with any passage in the other language.
        certainty *= params.answer_type_penalty
    elif (
        translated_terms is not None
        and item is None
        and asks_procedure(question)
        and _shares_too_little_of_subject(question, translated_terms, ranked[0])
    ):
        # instructions are for doing something to something: a sentence sharing only the thing
        # ("How do I make cold brew coffee at home?" / the Zapatistas' coffee) tells none. Off without
        # the dictionaries, as above: a question in the other language would share nothing.
        certainty *= params.answer_type_penalty
    elif item is not None and _points_at_item(judged, item, asked, passages):
        certainty = max(certainty, params.item_confidence)
    if certainty < params.abstain_threshold:
        return Answer(question, answered=False, answer=None, confidence=round(certainty, 4), passages=tuple(hits))
    first, citations = _quoted_passage(hits, ranked[0], _citations(ranked, scores, asked, alone, params))
    citations = tuple(_holding_passage(citation, hits) for citation in citations)
    text = " ".join(f"{citation.quote.strip()} [{citation.n}]" for citation in citations)
    # the passage quoted comes first, whatever it scored: a search ranks as its answer does (round 19)
    return Answer(question, True, text, round(certainty, 4), citations, tuple(promoted(hits, first)))


def _quoted_passage(
    hits: list[Hit], best: SentenceCandidate, citations: tuple[Citation, ...]
) -> tuple[str, tuple[Citation, ...]]:
    """The chunk id of the passage the answer quotes, and the citations, the best sentence's naming
    it: that sentence's own passage, unless its citation reads on past the end of it; then the best
    ranked passage holding the whole citation, or else the piece of it holding the sentence
    (_in_pairs), if one was found. Passages overlap, and a sentence
    ending one is often completed by those after it, which the citation quotes too ("Much of its
    focus is also on the concept of “food sovereignty.”" / "Which is “a food system in which …”",
    round 35)."""
    own = next((hit.chunk for hit in hits if hit.chunk.chunk_id == best.chunk_id), None)
    quoting = _citation(0, best)  # the whole quote, cited in pieces (_in_pairs)
    if own is None or quoting.end <= own.end:
        return best.chunk_id, citations
    holding = _first_holding(quoting, hits)
    if holding is not None:
        return holding, tuple(
            replace(c, chunk_id=holding) if c.doc_id == best.doc_id and quoting.start <= c.start < quoting.end else c
            for c in citations
        )
    # none holds it whole: the best ranked one holding the piece with the sentence (_in_pairs)
    piece = next((c for c in citations if c.doc_id == best.doc_id and c.start <= best.start < c.end), None)
    holding = None if piece is None else _first_holding(piece, hits)
    if piece is None or holding is None:
        return best.chunk_id, citations
    return holding, tuple(replace(c, chunk_id=holding) if c is piece else c for c in citations)


def _holding_passage(citation: Citation, hits: list[Hit]) -> Citation:
    """The citation naming a passage that holds it: its sentence's own, unless it reads on past that
    one (the sentences after a passage's last, or a piece of such a quote, _in_pairs); then the best
    ranked passage holding it whole, if one was found. The web page links a citation to it."""
    own = next((hit.chunk for hit in hits if hit.chunk.chunk_id == citation.chunk_id), None)
    if own is None or _holds(own, citation):
        return citation
    holding = _first_holding(citation, hits)
    return citation if holding is None else replace(citation, chunk_id=holding)


def _first_holding(citation: Citation, hits: list[Hit]) -> str | None:
    """The chunk id of the best ranked passage holding the whole citation, if any."""
    return next((hit.chunk.chunk_id for hit in hits if _holds(hit.chunk, citation)), None)


def _holds(chunk: Chunk, citation: Citation) -> bool:
    return chunk.doc_id == citation.doc_id and chunk.start <= citation.start and citation.end <= chunk.end


def _shares_too_little_of_subject(question: str, translated_terms: Sequence[str], candidate: SentenceCandidate) -> bool:
    """Whether what a citation of the candidate quotes shares fewer than two of the question's terms
    or their translations, besides those asking for instructions, and fewer than half of the words
    naming what the instructions are for ("How do I follow the author?" / "And follow my Twitter
    here." shares one of two). The quote's terms are stems of its own language: the translations of
    an English question's words are Spanish stems, and "coffee" and the "Café" of "Café RebelDia"
    do not count twice."""
    asked = set(query_tokens(question)).union(translated_terms)
    shared = {
        term
        for term in term_set(quoted_text(candidate), candidate.lang) & asked
        if len(term) > 1 and term not in PROCEDURE_TERMS
    }
    return len(shared) < 2 and 2 * len(shared) < len(procedure_subject(question))


def _content_similarity(hits: list[Hit], quoted: SentenceCandidate) -> float:
    """How close to the question a passage that is more than a document's front matter comes (the
    first one's dense score); none does when the sentence quoted is front matter itself. A title
    alone ("Meeting minutes", 15 characters) is close to any short question ("test": 0.846) without
    being about anything it asks."""
    if in_front_matter(quoted.passage_kind):
        return 0.0
    return next((hit.dense_score or 0.0 for hit in hits if not in_front_matter(hit.chunk.kind)), 0.0)


def _passages_read(passages: dict[str, str], best: SentenceCandidate, first: Hit, alone: bool) -> str:
    """The text whose words tell whether the corpus is about what a question asks (shares_a_word):
    the passage of the sentence answering; with the first passage, when that sentence was moved
    first for the kind of answer it gives (typed_first, ``alone``). A sentence naming the party
    asked for may stand in a passage that shares no word the dictionaries know with the question
    ("¿Con qué partido político colabora el Movimiento de los Trabajadores Sin Tierra?" / "In
    contrast, the Landless Workers Movement does work with the Workers Party of Brazil": FreeDict
    gives "partido" as "elsewhere" and has no "landless"), while the passage found first does."""
    quoted = passages[best.chunk_id]
    return f"{quoted}\n{passages[first.chunk.chunk_id]}" if alone else quoted


def without_front_matter(
    question: str, candidates: list[SentenceCandidate], params: AnswerParameters, question_lang: str | None
) -> list[SentenceCandidate]:
    """For a question about another document than the one read (front_matter.names_another_document:
    "When will the next article be published?"), the candidates but the documents' titles, site
    lines and bylines, which say nothing of it; none when one of those was the sentence most like the
    question, which then asks what only that other document's front matter would give."""
    best = ranked_sentences(question, candidates, params, question_lang)[0][1] if candidates else None
    if best is None or in_front_matter(best.passage_kind):
        return []
    return [candidate for candidate in candidates if not in_front_matter(candidate.passage_kind)]


def _citations(
    ranked: list[SentenceCandidate],
    scores: dict[int, float],
    asked: AskedFor,
    alone: bool,
    params: AnswerParameters,
) -> tuple[Citation, ...]:
    """The citations of an answer whose best sentence is ``ranked[0]``, numbered in source order."""
    chosen = [_citation(0, ranked[0])]
    quoted = [ranked[0]]  # the candidate each citation in ``chosen`` quotes
    # A sentence chosen for its type answers alone: the sentences that outscored it lack what was
    # asked, and those that tie with it give other dates or counts, which a reader would take for
    # rival answers ("1983 ... [1] In 1993, they voted ... [2]").
    limit = 1 if alone else params.max_citations
    follower = None if alone else cut_off_follower(ranked[0], ranked)
    if follower is None and not alone and asked.kind in NEXT_SENTENCE_KINDS and not gives(asked, ranked[0].text):
        follower = next_passage_opening(ranked[0], ranked)  # what it gives may open the next passage
    if follower is not None:
        ranked = [ranked[0], follower, *(c for c in ranked[1:] if c is not follower)]
    best_score = scores[id(ranked[0])]
    for candidate in ranked[1:]:
        if len(chosen) >= limit:
            break
        if candidate is not follower and best_score - scores[id(candidate)] > params.second_citation_margin:
            continue
        if in_front_matter(candidate.passage_kind):
            # a title or byline beside an answer is not part of it: a short title is close to any
            # short question ("thanks": "Thanks for reading. [1] Meeting minutes [2]")
            continue
        if candidate is not follower and asked.kind is not None and not _gives_what_was_asked(asked, candidate, ""):
            # a close sentence that does not give what was asked (asked.gives: the kind of answer,
            # and the role's holder or the event when asked) would be read as the answer ("How long
            # did the conflict last?": "... 12 días de conflicto armado" [1], not the FLN's end "a
            # principios de los setenta" next to it; docs/EVALUATION.md, round 18)
            continue
        sentence = (candidate.doc_id, candidate.start, candidate.end)
        if any(_same_span(sentence, _span(other)) for other in chosen):
            continue  # already quoted by a better citation
        citation = _citation(0, candidate)
        introduction = (candidate.doc_id, citation.start, candidate.start)
        if any(_same_span(introduction, _span(other)) for other in chosen):
            citation = _citation(0, candidate, with_before=False)  # its introduction is quoted already
        for other in chosen:  # the sentences after it may run into a better citation: stop before it
            if _same_span(_span(citation), _span(other)):
                citation = _trimmed(citation, other.start)
        chosen.append(citation)
        quoted.append(candidate)
    languages = {(c.doc_id, c.start): c.lang for c in ranked}
    pieces = [piece for citation, c in zip(chosen, quoted, strict=True) for piece in _in_pairs(citation, c, languages)]
    pieces.sort(key=lambda c: (c.doc_id, c.start))  # read in source order
    return tuple(replace(citation, n=n) for n, citation in enumerate(pieces, start=1))


def _in_pairs(
    citation: Citation, candidate: SentenceCandidate, languages: dict[tuple[str, int], str]
) -> list[Citation]:
    """The citation of the candidate's quote, cut into citations of at most two of its sentences
    (the sentence before it and it, or it and the one after, then the next two): a citation is a
    sentence or two of the source, while the answer to what the sentence most like the question
    names is often two sentences on ("One year later, the EZLN released the “First Declaration ...”"
    / "The Lacandon Jungle being where they are located ..." / "Anyway, ... the First Declaration
    was basically a declaration of war ...", docs/EVALUATION.md, round 40). A piece is in the
    language of its first sentence, where ``languages`` (by document and start) has it; the space or
    bullet between two pieces is in neither."""
    sentences = _sentence_spans(candidate)
    if citation.start < candidate.start:
        sentences.insert(0, (citation.start, candidate.start))  # the sentence before, quoted with it
    sentences = [(start, min(end, citation.end)) for start, end in sentences if start < citation.end]
    pieces = []
    for first in range(0, len(sentences), 2):
        start, end = sentences[first][0], sentences[min(first + 1, len(sentences) - 1)][1]
        quote = citation.quote[start - citation.start : end - citation.start].rstrip()
        lang = languages.get((citation.doc_id, start), citation.lang)
        pieces.append(replace(citation, start=start, end=start + len(quote), quote=quote, lang=lang))
    return pieces


def _sentence_spans(candidate: SentenceCandidate) -> list[tuple[int, int]]:
    """Where the candidate and each of the sentences given after it start and end in its document."""
    spans = [(candidate.start, candidate.end)]
    end = candidate.end
    for number, sentence in enumerate(candidate.following):
        given = number < len(candidate.following_starts)
        start = candidate.following_starts[number] if given else end + len(sentence) - len(sentence.lstrip())
        end += len(sentence)
        spans.append((start, end))
    return spans


def typed_first(
    scored: list[tuple[float, SentenceCandidate]],
    asked: AskedFor,
    params: AnswerParameters,
    passages: dict[str, str],
    question_lang: str | None = None,
) -> list[tuple[float, SentenceCandidate]]:
    """``scored`` with the best sentence holding the kind of answer asked for, about the countries
    asked (_answers_what_was_asked), moved first, when the first one does not hold it and the
    other is within ``answer_type_tie_margin`` of it. For an event, that sentence's passage
    (``passages``: text by chunk id, with headings) must name whom it happened to (names_subject):
    the sentence itself often says "they". A count of the very thing asked for ("members") is moved
    from within ``counted_tie_margin``, an occasion answering a bare "when" ("in my first trip to
    Latin America") from within ``occasion_tie_margin``, before any date (_positions_to_try), and
    what an acronym stands for from any distance: a sentence giving the expansion of the very
    acronym asked about answers it ("Landless Workers Movement (MST)"), however little else of it
    is like the question."""
    if not asked.anything or not scored:
        return scored
    candidates = [candidate for _, candidate in scored]
    if _answers_what_was_asked(asked, scored[0][1], passages, _shown_after(asked, scored[0][1], candidates, True)):
        return scored
    for position in _positions_to_try(scored, asked, params, question_lang):
        candidate = scored[position][1]
        context = passages.get(candidate.chunk_id, candidate.text)
        # promoted, it answers alone: a next sentence outside its quote would not be cited
        after = _shown_after(asked, candidate, candidates, False)
        if _answers_what_was_asked(asked, candidate, passages, after) and names_subject(asked, context):
            return [scored[position], *scored[:position], *scored[position + 1 :]]
    return scored


def _positions_to_try(
    scored: list[tuple[float, SentenceCandidate]], asked: AskedFor, params: AnswerParameters, question_lang: str | None
) -> list[int]:
    """The positions in ``scored`` of the sentences behind the best one that may answer in its
    place (typed_first), in the order they are tried: by score, within ``answer_type_tie_margin``,
    or ``counted_tie_margin`` for a count of the very thing asked for (``party_tie_margin`` and
    ``country_tie_margin`` for a party, a country). For a bare "when", first
    every occasion that is another event (asked.gives_occasion; across languages when the sentence
    is not in ``question_lang``, where an event named by a noun may be the one asked about) within
    ``occasion_tie_margin``, or within ``shared_occasion_tie_margin`` when it shares a term of the
    question that the best sentence lacks, then a time within ``answer_type_tie_margin``: a date is in most
    passages, and one that close is as often another event's ("¿Cuándo le va mejor al MST para
    conseguir tierras?" / "… delivered a copy of the MST's programme … on 17 April", ahead of "…
    when there is a leftist president in office")."""
    best = scored[0][0]
    margin = math.inf if asked.kind == "expansion" else params.answer_type_tie_margin
    if asked.counted:
        margin = max(margin, params.counted_tie_margin)
    if asked.kind == "party":
        margin = max(margin, params.party_tie_margin)
    if asked.kind == "country":
        margin = max(margin, params.country_tie_margin)
    if asked.event == "statement":
        margin = max(margin, params.statement_tie_margin)
    if asked.kind == "occasion":
        margin = max(margin, params.occasion_tie_margin, params.shared_occasion_tie_margin)
    tie = params.answer_type_tie_margin
    within = [
        (position, best - score, candidate)
        for position, (score, candidate) in enumerate(scored[1:], start=1)
        if best - score <= margin
    ]
    if asked.kind == "occasion":
        best_text = scored[0][1].text
        occasions = [
            position
            for position, gap, candidate in within
            if gives_occasion(asked, candidate.text, same_language=question_lang in (None, candidate.lang))
            and (gap <= params.occasion_tie_margin or shares_asked_term(asked, candidate.text, besides=best_text))
        ]
        dates = [
            position
            for position, gap, candidate in within
            if gap <= tie and has_answer_type("time", candidate.text) and position not in occasions
        ]
        return [*occasions, *dates]
    if asked.counted:
        return [position for position, gap, candidate in within if gap <= tie or counts(asked.counted, candidate.text)]
    return [position for position, _, _ in within]


def asked_item(
    named: Sequence[tuple[int, str]], candidates: list[SentenceCandidate], passages: dict[str, str]
) -> SentenceCandidate | None:
    """The item of an enumeration that the question asks about by its number (``named``: the
    numbered things it names, as which_one.numbered reads them; "¿Qué pedía la
    quinta orden de la Primera Declaración?" / "Fifth: We ask for ..."), quoted without the items
    after it; None when no candidate is one. The sentence most like such a question names the
    series ("the EZLN released the First Declaration"); the item itself says little but what it
    orders. What its passage (with its lead-in) introduces it with must be the series asked about
    ("the following orders:"), and the passage must not be about another of a series the question
    also names ("the second order of the Second Declaration" is not the First's)."""
    for number, noun in named:
        others = [other for other in named if other[1] != noun]
        for candidate in candidates:
            found = item_number(candidate.text)
            if found is None or (found != number and number != LAST):
                continue
            passage = passages.get(candidate.chunk_id, "")
            at = max(0, passage.find(candidate.text))
            before, after = passage[:at], passage[at + len(candidate.text) :]
            if number == LAST and item_number(after) is not None:
                continue  # another item follows it
            if introduces_series(noun, before) and not any(about_another_numbered(o, passage, "") for o in others):
                following = tuple(itertools.takewhile(lambda s: item_number(s) is None, candidate.following))
                return replace(candidate, following=following)
    return None


def _points_at_item(
    best: SentenceCandidate, item: SentenceCandidate, asked: AskedFor, passages: dict[str, str]
) -> bool:
    """Whether the sentence most like the question points at the item found by its number
    (asked_item) too: it is the item; or it stands before the item in its passage, introducing its
    series ("… we give our military forces, the EZLN, the following orders:"), and the question
    names by its number a document that passage names ("What did the sixth order of the First
    Declaration demand?"). Any question about an order is most like that introduction: "What was
    the last order given by the Mexican government?" is not about these orders."""
    if (best.chunk_id, best.start) == (item.chunk_id, item.start):
        return True
    if best.chunk_id != item.chunk_id or best.start > item.start:
        return False
    in_passage = numbered(passages.get(item.chunk_id, ""))
    return any(named in in_passage for named in asked.numbered)


def cut_off_follower(best: SentenceCandidate, candidates: list[SentenceCandidate]) -> SentenceCandidate | None:
    """The sentence right after ``best`` among ``candidates``, when only the length cap kept it out
    of best's citation: a long sentence naming the topic is often followed by the one that answers
    ("En el levantamiento de 1994 ... 70 mil efectivos." (437 characters) / "Las movilizaciones de la
    sociedad civil detuvieron los ataques ..."), which a citation would quote with it if both fit
    in MAX_CITATION_CHARS. It is then cited next, whatever its own score (docs/EVALUATION.md, round 8)."""
    if not best.following or _quotes_next(best):
        return None  # nothing follows it (engine._sentences_after), or its quote holds what does
    follower_start = best.end + len(best.following[0]) - len(best.following[0].lstrip())
    return next((c for c in candidates if c.doc_id == best.doc_id and c.start == follower_start), None)


def _quotes_next(candidate: SentenceCandidate) -> bool:
    """Whether the candidate's quote holds the sentence after it (the length cap may keep it out)."""
    start, quoted = _quote(candidate)
    return start + len(quoted) > candidate.end


def next_passage_opening(best: SentenceCandidate, candidates: list[SentenceCandidate]) -> SentenceCandidate | None:
    """The sentence among ``candidates`` that opens the passage right after ``best``, when nothing
    follows ``best`` (it ends its passage, and the next is of another kind of block or section,
    engine._sentences_after): "And, for those curious, here's an article mentioning a meeting even
    between the MST and the Zapatista movement." / "“The Western Hemisphere Policy Watch blog cites
    a meeting ... in Southern Mexico ..." (a quote) answers where they met."""
    if best.following:
        return None
    after = [c for c in candidates if c.doc_id == best.doc_id and 0 <= c.start - best.end <= _PASSAGE_GAP]
    return min(after, key=lambda c: c.start, default=None)


# at most this many characters (a paragraph break) between a passage's last sentence and the next's first
_PASSAGE_GAP = 3


def _shown_after(
    asked: AskedFor, candidate: SentenceCandidate, candidates: list[SentenceCandidate], cited_after: bool
) -> str:
    """For the kinds given in the sentence right after the one naming the topic
    (NEXT_SENTENCE_KINDS), the sentence after the candidate, when an answer citing the candidate
    shows it too: in the candidate's quote, or cited after it (``cited_after``) because only the
    length cap kept it out (cut_off_follower) or because it opens the next passage
    (next_passage_opening). Empty otherwise."""
    if asked.kind not in NEXT_SENTENCE_KINDS:
        return ""
    if candidate.following:
        return candidate.following[0] if cited_after or _quotes_next(candidate) else ""
    opening = next_passage_opening(candidate, candidates) if cited_after else None
    return f" {opening.text}" if opening is not None else ""


def _gives_what_was_asked(asked: AskedFor, candidate: SentenceCandidate, after: str) -> bool:
    """Whether the candidate gives what the question asks for (asked.gives): in its whole
    quote for the kinds often given in the sentences after the one naming the topic
    (READ_ON_KINDS), in itself and the sentence an answer shows after it for those given right
    after it (``after``: _shown_after), else in itself. A role asked of a holder ("the president
    of Cuba") is one named next to it: the president of another country answers nothing."""
    checked = quoted_text(candidate) if asked.kind in READ_ON_KINDS else candidate.text + after
    return gives(asked, checked)


def _answers_what_was_asked(
    asked: AskedFor, candidate: SentenceCandidate, passages: dict[str, str], after: str
) -> bool:
    """Whether the candidate gives what was asked (_gives_what_was_asked, with the sentence shown
    ``after`` it) about what the question asks it of: its quote is not about other countries, read
    with its passage (``passages``: text by chunk id, with headings; asked.about_other_countries),
    its sentence not about another of a numbered series asked about
    (which_one.about_another_numbered), and its quote names the one of a kind asked for
    (which_one.leaves_unnamed)."""
    passage = passages.get(candidate.chunk_id, "")
    return (
        _gives_what_was_asked(asked, candidate, after)
        and not about_other_countries(asked, quoted_text(candidate), passage)
        and not about_another_numbered(asked.numbered[0] if asked.numbered else None, candidate.text, passage)
        and not leaves_unnamed(asked.named_kind, quoted_text(candidate), asked.question_names)
    )


def ranked_sentences(
    question: str, candidates: list[SentenceCandidate], params: AnswerParameters, question_lang: str | None = None
) -> list[tuple[float, SentenceCandidate]]:
    """The candidates with their scores, best first. A sentence that is itself a question (the
    article asks its own: "But what about outside of Latin America?") answers nothing, so it is
    left out unless there is nothing else."""
    terms = set(query_tokens(question))
    about_author = asks_about_author(question)
    statements = [c for c in candidates if not _is_question(c.text)] or candidates
    scored = [(sentence_score(terms, c, params, question_lang, about_author), c) for c in statements]
    return sorted(scored, key=lambda pair: -pair[0])


def lead_over_other_passages(ranked: list[tuple[float, SentenceCandidate]]) -> float:
    """How far the best sentence's score leads the best sentence of another passage that the best
    one's passage does not hold too (overlapping passages share sentences); infinite when there is
    none."""
    if not ranked:
        return math.inf
    best_score, best = ranked[0]
    its_spans = {(c.start, c.end) for _, c in ranked if c.chunk_id == best.chunk_id}
    rivals = (score for score, c in ranked[1:] if c.chunk_id != best.chunk_id and (c.start, c.end) not in its_spans)
    rival = next(rivals, None)
    return math.inf if rival is None else best_score - rival


def _is_question(text: str) -> bool:
    return text.rstrip(" ”\"'»)").endswith("?")


def _span(citation: Citation) -> tuple[str, int, int]:
    return citation.doc_id, citation.start, citation.end


def _same_span(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return a[0] == b[0] and min(a[2], b[2]) > max(a[1], b[1])


def _trimmed(citation: Citation, limit: int) -> Citation:
    """The citation cut to end before ``limit`` (a sentence boundary; trailing space dropped)."""
    quote = citation.quote[: max(0, limit - citation.start)].rstrip()
    return replace(citation, end=citation.start + len(quote), quote=quote)


def _citation(n: int, candidate: SentenceCandidate, with_before: bool = True) -> Citation:
    start, text = _quote(candidate, with_before)
    if len(text) > MAX_CITATION_CHARS:
        # cut a very long sentence at the last word boundary that fits
        cut = text.rfind(" ", 0, MAX_CITATION_CHARS)
        text = text[: cut if cut > 0 else MAX_CITATION_CHARS]
    return Citation(n, candidate.doc_id, start, start + len(text), text, candidate.lang, candidate.chunk_id)
