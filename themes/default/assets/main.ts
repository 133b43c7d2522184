// The theme's script: small enhancements on top of pages that work
// without it. It runs under a strict Content-Security-Policy (no inline
// script or style), so it only adds classes, attributes and listeners.

import { initFilters } from "./filters";
import { initNav } from "./nav";
// The search box on every page and the results page: the client of the
// search package, which finds its markup by id and starts itself.
import "../search-client/search";
// The printed handbook's page numbers; starts itself on a handbook page.
import "./handbook";

function ready(fn: () => void): void {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fn);
  } else {
    fn();
  }
}

ready(() => {
  initNav();
  initFilters();
});
