// Ranking: bleve's TF-IDF scoring of the query a parsed text stands for,
// reproduced operation for operation so that the order of results is
// bleve's (search/reference_test.go builds the same query in bleve).
//
// The query: every word must match (a conjunction); a word matches when
// any of its terms is in any field (a disjunction of one term query per
// term and field, boosted by the field and weighted by the term). A term
// query scores a document
//
//   sqrt(freq) · norm · idf  ·  boost · idf · queryNorm
//
// with idf = 1 + ln(docs / (docFreq + 1)), norm = 1/sqrt(field length)
// rounded to float32, boost the field's boost times the term's weight, and
// queryNorm = 1/sqrt(Σ (boost · idf)²) over every term query of the whole
// query. A disjunction sums its matching term queries and multiplies by
// the share of them that matched (coord); the conjunction sums its words.
//
// What a word stands for (resolve; search/query.go has the Go reference):
// its own terms; on a site whose Norwegian compounds are split, its
// Norwegian term as a compound's part (partWeight); the last word's
// completions while it is typed; and for every phrase of the vocabulary
// that words in a row match, on each of those words the phrase's
// expansion — translations (translationWeight), their parts
// (translationWeight · partWeight). A term comes once per word, with the
// weight it has first in that order.

import { analyze } from "./analysis";
import type { QueryWord, ParsedQuery } from "./query";
import type { Phrase, SearchIndex, TermEntry, TermPostings } from "./index";

/** A term a word stands for, with its weight. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** A word with what it stands for in the index. */
export interface ResolvedWord {
  word: QueryWord;
  /** terms are the word's own terms, its part, its completions, then its translations. */
  terms: string[];
  weights: number[];
  postings: (TermPostings | null)[];
}

export interface Hit {
  doc: number;
  score: number;
}

interface WordState {
  word: QueryWord;
  terms: WeightedTerm[];
  /** keys are what phrases are matched on: the word's terms by both analyzers, and its completions. */
  keys: string[];
  match: boolean;
}

function addTerm(w: WordState, term: string, weight: number): void {
  if (!w.terms.some((t) => t.term === term)) w.terms.push({ term, weight });
}

function addNew(list: string[], ...items: string[]): void {
  for (const x of items) if (!list.includes(x)) list.push(x);
}

/** resolve finds what every word stands for, and its postings. */
export async function resolve(ix: SearchIndex, q: ParsedQuery): Promise<ResolvedWord[]> {
  const m = ix.manifest;
  const parts = m.partMark !== "";
  const words: WordState[] = await Promise.all(
    q.words.map(async (word) => {
      const w: WordState = { word, terms: [], keys: [], match: false };
      for (const t of word.terms) addTerm(w, t, 1);
      const no = analyze(word.text, "no");
      const en = analyze(word.text, "en");
      if (parts && word.terms.length > 0 && no !== null) addTerm(w, no + m.partMark, m.partWeight);
      let comps: string[] = [];
      if (word.prefix !== "") {
        comps = await ix.completions(word.prefix, word.terms);
        for (const t of comps) addTerm(w, t, 1);
      }
      if (no !== null && en !== null) {
        w.match = true;
        addNew(w.keys, no, en);
      }
      addNew(w.keys, ...comps);
      w.match = w.match || comps.length > 0;
      return w;
    }),
  );

  // Phrases: found through each matching word's keys, in order.
  const seq = words.filter((w) => w.match);
  const entries = await Promise.all(seq.map((w) => Promise.all(w.keys.map((k) => ix.term(k)))));
  seq.forEach((w, i) => {
    entries[i]!.forEach((entry: TermEntry) => {
      for (const p of entry.phrases) {
        if (!matches(seq, i, p)) continue;
        for (let j = 0; j <= p.rest.length; j++) {
          for (const t of p.expand) {
            const weight = t.endsWith(m.partMark) && parts ? m.translationWeight * m.partWeight : m.translationWeight;
            addTerm(seq[i + j]!, t, weight);
          }
        }
      }
    });
  });

  const out = await Promise.all(
    words.map(async (w) => ({
      word: w.word,
      terms: w.terms.map((t) => t.term),
      weights: w.terms.map((t) => t.weight),
      postings: await Promise.all(w.terms.map((t) => ix.postings(t.term))),
    })),
  );
  // A word without any term (a stop word being typed that completes to
  // nothing) does not restrict the search.
  return out.filter((w) => w.terms.length > 0);
}

/** matches reports whether the words after seq[i] have the rest of phrase p. */
function matches(seq: readonly WordState[], i: number, p: Phrase): boolean {
  if (i + p.rest.length >= seq.length) return false;
  return p.rest.every((t, j) => seq[i + 1 + j]!.keys.includes(t));
}

/** unmatched reports whether a word finds nothing: none of its terms is in any document. */
export function unmatched(w: ResolvedWord): boolean {
  return w.postings.every((p) => p === null);
}

/** rank scores every document that matches all words, best first, ties by document number. */
export function rank(ix: SearchIndex, words: readonly ResolvedWord[]): Hit[] {
  const n = ix.manifest.docs;
  if (words.length === 0 || n === 0) return [];
  const boosts = ix.manifest.boosts;
  const nf = boosts.length;
  const body = ix.manifest.bodyField;
  const idf = (df: number) => 1 + Math.log(n / (df + 1));

  // queryNorm: over every term query, word by word.
  let sumOfSquares = 0;
  for (const w of words) {
    let s = 0;
    w.postings.forEach((p, t) => {
      for (let f = 0; f < nf; f++) {
        const x = boosts[f]! * w.weights[t]! * idf(p?.[f]?.docs.length ?? 0);
        s += x * x;
      }
    });
    sumOfSquares += s;
  }
  const queryNorm = 1 / Math.sqrt(sumOfSquares);

  const total = new Float64Array(n);
  const matched = new Uint8Array(n);
  const acc = new Float64Array(n);
  const count = new Int32Array(n);
  const touched: number[] = [];
  for (const w of words) {
    touched.length = 0;
    w.postings.forEach((p, t) => {
      for (let f = 0; f < nf; f++) {
        const fp = p?.[f];
        if (!fp) continue;
        const termIdf = idf(fp.docs.length);
        const queryWeight = boosts[f]! * w.weights[t]! * termIdf * queryNorm;
        for (let k = 0; k < fp.docs.length; k++) {
          const doc = fp.docs[k]!;
          const len = f === body ? ix.bodyLengths[doc]! : fp.lengths![k]!;
          const norm = Math.fround(1 / Math.sqrt(len));
          let s = Math.sqrt(fp.freqs[k]!) * norm * termIdf;
          if (queryWeight !== 1) s = s * queryWeight;
          if (count[doc] === 0) touched.push(doc);
          acc[doc] = acc[doc]! + s;
          count[doc] = count[doc]! + 1;
        }
      }
    });
    const leaves = w.terms.length * nf;
    for (const doc of touched) {
      total[doc] = total[doc]! + acc[doc]! * (count[doc]! / leaves);
      matched[doc] = matched[doc]! + 1;
      acc[doc] = 0;
      count[doc] = 0;
    }
  }
  const hits: Hit[] = [];
  for (let doc = 0; doc < n; doc++) {
    if (matched[doc] === words.length) hits.push({ doc, score: total[doc]! });
  }
  hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return hits;
}
