// The static index: its files, loaded on demand, and what they hold.
//
// Every file is a script that calls ismsSearch(key, payload…) (see
// search/export.go); a Loader turns a key into that payload. In the browser
// the loader adds a <script src> (search/client/loader.ts), which works
// from file:// where fetch does not. The payloads' types and the format's
// constants are generated from the Go side (format.ts).

import type { AnalyzerName } from "./analysis";
import { compareTerms, decodeAll, decodeBinary, Digits, lastAtMost } from "./encoding";
import {
  checkManifest,
  FORMAT_VERSION,
  FREQ_INLINE,
  KEY_DICT_SHARD,
  KEY_DOC_SHARD,
  KEY_ENTRIES,
  KEY_MANIFEST,
  KEY_TERM_SHARD,
  KEY_TYPES,
  type DictShardFile,
  type DocRecord,
  type DocShardFile,
  type EntriesFile,
  type Manifest,
  type TermShardFile,
  type TypesFile,
} from "./format";

export type { Manifest } from "./format";

export type Loader = (key: string) => Promise<unknown[]>;

/** The postings of a term in one field. */
export interface FieldPostings {
  docs: Int32Array;
  freqs: Int32Array;
  /** lengths of the field in each document (null for the body: see SearchIndex.bodyLengths). */
  lengths: Int32Array | null;
}

/** The postings of a term, by field number. */
export type TermPostings = (FieldPostings | undefined)[];

/** A phrase of the vocabulary that begins with a term. */
export interface Phrase {
  /** rest is the phrase's other terms, in order. */
  rest: string[];
  /** expand is what the phrase also stands for: terms of its translations. */
  expand: string[];
}

/** What the index has for a term: its postings (null when no document has it) and its phrases. */
export interface TermEntry {
  postings: TermPostings | null;
  phrases: Phrase[];
}

interface TermShard {
  terms: string[];
  postings: string[];
  phrases: Map<number, Phrase[]>;
}

interface DictShard {
  terms: string[];
  counts: number[];
  forms: string[];
}

/** A dictionary term: what completions and corrections are made of. */
export interface DictTerm {
  term: string;
  /** form is the word that produced the term (the term itself when it is one). */
  form: string;
  count: number;
}

export interface SectionInfo {
  heading: string;
  anchor: string;
  /** text is the section's text for snippets (cut short on a large site, ending in "…"). */
  text: string;
}

/** A document as a result shows it. */
export interface DocData {
  n: number;
  id: string;
  title: string;
  url: string;
  type: string;
  analyzer: AnalyzerName;
  summary: string;
  sections: SectionInfo[];
}

/** A catalogue entry an ID query offers. */
export interface Entry {
  id: string;
  kind: string;
  title: string;
  url: string;
}

const EMPTY: TermEntry = { postings: null, phrases: [] };

export class SearchIndex {
  readonly bodyLengths: Int32Array;
  private readonly termBounds: string[];
  private readonly dictBounds: string[];
  private readonly files = new Map<string, Promise<unknown[]>>();
  private readonly termCache = new Map<string, Promise<TermEntry>>();
  private readonly docShards = new Map<number, Promise<DocData[]>>();

  private constructor(
    readonly manifest: Manifest,
    private readonly load: Loader,
  ) {
    this.bodyLengths = decodeBodyLengths(manifest.bodyLengths, manifest.docs);
    this.termBounds = decodeBounds(manifest.termShards);
    this.dictBounds = decodeBounds(manifest.dictShards);
  }

  /** open loads the manifest and checks its version and shape. */
  static async open(load: Loader): Promise<SearchIndex> {
    const [m] = await load(KEY_MANIFEST);
    // An index of another version may have another shape: say which.
    const object = typeof m === "object" && m !== null && !Array.isArray(m);
    const version = object ? (m as { version?: unknown }).version : FORMAT_VERSION;
    if (version !== FORMAT_VERSION) throw new Error("search: unknown index version " + String(version));
    const manifest = checkManifest(m);
    for (const a of manifest.analyzers) {
      if (a !== "no" && a !== "en") throw new Error("search: unknown analyzer " + a);
    }
    return new SearchIndex(manifest, load);
  }

  /** analyzers are the analyzers the documents use. */
  get analyzers(): AnalyzerName[] {
    return this.manifest.analyzers as AnalyzerName[];
  }

  /** cached runs make(key) once, and again after it failed. */
  private cached<K, V>(cache: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
    let p = cache.get(key);
    if (!p) {
      p = make();
      cache.set(key, p);
      p.catch(() => {
        if (cache.get(key) === p) cache.delete(key);
      });
    }
    return p;
  }

  private file(key: string): Promise<unknown[]> {
    return this.cached(this.files, key, () => this.load(key));
  }

  private async termShard(i: number): Promise<TermShard> {
    const [terms, postings, phrases] = (await this.file(KEY_TERM_SHARD + i)) as TermShardFile;
    const byTerm = new Map<number, Phrase[]>();
    for (const [term, rest, expand] of phrases) {
      const list = byTerm.get(term) ?? [];
      list.push({ rest, expand });
      byTerm.set(term, list);
    }
    return { terms, postings, phrases: byTerm };
  }

  private async dictShard(i: number): Promise<DictShard> {
    const [terms, counts, forms] = (await this.file(KEY_DICT_SHARD + i)) as DictShardFile;
    return { terms, counts: decodeAll(counts), forms };
  }

  /** term returns what the index has for a term: its postings and the phrases that begin with it. */
  term(term: string): Promise<TermEntry> {
    return this.cached(this.termCache, term, () => this.findTerm(term));
  }

  /** postings returns the postings of a term, or null when no document has it. */
  async postings(term: string): Promise<TermPostings | null> {
    return (await this.term(term)).postings;
  }

  private async findTerm(term: string): Promise<TermEntry> {
    const i = lastAtMost(this.termBounds, term);
    if (i < 0) return EMPTY;
    const shard = await this.termShard(i);
    const j = lastAtMost(shard.terms, term);
    if (j < 0 || shard.terms[j] !== term) return EMPTY;
    const p = shard.postings[j]!;
    return {
      postings: p === "" ? null : decodePostings(p, this.manifest.bodyField),
      phrases: shard.phrases.get(j) ?? [],
    };
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

  /** doc returns document n, from its data shard. */
  async doc(n: number): Promise<DocData> {
    const per = this.manifest.docsPerShard;
    const shard = Math.floor(n / per);
    const docs = await this.cached(this.docShards, shard, () => this.docShard(shard));
    const d = docs[n - shard * per];
    if (!d) throw new Error("search: no document " + n);
    return d;
  }

  private async docShard(i: number): Promise<DocData[]> {
    const [data, size] = (await this.file(KEY_DOC_SHARD + i)) as DocShardFile;
    const records = JSON.parse(await inflate(decodeBinary(data, size))) as DocRecord[];
    const first = i * this.manifest.docsPerShard;
    return records.map(([id, title, url, type, analyzer, summary, sections], k) => ({
      n: first + k,
      id,
      title,
      url,
      type,
      analyzer: analyzer === "en" ? "en" : "no",
      summary,
      sections: sections.map(([heading, anchor, text]) => ({ heading, anchor, text })),
    }));
  }

  /** types returns each document's type (an index in the manifest's types). */
  async types(): Promise<number[]> {
    const [codes] = (await this.file(KEY_TYPES)) as TypesFile;
    return decodeAll(codes);
  }

  async entries(): Promise<Entry[]> {
    if (!this.manifest.entries) return [];
    const [list] = (await this.file(KEY_ENTRIES)) as EntriesFile;
    return list.map(([id, kind, title, url]) => ({ id, kind, title, url }));
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
      // gap·FREQ_INLINE + min(freq−1, FREQ_INLINE−1), then the rest of freq−1.
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

/** inflate decodes raw DEFLATE data to text. */
export async function inflate(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) return "";
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
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
