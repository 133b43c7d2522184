// The page: the search box with its popup on every page, and the results
// page. Everything from the index or the documents enters the DOM as text
// (textContent, createElement), never as markup; no inline style or script
// is created, so a strict Content-Security-Policy holds.
//
// Markup the theme renders (ids are the contract; classes below are ours,
// for the theme's CSS):
//
//   <html data-root="../../">
//   <form id="search-form" action="…/search/index.html"> <input id="search-input" name="q">
//     <div id="search-popup" role="listbox" hidden></div> </form>
//   <div id="search-page"></div>            (only on search/index.html)

import { SearchIndex, type Entry } from "./index";
import { scriptLoader } from "./loader";
import { search, show, type Results, type Shown, type Suggestion } from "./results";
import type { Part } from "./snippet";

const POPUP_HITS = 6;
const PAGE_HITS = 20;

/** start wires the search box and, on the results page, renders the results. */
export function start(doc: Document): void {
  const input = doc.getElementById("search-input") as HTMLInputElement | null;
  const popup = doc.getElementById("search-popup");
  const form = doc.getElementById("search-form") as HTMLFormElement | null;
  if (!input || !popup) return;
  const root = doc.documentElement.dataset["root"] ?? "./";
  let index: Promise<SearchIndex> | undefined;
  const open = () => (index ??= SearchIndex.open(scriptLoader(doc, root + "search/")));
  const ui = new Popup(doc, input, popup, root, open, form?.getAttribute("action") ?? root + "search/index.html");
  ui.wire();

  const page = doc.getElementById("search-page");
  if (page) {
    const params = new URLSearchParams(doc.location.search);
    const q = params.get("q") ?? "";
    input.value = q;
    new ResultsPage(doc, page, root, open, q, params.get("type") ?? "", params.has("verbatim")).render();
  }
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function appendParts(doc: Document, parent: Element, parts: readonly Part[]): void {
  for (const p of parts) {
    parent.append(p.mark ? el(doc, "mark", undefined, p.text) : doc.createTextNode(p.text));
  }
}

function format(s: string | undefined, vars: Record<string, string | number>): string {
  return (s ?? "").replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

function str(ix: SearchIndex, key: string): string {
  return ix.manifest.strings[key] ?? key;
}

/** failed says that search failed: in the manifest's words when it loaded, else in the page's language. */
function failed(doc: Document, ix: SearchIndex | undefined): string {
  if (ix) return str(ix, "error");
  return doc.documentElement.lang.startsWith("en") ? "The search index could not be loaded." : "Søkeindeksen kunne ikke lastes.";
}

/** hitElement is one result: a link with title, type and section, and snippet. */
function hitElement(doc: Document, ix: SearchIndex, root: string, s: Shown, tag: "a" | "li"): HTMLElement {
  const a = el(doc, "a", "search-hit");
  a.href = root + s.href;
  const title = el(doc, "span", "search-hit-title");
  appendParts(doc, title, s.title);
  const meta = el(doc, "span", "search-hit-meta");
  meta.append(el(doc, "span", "search-hit-type", ix.manifest.strings["type." + s.doc.type] ?? s.doc.type));
  if (s.heading !== "") meta.append(el(doc, "span", "search-hit-section", s.heading));
  const snippet = el(doc, "span", "search-hit-snippet");
  appendParts(doc, snippet, s.snippet);
  a.append(title, meta, snippet);
  if (tag === "a") return a;
  const li = el(doc, "li");
  li.append(a);
  return li;
}

function entryElement(doc: Document, ix: SearchIndex, root: string, e: Entry): HTMLAnchorElement {
  const a = el(doc, "a", "search-entry");
  a.href = root + e.url;
  a.append(
    el(doc, "span", "search-entry-kind", str(ix, "kind." + e.kind)),
    el(doc, "span", "search-entry-id", e.id),
    el(doc, "span", "search-entry-title", e.title),
  );
  return a;
}

function resultsURL(action: string, q: string): string {
  return action + "?q=" + encodeURIComponent(q);
}

function verbatimURL(action: string, q: string): string {
  return resultsURL(action, q) + "&verbatim=1";
}

/**
 * correctedElement says that the results are for the corrected query, with
 * a link to the results of the query as typed: on the results page a
 * paragraph with the link, in the popup (a listbox, which owns options
 * only) a link that is an option.
 */
function correctedElement(doc: Document, ix: SearchIndex, action: string, r: Results, inPopup: boolean): HTMLElement {
  const showing = format(str(ix, "showing"), { query: r.corrected.trim() });
  const instead = format(str(ix, "search instead"), { query: r.query.trim() });
  if (inPopup) {
    const a = el(doc, "a", "search-corrected");
    a.href = verbatimURL(action, r.query);
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.append(el(doc, "span", "search-corrected-showing", showing), " ", el(doc, "span", "search-corrected-instead", instead));
    return a;
  }
  const box = el(doc, "p", "search-corrected", showing + " ");
  const a = el(doc, "a", undefined, instead);
  a.href = verbatimURL(action, r.query);
  box.append(a);
  return box;
}

function emptyElement(doc: Document, ix: SearchIndex, action: string, r: Results): HTMLElement {
  const box = el(doc, "div", "search-empty");
  box.append(el(doc, "p", undefined, format(str(ix, "no results"), { query: r.query.trim() })));
  if (r.suggestions.length > 0) {
    const p = el(doc, "p", "search-suggest", str(ix, "did you mean") + " ");
    r.suggestions.forEach((s: Suggestion, i) => {
      if (i > 0) p.append(", ");
      const a = el(doc, "a", undefined, s.word);
      a.href = resultsURL(action, s.query);
      p.append(a);
    });
    box.append(p);
  }
  return box;
}

/** The popup under the search box: results as you type, keyboard navigation. */
class Popup {
  private seq = 0;
  private active = -1;
  /** opening is set when Enter opens a result: the form must not submit too. */
  private opening = false;
  private options: HTMLElement[] = [];

  constructor(
    private readonly doc: Document,
    private readonly input: HTMLInputElement,
    private readonly popup: HTMLElement,
    private readonly root: string,
    private readonly open: () => Promise<SearchIndex>,
    private readonly action: string,
  ) {}

  wire(): void {
    const { doc, input } = this;
    input.addEventListener("focus", () => void this.open().catch(() => undefined));
    input.addEventListener("input", () => void this.update());
    input.addEventListener("keydown", (e) => this.key(e));
    input.form?.addEventListener("submit", (e) => {
      if (this.opening) e.preventDefault();
    });
    doc.addEventListener("keydown", (e) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
    doc.addEventListener("click", (e) => {
      if (!this.popup.hidden && !this.input.form?.contains(e.target as Node)) this.close();
    });
  }

  private close(): void {
    this.popup.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  }

  private key(e: KeyboardEvent): void {
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (this.popup.hidden || this.options.length === 0) return;
        e.preventDefault();
        this.select(e.key === "ArrowDown" ? this.active + 1 : this.active - 1);
        break;
      case "Enter": {
        const opt = this.options[this.active];
        if (!this.popup.hidden && opt instanceof HTMLAnchorElement) {
          e.preventDefault();
          this.opening = true;
          this.doc.location.href = opt.href;
        }
        break;
      }
      case "Escape":
        if (!this.popup.hidden) this.close();
        else this.input.value = "";
        e.preventDefault();
        break;
    }
  }

  private select(i: number): void {
    const n = this.options.length;
    this.active = ((i % n) + n) % n;
    this.options.forEach((o, k) => o.setAttribute("aria-selected", String(k === this.active)));
    const opt = this.options[this.active]!;
    this.input.setAttribute("aria-activedescendant", opt.id);
    opt.scrollIntoView?.({ block: "nearest" });
  }

  async update(): Promise<void> {
    const seq = ++this.seq;
    const q = this.input.value;
    if (q.trim() === "") {
      this.close();
      return;
    }
    let ix: SearchIndex | undefined;
    let r: Results;
    let shown: Shown[];
    try {
      ix = await this.open();
      const index = ix;
      r = await search(index, q);
      shown = await Promise.all(r.hits.slice(0, POPUP_HITS).map((h) => show(index, h, r.words)));
    } catch {
      if (seq === this.seq) this.message(failed(this.doc, ix));
      return;
    }
    if (seq !== this.seq) return; // a later keystroke won
    this.render(ix, r, shown);
  }

  private message(text: string): void {
    this.popup.replaceChildren(el(this.doc, "div", "search-empty", text));
    this.popup.setAttribute("role", "status");
    this.options = [];
    this.show();
  }

  private show(): void {
    this.popup.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  private render(ix: SearchIndex, r: Results, shown: Shown[]): void {
    const { doc, root } = this;
    const items: HTMLElement[] = [];
    for (const e of r.entries) items.push(entryElement(doc, ix, root, e));
    for (const s of shown) items.push(hitElement(doc, ix, root, s, "a"));
    items.forEach((item, i) => {
      item.id = "search-option-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.tabIndex = -1;
    });
    const children: HTMLElement[] = [];
    if (r.corrected !== "" && items.length > 0) children.push(correctedElement(doc, ix, this.action, r, true));
    children.push(...items);
    if (items.length === 0) {
      children.push(emptyElement(doc, ix, this.action, r));
    } else if (r.hits.length > 0) {
      const all = el(doc, "a", "search-all", str(ix, "all results") + " (" + r.hits.length + ")");
      all.href = resultsURL(this.action, r.corrected || r.query);
      // A listbox owns options only (WCAG, ARIA 1.2): the link is one too.
      all.setAttribute("role", "option");
      all.setAttribute("aria-selected", "false");
      children.push(all);
    }
    // With options the popup is a listbox; with a message only, a status
    // that screen readers read out.
    this.popup.setAttribute("role", items.length > 0 ? "listbox" : "status");
    // Keep the selected result selected when it is still there.
    const selected = this.options[this.active]?.getAttribute("href");
    this.popup.replaceChildren(...children);
    this.popup.dataset["query"] = r.query;
    this.options = items;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    const keep = items.findIndex((o) => o.getAttribute("href") === selected);
    if (selected !== undefined && keep >= 0) this.select(keep);
    this.show();
  }
}

/** The results page: every hit, filtered by type, a page at a time. */
class ResultsPage {
  private shownCount = PAGE_HITS;

  constructor(
    private readonly doc: Document,
    private readonly page: HTMLElement,
    private readonly root: string,
    private readonly open: () => Promise<SearchIndex>,
    private readonly query: string,
    private type: string,
    private readonly verbatim: boolean,
  ) {}

  async render(): Promise<void> {
    if (this.query.trim() === "") return;
    const { doc, page } = this;
    let ix: SearchIndex | undefined;
    let r: Results;
    let types: number[];
    try {
      ix = await this.open();
      page.replaceChildren(el(doc, "p", "search-loading", str(ix, "loading")));
      [r, types] = await Promise.all([search(ix, this.query, { verbatim: this.verbatim }), ix.types()]);
    } catch {
      page.replaceChildren(el(doc, "p", "search-error", failed(doc, ix)));
      return;
    }
    await this.draw(ix, r, types);
  }

  private async draw(ix: SearchIndex, r: Results, types: number[]): Promise<void> {
    const { doc, root } = this;
    const names = ix.manifest.types;
    const hits = r.hits.filter((h) => this.type === "" || names[types[h.doc]!] === this.type);
    const shown = await Promise.all(hits.slice(0, this.shownCount).map((h) => show(ix, h, r.words)));
    const children: HTMLElement[] = [];
    if (r.corrected !== "") children.push(correctedElement(doc, ix, root + "search/index.html", r, false));
    for (const e of r.entries) children.push(entryElement(doc, ix, root, e));
    if (r.hits.length === 0) {
      if (r.entries.length === 0) children.push(emptyElement(doc, ix, root + "search/index.html", r));
      this.page.replaceChildren(...children);
      return;
    }
    const count = hits.length === 1 ? str(ix, "results.one") : format(str(ix, "results"), { count: hits.length });
    children.push(el(doc, "p", "search-count", count));
    children.push(this.filter(ix, r, types));
    const list = el(doc, "ol", "search-results");
    for (const s of shown) list.append(hitElement(doc, ix, root, s, "li"));
    children.push(list);
    if (hits.length > this.shownCount) {
      const more = el(doc, "button", "search-more", str(ix, "more"));
      more.type = "button";
      more.addEventListener("click", () => {
        this.shownCount += PAGE_HITS;
        void this.draw(ix, r, types);
      });
      children.push(more);
    }
    this.page.replaceChildren(...children);
  }

  private filter(ix: SearchIndex, r: Results, types: number[]): HTMLElement {
    const { doc } = this;
    const names = ix.manifest.types;
    const counts = new Map<string, number>();
    for (const h of r.hits) {
      const t = names[types[h.doc]!] ?? "";
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const group = el(doc, "div", "search-filter");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", str(ix, "filter"));
    const button = (type: string, label: string, n: number) => {
      const b = el(doc, "button", undefined, label + " (" + n + ")");
      b.type = "button";
      b.dataset["type"] = type;
      b.setAttribute("aria-pressed", String(type === this.type));
      b.addEventListener("click", () => {
        this.type = type;
        this.shownCount = PAGE_HITS;
        const url = new URL(doc.location.href);
        if (type === "") url.searchParams.delete("type");
        else url.searchParams.set("type", type);
        try {
          doc.defaultView?.history.replaceState(null, "", url.href);
        } catch {
          // Some browsers refuse it for file:// pages; the filter works all the same.
        }
        void this.draw(ix, r, types);
      });
      group.append(b);
    };
    button("", str(ix, "filter.all"), r.hits.length);
    for (const t of names) {
      const n = counts.get(t);
      if (n) button(t, ix.manifest.strings["type." + t] ?? t, n);
    }
    return group;
  }
}
