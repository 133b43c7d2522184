// The search client: the search box on every page (results as you type)
// and the results page, search/index.html?q=WORDS. The theme renders the
// markup (see search/doc.go); this script finds it by id and loads
// nothing until the box is used or the results page opens.

import { start } from "./ui";

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => start(document));
} else {
  start(document);
}
