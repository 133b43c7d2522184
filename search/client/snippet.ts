// Snippets: the part of a result's text that shows why it matched, with
// the matching words marked. The text comes from the document's data file
// as plain text; the caller puts the parts into the page with textContent,
// so nothing in a document can become markup.

import { analyze, lowercase, tokenize, type AnalyzerName } from "./analysis";
import type { ResolvedWord } from "./rank";

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

/** A Matcher tells which query word a token of a document matches (-1 for none). */
export type Matcher = (token: string) => number;

/** matcher matches the tokens of a text in a document analysed by a against the words. */
export function matcher(words: readonly ResolvedWord[], a: AnalyzerName): Matcher {
  const byTerm = new Map<string, number>();
  words.forEach((w, i) => w.terms.forEach((t) => byTerm.has(t) || byTerm.set(t, i)));
  const prefixes = words.map((w, i) => [w.word.prefix, i] as const).filter(([p]) => p !== "");
  return (token) => {
    const t = analyze(token, a);
    if (t !== null) {
      const i = byTerm.get(t);
      if (i !== undefined) return i;
    }
    if (prefixes.length > 0) {
      const low = lowercase(token);
      for (const [p, i] of prefixes) if (low.startsWith(p)) return i;
    }
    return -1;
  };
}

interface Hit {
  start: number;
  end: number;
  word: number;
}

function hits(text: string, match: Matcher): Hit[] {
  const out: Hit[] = [];
  for (const t of tokenize(text)) {
    const w = match(t.text);
    if (w >= 0) out.push({ start: t.start, end: t.end, word: w });
  }
  return out;
}

/** highlight marks the matching words of a whole (short) text. */
export function highlight(text: string, match: Matcher): Part[] {
  return parts(text, hits(text, match), 0, text.length);
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
 * Without a matching section it shows the summary.
 */
export function snippet(
  headings: readonly string[],
  texts: readonly string[],
  summary: string,
  match: Matcher,
  length = 180,
): Snippet {
  let best = -1;
  let bestScore = 0;
  let bestHits: Hit[] = [];
  texts.forEach((text, i) => {
    const hs = hits(text, match);
    const all = hs.concat(hits(headings[i] ?? "", match));
    const score = distinct(all) * 100000 + all.length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
      bestHits = hs;
    }
  });
  if (best < 0 || (bestHits.length === 0 && summary !== "")) {
    if (summary !== "" || texts.length === 0) {
      return { section: best < 0 ? -1 : best, parts: clip(summary, hits(summary, match), 0, length) };
    }
    return { section: best < 0 ? 0 : best, parts: clip(texts[0]!, [], 0, length) };
  }
  const text = texts[best]!;
  // The window that starts at a hit and holds the most distinct words.
  let from = 0;
  let most = -1;
  for (let i = 0; i < bestHits.length; i++) {
    const inWindow = bestHits.filter((h) => h.start >= bestHits[i]!.start && h.end <= bestHits[i]!.start + length);
    const d = distinct(inWindow);
    if (d > most) {
      most = d;
      from = bestHits[i]!.start;
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
