// The amtsbrief web page: plain JavaScript, no build step, nothing fetched from elsewhere.
// Every URL is relative, so the page works unchanged behind a reverse proxy under a prefix.
"use strict";

// The service draws pages at amtsbrief.commands.show.DPI; boxes in points scale by DPI / 72.
const DPI = 100;
const TEXT_TYPES = ["text/plain", "message/rfc822", "application/vnd.ms-outlook"];
// The zone a field belongs to, for colouring a text letter the way `show` colours a page.
const GROUPS = [
  ["header", /^(sender|recipient|contact|references|delivery|copies_to)/],
  ["subject", /^(subject|inquiry)/],
  ["body", /^(salutation|body|questions|answers|closing)/],
  ["signature", /^signature/],
  ["footer", /^footer/],
];

const $ = (selector, root = document) => root.querySelector(selector);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
};
const groupOf = (path) => (GROUPS.find(([, pattern]) => pattern.test(path)) || ["other"])[0];

// ---- routing ------------------------------------------------------------------------------------

function route() {
  const hash = location.hash.slice(1) || "inspect";
  const [view, argument] = hash.split("/");
  const shown = view === "letter" ? "inspect" : view;
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== shown;
  for (const link of document.querySelectorAll("nav a[data-view]")) link.classList.toggle("active", link.dataset.view === shown);
  if (view === "letter" && argument) openStored(argument);
  if (view === "archive" && !$("#archive-hits tbody").children.length) searchArchive();
  if (view === "research" && !$("#research-count").textContent) showResearch();
}
window.addEventListener("hashchange", route);

// ---- inspect ------------------------------------------------------------------------------------

async function problem(response) {
  try {
    const body = await response.json();
    return `${response.status}: ${body.message || body.detail || JSON.stringify(body)}`;
  } catch (error) {
    return `${response.status} ${response.statusText}`;
  }
}

$("#upload-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = $("#upload-file").files[0];
  if (!file) return;
  const status = $("#upload-status");
  status.textContent = `reading ${file.name} …`;
  status.className = "";
  const form = new FormData();
  form.append("file", file, file.name);
  const response = await fetch("parse", { method: "POST", body: form });
  if (!response.ok) {
    status.textContent = await problem(response);
    status.className = "error";
    return;
  }
  const letter = await response.json();
  status.textContent = `read ${file.name}`;
  if (location.hash !== "#inspect") history.pushState(null, "", "#inspect");
  showLetter(letter);
});

async function openStored(sha256) {
  const status = $("#upload-status");
  status.textContent = "loading …";
  const response = await fetch(`letters/${encodeURIComponent(sha256)}`);
  if (!response.ok) {
    status.textContent = await problem(response);
    status.className = "error";
    return;
  }
  status.textContent = "";
  showLetter(await response.json());
}

// Every field as (path, value): scalars and lists of scalars are leaves, objects and lists of objects are walked.
function flatten(value, path = "", out = []) {
  if (value === null || value === undefined || value === "") return out;
  if (Array.isArray(value)) {
    if (value.length && value.every((item) => typeof item !== "object" || item === null)) out.push([path, value.join("; ")]);
    else value.forEach((item, index) => flatten(item, `${path}.${index}`, out));
  } else if (typeof value === "object") {
    for (const [key, item] of Object.entries(value)) flatten(item, path ? `${path}.${key}` : key, out);
  } else out.push([path, String(value)]);
  return out;
}

function showLetter(letter) {
  $("#letter").hidden = false;
  $("#letter-subject").textContent = letter.subject.title || "(no subject)";
  const sender = [letter.sender.authority, letter.sender.department].filter(Boolean).join(" / ");
  $("#letter-meta").textContent = [letter.kind, sender, letter.references.date,
    `${letter.questions.length} question(s), ${letter.answers.length} answer(s)`].filter(Boolean).join(" · ");
  const blob = new Blob([JSON.stringify(letter, null, 2) + "\n"], { type: "application/json" });
  const download = $("#letter-json");
  if (download.href) URL.revokeObjectURL(download.href);
  download.href = URL.createObjectURL(blob);
  download.download = (letter.source.path || "letter").split("/").pop().replace(/\.[^.]*$/, "") + ".json";

  const warnings = $("#letter-warnings");
  warnings.replaceChildren(...letter.warnings.map((warning) =>
    el("li", { class: warning.path && letter.spans[warning.path] ? "has-span" : "", "data-path": warning.path || "",
               onclick: () => warning.path && select(warning.path) },
       el("code", { text: warning.code }), " ", warning.message, warning.path ? el("span", { class: "path", text: ` (${warning.path})` }) : "")));

  const rows = flatten(Object.fromEntries(Object.entries(letter).filter(([key]) => !["spans", "source", "warnings"].includes(key))));
  const listed = new Set(rows.map(([path]) => path));
  // A span may point at a whole object (an address): give it a row too.
  for (const path of Object.keys(letter.spans)) if (!listed.has(path)) rows.push([path, ""]);
  $("#letter-fields tbody").replaceChildren(...rows.map(([path, value]) => {
    const located = path in letter.spans;
    return el("tr", { "data-path": path, class: `group-${groupOf(path)}${located ? " located" : ""}`, tabindex: located ? "0" : "-1",
                      onclick: () => select(path), onkeydown: (event) => event.key === "Enter" && select(path) },
      el("th", { text: path }), el("td", { text: value.length > 240 ? value.slice(0, 240) + " …" : value, title: value }));
  }));

  const source = $("#letter-source");
  const laidOut = letter.source.pages && !TEXT_TYPES.includes(letter.source.media_type);
  source.replaceChildren(laidOut ? pagesView(letter) : textView(letter));
  legend(laidOut);
  window.currentLetter = letter;
}

function legend(laidOut) {
  const key = (className, text) => el("span", { class: `key ${className}`, text });
  // A page's zones are drawn by the service as `amtsbrief show` draws them; a text's by this page.
  $("#letter-legend").replaceChildren("Zones: ", ...(laidOut
    ? [key("zone-body", "body"), key("zone-footer", "footer"), key("zone-furniture", "furniture"), key("zone-field", "field")]
    : [key("group-header", "header"), key("group-subject", "subject & inquiry"), key("group-body", "body"),
       key("group-signature", "signature"), key("group-footer", "footer")]), key("key-selected", "selected field"));
}

function pagesView(letter) {
  const container = el("div", { class: "pages" });
  for (let number = 1; number <= letter.source.pages; number += 1) {
    const page = el("div", { class: "page" });
    const image = el("img", { src: `letters/${letter.source.sha256}/pages/${number}.png?fields=0`, alt: `page ${number}` });
    image.addEventListener("load", () => {
      // Boxes are placed in per cent of the drawn page, so they follow the image when it is scaled.
      const width = image.naturalWidth * 72 / DPI, height = image.naturalHeight * 72 / DPI;
      for (const [path, span] of Object.entries(letter.spans)) {
        if (span.length < 4 || span[2] !== number) continue;
        const [x0, top, x1, bottom] = span[3];
        page.append(el("div", {
          class: `box group-${groupOf(path)}`, "data-path": path, title: path,
          style: `left:${100 * x0 / width}%;top:${100 * top / height}%;width:${100 * (x1 - x0) / width}%;height:${100 * (bottom - top) / height}%`,
          onclick: () => select(path),
        }));
      }
    });
    image.addEventListener("error", () => {
      // The page cannot be drawn (a stored letter whose file is gone): show the text instead.
      container.replaceWith(textView(letter, "The page image is not available; the letter's text is shown."));
      legend(false);
    }, { once: true });
    page.append(image);
    container.append(page);
  }
  return container;
}

function textView(letter, note) {
  const text = letter.source.text || "";
  const spans = Object.entries(letter.spans).filter(([, span]) => span[1] > span[0]);
  const cuts = new Set([0, text.length]);
  for (const [, span] of spans) { cuts.add(Math.max(0, Math.min(text.length, span[0]))); cuts.add(Math.max(0, Math.min(text.length, span[1]))); }
  const points = [...cuts].sort((a, b) => a - b);
  const pre = el("pre", { class: "text" });
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i], end = points[i + 1];
    const covering = spans.filter(([, span]) => span[0] <= start && span[1] >= end);
    const piece = text.slice(start, end);
    if (!covering.length) { pre.append(piece); continue; }
    // The narrowest field decides the colour; the node knows every field that covers it.
    covering.sort((a, b) => (a[1][1] - a[1][0]) - (b[1][1] - b[1][0]));
    pre.append(el("span", { class: `seg group-${groupOf(covering[0][0])}`, "data-paths": covering.map(([path]) => path).join(" "),
                            title: covering[0][0], text: piece, onclick: () => select(covering[0][0]) }));
  }
  const wrapper = el("div");
  if (note) wrapper.append(el("p", { class: "hint", text: note }));
  wrapper.append(pre);
  return wrapper;
}

function select(path) {
  for (const node of document.querySelectorAll(".selected")) node.classList.remove("selected");
  const row = document.querySelector(`#letter-fields tr[data-path="${CSS.escape(path)}"]`);
  if (row) row.classList.add("selected");
  const marks = [...document.querySelectorAll(`#letter-source .box[data-path="${CSS.escape(path)}"]`),
                 ...[...document.querySelectorAll("#letter-source .seg")].filter((node) => node.dataset.paths.split(" ").includes(path))];
  for (const node of marks) node.classList.add("selected");
  if (marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
  if (row) row.scrollIntoView({ block: "nearest" });
}

// ---- archive ------------------------------------------------------------------------------------

function query(form) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (value) params.set(key, value);
  return params;
}

async function searchArchive() {
  const params = query($("#archive-form"));
  params.set("limit", "200");
  const response = await fetch(`letters?${params}`);
  if (!response.ok) { $("#archive-count").textContent = await problem(response); return; }
  const found = await response.json();
  $("#archive-count").textContent = `${found.count} letter(s)${found.count === 200 ? " (the first 200)" : ""}`;
  $("#archive-hits tbody").replaceChildren(...found.letters.map((hit) =>
    el("tr", { onclick: () => { location.hash = `letter/${hit.sha256}`; } },
      el("td", { text: hit.date || "" }), el("td", { text: hit.kind }), el("td", { text: hit.sender || "" }),
      el("td", {}, el("a", { href: `#letter/${hit.sha256}`, text: hit.subject || "(no subject)" })),
      el("td", { class: "snippet", text: hit.snippet || hit.path || "" }))));
}
$("#archive-form").addEventListener("submit", (event) => { event.preventDefault(); searchArchive(); });
// The research views take the archive's selection: the same filters, copied over.
$("#archive-research").addEventListener("click", () => {
  for (const field of $("#archive-form").elements) {
    if (field.name) $("#research-form").elements[field.name].value = field.value;
  }
  $("#research-count").textContent = "";
});

// ---- research -----------------------------------------------------------------------------------

async function showResearch() {
  const params = query($("#research-form"));
  $("#chart-latency").src = `research/latency.png?${params}`;
  $("#chart-months").src = `research/months.png?${params}`;
  for (const link of document.querySelectorAll(".exports a")) {
    const exported = new URLSearchParams(params);
    exported.set("format", link.dataset.format);
    link.href = `export?${exported}`;
  }
  const response = await fetch(`research?${params}`);
  if (!response.ok) { $("#research-count").textContent = await problem(response); return; }
  const figures = await response.json();
  $("#research-count").textContent = `${figures.letters} letter(s) in the selection`;

  // Who asks whom: askers as rows, authorities as columns, counts in the cells.
  const askers = [...new Set(figures.who_asks_whom.map((row) => row.asker))];
  const authorities = [...new Set(figures.who_asks_whom.map((row) => row.authority))];
  const cell = new Map(figures.who_asks_whom.map((row) => [`${row.asker}\u0000${row.authority}`, row.count]));
  const most = Math.max(1, ...figures.who_asks_whom.map((row) => row.count));
  $("#research-who").replaceChildren(
    el("thead", {}, el("tr", {}, el("th", { text: "asker \\ authority" }), ...authorities.map((name) => el("th", { text: name })))),
    el("tbody", {}, ...askers.map((asker) => el("tr", {}, el("th", { text: asker }), ...authorities.map((name) => {
      const count = cell.get(`${asker}\u0000${name}`) || 0;
      return el("td", { text: count || "", style: count ? `background:rgba(44,111,187,${0.15 + 0.6 * count / most})` : "" });
    })))));
  if (!askers.length) $("#research-who").replaceChildren(el("tr", {}, el("td", { text: "no letters name who asked" })));

  const top = Math.max(1, ...figures.questions_per_inquiry.map((row) => row.inquiries));
  $("#research-questions").replaceChildren(
    el("tr", {}, el("th", { text: "questions" }), el("th", { text: "inquiries" })),
    ...figures.questions_per_inquiry.map((row) => el("tr", {}, el("th", { text: String(row.questions) }),
      el("td", {}, el("span", { class: "bar", style: `width:${Math.round(200 * row.inquiries / top)}px` }), ` ${row.inquiries}`))));
}
$("#research-form").addEventListener("submit", (event) => { event.preventDefault(); showResearch(); });

route();
