// Loading index files in the browser: each is a script that calls
// ismsSearch(key, data…). A <script src> works wherever the page's own
// scripts do — on any static server and from file://, where fetch and XHR
// are refused — and needs no eval, so it passes a strict
// Content-Security-Policy (script-src 'self').
//
// A file has at most one script in the page at a time, and every caller
// waiting for it gets its data; a file that failed to load is tried again
// by the next caller.

import { REGISTER } from "./format";
import type { Loader } from "./index";

type Register = (key: string, ...data: unknown[]) => void;

interface Waiters {
  resolve: ((data: unknown[]) => void)[];
  reject: ((err: Error) => void)[];
}

/** scriptLoader loads the files under base (a URL ending in "/"). */
export function scriptLoader(doc: Document, base: string): Loader {
  const waiting = new Map<string, Waiters>();
  const register: Register = (key, ...data) => {
    const w = waiting.get(key);
    if (!w) return;
    waiting.delete(key);
    for (const resolve of w.resolve) resolve(data);
  };
  (globalThis as unknown as Record<string, Register>)[REGISTER] = register;
  return (key) =>
    new Promise((resolve, reject) => {
      const pending = waiting.get(key);
      if (pending) {
        pending.resolve.push(resolve);
        pending.reject.push(reject);
        return;
      }
      const w: Waiters = { resolve: [resolve], reject: [reject] };
      waiting.set(key, w);
      const s = doc.createElement("script");
      s.src = base + key + ".js";
      s.async = true;
      // A script that loaded without registering its data failed too.
      const settle = () => {
        s.remove();
        if (waiting.get(key) !== w) return;
        waiting.delete(key);
        const err = new Error("search: cannot load " + s.src);
        for (const fail of w.reject) fail(err);
      };
      s.onload = settle;
      s.onerror = settle;
      doc.head.appendChild(s);
    });
}
