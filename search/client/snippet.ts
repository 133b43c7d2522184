// Snippets: the part of a result's text that shows why it matched, with
// the matching words marked. The text comes from the document's data file
// as plain text; the caller puts the parts into the page with textContent,
// so nothing in a document can become markup.

import { analyze, lowercase, tokenize, type AnalyzerName } from "./analysis";
import type { ResolvedWord } from "./rank";

/** A word of a document's text: where it is, its term, its lowercase form. */
export interface Word {
  start: number;
  end: number;
  term: string | null;
  lower: string;
}

/** A text with its words, analysed once and matched against many queries. */
export interface Analysed {
  text: string;
  words: Word[];
}

/** analyseText finds the words of a text of a document analysed by a. */
export function analyseText(text: string, a: AnalyzerName): Analysed {
  return {
    text,
    words: tokenize(text).map((t) => ({ start: t.start, end: t.end, term: analyze(t.text, a), lower: lowercase(t.text) })),
  };
}

/** A piece of a snippet: text, marked or not. */
export interface Part {
  text: string;
  mark: boolean;
}

export interface Snippet {
  /** section is the index of the section the snippet comes from, or -1 for the summary. */
  section: number;
  parts: Part[];
}

/** A Matcher tells which query word a word of a document matches (-1 for none). */
export type Matcher = (w: Word) => number;

/** matcher matches words against the query's words: their terms, and the prefix of the word being typed. */
export function matcher(words: readonly ResolvedWord[]): Matcher {
  const byTerm = new Map<string, number>();
  words.forEach((w, i) => w.terms.forEach((t) => byTerm.has(t) || byTerm.set(t, i)));
  const prefixes = words.map((w, i) => [w.word.prefix, i] as const).filter(([p]) => p !== "");
  return (w) => {
    if (w.term !== null) {
      const i = byTerm.get(w.term);
      if (i !== undefined) return i;
    }
    for (const [p, i] of prefixes) if (w.lower.startsWith(p)) return i;
    return -1;
  };
}

interface Hit {
  start: number;
  end: number;
  word: number;
}

function hits(a: Analysed, match: Matcher): Hit[] {
  const out: Hit[] = [];
  for (const w of a.words) {
    const i = match(w);
    if (i >= 0) out.push({ start: w.start, end: w.end, word: i });
  }
  return out;
}

/** highlight marks the matching words of a whole (short) text. */
export function highlight(a: Analysed, match: Matcher): Part[] {
  return parts(a.text, hits(a, match), 0, a.text.length);
}

function parts(text: string, hs: readonly Hit[], from: number, to: number): Part[] {
  const out: Part[] = [];
  let at = from;
  for (const h of hs) {
    if (h.start < from || h.end > to) continue;
    if (h.start > at) out.push({ text: text.slice(at, h.start), mark: false });
    out.push({ text: text.slice(h.start, h.end), mark: true });
    at = h.end;
  }
  if (at < to) out.push({ text: text.slice(at, to), mark: false });
  return out;
}

function distinct(hs: readonly Hit[]): number {
  return new Set(hs.map((h) => h.word)).size;
}

/**
 * snippet picks the section whose heading and text match the most
 * distinct words (then the most often, then the first), and from its text
 * the window of about length characters with the most distinct words.
 * Without a match in any section's text it shows the summary.
 */
export function snippet(
  headings: readonly Analysed[],
  texts: readonly Analysed[],
  summary: Analysed,
  match: Matcher,
  length = 180,
): Snippet {
  let best = -1;
  let bestScore = 0;
  let bestHits: Hit[] = [];
  texts.forEach((text, i) => {
    const hs = hits(text, match);
    const heading = headings[i];
    const all = heading ? hs.concat(hits(heading, match)) : hs;
    const score = distinct(all) * 100000 + all.length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
      bestHits = hs;
    }
  });
  if (best < 0 || (bestHits.length === 0 && summary.text !== "")) {
    if (summary.text !== "" || texts.length === 0) {
      return { section: best, parts: clip(summary.text, hits(summary, match), 0, length) };
    }
    return { section: best < 0 ? 0 : best, parts: clip(texts[0]!.text, [], 0, length) };
  }
  const text = texts[best]!.text;
  // The window that starts at a hit and holds the most distinct words.
  let from = 0;
  let most = -1;
  for (const h of bestHits) {
    const d = distinct(bestHits.filter((x) => x.start >= h.start && x.end <= h.start + length));
    if (d > most) {
      most = d;
      from = h.start;
    }
  }
  return { section: best, parts: clip(text, bestHits, Math.max(0, from - 40), length) };
}

// clip cuts text to about length characters from `from`, on word
// boundaries, with an ellipsis where it cuts.
function clip(text: string, hs: readonly Hit[], from: number, length: number): Part[] {
  let start = from;
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space < 0 || space - start > 20 ? start : space + 1;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > start + length / 2) end = space;
  }
  const out = parts(text, hs, start, end);
  if (start > 0) out.unshift({ text: "… ", mark: false });
  if (end < text.length) out.push({ text: " …", mark: false });
  return out;
}
