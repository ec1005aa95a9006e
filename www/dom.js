// DOM helpers. Text always goes in as textContent: nothing from a server becomes markup.

export const $ = (id) => document.getElementById(id);

/** `<tag>` with text or children, a class and attributes. */
export function el(tag, { text, className, attrs = {} } = {}, children = []) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A `<dt>`/`<dd>` pair; an empty value shows a muted dash. */
export function detail(key, label, value, { code = false } = {}) {
  const dd = el("dd", { attrs: { id: key } });
  if (value === null || value === undefined || value === "") {
    dd.textContent = "—";
    dd.classList.add("muted");
  } else if (code) {
    dd.append(el("code", { text: String(value) }));
  } else {
    dd.textContent = String(value);
  }
  return [el("dt", { text: label }), dd];
}

/**
 * Says `text` once through the page's live region (what a screen reader hears): a new line in a
 * log, so that two steps in a row are both heard. The last few lines are kept.
 */
export function announce(text) {
  const log = $("status");
  log.append(el("p", { text }));
  while (log.childElementCount > 3) log.firstElementChild.remove();
}

/** Moves focus to `heading` and scrolls so that as much of `section` as fits is visible. */
export function bringIntoView(section, heading) {
  heading.focus({ preventScroll: true });
  const fits = section.getBoundingClientRect().height <= window.innerHeight - 32;
  section.scrollIntoView({ block: fits ? "nearest" : "start" });
}
