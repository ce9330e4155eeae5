// The question page: ask, then show the quoted answer, its sources and the passages it came from.
import { ApiError, api, docViewHref, el, highlighted, langBadge, percent, setApiKey } from "./common.js";

const form = document.getElementById("ask-form");
const input = document.getElementById("question");
const formError = document.getElementById("form-error");
const results = document.getElementById("results");
const keyForm = document.getElementById("key-form");
const keyInput = document.getElementById("api-key");
const serverStatus = document.getElementById("server-status");

let inFlight = null;
let lastQuestion = "";
let documentsPromise = null;

/** doc_id -> DocumentSummary, fetched once; a failure is retried on the next question. */
function documents() {
  if (!documentsPromise) {
    documentsPromise = api("/documents")
      .then((list) => new Map(list.map((doc) => [doc.doc_id, doc])))
      .catch((error) => {
        documentsPromise = null;
        throw error;
      });
  }
  return documentsPromise;
}

function titleOf(docs, docId) {
  const doc = docs.get(docId);
  return doc ? doc.title : docId;
}

function showFormError(message) {
  formError.textContent = message;
  formError.hidden = !message;
  input.setAttribute("aria-invalid", message ? "true" : "false");
}

/** The question the URL holds (`?q=`), trimmed; "" when none. */
function questionInUrl() {
  return (new URLSearchParams(location.search).get("q") || "").trim();
}

async function ask(question, { push = true } = {}) {
  lastQuestion = question;
  if (push) {
    const url = `${location.pathname}?q=${encodeURIComponent(question)}`;
    // the same question asked again is the same page: Back should not have to step over copies of it
    if (questionInUrl() === question) history.replaceState({ q: question }, "", url);
    else history.pushState({ q: question }, "", url);
  }
  document.title = `${question} — qa`;
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  results.setAttribute("aria-busy", "true");
  results.replaceChildren(el("p", { className: "loading" }, el("span", { className: "spinner", "aria-hidden": "true" }),
    "Searching the corpus…"));
  try {
    const [answer, docs] = await Promise.all([
      api("/ask", { method: "POST", body: { question }, signal: controller.signal }),
      documents(),
    ]);
    if (controller.signal.aborted) return;
    keyForm.hidden = true;
    results.replaceChildren(renderResult(answer, docs));
  } catch (error) {
    if (error.name === "AbortError") return;
    if (error instanceof ApiError && error.status === 422) {
      // the question itself was refused (too long, no words): say so where it is typed
      showFormError(error.message);
      results.replaceChildren();
      return;
    }
    results.replaceChildren(renderError(error));
  } finally {
    if (inFlight === controller) {
      inFlight = null;
      results.setAttribute("aria-busy", "false");
    }
  }
}

function renderError(error) {
  if (error instanceof ApiError && error.status === 401) {
    keyForm.hidden = false;
    keyInput.focus();
  }
  const title = error instanceof ApiError && error.status === 503 ? "qa is not ready" : "Something went wrong";
  return el("div", { className: "card notice error", role: "alert" },
    el("h2", {}, title),
    el("p", {}, error.message || String(error)));
}

/** Which passage card each citation number points at: the passage it was quoted from. */
function citedPassages(answer) {
  const byCitation = new Map();
  for (const citation of answer.citations) {
    const passage = answer.passages.find((p) => p.chunk_id === citation.chunk_id)
      || answer.passages.find((p) => p.doc_id === citation.doc_id && p.start <= citation.start && citation.end <= p.end);
    byCitation.set(citation.n, passage || null);
  }
  return byCitation;
}

function renderResult(answer, docs) {
  const fragment = document.createDocumentFragment();
  const cited = citedPassages(answer);
  fragment.append(answer.answered ? renderAnswer(answer, docs, cited) : renderNotFound(answer));
  fragment.append(renderPassages(answer, docs));
  return fragment;
}

function confidenceMeter(confidence) {
  const level = confidence >= 0.8 ? "high" : confidence >= 0.5 ? "medium" : "low";
  const bar = el("span", { className: "bar-fill" });
  bar.style.width = percent(confidence);
  return el("div", { className: `confidence ${level}`, title: "How sure qa is that the quote answers the question" },
    el("span", { className: "confidence-label" }, `Confidence ${percent(confidence)}`),
    el("span", { className: "bar", role: "presentation" }, bar));
}

/**
 * The answer text with each "[n]" marker turned into a link to the passage card it quotes. The
 * answer is "quote [1] quote [2]"; markers are looked for after their quote, so a literal "[1]"
 * inside a quoted sentence stays text.
 */
function answerText(answer, cited) {
  const text = answer.answer;
  const paragraph = el("p", { className: "answer-text", id: "answer-text" });
  let position = 0;
  for (const citation of answer.citations) {
    const quote = citation.quote.trim();
    const quoteAt = text.indexOf(quote, position);
    const marker = `[${citation.n}]`;
    const markerAt = text.indexOf(marker, quoteAt >= 0 ? quoteAt + quote.length : position);
    if (markerAt < 0) continue;
    const passage = cited.get(citation.n);
    paragraph.append(text.slice(position, markerAt));
    paragraph.append(el("a", {
      className: "cite",
      href: passage ? `#passage-${passage.rank}` : `#source-${citation.n}`,
      "aria-label": `Citation ${citation.n}${passage ? `, passage ${passage.rank}` : ""}`,
    }, marker));
    position = markerAt + marker.length;
  }
  paragraph.append(text.slice(position));
  return paragraph;
}

function renderAnswer(answer, docs, cited) {
  const sources = el("ol", { className: "sources" });
  for (const citation of answer.citations) {
    const passage = cited.get(citation.n);
    sources.append(el("li", { id: `source-${citation.n}` },
      el("span", { className: "source-n" }, `[${citation.n}]`),
      el("span", { className: "source-body" },
        el("a", { href: docViewHref(citation.doc_id, citation.start, citation.end), className: "source-link" },
          titleOf(docs, citation.doc_id)),
        el("span", { className: "source-meta" },
          passage && passage.section ? el("span", {}, passage.section) : null,
          langBadge(citation.lang),
          el("span", {}, `characters ${citation.start}–${citation.end}`)))));
  }
  return el("article", { className: "card answer", "aria-labelledby": "answer-title" },
    el("div", { className: "card-head" },
      el("h2", { id: "answer-title" }, "Answer"),
      confidenceMeter(answer.confidence)),
    answerText(answer, cited),
    el("h3", { className: "sources-title" }, "Sources"),
    sources);
}

function renderNotFound(answer) {
  const nearest = answer.passages.length
    ? "The nearest passages are below: they are related, but none of them answers the question."
    : "No passage is even close.";
  return el("article", { className: "card notice not-found", id: "not-found", "aria-labelledby": "not-found-title" },
    el("div", { className: "card-head" },
      el("h2", { id: "not-found-title" }, "Not in the corpus"),
      confidenceMeter(answer.confidence)),
    el("p", {}, "qa found no passage that answers this question with enough confidence, so it gives no answer. ",
      nearest));
}

function renderPassages(answer, docs) {
  const section = el("section", { className: "passages", "aria-labelledby": "passages-title" },
    el("h2", { id: "passages-title" }, answer.answered ? "Passages" : "Nearest passages"));
  if (!answer.passages.length) return section;
  const list = el("ol", { className: "passage-list" });
  for (const passage of answer.passages) list.append(el("li", {}, renderPassage(passage, answer.citations, docs)));
  section.append(list);
  return section;
}

function renderPassage(passage, citations, docs) {
  // Citations are sentences; a sentence shared by two overlapping passages is marked in both.
  const inside = citations.filter((c) => c.doc_id === passage.doc_id && c.start < passage.end && c.end > passage.start);
  const ranges = inside.map((c) => ({
    start: c.start - passage.start,
    end: c.end - passage.start,
    title: `Quoted as [${c.n}]`,
  }));
  const { fragment } = highlighted(passage.text, ranges);
  const first = inside[0];
  const href = first ? docViewHref(passage.doc_id, first.start, first.end) : docViewHref(passage.doc_id, passage.start, passage.end);
  const id = `passage-${passage.rank}`;
  return el("article", { className: `card passage${inside.length ? " cited" : ""}`, id, tabindex: "-1",
    "aria-labelledby": `${id}-title` },
    el("header", { className: "passage-head" },
      el("span", { className: "rank", title: `Rank ${passage.rank}` }, String(passage.rank)),
      el("div", { className: "passage-heading" },
        el("h3", { id: `${id}-title` }, titleOf(docs, passage.doc_id)),
        el("p", { className: "meta" },
          el("span", { className: "section" }, passage.section || "—"),
          langBadge(passage.lang),
          el("span", { className: "score", title: "Retrieval score (reciprocal rank fusion)" },
            `score ${passage.score.toFixed(4)}`),
          inside.length ? el("span", { className: "badge cited-badge" }, `cited ${inside.map((c) => `[${c.n}]`).join(" ")}`) : null))),
    el("blockquote", { className: "passage-text", lang: passage.lang }, fragment),
    el("footer", { className: "passage-foot" },
      el("a", { href, className: "open-doc" }, "Open in document", el("span", { "aria-hidden": "true" }, " →"))));
}

/** While the model loads the API answers 503: say so, and poll until it is ready. */
async function watchReadiness() {
  for (;;) {
    try {
      await api("/ready");
      serverStatus.hidden = true;
      return;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 503) {
        serverStatus.hidden = true;
        return;
      }
      serverStatus.textContent = error.message;
      serverStatus.hidden = false;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const question = input.value.trim();
  if (!question) {
    showFormError("Type a question first.");
    input.focus();
    return;
  }
  if (!/[\p{L}\p{N}]/u.test(question)) {
    // the API refuses it too (422): say so here, as for an empty question
    showFormError("Type a question with words in it.");
    input.focus();
    return;
  }
  showFormError("");
  ask(question);
});

document.getElementById("examples").addEventListener("click", (event) => {
  const chip = event.target.closest("button[data-question]");
  if (!chip) return;
  input.value = chip.dataset.question;
  showFormError("");
  ask(input.value);
});

keyForm.addEventListener("submit", (event) => {
  event.preventDefault();
  setApiKey(keyInput.value.trim());
  keyInput.value = "";
  documentsPromise = null;
  keyForm.hidden = true;
  if (lastQuestion) ask(lastQuestion, { push: false });
  input.focus();
});

window.addEventListener("popstate", () => {
  // Following a [n] link to a passage card fires popstate too; only a different ?q= is a new question.
  const question = questionInUrl();
  input.value = question; // the box shows the question whose answer is shown, not text never asked
  if (question === lastQuestion) return;
  if (question) {
    ask(question, { push: false });
  } else {
    lastQuestion = "";
    document.title = "qa — ask the corpus";
    results.replaceChildren();
  }
});

const initial = new URLSearchParams(location.search).get("q");
if (initial && initial.trim()) {
  input.value = initial;
  ask(initial.trim(), { push: false });
}
watchReadiness();
