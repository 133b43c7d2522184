// Page numbers in the printed handbook's contents (templates/handbook.html).
//
// Chromium prints without target-counter(), so the script works the pages
// out itself. It lays the handbook out as it will print: the stylesheets'
// print rules on and the screen's off (through the CSSOM), the handbook as
// wide as the page box of the @page rule. Then it splits the handbook into
// pages as a printer would, and makes every break its own: the class
// handbook-break, which breaks the page before an element in print only.
// Every page then holds less than a page's height, so the browser breaks
// nowhere else and its pages are the script's; each contents entry gets the
// page its document starts on.
//
// Chromium answers the print media queries for a size of its own print
// settings (about 741 × 981 px for A4 in our tests, whatever the @page
// margins); the script answers them for the page area (about 673 × 979 px
// here). The theme's breakpoints (40rem, 60rem) fall on the same side of
// both.
//
// All of it happens in one task and the page is put back before the browser
// paints, so the screen does not change. It runs when the page and its
// fonts have loaded, and again before printing (the window may have another
// size, a late font may have come). Where the stylesheets cannot be read
// (Chromium keeps a page opened from file:// from reading its stylesheet),
// the contents stay without numbers.
//
// The script knows the handbook's markup (.handbook, .handbook-contents,
// .toc-page) and the @page rule; nothing of the documents' content.

const BREAK = "handbook-break";

// How much less than the page's height the script fills a page: room for
// rounding between the screen's layout and the printer's.
const SLACK = 3;

// The paper sizes of CSS's size descriptor, in millimetres, portrait.
const PAPER: Record<string, [number, number]> = {
  a5: [148, 210],
  a4: [210, 297],
  a3: [297, 420],
  b5: [176, 250],
  b4: [250, 353],
  "jis-b5": [182, 257],
  "jis-b4": [257, 364],
  letter: [215.9, 279.4],
  legal: [215.9, 355.6],
  ledger: [279.4, 431.8],
};

// CSS's absolute units in CSS pixels.
const UNIT: Record<string, number> = {
  px: 1,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  q: 96 / 101.6,
  pt: 96 / 72,
  pc: 16,
};

/** The page box's content area in CSS pixels. */
interface PageArea {
  width: number;
  height: number;
}

/** A media list whose text the script changed, and its text before. */
interface Toggle {
  list: MediaList;
  text: string;
}

/** Where the pagination is: the pages so far and where the last began. */
interface Pager {
  page: number; // the current page, from 1
  top: number; // where it begins, in the layout's coordinates
  limit: number; // how much of a page the script fills
  height: number; // a page's height
  keep: Element[]; // the headings just placed, which go with what follows
  cut: boolean; // the page was cut by a block taller than a page: break before the next
  breaks: Set<Element>; // where the pages break, for the class once measured
}

let lastRun = -Infinity;

const handbook = document.querySelector<HTMLElement>(".handbook");
if (handbook) {
  const later = (): void => {
    void document.fonts.ready.then(() => number(handbook));
  };
  if (document.readyState === "complete") {
    later();
  } else {
    addEventListener("load", later, { once: true });
  }
  addEventListener("beforeprint", () => number(handbook));
  // For browsers without beforeprint; where both come, once is enough.
  matchMedia("print").addEventListener("change", (e) => {
    if (e.matches && performance.now() - lastRun > 1000) {
      number(handbook);
    }
  });
}

/**
 * Numbers the contents of the handbook: paginates it as it will print,
 * writes each entry's page, and sets data-print-pages to the pages in
 * all ("unknown" where the stylesheets cannot be read).
 */
function number(book: HTMLElement): void {
  lastRun = performance.now();
  const unknown = (): void => {
    for (const span of book.querySelectorAll(".toc-page")) {
      span.textContent = "";
    }
    for (const e of Array.from(book.getElementsByClassName(BREAK))) {
      e.classList.remove(BREAK);
    }
    book.dataset.printPages = "unknown";
  };
  const sheets = readSheets();
  if (!sheets) {
    unknown();
    return;
  }
  const { area, rules } = sheets;
  const [x, y] = [scrollX, scrollY];
  const toggles = printMedia(rules, area);
  book.style.setProperty("--handbook-page-width", `${Math.floor(area.width)}px`);
  try {
    const entries = Array.from(book.querySelectorAll<HTMLAnchorElement>(".handbook-contents a[href^='#']"));
    let starts = paginate(book, area);
    // The numbers take room in the contents, which may then take another
    // page: number again until the pages stay.
    for (let i = 0; i < 3; i++) {
      let changed = false;
      for (const a of entries) {
        const target = document.getElementById(anchor(a.hash.slice(1)));
        const span = a.querySelector(".toc-page");
        const page = target ? starts.pages.get(target) : undefined;
        const text = page === undefined ? "" : String(page);
        if (span && span.textContent !== text) {
          span.textContent = text;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
      starts = paginate(book, area);
    }
    book.dataset.printPages = String(starts.total);
  } catch (e) {
    unknown(); // no numbers rather than wrong ones
    throw e;
  } finally {
    for (const t of toggles) {
      t.list.mediaText = t.text;
    }
    // The screen's layout comes back with the next frame, and with it the
    // place the reader was at, should the print's layout have moved it.
    requestAnimationFrame(() => {
      if (scrollX !== x || scrollY !== y) {
        scrollTo({ left: x, top: y, behavior: "instant" });
      }
    });
  }
}

/** The id a link's fragment names. */
function anchor(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** The style sheets' rules and the @page rule's page area, or undefined. */
function readSheets(): { area: PageArea; rules: CSSRuleList[] } | undefined {
  const rules: CSSRuleList[] = [];
  const page: Record<string, string> = {};
  try {
    for (const sheet of Array.from(document.styleSheets)) {
      rules.push(sheet.cssRules);
      collectPage(sheet.cssRules, page);
    }
  } catch {
    return undefined; // a sheet the page may not read
  }
  const area = pageArea(page);
  return area ? { area, rules } : undefined;
}

/** Gathers the descriptors of the @page rules without a selector. */
function collectPage(rules: CSSRuleList, page: Record<string, string>): void {
  for (const rule of Array.from(rules)) {
    if (rule instanceof CSSPageRule && rule.selectorText === "") {
      for (const name of ["size", "margin-top", "margin-right", "margin-bottom", "margin-left"]) {
        const v = rule.style.getPropertyValue(name);
        if (v) {
          page[name] = v;
        }
      }
    } else if (rule instanceof CSSImportRule && rule.styleSheet) {
      collectPage(rule.styleSheet.cssRules, page);
    } else if (rule instanceof CSSGroupingRule) {
      collectPage(rule.cssRules, page);
    }
  }
}

/** The page's content area from the size and margins of @page. */
function pageArea(page: Record<string, string>): PageArea | undefined {
  const size = (page["size"] ?? "").trim().toLowerCase().split(/\s+/);
  let w: number | undefined;
  let h: number | undefined;
  const paper = size.find((s) => s in PAPER);
  if (paper) {
    [w, h] = (PAPER[paper] ?? [0, 0]).map((mm) => (mm * 96) / 25.4);
  } else {
    w = cssLength(size[0] ?? "");
    h = size.length > 1 ? cssLength(size[1] ?? "") : w;
  }
  if (w === undefined || h === undefined) {
    return undefined; // no size, or the browser's: the page is not known
  }
  if (size.includes("landscape") !== w > h && (size.includes("landscape") || size.includes("portrait"))) {
    [w, h] = [h, w];
  }
  const m = ["margin-top", "margin-right", "margin-bottom", "margin-left"].map((n) => cssLength(page[n] ?? "0"));
  const [top, right, bottom, left] = m;
  if (top === undefined || right === undefined || bottom === undefined || left === undefined) {
    return undefined;
  }
  const area = { width: w - left - right, height: h - top - bottom };
  return area.width > 0 && area.height > 0 ? area : undefined;
}

/** A length in an absolute unit in CSS pixels, or undefined. */
function cssLength(s: string): number | undefined {
  const m = /^(-?\d*\.?\d+)([a-z]*)$/i.exec(s.trim());
  if (!m) {
    return undefined;
  }
  const n = parseFloat(m[1] ?? "");
  const unit = (m[2] ?? "").toLowerCase();
  const k = unit === "" && n === 0 ? 1 : UNIT[unit];
  return k === undefined ? undefined : n * k;
}

/**
 * Turns the print rules of the style sheets on and the others off: every
 * media list whose answer on the screen differs from the one in print, on
 * a page of the page area's size, gets "all" or "not all". Returns the
 * lists changed, to put back.
 */
function printMedia(sheets: CSSRuleList[], area: PageArea): Toggle[] {
  // All asked first, then all changed: a question asked after a change
  // could have the browser work the page's style out again.
  const em = initialFontSize();
  const lists: [MediaList, boolean][] = [];
  const ask = (list: MediaList): void => {
    if (list.length > 0) {
      lists.push([list, Array.from({ length: list.length }, (_, i) => printed(list.item(i) ?? "", area, em)).some(Boolean)]);
    }
  };
  const visit = (rules: CSSRuleList): void => {
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSMediaRule) {
        ask(rule.media);
        visit(rule.cssRules);
      } else if (rule instanceof CSSImportRule) {
        ask(rule.media);
        if (rule.styleSheet) {
          visit(rule.styleSheet.cssRules);
        }
      } else if (rule instanceof CSSGroupingRule) {
        visit(rule.cssRules);
      }
    }
  };
  for (const sheet of Array.from(document.styleSheets)) {
    ask(sheet.media);
  }
  for (const rules of sheets) {
    visit(rules);
  }
  const toggles: Toggle[] = [];
  for (const [list, print] of lists) {
    const text = list.mediaText;
    if (matchMedia(text).matches !== print) {
      list.mediaText = print ? "all" : "not all";
      toggles.push({ list, text });
    }
  }
  return toggles;
}

// Media conditions that always and never hold, for the window to answer.
const ALWAYS = "(min-width: 0px)";
const NEVER = "(not (min-width: 0px))";

/**
 * Whether a media query holds in print on a page of the area's size: the
 * type is print, the page's width, height and orientation are the area's,
 * and the window answers the other features. em is the size of an em in a
 * media query.
 */
function printed(query: string, area: PageArea, em: number): boolean {
  // Each feature of the page's size becomes a condition that always or
  // never holds, innermost parentheses first.
  const cond = (c: string): string =>
    c.replace(/\(([^()]*)\)/g, (whole, inner: string) => {
      const v = pageFeature(inner, area, em);
      return v === undefined ? whole : v ? ALWAYS : NEVER;
    });
  const m = /^(?:(not|only)\s+)?([a-z-]+)(?:\s+and\s+(.+))?$/i.exec(query.trim());
  if (!m) {
    return matchMedia(cond(query)).matches; // a condition alone
  }
  const type = (m[2] ?? "").toLowerCase();
  let holds = (type === "all" || type === "print") && (m[3] === undefined || matchMedia(cond(m[3])).matches);
  if (m[1]?.toLowerCase() === "not") {
    holds = !holds;
  }
  return holds;
}

/**
 * Whether a media feature of the page's size holds on the area:
 * (min-width: 40rem), (width < 40rem), (30rem <= width < 40rem),
 * (orientation: portrait) and the like; undefined for other features.
 */
function pageFeature(f: string, area: PageArea, em: number): boolean | undefined {
  const size = (name: string): number | undefined =>
    name === "width" ? area.width : name === "height" ? area.height : undefined;
  const len = (v: string): number | undefined => {
    const m = /^(-?\d*\.?\d+)(em|rem)$/i.exec(v.trim());
    return m ? parseFloat(m[1] ?? "") * em : cssLength(v);
  };
  const cmp = (a: number, op: string, b: number): boolean =>
    op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : op === ">=" ? a >= b : a === b;
  const t = f.trim().toLowerCase();
  let m = /^orientation\s*:\s*(portrait|landscape)$/.exec(t);
  if (m) {
    return (area.height >= area.width) === (m[1] === "portrait");
  }
  m = /^(min-|max-)?(width|height)\s*:\s*(\S+)$/.exec(t);
  if (m) {
    const x = size(m[2] ?? "");
    const v = len(m[3] ?? "");
    if (x === undefined || v === undefined) {
      return undefined;
    }
    return m[1] === "min-" ? x >= v : m[1] === "max-" ? x <= v : x === v;
  }
  m = /^(?:(\S+?)\s*(<=|>=|<|>|=)\s*)?(width|height)(?:\s*(<=|>=|<|>|=)\s*(\S+))?$/.exec(t);
  if (m && (m[1] !== undefined || m[5] !== undefined)) {
    const x = size(m[3] ?? "");
    if (x === undefined) {
      return undefined;
    }
    let holds = true;
    if (m[1] !== undefined) {
      const v = len(m[1]);
      if (v === undefined) {
        return undefined;
      }
      holds &&= cmp(v, m[2] ?? "", x);
    }
    if (m[5] !== undefined) {
      const v = len(m[5]);
      if (v === undefined) {
        return undefined;
      }
      holds &&= cmp(x, m[4] ?? "", v);
    }
    return holds;
  }
  return undefined;
}

/** The size of an em in a media query: the browser's default font size. */
function initialFontSize(): number {
  const probe = document.createElement("span");
  probe.style.fontSize = "medium";
  probe.style.display = "none";
  document.body.append(probe);
  const px = parseFloat(getComputedStyle(probe).fontSize) || 16;
  probe.remove();
  return px;
}

/**
 * Paginates the handbook as laid out for print: marks the breaks, and
 * returns the page each part of it (the title page, the contents, each
 * document) starts on, and the pages in all.
 */
function paginate(book: HTMLElement, area: PageArea): { pages: Map<Element, number>; total: number } {
  for (const e of Array.from(book.getElementsByClassName(BREAK))) {
    e.classList.remove(BREAK);
  }
  const pages = new Map<Element, number>();
  const parts = flow(book) ?? [];
  const first = parts[0];
  const p: Pager = {
    page: 1,
    top: first ? edge(first) : 0,
    limit: area.height - SLACK,
    height: area.height,
    keep: [],
    cut: false,
    breaks: new Set(),
  };
  let prev: Element | undefined;
  for (const part of parts) {
    if (prev && forced(prev, part)) {
      newPage(p, part);
    }
    const before = p.page;
    place(part, p, book, -Infinity);
    pages.set(part, p.breaks.has(part) ? before + 1 : before);
    prev = part;
  }
  // Marked after measuring: a class changed in between would have the
  // browser lay the page out again at the next measure.
  for (const e of p.breaks) {
    e.classList.add(BREAK);
  }
  return { pages, total: p.page };
}

/** Whether the style sheets break the page between two parts. */
function forced(prev: Element, next: Element): boolean {
  const a = getComputedStyle(prev);
  const b = getComputedStyle(next);
  const pageBreak = (v: string): boolean => /^(page|left|right|recto|verso)$/.test(v);
  return pageBreak(a.breakAfter) || pageBreak(b.breakBefore) || (a.getPropertyValue("page") || "auto") !== (b.getPropertyValue("page") || "auto");
}

/** Starts a new page with el at its top, for a break the CSS forces. */
function newPage(p: Pager, el: Element): void {
  p.page++;
  p.top = edge(el);
  p.keep = [];
  p.cut = false;
}

/**
 * Places a block on the pages: where it does not fit on the page, the
 * page breaks before it, or inside it where it can break. end is where its
 * parent ends, when the block is the last in a parent whose padding or
 * border comes after it.
 */
function place(el: Element, p: Pager, root: Element, end: number): void {
  if (p.cut) {
    p.cut = false;
    breakBefore(el, p, root);
  }
  const box = el.getBoundingClientRect();
  const bottom = Math.max(box.bottom, end);
  if (bottom <= p.top + p.limit) {
    keepWith(el, p);
    return;
  }
  const style = getComputedStyle(el);
  const avoid = /^avoid/.test(style.breakInside);
  const kids = avoid && bottom - edge(el) <= p.limit ? undefined : flow(el);
  if (kids && kids.length > 0) {
    const last = hasEndEdge(style) ? box.bottom : -Infinity;
    kids.forEach((kid, i) => place(kid, p, root, i === kids.length - 1 ? Math.max(last, end) : -Infinity));
    return;
  }
  if (breakBefore(el, p, root) && bottom <= p.top + p.limit) {
    keepWith(el, p);
    return;
  }
  // Taller than a page: the printer goes on over the next pages; what
  // follows starts on a page of its own.
  p.page += overflow(el, style, p, bottom) - 1;
  p.keep = [];
  p.cut = true;
}

/** Notes a heading, which goes on the page of what follows it. */
function keepWith(el: Element, p: Pager): void {
  if (/^H[1-6]$/.test(el.tagName) || /^avoid/.test(getComputedStyle(el).breakAfter)) {
    p.keep.push(el);
  } else {
    p.keep = [];
  }
}

/**
 * Breaks the page before el, or before the headings just before it, or
 * before the parent el is the first block of. Returns false where that is
 * the top of the page already.
 */
function breakBefore(el: Element, p: Pager, root: Element): boolean {
  let target = climb(el, root);
  const head = p.keep[0];
  if (head) {
    const h = climb(head, root);
    if (edge(h) > p.top + 0.5) {
      target = h;
    }
  }
  const top = edge(target);
  if (top <= p.top + 0.5) {
    return false;
  }
  p.breaks.add(target);
  p.page++;
  p.top = top;
  p.keep = [];
  return true;
}

/** The outermost block that starts where el starts (below root). */
function climb(el: Element, root: Element): Element {
  let e = el;
  for (;;) {
    if (e instanceof HTMLTableRowElement) {
      const table = e.closest("table");
      if (!table || bodyRows(table)[0] !== e) {
        return e;
      }
      e = table;
      continue;
    }
    const parent = e.parentElement;
    if (!parent || parent === root || (flow(parent) ?? [])[0] !== e) {
      return e;
    }
    e = parent;
  }
}

/**
 * Where a block begins on a page that breaks before it: its top margin
 * stays after a forced break; a table row has the table's head repeated
 * above it.
 */
function edge(el: Element): number {
  const box = el.getBoundingClientRect();
  if (el instanceof HTMLTableRowElement) {
    const head = el.closest("table")?.tHead;
    return box.top - (head ? head.getBoundingClientRect().height : 0);
  }
  let margin = 0;
  for (let e: Element | null = el; e; e = e.firstElementChild) {
    const s = getComputedStyle(e);
    margin = Math.max(margin, parseFloat(s.marginTop) || 0);
    if (parseFloat(s.paddingTop) || parseFloat(s.borderTopWidth) || s.display !== "block") {
      break;
    }
  }
  return box.top - margin;
}

/** Whether a block has padding or a border after its content. */
function hasEndEdge(s: CSSStyleDeclaration): boolean {
  return (parseFloat(s.paddingBottom) || 0) > 0 || (parseFloat(s.borderBottomWidth) || 0) > 0;
}

/**
 * The blocks a block is made of, in order, where the page may break
 * between them: its block children (the body rows of a table), or
 * undefined for a block of lines or one that does not break.
 */
function flow(el: Element): Element[] | undefined {
  if (el instanceof HTMLTableElement) {
    return bodyRows(el);
  }
  const style = getComputedStyle(el);
  if (!/^(block|list-item|flow-root)$/.test(style.display) || style.overflowY !== "visible" && style.overflowY !== "clip") {
    return undefined;
  }
  const out: Element[] = [];
  for (const n of Array.from(el.childNodes)) {
    if (n.nodeType === Node.TEXT_NODE) {
      if ((n.textContent ?? "").trim() !== "") {
        return undefined;
      }
      continue;
    }
    if (!(n instanceof Element)) {
      continue;
    }
    const s = getComputedStyle(n);
    if (s.display === "none" || s.position === "absolute" || s.position === "fixed") {
      continue;
    }
    if (s.display === "contents") {
      const inner = flow(n);
      if (!inner) {
        return undefined;
      }
      out.push(...inner);
      continue;
    }
    if (s.display.startsWith("inline") || s.display === "ruby" || s.float !== "none") {
      return undefined;
    }
    out.push(n);
  }
  return out;
}

/** A table's rows outside its head. */
function bodyRows(table: HTMLTableElement): HTMLTableRowElement[] {
  return Array.from(table.rows).filter((r) => r.parentElement !== table.tHead && getComputedStyle(r).display !== "none");
}

/**
 * The pages a block taller than a page takes from the top of one: its
 * lines as the printer puts them on pages, or its height in pages where it
 * is one piece (an image) or of pieces the script cannot see.
 */
function overflow(el: Element, style: CSSStyleDeclaration, p: Pager, bottom: number): number {
  const slices = Math.max(1, Math.ceil((bottom - p.top) / p.height - 0.001));
  if (/^(IMG|SVG|VIDEO|CANVAS|IFRAME|OBJECT|EMBED)$/i.test(el.tagName) || !/^(block|list-item|flow-root)$/.test(style.display)) {
    return slices;
  }
  const lines = lineBoxes(el);
  if (lines.length === 0) {
    return slices;
  }
  let pages = 1;
  let top = p.top;
  for (const [a, b] of lines) {
    if (b > top + p.height && a > top) {
      pages++;
      top = a;
    }
  }
  return pages;
}

/** The line boxes of a block: top and bottom of each, in order. */
function lineBoxes(el: Element): [number, number][] {
  const range = document.createRange();
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const boxes: [number, number][] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || (n.textContent ?? "").trim() === "") {
      continue;
    }
    const lh = parseFloat(getComputedStyle(parent).lineHeight);
    range.selectNodeContents(n);
    for (const r of Array.from(range.getClientRects())) {
      if (r.height > 0) {
        const lead = lh > r.height ? (lh - r.height) / 2 : 0;
        boxes.push([r.top - lead, r.bottom + lead]);
      }
    }
  }
  for (const img of Array.from(el.querySelectorAll("img, svg, video, canvas"))) {
    const r = img.getBoundingClientRect();
    boxes.push([r.top, r.bottom]);
  }
  boxes.sort((x, y) => x[0] - y[0]);
  const lines: [number, number][] = [];
  for (const [a, b] of boxes) {
    const line = lines[lines.length - 1];
    if (line && a < line[1] - 1) {
      line[1] = Math.max(line[1], b);
    } else {
      lines.push([a, b]);
    }
  }
  return lines;
}
export {};
