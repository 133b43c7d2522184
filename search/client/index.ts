// The static index: its files, loaded on demand, and what they hold.
//
// Every file is a script that calls ismsSearch(key, data…) (see
// search/export.go); a Loader turns a key into that data. In the browser
// the loader adds a <script src> (search/client/loader.ts), which works
// from file:// where fetch does not.

import type { AnalyzerName } from "./analysis";
import { compareTerms, decodeAll, Digits, lastAtMost } from "./encoding";

export type Loader = (key: string) => Promise<unknown[]>;

export interface Manifest {
  version: number;
  lang: string;
  docs: number;
  analyzers: AnalyzerName[];
  fields: string[];
  boosts: number[];
  bodyField: number;
  bodyLengths: string;
  completions: number;
  minPrefix: number;
  /** termShards and dictShards are the shards' lower bounds, front-coded (see decodeBounds). */
  termShards: string;
  dictShards: string;
  types: string[];
  entries: boolean;
  strings: Record<string, string>;
}

/** The postings of a term in one field. */
export interface FieldPostings {
  docs: Int32Array;
  freqs: Int32Array;
  /** lengths of the field in each document (null for the body: see SearchIndex.bodyLengths). */
  lengths: Int32Array | null;
}

/** The postings of a term, by field number. */
export type TermPostings = (FieldPostings | undefined)[];

interface TermShard {
  terms: string[];
  postings: string[];
}

interface DictShard {
  terms: string[];
  counts: number[];
  forms: string[];
}

/** A dictionary term: what completions and suggestions are made of. */
export interface DictTerm {
  term: string;
  /** form is the word that produced the term (the term itself when it is one). */
  form: string;
  count: number;
}

export interface SectionInfo {
  heading: string;
  anchor: string;
  length: number;
}

/** A document's data file. */
export interface DocData {
  n: number;
  id: string;
  title: string;
  url: string;
  type: string;
  analyzer: AnalyzerName;
  summary: string;
  sections: SectionInfo[];
  /** text is the sections' texts, deflated and base64-encoded. */
  text: string;
}

/** A catalogue entry an ID query offers. */
export interface Entry {
  id: string;
  kind: string;
  title: string;
  url: string;
}

export class SearchIndex {
  readonly bodyLengths: Int32Array;
  private readonly termBounds: string[];
  private readonly dictBounds: string[];
  private readonly files = new Map<string, Promise<unknown[]>>();
  private readonly postingCache = new Map<string, Promise<TermPostings | null>>();

  private constructor(
    readonly manifest: Manifest,
    private readonly load: Loader,
  ) {
    this.bodyLengths = decodeBodyLengths(manifest.bodyLengths, manifest.docs);
    this.termBounds = decodeBounds(manifest.termShards);
    this.dictBounds = decodeBounds(manifest.dictShards);
  }

  static async open(load: Loader): Promise<SearchIndex> {
    const [m] = await load("manifest");
    const manifest = m as Manifest;
    if (manifest.version !== 1) throw new Error("search: unknown index version " + manifest.version);
    return new SearchIndex(manifest, load);
  }

  private file(key: string): Promise<unknown[]> {
    let f = this.files.get(key);
    if (!f) {
      f = this.load(key);
      this.files.set(key, f);
      f.catch(() => this.files.delete(key));
    }
    return f;
  }

  private async termShard(i: number): Promise<TermShard> {
    const [terms, postings] = await this.file("t/" + i);
    return { terms: terms as string[], postings: postings as string[] };
  }

  private async dictShard(i: number): Promise<DictShard> {
    const [terms, counts, forms] = await this.file("w/" + i);
    return { terms: terms as string[], counts: decodeAll(counts as string), forms: forms as string[] };
  }

  /** postings returns the postings of term, or null when no document has it. */
  postings(term: string): Promise<TermPostings | null> {
    let p = this.postingCache.get(term);
    if (!p) {
      p = this.findPostings(term);
      this.postingCache.set(term, p);
    }
    return p;
  }

  private async findPostings(term: string): Promise<TermPostings | null> {
    const i = lastAtMost(this.termBounds, term);
    if (i < 0) return null;
    const shard = await this.termShard(i);
    const j = lastAtMost(shard.terms, term);
    if (j < 0 || shard.terms[j] !== term) return null;
    return decodePostings(shard.postings[j]!, this.manifest.bodyField);
  }

  /** dictRange returns the dictionary terms that start with prefix. */
  async dictRange(prefix: string): Promise<DictTerm[]> {
    const bounds = this.dictBounds;
    if (bounds.length === 0) return [];
    let i = Math.max(0, lastAtMost(bounds, prefix));
    const wanted = [i];
    while (i + 1 < bounds.length && bounds[i + 1]!.startsWith(prefix)) wanted.push(++i);
    const out: DictTerm[] = [];
    for (const shard of await Promise.all(wanted.map((k) => this.dictShard(k)))) {
      shard.terms.forEach((t, k) => {
        if (t.startsWith(prefix)) out.push({ term: t, form: shard.forms[k] || t, count: shard.counts[k]! });
      });
    }
    return out;
  }

  /**
   * completions returns the terms the prefix completes to: the manifest's
   * number of dictionary terms with the most postings, ties in term order,
   * leaving out the given terms.
   */
  async completions(prefix: string, exclude: readonly string[]): Promise<string[]> {
    const found = (await this.dictRange(prefix)).filter((d) => !exclude.includes(d.term));
    found.sort((a, b) => b.count - a.count || compareTerms(a.term, b.term));
    return found.slice(0, this.manifest.completions).map((d) => d.term);
  }

  /** near returns the dictionary terms in the shard where key would be and in its neighbours. */
  async near(key: string): Promise<DictTerm[]> {
    const bounds = this.dictBounds;
    if (bounds.length === 0) return [];
    const i = Math.max(0, lastAtMost(bounds, key));
    const wanted = [i - 1, i, i + 1].filter((k) => k >= 0 && k < bounds.length);
    const out: DictTerm[] = [];
    for (const shard of await Promise.all(wanted.map((k) => this.dictShard(k)))) {
      shard.terms.forEach((t, k) => out.push({ term: t, form: shard.forms[k] || t, count: shard.counts[k]! }));
    }
    return out;
  }

  async doc(n: number): Promise<DocData> {
    const [d] = await this.file("d/" + n);
    const [id, title, url, type, analyzer, summary, sections, text] = d as [
      string, string, string, string, AnalyzerName, string, [string, string, number][], string,
    ];
    return {
      n, id, title, url, type, analyzer, summary, text,
      sections: sections.map(([heading, anchor, length]) => ({ heading, anchor, length })),
    };
  }

  /** types returns each document's type (an index in the manifest's types). */
  async types(): Promise<number[]> {
    const [codes] = await this.file("types");
    return decodeAll(codes as string);
  }

  async entries(): Promise<Entry[]> {
    if (!this.manifest.entries) return [];
    const [list] = await this.file("entries");
    return (list as [string, string, string, string][]).map(([id, kind, title, url]) => ({ id, kind, title, url }));
  }
}

/**
 * decodeBounds decodes shard bounds: separated by spaces, each the number
 * of code points it shares with the one before (one digit) and the rest.
 */
function decodeBounds(s: string): string[] {
  if (s === "") return [];
  const out: string[] = [];
  let prev: string[] = [];
  for (const entry of s.split(" ")) {
    const shared = new Digits(entry.charAt(0)).next();
    const cur = prev.slice(0, shared).join("") + entry.slice(1);
    out.push(cur);
    prev = Array.from(cur);
  }
  return out;
}

function decodeBodyLengths(s: string, docs: number): Int32Array {
  const out = new Int32Array(docs);
  const d = new Digits(s);
  let len = 0;
  let n = 0;
  while (!d.done()) {
    len += d.next();
    const run = d.next();
    out.fill(len, n, n + run);
    n += run;
  }
  return out;
}

const FREQ_INLINE = 8;

/** decodePostings decodes a term's postings (see appendPostings in search/export.go). */
function decodePostings(s: string, bodyField: number): TermPostings {
  const out: TermPostings = [];
  const d = new Digits(s);
  while (!d.done()) {
    const field = d.next();
    const count = d.next();
    const docs = new Int32Array(count);
    const freqs = new Int32Array(count);
    const lengths = field === bodyField ? null : new Int32Array(count);
    let doc = -1;
    for (let k = 0; k < count; k++) {
      // gap·8 + min(freq−1, 7), then the rest of freq−1 when it is 7 or more.
      const v = d.next();
      doc += Math.floor(v / FREQ_INLINE) + 1;
      docs[k] = doc;
      let f = v % FREQ_INLINE;
      if (f === FREQ_INLINE - 1) f += d.next();
      const freq = f + 1;
      freqs[k] = freq;
      if (lengths) lengths[k] = d.next() + freq;
    }
    out[field] = { docs, freqs, lengths };
  }
  return out;
}

/** inflate decodes a document's text: base64, then raw DEFLATE. */
export async function inflate(b64: string): Promise<string> {
  if (b64 === "") return "";
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let out = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out += decoder.decode(value, { stream: true });
  }
  return out + decoder.decode();
}

/** sectionTexts splits a document's inflated text into its sections. */
export function sectionTexts(doc: DocData, text: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const s of doc.sections) {
    out.push(text.slice(at, at + s.length));
    at += s.length;
  }
  return out;
}
