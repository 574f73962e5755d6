// newsgen's search page: Pagefind's search API over the index newsgen builds (newsgen/search.py).
//
// Every article is indexed with its text as written and, after the mark "⁂", the
// dictionary forms of its words; the "forms" metadata lists, lemma by lemma, the word
// of the text each came from. A query "Москва" matches the lemma "москва"; the excerpt
// then shows and highlights "Москві" in the text, never the lemma list.
//
// The index comes in shards (pagefind/shards.json lists them, oldest articles first),
// each a Pagefind index of its own, merged into one instance: the first shard's loads
// the WebAssembly, the others only their metadata. Pagefind orders "newest first"
// within each index only, so that order is read shard by shard, newest shard first.
//
// Nothing here builds HTML from strings: article text reaches the page as text nodes.

const LEMMA_MARK = "⁂";
const PAGE_SIZE = 10;
const EXCERPT_WORDS = 34;
const MORPHOLOGY_LANGS = ["uk", "ru"];
// Case endings tried, longest first, when a query finds nothing ("Москві" -> "Москв").
const ENDINGS = ["ями", "ами", "ові", "еві", "єві", "ого", "ому", "ими", "іми", "ій", "ою", "ею", "єю",
  "ів", "ах", "ях", "ам", "ям", "ом", "ем", "єм", "им", "ім", "ої", "ий", "а", "я", "у", "ю", "і", "и", "е", "є", "о", "ь"];

const root = document.getElementById("search");
if (root) start(root);

async function start(root) {
  const config = JSON.parse(document.getElementById("search-config").textContent);
  const labels = config.labels;
  const lang = (document.documentElement.lang || "en").toLowerCase();
  const ui = {
    form: root.querySelector(".search-form"),
    query: root.querySelector("#search-q"),
    options: root.querySelector(".search-options"),
    tag: root.querySelector("#search-tag"),
    year: root.querySelector("#search-year"),
    sort: root.querySelector("#search-sort"),
    status: root.querySelector(".search-status"),
    results: root.querySelector(".search-results"),
    more: root.querySelector(".search-more"),
    error: root.querySelector(".search-error"),
  };
  const state = readURL();
  ui.query.value = state.q;
  ui.sort.value = state.sort === "newest" ? "newest" : "";
  keepOption(ui.tag, state.tag);
  keepOption(ui.year, state.year);

  let pagefind;
  let shards;
  try {
    [pagefind, shards] = await openIndex(config);
  } catch (error) {
    console.error("newsgen search:", error);
    ui.form.hidden = true;
    ui.error.hidden = false;
    return;
  }
  ui.options.hidden = false;
  root.classList.add("search-ready");

  let generation = 0;
  let filtersReady = false; // the tag and year index (about 100 KiB at 10,000 articles) is loaded
  let filtersLoading = null;
  let shown = [];
  let timer = 0;

  // Tags and years are counted only once the reader opens "Refine" (or the address
  // already filters): a plain query does not download the filter index.
  function loadFilters() {
    filtersLoading = filtersLoading || pagefind.filters().then(() => { filtersReady = true; });
    return filtersLoading;
  }

  async function run(push) {
    try {
      await search(push);
    } catch (error) {
      console.error("newsgen search:", error);
      setStatus(labels.search_error);
    }
  }

  async function search(push) {
    const mine = ++generation;
    const current = { q: ui.query.value.trim(), tag: ui.tag.value, year: ui.year.value, sort: ui.sort.value };
    writeURL(current, push);
    if (!current.q && !current.tag && !current.year) {
      clear();
      return;
    }
    const options = { filters: {} };
    if (current.tag) options.filters.tag = current.tag;
    if (current.year) options.filters.year = current.year;
    if (current.sort === "newest") options.sort = { date: "desc" };
    setStatus(labels.search_loading);
    if (current.tag || current.year) await loadFilters();
    let response = await find(current.q || null, options);
    let used = current.q;
    let note = "";
    if (response && response.results.length === 0 && current.q && MORPHOLOGY_LANGS.includes(lang.split("-")[0])) {
      const loose = loosen(current.q);
      if (loose) {
        const second = await find(loose, options);
        if (second && second.results.length) {
          response = second;
          used = loose;
          note = fill(labels.search_loose, { q: current.q, stem: loose });
        }
      }
    }
    if (mine !== generation || !response) return; // a newer query has started
    if (filtersReady) fillFilters(response, current);
    lastQuery = { query: used, options, current };
    shown = response.results;
    ui.results.replaceChildren();
    const count = shown.length;
    if (count === 0) {
      setStatus(fill(labels.search_none, { q: current.q }));
    } else {
      const rule = new Intl.PluralRules(lang).select(count);
      const counted = fill(labels["search_count_" + rule] || labels.search_count_other, { n: count.toLocaleString(lang) });
      setStatus(note ? `${note} ${counted}` : counted);
    }
    await showMore(mine, terms(used));
  }

  async function showMore(mine, words) {
    const start = ui.results.children.length;
    const batch = shown.slice(start, start + PAGE_SIZE);
    const items = await Promise.all(batch.map((result) => result.data()));
    if (mine !== generation) return;
    for (const data of items) ui.results.append(resultItem(data, words));
    ui.more.hidden = ui.results.children.length >= shown.length;
    ui.more.onclick = () => showMore(generation, words);
  }

  let lastQuery = null;

  // Pagefind's own answer, but "newest first" over several shards reads each shard
  // alone (its name is a filter), newest shard first: scores of a sorted search are
  // places within one index, which do not compare across indexes.
  async function find(query, options) {
    if (!options.sort || shards.length < 2) return pagefind.search(query, options);
    const parts = await Promise.all([...shards].reverse().map((shard) =>
      pagefind.search(query, { ...options, filters: { ...options.filters, shard } })));
    if (parts.some((part) => !part)) return null;
    return { results: parts.flatMap((part) => part.results), filters: sumCounts(parts.map((part) => part.filters)) };
  }

  async function countFilters() {
    await loadFilters();
    if (!lastQuery) return;
    const counted = await pagefind.search(lastQuery.query || null, { filters: lastQuery.options.filters });
    if (counted && lastQuery) fillFilters(counted, lastQuery.current);
  }

  function clear() {
    generation++;
    shown = [];
    ui.results.replaceChildren();
    ui.more.hidden = true;
    setStatus("");
  }

  function setStatus(text) {
    ui.status.textContent = text;
  }

  function fillFilters(response, current) {
    const counts = response.filters || {};
    const byCount = (a, b) => b[1] - a[1] || a[0].localeCompare(b[0], lang);
    const newestFirst = (a, b) => b[0].localeCompare(a[0]);
    replaceOptions(ui.tag, Object.entries(counts.tag || {}).sort(byCount).slice(0, 60), current.tag);
    replaceOptions(ui.year, Object.entries(counts.year || {}).sort(newestFirst), current.year);
  }

  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(true);
  });
  ui.query.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(false), 300);
  });
  for (const select of [ui.tag, ui.year, ui.sort]) select.addEventListener("change", () => run(true));
  ui.options.addEventListener("toggle", () => {
    if (ui.options.open) countFilters().catch((error) => console.error("newsgen search:", error));
  });
  if (state.tag || state.year || state.sort) ui.options.open = true;
  window.addEventListener("popstate", () => {
    const next = readURL();
    ui.query.value = next.q;
    ui.sort.value = next.sort === "newest" ? "newest" : "";
    keepOption(ui.tag, next.tag);
    keepOption(ui.year, next.year);
    run(null);
  });
  if (state.q || state.tag || state.year) run(null);
}

// ------------------------------------------------------------------ the index

// Pagefind's search API over every shard: [instance, shard names].
async function openIndex(config) {
  const [module, list] = await Promise.all([
    import(config.bundle + "pagefind.js"),
    fetch(config.bundle + "shards.json", { cache: "no-cache" }).then((response) => {
      if (!response.ok) throw new Error(`shards.json: HTTP ${response.status}`);
      return response.json();
    }),
  ]);
  const shards = list.shards;
  const folder = (shard) => `${config.bundle}${shard}/`;
  const pagefind = module.createInstance({ basePath: folder(shards[0]), baseUrl: config.base });
  await pagefind.init();
  await Promise.all(shards.slice(1).map((shard) => pagefind.mergeIndex(folder(shard), { baseUrl: config.base })));
  return [pagefind, shards];
}

// Filter counts of several answers, added up ({tag: {Київ: 3}} + {tag: {Київ: 1}}).
function sumCounts(answers) {
  const sum = {};
  for (const counts of answers) {
    for (const [name, values] of Object.entries(counts || {})) {
      const into = (sum[name] = sum[name] || {});
      for (const [value, count] of Object.entries(values)) into[value] = (into[value] || 0) + count;
    }
  }
  return sum;
}

// ------------------------------------------------------------------ one result

function resultItem(data, words) {
  const item = el("li", "search-result");
  const heading = el("h2", "search-result-title");
  const link = el("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta.date) {
    const dateline = el("p", "dateline");
    const time = el("time");
    if (data.meta.published) time.dateTime = data.meta.published;
    time.textContent = data.meta.date;
    dateline.append(time);
    item.append(dateline);
  }
  const excerpt = el("p", "search-excerpt");
  excerpt.append(...excerptNodes(data, words));
  item.append(excerpt);
  return item;
}

// The words of the article text around its best match, matches in <mark>.
// A word matches when it starts with a query word (Pagefind's own rule) or when it is
// the form a matching dictionary form was taken from.
function excerptNodes(data, words) {
  const content = data.content || "";
  const cut = content.lastIndexOf(LEMMA_MARK);
  const body = (cut >= 0 ? content.slice(0, cut) : content).split(/\s+/).filter(Boolean);
  const lemmas = cut >= 0 ? content.slice(cut + 1).split(/\s+/).map(key).filter(Boolean) : [];
  const forms = (data.meta.forms || "").split(/\s+/);
  const wanted = new Set();
  lemmas.forEach((lemma, index) => {
    if (forms[index] && words.some((word) => lemma.startsWith(word))) {
      for (const form of forms[index].split("|")) wanted.add(key(form));
    }
  });
  const titleWords = (data.meta.title || "").split(/\s+/).filter(Boolean).length;
  const text = body.length > titleWords ? body.slice(titleWords) : body;
  const hits = text.map((word) => {
    const k = key(word);
    return k !== "" && (wanted.has(k) || words.some((w) => k.startsWith(w)));
  });
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    count += hits[i] ? 1 : 0;
    if (i >= EXCERPT_WORDS) count -= hits[i - EXCERPT_WORDS] ? 1 : 0;
    const first = Math.max(0, i - EXCERPT_WORDS + 1);
    if (count > bestCount) {
      bestCount = count;
      best = first;
    }
  }
  if (bestCount > 0) {
    const firstHit = hits.indexOf(true, best);
    best = Math.max(0, Math.min(best, firstHit - 6));
  }
  const end = Math.min(text.length, best + EXCERPT_WORDS);
  const nodes = [];
  if (best > 0) nodes.push("… ");
  for (let i = best; i < end; i++) {
    if (i > best) nodes.push(" ");
    if (hits[i]) {
      // The punctuation around a word stays outside its <mark>: "«<mark>Москві</mark>»,".
      const [, before, core, after] = text[i].match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su);
      const mark = el("mark");
      mark.textContent = core;
      nodes.push(before, mark, after);
    } else {
      nodes.push(text[i]);
    }
  }
  if (end < text.length) nodes.push(" …");
  return mergeText(nodes);
}

function mergeText(nodes) {
  const merged = [];
  for (const node of nodes) {
    if (node === "") continue;
    if (typeof node === "string" && typeof merged[merged.length - 1] === "string") merged[merged.length - 1] += node;
    else merged.push(node);
  }
  return merged;
}

// ------------------------------------------------------------------ helpers

// How words are compared: lower case, letters and digits only ("Пов’язане" -> "повязане").
function key(word) {
  return word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function terms(query) {
  return (query || "").split(/\s+/).map(key).filter(Boolean);
}

function loosen(query) {
  let changed = false;
  const words = query.split(/\s+/).filter(Boolean).map((word) => {
    const lower = word.toLowerCase();
    if (lower.length < 5 || !/[\u0400-\u04ff]/.test(lower)) return word;
    const ending = ENDINGS.find((e) => lower.endsWith(e) && lower.length - e.length >= 3);
    if (!ending) return word;
    changed = true;
    return word.slice(0, word.length - ending.length);
  });
  return changed ? words.join(" ") : null;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function el(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function readURL() {
  const params = new URLSearchParams(window.location.search);
  return {
    q: params.get("q") || "",
    tag: params.get("tag") || "",
    year: params.get("year") || "",
    sort: params.get("sort") || "",
  };
}

function writeURL(current, push) {
  if (push === null) return;
  const params = new URLSearchParams();
  for (const name of ["q", "tag", "year", "sort"]) if (current[name]) params.set(name, current[name]);
  const query = params.toString();
  const url = window.location.pathname + (query ? `?${query}` : "");
  if (url === window.location.pathname + window.location.search) return;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

// Options after a search: the values found among the results, with their counts; the
// chosen value is always kept, so the choice stays visible when it matches nothing.
function replaceOptions(select, entries, chosen) {
  const first = select.options[0];
  const options = [first];
  const seen = new Set();
  for (const [value, count] of entries) {
    if (count <= 0 && value !== chosen) continue;
    seen.add(value);
    const option = new Option(`${value} (${count})`, value);
    options.push(option);
  }
  if (chosen && !seen.has(chosen)) options.push(new Option(chosen, chosen));
  select.replaceChildren(...options);
  select.value = chosen;
}

function keepOption(select, value) {
  if (value && ![...select.options].some((option) => option.value === value)) select.append(new Option(value, value));
  select.value = value;
}
