// Filters for tables: a <form class="filters" data-filter-target="selector">
// whose <select name="X"> elements match rows by their data-X attribute.
// The form has its place on the page from the start, its selects disabled
// until this script enables them: nothing moves when the script comes
// late, and without script the whole table shows.
export function initFilters(): void {
  document.querySelectorAll<HTMLFormElement>("form.filters[data-filter-target]").forEach((form) => {
    const selector = form.dataset.filterTarget ?? "";
    const rows = Array.from(document.querySelectorAll<HTMLElement>(selector));
    const count = form.querySelector<HTMLOutputElement>("output.filter-count");
    const template = form.dataset.countText ?? "%d / %d";
    const apply = (): void => {
      const wanted: [string, string][] = [];
      form.querySelectorAll<HTMLSelectElement>("select").forEach((s) => {
        if (s.value) wanted.push([s.name, s.value]);
      });
      let shown = 0;
      for (const row of rows) {
        const ok = wanted.every(([k, v]) => (row.dataset[k] ?? "").split(" ").includes(v));
        row.hidden = !ok;
        if (ok) shown++;
      }
      // Hide groups whose rows are all filtered out.
      document.querySelectorAll<HTMLElement>("[data-filter-group]").forEach((g) => {
        g.hidden = g.querySelector(selector + ":not([hidden])") === null;
      });
      if (count) count.textContent = template.replace("%d", String(shown)).replace("%d", String(rows.length));
    };
    form.addEventListener("change", apply);
    form.addEventListener("submit", (e) => e.preventDefault());
    form.querySelectorAll<HTMLSelectElement>("select").forEach((s) => (s.disabled = false));
    form.hidden = false;
    apply();
  });
}
