// One page's audit, run in the page by `tests/src/audit.rs` (WebDriver execute_async):
// arguments = [lang ("zh" | "en"), tablet (bool), done]. Reports what a user of that
// language and device meets: words of the other language (user data marked translate="no"
// and text marked with another `lang` are skipped), elements wider than the viewport,
// controls under 44 px on a tablet, not exactly one h1, and every axe-core violation, of any
// impact (issue 26: none at all). Calls done({problems: [{kind, element, detail}], axe: {rule: nodes}}).
const [lang, tablet, done] = arguments;
const problems = [];
const TAP = 44;
// Units, file formats and product names read the same in both languages.
const LATIN_OK = new Set(["KB", "MB", "GB", "TB", "XLSX", "CSV", "PDF", "Excel", "MPa", "kPa"]);
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+/g;
const LATIN = /[A-Za-z]{2,}/g;

const describe = (el) => {
  let s = el.tagName.toLowerCase();
  if (el.id) s += "#" + el.id;
  const cls = (el.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean).slice(0, 2);
  if (cls.length) s += "." + cls.join(".");
  const text = (el.innerText || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ");
  return text ? `${s} "${text.slice(0, 40)}"` : s;
};
const shown = (el) => {
  if (el.tagName === "OPTION") el = el.closest("select") || el;
  return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
};
const exempt = (el) => {
  if (el.closest('[translate="no"], script, style, noscript, .print-only')) return true;
  const tagged = el.closest("[lang]");
  return tagged && tagged !== document.documentElement && !tagged.lang.startsWith(lang);
};
const wrongWords = (text) => {
  if (lang === "zh") return (text.match(LATIN) || []).filter((w) => !LATIN_OK.has(w));
  return text.match(CJK) || [];
};

// Language: text nodes and the attributes a user reads or hears.
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const seen = new Set();
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const el = n.parentElement;
  if (!el || !n.data.trim() || exempt(el) || !shown(el)) continue;
  const words = wrongWords(n.data);
  const key = el.tagName + words.join(" ");
  if (words.length && !seen.has(key)) {
    seen.add(key);
    problems.push({ kind: "language", element: describe(el), detail: words.slice(0, 5).join(" ") });
  }
}
for (const el of document.body.querySelectorAll("[placeholder], [aria-label], [title], img[alt]")) {
  if (exempt(el) || !shown(el)) continue;
  for (const a of ["placeholder", "aria-label", "title", "alt"]) {
    const words = wrongWords(el.getAttribute(a) || "");
    if (words.length) problems.push({ kind: "language", element: describe(el), detail: `${a}: ${words.join(" ")}` });
  }
}

// Overflow: an element reaching past the viewport that no scrolling ancestor contains.
const vw = document.documentElement.clientWidth;
const clipped = (el) => {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== "visible") return true;
  }
  return false;
};
const wide = new Set();
for (const el of document.body.querySelectorAll("*")) {
  const r = el.getBoundingClientRect();
  if (!r.width || !shown(el) || (r.right <= vw + 1 && r.left >= -1)) continue;
  if (clipped(el) || wide.has(el.parentElement)) { wide.add(el); continue; }
  wide.add(el);
  problems.push({ kind: "wider than the viewport", element: describe(el), detail: `${Math.round(r.left)}..${Math.round(r.right)} px of ${vw}` });
}

// Touch targets: a control (or the label around a check box) at least 44 x 44 px.
if (tablet) {
  const controls = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]";
  for (const el of document.body.querySelectorAll(controls)) {
    if (!shown(el)) continue;
    const target = el.closest("label") || el;
    const r = target.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue; // visually hidden (a file input behind its label)
    if (r.height < TAP - 0.5 || r.width < TAP - 0.5) {
      problems.push({ kind: "control under 44 px", element: describe(target), detail: `${Math.round(r.width)}x${Math.round(r.height)} px` });
    }
  }
}

// One level-one heading names the page.
const h1 = Array.from(document.querySelectorAll("h1")).filter(shown);
if (h1.length !== 1) problems.push({ kind: "headings", element: "h1", detail: `${h1.length} level-one headings (want 1)` });

window.axe
  .run(document, { resultTypes: ["violations"] })
  .then((result) => {
    const counts = {};
    for (const v of result.violations) {
      counts[`${v.id} (${v.impact})`] = v.nodes.length;
      for (const node of v.nodes) {
        problems.push({ kind: `axe ${v.id} (${v.impact})`, element: node.target.join(" "), detail: v.help });
      }
    }
    done({ problems, axe: counts });
  })
  .catch((e) => done({ problems: [{ kind: "axe failed", element: "document", detail: String(e) }], axe: {} }));
