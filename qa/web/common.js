// Helpers shared by the question page and the document view.
//
// Every piece of corpus text reaches the page as text nodes (textContent), never as parsed HTML.
// Offsets from the API count Unicode code points (Python string indices), while JavaScript strings
// index UTF-16 code units: the two differ after any character outside the BMP (emoji, some CJK), so
// offsets are always converted with unitIndex() before slicing.

const KEY_STORAGE = "qa.apiKey";

/** Element builder: strings among the children become text nodes, so they are never parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The UTF-16 index in `text` of the code point at `codePoints` (clamped to the text). */
export function unitIndex(text, codePoints) {
  let unit = 0;
  for (let seen = 0; seen < codePoints && unit < text.length; seen += 1) {
    unit += text.codePointAt(unit) > 0xffff ? 2 : 1;
  }
  return unit;
}

/** text[start:end] as Python would slice it (code points). */
export function sliceCodePoints(text, start, end) {
  return text.slice(unitIndex(text, start), unitIndex(text, end));
}

export function codePointLength(text) {
  let count = 0;
  for (const _ of text) count += 1; // eslint-disable-line no-unused-vars
  return count;
}

/**
 * `text` as a fragment of text nodes with each range wrapped in <mark>. Ranges are code-point
 * offsets relative to `text`: [{start, end, title?, id?}]; they are clipped, sorted and never nested.
 */
export function highlighted(text, ranges) {
  const fragment = document.createDocumentFragment();
  const length = codePointLength(text);
  const clean = ranges
    .map((range) => ({ ...range, start: Math.max(0, range.start), end: Math.min(length, range.end) }))
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.start - b.start);
  let position = 0;
  const marks = [];
  for (const range of clean) {
    const start = Math.max(range.start, position);
    if (start >= range.end) continue;
    if (start > position) fragment.append(sliceCodePoints(text, position, start));
    const mark = el("mark", { id: range.id, title: range.title, tabindex: range.id ? "-1" : null },
      sliceCodePoints(text, start, range.end));
    marks.push(mark);
    fragment.append(mark);
    position = range.end;
  }
  if (position < length) fragment.append(sliceCodePoints(text, position, length));
  return { fragment, marks };
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function apiKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || "";
  } catch {
    return "";
  }
}

export function setApiKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage can be disabled; the key then lasts until the page is closed, which is fine.
  }
}

/** A JSON request to the API; failures become ApiError with the server's {error: {code, message}}. */
export async function api(path, { method = "GET", body, signal } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const key = apiKey();
  if (key) headers["X-API-Key"] = key;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, "network", "The qa server cannot be reached. Is it still running?");
  }
  let payload = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (!response.ok) {
    const error = payload && payload.error ? payload.error : {};
    throw new ApiError(response.status, error.code || `http_${response.status}`,
      error.message || `The server answered ${response.status}.`);
  }
  return payload;
}

export function docViewHref(docId, start, end) {
  return `/documents/${encodeURIComponent(docId)}/view#chars=${start}-${end}`;
}

export function langBadge(lang) {
  const code = (lang || "?").toUpperCase();
  const names = { EN: "English", ES: "Spanish", PT: "Portuguese", FR: "French", DE: "German", IT: "Italian" };
  return el("span", { className: `badge lang lang-${code.toLowerCase()}`, title: names[code] || code }, code);
}

export function percent(value) {
  return `${Math.round(value * 100)}%`;
}
