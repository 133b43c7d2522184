// The live preview's client, loaded only by pages that `isms serve`
// delivers (as /_isms/live.js, with /_isms/live.css for the overlay). It
// listens to the server's events at /_isms/events:
//
//   hello   data "RUN.VERSION" on every (re)connection: a new RUN or VERSION
//           means the server restarted or rebuilt while we were away, so
//           the page reloads
//   built   data "RUN.VERSION" after each good rebuild
//   reload  data a site path ("docs/POL-01/index.html") or "*": reload if
//           it is this page
//   css     data a stylesheet's site path: swap it in without a reload
//   gone    data {"path", "to"}: this page was removed; go to "to"
//   errors  data the build's errors as JSON (an empty list when fixed):
//           shown in an overlay over the last good page
//
// It works under the theme's Content-Security-Policy: no inline script or
// style, and the finding texts go into the page as text, never as HTML.

interface Finding {
  path: string;
  line: number;
  col: number;
  severity: string;
  message: string;
}

const scrollKey = "isms-live-scroll:";
const overlayID = "isms-live-errors";

const norwegian = /^(nb|nn|no)\b/.test(document.documentElement.lang);
const text = norwegian
  ? {
      title: "Nettstedet bygger ikke – du ser siste fungerende versjon",
      close: "Lukk",
      problem: "Feil",
    }
  : {
      title: "The site does not build – you see the last good version",
      close: "Close",
      problem: "Error",
    };

// This page's site path: "/" is "index.html", "/docs/POL-01/" is
// "docs/POL-01/index.html".
function ownPath(): string {
  let p = location.pathname.replace(/^\/+/, "");
  try {
    p = decodeURIComponent(p);
  } catch {
    // keep it as it is
  }
  if (p === "" || p.endsWith("/")) p += "index.html";
  return p;
}

let leaving = false; // this page is going elsewhere: later events are moot

function reload(): void {
  if (leaving) return;
  leaving = true;
  try {
    sessionStorage.setItem(scrollKey + ownPath(), JSON.stringify([window.scrollX, window.scrollY]));
  } catch {
    // storage may be off; the browser keeps the position most of the time
  }
  location.reload();
}

function restoreScroll(): void {
  let saved: string | null = null;
  try {
    saved = sessionStorage.getItem(scrollKey + ownPath());
    sessionStorage.removeItem(scrollKey + ownPath());
  } catch {
    return;
  }
  if (!saved) return;
  const [x, y] = JSON.parse(saved) as [number, number];
  const go = () => window.scrollTo(x, y);
  go();
  // Images and fonts may still change the layout.
  window.addEventListener("load", go, { once: true });
}

// swapStyle replaces the stylesheet that fresh is a new version of: the
// same file, or the same name with another content hash.
function swapStyle(sitePath: string): void {
  const fresh = new URL("/" + sitePath, location.href);
  const stem = (u: URL) => u.pathname.replace(/\.[A-Za-z0-9_-]{6,}\.css$/, "").replace(/\.css$/, "");
  document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]').forEach((link) => {
    const current = new URL(link.href, location.href);
    if (current.pathname !== fresh.pathname && stem(current) !== stem(fresh)) return;
    const next = link.cloneNode() as HTMLLinkElement;
    next.href = fresh.pathname + (current.pathname === fresh.pathname ? "?v=" + Date.now() : "");
    next.addEventListener("load", () => link.remove(), { once: true });
    next.addEventListener("error", () => next.remove(), { once: true });
    link.after(next);
  });
}

let dismissed = "";

function loadOverlayStyle(): void {
  if (document.getElementById(overlayID + "-style")) return;
  const link = document.createElement("link");
  link.id = overlayID + "-style";
  link.rel = "stylesheet";
  link.href = "/_isms/live.css";
  document.head.appendChild(link);
}

function showErrors(findings: Finding[]): void {
  const old = document.getElementById(overlayID);
  if (findings.length === 0) {
    old?.remove();
    dismissed = "";
    return;
  }
  const key = JSON.stringify(findings);
  if (key === dismissed) return;
  loadOverlayStyle();
  const box = document.createElement("section");
  box.id = overlayID;
  box.className = "isms-live-overlay";
  box.setAttribute("role", "alert");
  box.setAttribute("aria-labelledby", overlayID + "-title");
  box.lang = norwegian ? "nb" : "en";
  const title = document.createElement("h2");
  title.id = overlayID + "-title";
  title.textContent = text.title;
  const list = document.createElement("ul");
  for (const f of findings) {
    const item = document.createElement("li");
    const where = document.createElement("code");
    where.className = "isms-live-where";
    where.textContent = f.path ? `${f.path}:${f.line}:${f.col}` : text.problem;
    const what = document.createElement("span");
    what.className = "isms-live-message";
    what.textContent = f.message;
    item.append(where, ": ", what);
    list.appendChild(item);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.className = "isms-live-close";
  close.textContent = text.close;
  close.addEventListener("click", () => {
    dismissed = key;
    box.remove();
  });
  box.append(title, list, close);
  if (old) old.replaceWith(box);
  else document.body.appendChild(box);
}

function fetchErrors(): void {
  fetch("/_isms/errors", { cache: "no-store" })
    .then((r) => (r.ok ? r.json() : []))
    .then((list: Finding[]) => showErrors(list))
    .catch(() => {});
}

document.addEventListener("keydown", (e) => {
  const box = document.getElementById(overlayID);
  if (e.key === "Escape" && box) box.querySelector<HTMLButtonElement>(".isms-live-close")?.click();
});

let server = ""; // "RUN.VERSION" as last heard

function connect(): void {
  const source = new EventSource("/_isms/events");
  const on = (name: string, fn: (data: string) => void) =>
    source.addEventListener(name, (e) => fn((e as MessageEvent<string>).data));
  on("hello", (data) => {
    if (server !== "" && server !== data) {
      reload(); // restarted, or rebuilt while we were away
      return;
    }
    server = data;
    document.documentElement.dataset.ismsLive = "connected";
    fetchErrors();
  });
  on("built", (data) => {
    server = data;
  });
  on("reload", (data) => {
    if (data === "*" || data === ownPath()) reload();
  });
  on("css", swapStyle);
  on("gone", (data) => {
    const gone = JSON.parse(data) as { path: string; to: string };
    if (gone.path === ownPath() && !leaving) {
      leaving = true;
      location.replace("/" + gone.to);
    }
  });
  on("errors", (data) => showErrors(JSON.parse(data) as Finding[]));
  source.addEventListener("error", () => {
    delete document.documentElement.dataset.ismsLive;
    // EventSource retries a lost connection by itself, but not after an
    // answer that is not an event stream.
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
  });
}

restoreScroll();
connect();
