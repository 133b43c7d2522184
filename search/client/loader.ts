// Loading index files in the browser: each is a script that calls
// ismsSearch(key, data…). A <script src> works wherever the page's own
// scripts do — on any static server and from file://, where fetch and XHR
// are refused — and needs no eval, so it passes a strict
// Content-Security-Policy (script-src 'self').

import type { Loader } from "./index";

type Register = (key: string, ...data: unknown[]) => void;

/** scriptLoader loads the files under base (a URL ending in "/"). */
export function scriptLoader(doc: Document, base: string): Loader {
  const waiting = new Map<string, (data: unknown[]) => void>();
  const register: Register = (key, ...data) => {
    const done = waiting.get(key);
    if (done) {
      waiting.delete(key);
      done(data);
    }
  };
  (globalThis as unknown as { ismsSearch: Register }).ismsSearch = register;
  return (key) =>
    new Promise((resolve, reject) => {
      waiting.set(key, resolve);
      const s = doc.createElement("script");
      s.src = base + key + ".js";
      s.async = true;
      // A script that loaded without registering its data failed too.
      const settle = () => {
        s.remove();
        if (waiting.delete(key)) reject(new Error("search: cannot load " + s.src));
      };
      s.onload = settle;
      s.onerror = settle;
      doc.head.appendChild(s);
    });
}
