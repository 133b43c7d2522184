// Live preview client, loaded only by pages that isms serve delivers.
// It listens to /_isms/events and reloads the page when it changed.
const source = new EventSource("/_isms/events");
source.addEventListener("reload", (e) => {
  const path = (e as MessageEvent<string>).data;
  const here = location.pathname.replace(/\/$/, "/index.html");
  if (path === "*" || "/" + path === here || path === here) location.reload();
});
