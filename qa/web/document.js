// The document view: the whole text, with the span named in the fragment (#chars=START-END, code
// points as in the API) highlighted and scrolled into view.
import { api, codePointLength, el, highlighted } from "./common.js";

const title = document.getElementById("doc-title");
const meta = document.getElementById("doc-meta");
const spanInfo = document.getElementById("span-info");
const textBox = document.getElementById("doc-text");
const article = document.getElementById("document");
const backLink = document.getElementById("back-link");

const match = location.pathname.match(/^\/documents\/([^/]+)\/view\/?$/);
const docId = match ? decodeURIComponent(match[1]) : "";
let loaded = null;

/** {start, end} from "#chars=START-END", or null when the fragment names no valid span. */
function requestedSpan(length) {
  const found = /^#chars=(\d+)-(\d+)$/.exec(location.hash);
  if (!found) return null;
  const start = Number(found[1]);
  const end = Number(found[2]);
  if (!(start < end) || end > length) return null;
  return { start, end };
}

function render() {
  if (!loaded) return;
  const { text, length } = loaded;
  const span = requestedSpan(length);
  const { fragment, marks } = highlighted(text, span ? [{ ...span, id: "cited", title: "The cited span" }] : []);
  textBox.replaceChildren(fragment);
  if (!span) {
    spanInfo.hidden = !location.hash.startsWith("#chars=");
    spanInfo.replaceChildren(el("p", {}, "The link names characters that are not in this document; showing it whole."));
    return;
  }
  const jump = el("button", { type: "button", className: "link-button" }, "Show it again");
  jump.addEventListener("click", () => focusMark(marks[0]));
  // The bar stays on screen while the title scrolls away, so it names the document too.
  spanInfo.replaceChildren(
    el("p", { className: "span-doc" }, loaded.title),
    el("p", {},
      el("span", { className: "swatch", "aria-hidden": "true" }),
      `The highlighted text is the cited quote (characters ${span.start}–${span.end}). `, jump));
  spanInfo.hidden = false;
  focusMark(marks[0]);
}

function focusMark(mark) {
  if (!mark) return;
  mark.scrollIntoView({ block: "center" });
  mark.focus({ preventScroll: true });
}

function describe(doc) {
  const parts = [doc.site, doc.published, `${doc.chars.toLocaleString()} characters`, doc.source].filter(Boolean);
  return parts.join(" · ");
}

async function load() {
  // Only go "back" to our own question page; anything else gets a plain link home.
  if (document.referrer) {
    const from = new URL(document.referrer);
    if (from.origin === location.origin && from.pathname === "/") backLink.href = from.pathname + from.search;
  }
  try {
    if (!docId) throw new Error("This address names no document.");
    const doc = await api(`/documents/${encodeURIComponent(docId)}`);
    loaded = { text: doc.text, length: codePointLength(doc.text), title: doc.title };
    document.title = `${doc.title} — qa`;
    title.textContent = doc.title;
    meta.textContent = describe(doc);
    render();
  } catch (error) {
    title.textContent = error.status === 404 ? "No such document" : "The document could not be loaded";
    meta.textContent = error.message || String(error);
    article.classList.add("error");
  } finally {
    article.setAttribute("aria-busy", "false");
  }
}

window.addEventListener("hashchange", render);
load();
