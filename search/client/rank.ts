// Ranking: bleve's TF-IDF scoring of the query a parsed text stands for,
// reproduced operation for operation so that the order of results is
// bleve's (search/reference_test.go builds the same query in bleve).
//
// The query: every word must match (a conjunction); a word matches when
// any of its terms is in any field (a disjunction of one term query per
// term and field, boosted by the field). A term query scores a document
//
//   sqrt(freq) · norm · idf  ·  boost · idf · queryNorm
//
// with idf = 1 + ln(docs / (docFreq + 1)), norm = 1/sqrt(field length)
// rounded to float32, and queryNorm = 1/sqrt(Σ (boost · idf)²) over every
// term query of the whole query. A disjunction sums its matching term
// queries and multiplies by the share of them that matched (coord); the
// conjunction sums its words.

import type { QueryWord, ParsedQuery } from "./query";
import type { SearchIndex, TermPostings } from "./index";

/** A word with what it stands for in the index. */
export interface ResolvedWord {
  word: QueryWord;
  /** terms are the word's own terms, then its completions. */
  terms: string[];
  postings: (TermPostings | null)[];
}

export interface Hit {
  doc: number;
  score: number;
}

/** resolve finds the completions and the postings of every word. */
export async function resolve(ix: SearchIndex, q: ParsedQuery): Promise<ResolvedWord[]> {
  const words = await Promise.all(
    q.words.map(async (word) => {
      const terms = word.terms.slice();
      if (word.prefix !== "") terms.push(...(await ix.completions(word.prefix, word.terms)));
      const postings = await Promise.all(terms.map((t) => ix.postings(t)));
      return { word, terms, postings };
    }),
  );
  // A word without any term (a stop word being typed that completes to
  // nothing) does not restrict the search.
  return words.filter((w) => w.terms.length > 0);
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
    for (const p of w.postings) {
      for (let f = 0; f < nf; f++) {
        const x = boosts[f]! * idf(p?.[f]?.docs.length ?? 0);
        s += x * x;
      }
    }
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
    for (const p of w.postings) {
      for (let f = 0; f < nf; f++) {
        const fp = p?.[f];
        if (!fp) continue;
        const termIdf = idf(fp.docs.length);
        const queryWeight = boosts[f]! * termIdf * queryNorm;
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
    }
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
