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
import { scriptLoader } from "client/loader";
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
  | { op: "search"; queries: string[]; k: number; show: number; cold: boolean; verbatim?: boolean }
  | { op: "flaky"; dir: string; query: string; fail: string }
  | { op: "loader"; dir: string; key: string; missing: string }
  | { op: "openError"; dir: string };

// failingOnce wraps a loader so that the first load of every key that
// starts with prefix fails, as a file does when the network drops.
function failingOnce(load: Loader, prefix: string): Loader {
  const failed = new Set<string>();
  return async (key) => {
    if (key.startsWith(prefix) && !failed.has(key)) {
      failed.add(key);
      throw new Error("search: cannot load " + key + " (network)");
    }
    return load(key);
  };
}

// settles says how a promise settles within ms: its value, "rejected", or
// "unsettled".
function settles<T>(p: Promise<T>, ms: number): Promise<T | "rejected" | "unsettled"> {
  return Promise.race([
    p.catch(() => "rejected" as const),
    new Promise<"unsettled">((resolve) => setTimeout(() => resolve("unsettled"), ms)),
  ]);
}

// fakeDocument is the little of a DOM scriptLoader uses: a <script src>
// appended to the head runs the file (later, as a browser does) and then
// fires load, or error when there is no such file.
function fakeDocument(base: string): { doc: Document; scripts: () => number } {
  let created = 0;
  const doc = {
    createElement() {
      created++;
      const s = {
        src: "",
        async: false,
        onload: null as (() => void) | null,
        onerror: null as (() => void) | null,
        remove() {},
      };
      return s;
    },
    head: {
      appendChild(s: { src: string; onload: (() => void) | null; onerror: (() => void) | null }) {
        setTimeout(() => {
          const file = base + "/" + s.src;
          if (!fs.existsSync(file)) {
            s.onerror?.();
            return;
          }
          vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: s.src });
          s.onload?.();
        }, 5);
      },
    },
  };
  return { doc: doc as unknown as Document, scripts: () => created };
}

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
        const r = await search(ix, q, { verbatim: req.verbatim ?? false });
        const t1 = performance.now();
        const shown = await Promise.all(r.hits.slice(0, req.show).map((h) => show(ix, h, r.words)));
        const ms = performance.now() - t0;
        const msSearch = t1 - t0;
        results.push({
          hits: r.hits.slice(0, req.k).map((h) => [h.doc, h.score]),
          total: r.hits.length,
          words: r.words.map((w) => w.terms),
          weights: r.words.map((w) => w.weights),
          corrected: r.corrected,
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
    case "flaky": {
      // A search whose files fail to load the first time fails; the same
      // search again must load them and find what a search over a sound
      // loader finds.
      const shown = async (ix: SearchIndex) => {
        const r = await search(ix, req.query);
        return (await Promise.all(r.hits.slice(0, 5).map((h) => show(ix, h, r.words)))).map((s) => s.doc.id);
      };
      const ix = await SearchIndex.open(failingOnce(fileLoader(req.dir), req.fail));
      const first = await settles(shown(ix), 2000);
      const second = await settles(shown(ix), 2000);
      const want = await shown(await SearchIndex.open(fileLoader(req.dir)));
      return { first, second, want };
    }
    case "loader": {
      // Two waiters for one file both get its data, from one script; a
      // missing file fails, and loading it again tries again.
      const fake = fakeDocument(req.dir);
      const load = scriptLoader(fake.doc, "");
      const a = load(req.key);
      const b = load(req.key);
      const [ra, rb] = await Promise.all([settles(a, 1000), settles(b, 1000)]);
      const scripts = fake.scripts();
      const m1 = await settles(load(req.missing), 1000);
      const m2 = await settles(load(req.missing), 1000);
      const scriptsAfter = fake.scripts();
      const again = await settles(load(req.key), 1000);
      const show = (r: unknown) => (typeof r === "string" ? r : "data");
      return { first: show(ra), second: show(rb), scripts, missing: [show(m1), show(m2)], scriptsAfter, again: show(again) };
    }
    case "openError": {
      try {
        await SearchIndex.open(fileLoader(req.dir));
        return { error: "" , opened: true };
      } catch (e) {
        return { message: String(e instanceof Error ? e.message : e) };
      }
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
