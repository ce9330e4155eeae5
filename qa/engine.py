"""The application core shared by the CLI and the API: settings, model and index, wired once."""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from qa import corpus_files
from qa import index as index_store
from qa.acronyms import spelled_out
from qa.answer import (
    FOLLOWING_SENTENCES,
    MAX_CITATION_CHARS,
    AnswerParameters,
    SentenceCandidate,
    continues_sentence,
    lead_over_other_passages,
    points_back,
    ranked_sentences,
)
from qa.answer import answer as extract_answer
from qa.asked import asked_of_names, people_set_aside, without_set_aside
from qa.bilingual import Translations, translations_for
from qa.chunk import ChunkingParameters, same_block_run
from qa.embed import Embedder, make_embedder
from qa.errors import InvalidInput, NotFound
from qa.front_matter import front_lines_asked, has_part
from qa.index import Snapshot
from qa.ingest import discover, load_document
from qa.language import SUPPORTED_LANGS, LanguageIdentifier
from qa.lexical import has_words
from qa.machine_translation import QuestionTranslator, translation_lang, translation_terms, translator_for
from qa.models import Answer, Chunk, Document, Hit, moved_first, promoted
from qa.pipeline import BuildStats, Progress, build_snapshot
from qa.retrieve import RetrievalParameters, retrieve
from qa.settings import Settings

log = logging.getLogger(__name__)

# The answer step reads the sentences of this many first passages (as many as a default search returns).
ANSWER_PASSAGES = 5


@dataclass(frozen=True)
class Retrieved:
    """A question (validated) with its language, its passages, the sentences of the first ones
    (sentence_candidates), the vector they were found by, and what it asks of its names."""

    question: str
    lang: str
    hits: list[Hit]
    candidates: list[SentenceCandidate]
    vector: np.ndarray
    aspect: str | None  # what the question asks of its names (asked.asked_of_names), None if it names nothing
    # the whole question's words in the other language by the dictionaries, for the answer step's
    # word in common (a translation's words there answered everyday questions: round 36)
    translated_terms: list[str] | None = None


@dataclass(frozen=True)
class IndexStatus:
    path: Path
    documents: int
    chunks: int
    stale: bool
    manifest: dict[str, Any]


class Engine:
    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        detect_lang: Callable[[str], str] | None = None,
    ) -> None:
        self.settings = settings
        self.embedder: Embedder = embedder or make_embedder(settings)
        self.detect_lang = detect_lang or LanguageIdentifier()
        # Questions are English or Spanish (the API says so): a two-language detector loads in a third of
        # the time and memory of the six-language one that passages need (docs/BENCHMARKS.md).
        self.detect_question_lang = detect_lang or LanguageIdentifier(languages=("en", "es"))
        self._snapshot: Snapshot | None = None
        self._snapshot_pointer: str | None = None
        self._load_lock = threading.Lock()
        # None until read; then a 1-tuple, since the dictionaries may be absent (read once either way)
        self._translations: tuple[Translations | None] | None = None
        self._translator: tuple[QuestionTranslator | None] | None = None
        # one thread per pipeline at most: each serialises its questions anyway
        self._translating = ThreadPoolExecutor(max_workers=2, thread_name_prefix="qa-translate")

    # ------------------------------------------------------------ configuration

    @property
    def chunking(self) -> ChunkingParameters:
        s = self.settings
        return ChunkingParameters(s.chunk_max_chars, s.chunk_overlap_sentences, s.quote_max_chars)

    def model_manifest(self) -> dict[str, Any]:
        return {
            "id": self.embedder.model_id,
            "fingerprint": self.embedder.fingerprint,
            "query_prompt": self.settings.query_prompt,
            "passage_prompt": self.settings.passage_prompt,
        }

    def expected_manifest(self) -> dict[str, Any]:
        return index_store.expected_manifest(self.model_manifest(), self.chunking.as_dict())

    def answer_parameters(self, snapshot: Snapshot | None = None) -> AnswerParameters:
        s = self.settings
        return AnswerParameters(
            s.abstain_threshold,
            s.confidence_center,
            s.confidence_scale,
            s.max_citations,
            aspect_weight=s.aspect_weight,
            term_rarity=(snapshot or self.snapshot()).term_rarity,
        )

    @property
    def translations(self) -> Translations | None:
        """The English-Spanish word translations for BM25 (qa.bilingual), read once; None when
        the dictionaries are not installed or translation is turned off."""
        if self._translations is None:
            with self._load_lock:
                if self._translations is None:
                    self._translations = (translations_for(self.settings),)
        return self._translations[0]

    @property
    def translator(self) -> QuestionTranslator | None:
        """Apertium's pipelines for translating questions whole (qa.machine_translation), found once;
        None when Apertium is not installed or machine translation is turned off."""
        if self._translator is None:
            with self._load_lock:
                if self._translator is None:
                    self._translator = (translator_for(self.settings),)
        return self._translator[0]

    def translator_in_use(self) -> str | None:
        """Where the translator's modes come from, for `qa status` and /ready; None without one, or
        once a pipeline has failed (the log says why)."""
        translator = self.translator
        return translator.source if translator is not None and translator.working else None

    def close(self) -> None:
        """Stops the translation pipelines, if any were started."""
        if self._translator is not None and self._translator[0] is not None:
            self._translator[0].close()

    def machine_translations(self, questions: list[str], langs: list[str]) -> dict[str, str]:
        """Each question (of ``langs``) translated whole into the other language, by text, each text
        once; empty without Apertium."""
        translator = self.translator
        lang_of = dict(zip(questions, langs, strict=True))
        if translator is None or not lang_of:
            return {}
        texts = list(lang_of)
        translated = translator.translate(texts, [lang_of[text] for text in texts])
        return {text: found for text, found in zip(texts, translated, strict=True) if found is not None}

    def translated_terms(self, question: str, lang: str, translation: str | None = None) -> list[str] | None:
        """The question's words in the other language: looked up in the dictionaries as words of
        ``lang``, the question's (qa.bilingual), then those of its ``translation`` whole
        (qa.machine_translation); None with neither."""
        translations = self.translations
        words = translations.terms(question, lang) if translations is not None else None
        if translation is None:
            return words
        other = translation_lang(lang)
        whole = translation_terms(question, translation, other) if other is not None else []
        return list(dict.fromkeys([*(words or []), *whole]))

    # ------------------------------------------------------------ the index

    def snapshot(self) -> Snapshot:
        """The current snapshot, reloaded when a writer has published a newer one."""
        pointer = self._read_pointer()
        if self._snapshot is not None and pointer == self._snapshot_pointer:
            return self._snapshot
        with self._load_lock:
            if self._snapshot is None or pointer != self._snapshot_pointer:
                self._snapshot = index_store.load_snapshot(self.settings.index_dir, self.expected_manifest())
                self._snapshot_pointer = pointer
                log.info("loaded index snapshot %s", pointer)
        return self._snapshot

    def _read_pointer(self) -> str | None:
        try:
            return (self.settings.index_dir / index_store.POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None

    def load_corpus(self) -> list[Document]:
        corpus_dir = self.settings.corpus_dir
        documents = [load_document(path, corpus_dir) for path in discover(corpus_dir)]
        seen: dict[str, str] = {}
        for document in documents:
            if document.doc_id in seen:
                raise InvalidInput(
                    f"two documents share the doc_id {document.doc_id!r}: {seen[document.doc_id]} and {document.source}"
                )
            seen[document.doc_id] = document.source
        return documents

    def status(self) -> IndexStatus:
        snapshot = self.snapshot()
        fingerprint = index_store.corpus_fingerprint(self.load_corpus())
        return IndexStatus(
            path=snapshot.path or self.settings.index_dir,
            documents=len(snapshot.documents),
            chunks=len(snapshot.chunks),
            stale=fingerprint != snapshot.manifest.get("corpus_fingerprint"),
            manifest=snapshot.manifest,
        )

    def build_index(self, rebuild: bool = False, progress: Progress | None = None) -> BuildStats | None:
        """Index the corpus folder; None when the index is already up to date."""
        index_dir = self.settings.index_dir
        with index_store.writer_lock(index_dir):
            documents = self.load_corpus()
            previous = None if rebuild else self._reusable_snapshot()
            if previous is not None and previous.manifest.get("corpus_fingerprint") == index_store.corpus_fingerprint(
                documents
            ):
                return None
            return self._publish(documents, previous, progress)

    def _publish(self, documents: list[Document], previous: Snapshot | None, progress: Progress | None) -> BuildStats:
        """Build and atomically publish a snapshot of ``documents``; the caller holds the writer lock.
        The previous snapshot's sentence model is kept, so unchanged documents keep their chunks and
        only new or changed text is embedded."""
        snapshot, stats = build_snapshot(
            documents,
            self.embedder,
            self.detect_lang,
            self.chunking,
            self.model_manifest(),
            previous,
            sentence_parameters=previous.sentence_parameters if previous is not None else None,
            progress=progress,
        )
        index_store.write_snapshot(self.settings.index_dir, snapshot)
        return stats

    # ------------------------------------------------------------ changing the corpus

    def add_files(self, paths: list[Path], progress: Progress | None = None) -> tuple[list[str], BuildStats]:
        """Copy documents into the corpus folder (replacing same-named ones) and index them."""
        for path in paths:
            if not path.is_file():
                raise InvalidInput(f"not a file: {path}")
        uploads = [(path.name, path.read_bytes()) for path in paths]
        return self.add_uploads(uploads, progress)

    def add_uploads(
        self, uploads: list[tuple[str, bytes]], progress: Progress | None = None
    ) -> tuple[list[str], BuildStats]:
        """Store uploaded documents in the corpus folder and index them; returns their doc ids.
        Files are validated before anything is written, and removed again if indexing fails."""
        prepared = [corpus_files.prepare_upload(name, data, self.settings.max_upload_bytes) for name, data in uploads]
        with index_store.writer_lock(self.settings.index_dir):
            previous = self._reusable_snapshot()
            replaced = {name: corpus_files.read_existing(self.settings.corpus_dir, name) for name, _ in prepared}
            written = [corpus_files.write_atomically(self.settings.corpus_dir, name, text) for name, text in prepared]
            try:
                documents = self.load_corpus()
                stats = self._publish(documents, previous, progress)
            except BaseException:
                corpus_files.restore(self.settings.corpus_dir, replaced)
                raise
        by_source = {d.source: d.doc_id for d in documents}
        return [by_source[path.relative_to(self.settings.corpus_dir).as_posix()] for path in written], stats

    def remove(self, doc_id: str) -> BuildStats:
        """Delete a document from the corpus folder and from the dense and lexical indexes together."""
        with index_store.writer_lock(self.settings.index_dir):
            previous = self._reusable_snapshot()
            documents = self.load_corpus()
            target = next((d for d in documents if d.doc_id == doc_id), None)
            if target is None:
                raise NotFound(f"no document with id {doc_id!r}")
            remaining = [d for d in documents if d.doc_id != doc_id]
            stats = self._publish(remaining, previous, None)
            corpus_files.delete(self.settings.corpus_dir, target.source)
        return stats

    def _reusable_snapshot(self) -> Snapshot | None:
        """The previous snapshot if it can lend its embeddings; a broken or foreign one cannot."""
        try:
            return index_store.load_snapshot(self.settings.index_dir, self.expected_manifest())
        except Exception as exc:
            log.info("not reusing the existing index: %s", exc)
            return None

    # ------------------------------------------------------------ reading

    def search(
        self, question: str, k: int | None = None, lang: str | None = None, doc_id: str | None = None
    ) -> list[Hit]:
        return self.search_many([question], k, lang, doc_id)[0]

    def search_many(
        self, questions: list[str], k: int | None = None, lang: str | None = None, doc_id: str | None = None
    ) -> list[list[Hit]]:
        """The passages for each question, the one its answer would quote first (models.promoted; a
        question it does not answer keeps the fused order). The answer step reads the first
        ANSWER_PASSAGES passages whatever ``k`` is, so the first hit does not depend on it."""
        snapshot, found, k = self._retrieve_many(questions, k, lang, doc_id, aspects=False)
        params = self.answer_parameters(snapshot)
        found = self._read_closely(snapshot, found, params)
        return [list(self._answer(snapshot, params, item).passages[:k]) for item in found]

    def ask(self, question: str, k: int | None = None, lang: str | None = None, doc_id: str | None = None) -> Answer:
        return self.ask_many([question], k, lang, doc_id)[0]

    def ask_many(
        self, questions: list[str], k: int | None = None, lang: str | None = None, doc_id: str | None = None
    ) -> list[Answer]:
        """The answers, each listing ``k`` passages, the one it quotes first; like a search, the
        answer step reads the first ANSWER_PASSAGES passages whatever ``k`` is."""
        aspects = self.settings.aspect_weight > 0
        snapshot, found, k = self._retrieve_many(questions, k, lang, doc_id, aspects=aspects)
        params = self.answer_parameters(snapshot)
        answers = (self._answer(snapshot, params, item) for item in found)
        return [replace(answer, passages=answer.passages[:k]) for answer in answers]

    def _answer(self, snapshot: Snapshot, params: AnswerParameters, item: Retrieved) -> Answer:
        document = snapshot.documents[item.hits[0].chunk.doc_id] if item.hits else None
        title, site = (document.title, document.site or "") if document else ("", "")
        return extract_answer(
            item.question,
            item.hits,
            item.candidates,
            params,
            question_lang=item.lang,
            document_title=title,
            translated_terms=item.translated_terms,
            document_site=site,
            corpus_countries=snapshot.countries,
        )

    def _read_closely(self, snapshot: Snapshot, found: list[Retrieved], params: AnswerParameters) -> list[Retrieved]:
        """``found`` (read without the second embedding), with the sentences of the close calls read
        as an answer reads them (_close_calls): also by their likeness to what the question asks of
        its names. That decides which passage the answer quotes, and so which one a search ranks
        first; elsewhere it seldom changes it, and a search is spared the second embedding
        (docs/EVALUATION.md, round 19)."""
        close = self._close_calls(found, params)
        if not close:
            return found
        vectors = dict(zip(close, self.embedder.embed(list(close.values()), "query"), strict=True))
        return [
            replace(item, candidates=sentence_candidates(snapshot, item.hits, item.vector, vectors[number]))
            if number in vectors
            else item
            for number, item in enumerate(found)
        ]

    def _close_calls(self, found: list[Retrieved], params: AnswerParameters) -> dict[int, str]:
        """By position in ``found``, what each question asks of its names (the text an answer embeds
        a second time), for the questions naming something whose best sentences in two passages
        score within ``search_aspect_margin`` of each other."""
        if self.settings.aspect_weight <= 0:
            return {}
        close: dict[int, str] = {}
        for number, item in enumerate(found):
            if item.aspect is None or not item.candidates:
                continue
            ranked = ranked_sentences(item.question, item.candidates, params, item.lang)
            if lead_over_other_passages(ranked) < self.settings.search_aspect_margin:
                close[number] = item.aspect
        return close

    def _retrieve_many(
        self, questions: list[str], k: int | None, lang: str | None, doc_id: str | None, aspects: bool
    ) -> tuple[Snapshot, list[Retrieved], int]:
        """The snapshot searched, for each question (validated) its language, its first passages (at
        least ANSWER_PASSAGES, for the answer step) and their sentences (_retrieve), with their
        similarity to what the question asks of its names when ``aspects`` (an answer; a search
        pays for the second embedding only for close calls, _read_closely); and ``k`` (validated).
        Passages are searched without what the question sets aside, and by a vector of the question
        with the acronyms the corpus defines spelled out (acronyms.spelled_out); the answer step reads
        the whole question."""
        questions = [self.validate_question(q) for q in questions]
        params = self.retrieval_parameters(k, lang, doc_id)
        read = replace(params, k=max(params.k, ANSWER_PASSAGES))
        snapshot = self.snapshot()
        languages = [self.detect_question_lang(q) for q in questions]
        searched = [without_set_aside(q) for q in questions]
        spelled = [
            spelled_out(search, snapshot.acronyms, question_lang, people_set_aside(question))
            for question, search, question_lang in zip(questions, searched, languages, strict=True)
        ]
        asked = [asked_of_names(search) for search in searched]
        # Apertium translates in its own processes while the model embeds: its 2-3 ms would
        # otherwise add to every search (docs/BENCHMARKS.md)
        translating = self._translating.submit(self.machine_translations, searched, languages)
        vectors, aspect_vectors = self._question_vectors(spelled, asked if aspects else [None] * len(asked))
        machine = translating.result()
        found = []
        for question, question_lang, search, vector, aspect, aspect_vector in zip(
            questions, languages, searched, vectors, asked, aspect_vectors, strict=True
        ):
            translated = self.translated_terms(search, question_lang, machine.get(search))
            hits, candidates = self._retrieve(
                snapshot, search, (vector, aspect_vector), read, question_lang, translated
            )
            answer_terms = self.translated_terms(question, question_lang)
            found.append(Retrieved(question, question_lang, hits, candidates, vector, aspect, answer_terms))
        return snapshot, found, params.k

    def _question_vectors(
        self, questions: list[str], aspects: list[str | None]
    ) -> tuple[list[np.ndarray], list[np.ndarray | None]]:
        """The questions' vectors and the vectors of ``aspects`` (what each asks of its names,
        asked.asked_of_names; None where not wanted), embedded in one batch."""
        texts = questions + [aspect for aspect in aspects if aspect is not None]
        embedded = list(self.embedder.embed(texts, "query")) if texts else []
        extra = iter(embedded[len(questions) :])
        return embedded[: len(questions)], [next(extra) if aspect is not None else None for aspect in aspects]

    def _retrieve(
        self,
        snapshot: Snapshot,
        question: str,
        vectors: tuple[np.ndarray, np.ndarray | None],
        params: RetrievalParameters,
        question_lang: str,
        translated: list[str] | None,
    ) -> tuple[list[Hit], list[SentenceCandidate]]:
        """The passages for a question, near-ties settled by the best answer sentence, and the
        sentences of the first passages (for the answer step). ``params.k`` is at least
        ANSWER_PASSAGES (_retrieve_many), so the tie is settled among the same passages whatever
        a caller asks for; the margin is in weighted-fusion units, so reciprocal rank fusion keeps
        its own order. ``vectors``: the question's, and the question's without its names
        (_question_vectors). The tie is settled by the whole question, so that a search and an
        answer rank the same passages first; the sentences returned are compared with both."""
        vector, aspect_vector = vectors
        margin = self.settings.answer_tie_margin if params.fusion == "weighted" else 0.0
        found = hits = retrieve(snapshot, question, vector, params, question_lang, translated or ())
        candidates = sentence_candidates(snapshot, hits, vector)
        if margin > 0:
            # by plain score: ordering by answer type here too (answer.typed_first) gained one
            # first-place hit of 600 and answered one more unanswerable question (round 7)
            ranked = ranked_sentences(question, candidates, self.answer_parameters(snapshot), question_lang)
            hits = promoted(hits, ranked[0][1].chunk_id, margin) if ranked else hits
        front = front_matter_hit(snapshot, question, hits, vector, params.lang)
        if front is not None:
            hits = moved_first(hits, front)[: params.k]
        if hits is not found or aspect_vector is not None:
            # passages moved or were cut, and with them the sentences and their rank penalties
            candidates = sentence_candidates(snapshot, hits, vector, aspect_vector)
        return hits, candidates

    def validate_question(self, question: str) -> str:
        if not isinstance(question, str) or not question.strip():
            raise InvalidInput("the question is empty")
        if len(question) > self.settings.max_question_chars:
            raise InvalidInput(f"the question is longer than {self.settings.max_question_chars} characters")
        if not has_words(question):
            raise InvalidInput("the question has no words (no letter or digit)")
        return question.strip()

    def retrieval_parameters(self, k: int | None, lang: str | None, doc_id: str | None) -> RetrievalParameters:
        s = self.settings
        k = s.top_k if k is None else k
        if not 1 <= k <= 50:
            raise InvalidInput("k must be between 1 and 50")
        if doc_id is not None and doc_id not in self.snapshot().documents:
            raise NotFound(f"no document with id {doc_id!r}")
        if lang is not None and lang not in SUPPORTED_LANGS:
            raise InvalidInput(f"unknown lang {lang!r}: use one of {', '.join(sorted(SUPPORTED_LANGS))}")
        return RetrievalParameters(
            k=k,
            candidates=max(s.candidates, k),
            fusion=s.fusion,
            lexical_weight=s.lexical_weight,
            rrf_k=s.rrf_k,
            rrf_lexical_weight=s.rrf_lexical_weight,
            lang=lang,
            doc_id=doc_id,
            crosslingual_bonus=s.crosslingual_bonus,
            phrase_weight=s.phrase_weight,
            feedback_weight=s.feedback_weight,
            feedback_passages=s.feedback_passages,
            author_voice_bonus=s.author_voice_bonus,
        )

    def document(self, doc_id: str) -> Document:
        document = self.snapshot().documents.get(doc_id)
        if document is None:
            raise NotFound(f"no document with id {doc_id!r}")
        return document

    def passage(self, chunk_id: str) -> Chunk:
        snapshot = self.snapshot()
        position = snapshot.chunks.position(chunk_id)
        if position is None:
            raise NotFound(f"no passage with id {chunk_id!r}")
        return snapshot.chunks[position]


def sentence_candidates(
    snapshot: Snapshot,
    hits: list[Hit],
    query_vector: np.ndarray,
    aspect_vector: np.ndarray | None = None,
    top: int = ANSWER_PASSAGES,
) -> list[SentenceCandidate]:
    """The sentences of the best passages (as many as a default search returns) with their similarity
    to the question, and to the question without its names (``aspect_vector``, when it names
    something); the answer step's rank penalty still prefers the first passages."""
    candidates = []
    for hit in hits[:top]:
        chunk = hit.chunk
        document = snapshot.documents[chunk.doc_id]
        rows = snapshot.chunks.sentence_rows_of(chunk)
        for number, ((start, end), row) in enumerate(zip(chunk.sentences, rows, strict=True)):
            text = document.text[start:end]
            lang = chunk.sentence_lang(number)
            following, following_starts = _sentences_after(snapshot, chunk, number)
            sentence_vector = snapshot.sentence_embeddings[row]
            similarity = float(np.dot(sentence_vector, query_vector))
            candidates.append(
                SentenceCandidate(
                    chunk.chunk_id,
                    chunk.doc_id,
                    start,
                    end,
                    text,
                    lang,
                    hit.rank,
                    similarity,
                    hit.dense_score or 0.0,
                    following,
                    _sentence_before(snapshot, chunk, number) if points_back(text, lang) else None,
                    passage_kind=chunk.kind,
                    aspect_similarity=None if aspect_vector is None else float(np.dot(sentence_vector, aspect_vector)),
                    following_starts=following_starts,
                )
            )
    return candidates


def front_matter_hit(
    snapshot: Snapshot, question: str, hits: list[Hit], query_vector: np.ndarray, lang: str | None
) -> Hit | None:
    """For a question about when the document was published, who wrote it, what it is called or
    what site it is on (front_matter.front_lines_asked), the first passage's document's front matter as
    a hit, when it has a line that answers and passes the language filter: it answers the question
    however low it ranks (a title and a byline embed far from any question, cosine about 0.80). A
    hit already found is returned as it is; another is scored by its cosine."""
    if not hits:
        return None
    asked = front_lines_asked(question, snapshot.documents[hits[0].chunk.doc_id].title)
    position = snapshot.chunks.first_of(hits[0].chunk.doc_id) if asked else None
    if position is None:
        return None
    front = snapshot.chunks[position]
    if not any(has_part(front.kind, part) for part in asked) or (lang is not None and front.lang != lang):
        return None
    found = next((hit for hit in hits if hit.chunk.chunk_id == front.chunk_id), None)
    if found is not None:
        return found
    cosine = float(np.dot(snapshot.embeddings[position], query_vector))
    return Hit(front, cosine, 1, dense_score=cosine)


def _sentences_after(snapshot: Snapshot, chunk: Chunk, number: int) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Up to FOLLOWING_SENTENCES sentences after the chunk's ``number``-th one, each with the space
    (or, in a list, the bullet) before it, so that they join into exact slices, and where each
    sentence itself starts (past that space or bullet). A sentence near the
    end of a passage finds them in the passages after, those of the same kind of block and section
    with only blank space between, as _sentence_before does: passages overlap by one sentence, and
    what the last one names may be given by the next ("... the contradictions that they hold." /
    "Those contradictions being ..."). A list item's bullet is no blank space: an item ending its
    passage is quoted without the items of the next."""
    spans = list(chunk.sentences[number : number + 1 + FOLLOWING_SENTENCES])
    text = snapshot.documents[chunk.doc_id].text
    position = snapshot.chunks.position(chunk.chunk_id)
    while len(spans) <= FOLLOWING_SENTENCES and position is not None and position + 1 < len(snapshot.chunks):
        position += 1
        after = snapshot.chunks[position]
        if not same_block_run(after, chunk):
            break
        later = [span for span in after.sentences if span[0] >= spans[-1][1]]
        if not later:
            continue  # a passage within the one before (a long sentence after the shared one)
        if text[spans[-1][1] : later[0][0]].strip():
            break
        spans += later[: 1 + FOLLOWING_SENTENCES - len(spans)]
    following = tuple(text[a_end:b_end] for (_, a_end), (_, b_end) in itertools.pairwise(spans))
    return following, tuple(start for start, _ in spans[1:])


def _sentence_before(snapshot: Snapshot, chunk: Chunk, number: int) -> str | None:
    """The text from the start of the sentence before the chunk's ``number``-th one up to that
    sentence, or None when nothing but blank space separates them from it. A sentence that opens
    a passage finds it in the passage before, if that one is the same kind of block of the same
    section (the author's words before a quote are not what the quote's "Therefore" refers to).
    When the sentence before is a fragment finishing the one before it ("Such as ..."), the text
    starts there, if the whole still fits in one citation."""
    start, end = chunk.sentences[number]
    text = snapshot.documents[chunk.doc_id].text
    spans = set(chunk.sentences[:number])
    position = snapshot.chunks.position(chunk.chunk_id)
    if position:
        previous = snapshot.chunks[position - 1]
        if same_block_run(previous, chunk):
            spans.update(previous.sentences)
    earlier = sorted(span for span in spans if span[1] <= start)
    if not earlier or text[earlier[-1][1] : start].strip():
        return None
    first = earlier[-1][0]
    fragment = text[first : earlier[-1][1]]
    if (
        len(earlier) > 1
        and "list" not in chunk.kind
        and continues_sentence(fragment)
        and not text[earlier[-2][1] : first].strip()
        and end - earlier[-2][0] <= MAX_CITATION_CHARS
    ):
        first = earlier[-2][0]
    return text[first:start]
