// The navigation on narrow screens: a panel the menu button opens. It
// closes with Escape (the focus goes back to the button), with a click
// outside it, and when one of its links is followed (a link to a part of
// the same page leaves the page where it is).
export function initNav(): void {
  const toggle = document.querySelector<HTMLButtonElement>(".nav-toggle");
  const nav = document.getElementById("site-nav");
  if (!toggle || !nav) return;
  const isOpen = (): boolean => toggle.getAttribute("aria-expanded") === "true";
  const set = (open: boolean): void => {
    toggle.setAttribute("aria-expanded", String(open));
    document.body.classList.toggle("nav-open", open);
  };
  toggle.addEventListener("click", () => {
    const open = !isOpen();
    set(open);
    if (open) nav.querySelector<HTMLElement>("a")?.focus();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && isOpen()) {
      set(false);
      toggle.focus();
    }
  });
  document.addEventListener("click", (e) => {
    const t = e.target as Node | null;
    if (isOpen() && t && !nav.contains(t) && !toggle.contains(t)) set(false);
  });
  nav.addEventListener("click", (e) => {
    if (isOpen() && (e.target as Element | null)?.closest("a")) set(false);
  });
}
