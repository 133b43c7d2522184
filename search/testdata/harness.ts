// The Node side of the client tests (see client_test.go): one JSON request
// per line on stdin, one JSON answer per line on stdout. It runs the
// client's own modules, bundled from search.ClientFS, over index files read
// from disk the way the browser reads them: each file is a script calling
// ismsSearch(key, data…).

import * as fs from "node:fs";
import * as readline from "node:readline";
import * as vm from "node:vm";
import { analyze, segment, tokenize, type AnalyzerName } from "client/analysis";
import { latinWords } from "client/words";
import { SearchIndex, type Loader } from "client/index";
import { parseQuery } from "client/query";
import { search, show } from "client/results";

interface Loaded {
  key: string;
  bytes: number;
}

let dir = "";
let loaded: Loaded[] = [];
let index: SearchIndex | null = null;

function fileLoader(base: string): Loader {
  return async (key) => {
    const src = fs.readFileSync(base + "/" + key + ".js", "utf8");
    loaded.push({ key, bytes: Buffer.byteLength(src) });
    let data: unknown[] | undefined;
    (globalThis as unknown as { ismsSearch: unknown }).ismsSearch = (k: string, ...d: unknown[]) => {
      if (k === key) data = d;
    };
    vm.runInThisContext(src, { filename: key + ".js" });
    if (!data) throw new Error("index file " + key + " did not register its data");
    return data;
  };
}

async function open(): Promise<SearchIndex> {
  loaded = [];
  index = await SearchIndex.open(fileLoader(dir));
  return index;
}

type Request =
  | { op: "tokens"; texts: string[]; tokenizer?: "latin" | "segmenter" }
  | { op: "analyze"; tokens: string[]; analyzer: AnalyzerName }
  | { op: "parse"; queries: string[]; analyzers: AnalyzerName[] }
  | { op: "open"; dir: string }
  | { op: "loadAll"; dir: string; keys: string[] }
  | { op: "search"; queries: string[]; k: number; show: number; cold: boolean };

async function handle(req: Request): Promise<unknown> {
  switch (req.op) {
    case "tokens":
      return {
        tokens: req.texts.map((t) => {
          switch (req.tokenizer) {
            case "latin":
              return latinWords(t).map((w) => t.slice(w.start, w.end));
            case "segmenter":
              return segment(t).map((x) => x.text);
          }
          return tokenize(t).map((x) => x.text);
        }),
      };
    case "analyze":
      return { terms: req.tokens.map((t) => analyze(t, req.analyzer)) };
    case "parse":
      return { parsed: req.queries.map((q) => parseQuery(q, req.analyzers)) };
    case "loadAll": {
      // Every file must be a script that registers its own key.
      const load = fileLoader(req.dir);
      const bad: string[] = [];
      for (const key of req.keys) {
        try {
          await load(key);
        } catch (e) {
          bad.push(key + ": " + String(e));
        }
      }
      return { bad };
    }
    case "open": {
      dir = req.dir;
      const ix = await open();
      return { docs: ix.manifest.docs };
    }
    case "search": {
      const results = [];
      for (const q of req.queries) {
        const ix = req.cold || !index ? await open() : index;
        const before = loaded.length;
        const t0 = performance.now();
        const r = await search(ix, q);
        const t1 = performance.now();
        const shown = await Promise.all(r.hits.slice(0, req.show).map((h) => show(ix, h, r.words)));
        const ms = performance.now() - t0;
        const msSearch = t1 - t0;
        results.push({
          hits: r.hits.slice(0, req.k).map((h) => [h.doc, h.score]),
          total: r.hits.length,
          words: r.words.map((w) => w.terms),
          entries: r.entries,
          suggestions: r.suggestions,
          shown: shown.map((s) => ({
            id: s.doc.id,
            href: s.href,
            heading: s.heading,
            title: s.title,
            snippet: s.snippet,
          })),
          loaded: loaded.slice(req.cold ? 0 : before),
          ms,
          msSearch,
        });
      }
      return { results };
    }
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let queue = Promise.resolve();
rl.on("line", (line) => {
  queue = queue.then(async () => {
    let out: unknown;
    try {
      out = await handle(JSON.parse(line) as Request);
    } catch (e) {
      out = { error: String(e instanceof Error ? e.stack : e) };
    }
    process.stdout.write(JSON.stringify(out) + "\n");
  });
});
