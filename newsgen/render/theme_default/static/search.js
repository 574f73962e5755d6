// newsgen's search page: Pagefind's search API over the index newsgen builds (newsgen/search.py).
//
// A query word matches whole words: a word of an article as written, or the dictionary
// form of one ("Москва" finds "у Москві"), never a longer word it starts ("Кит" is no
// "Китай") nor, as Pagefind does for a word it cannot find, a shorter word the query
// starts with ("зебра" is no "з"). So every word is first looked up exactly (Pagefind's
// quoted search), and Pagefind's ranked search only orders what those found. A word
// found as an inflected form ("Москві") widens to its dictionary forms, which the build
// recorded for that article ("forms" metadata), and so to every other form of the word.
// Articles with every word as typed, in their text, come first.
//
// Every article is indexed with its text as written; the dictionary forms of its words
// are its "forms" metadata ("москва:москві|москвою"), which Pagefind searches too and
// names as the field matched. Other metadata (the dateline) matches nothing here.
//
// The index comes in shards (pagefind/shards.json lists them, oldest articles first),
// each a Pagefind index of its own, merged into one instance: the first shard's loads
// the WebAssembly, the others only their metadata. Pagefind orders "newest first"
// within each index only, so that order is read shard by shard, newest shard first.
// A changed shard comes patched (newsgen/search/pagefind_patch.py): its old index, where each
// edited article's page is renamed "~" + the page of its new version and each added article
// has a page of no text "~" + its page, and a small index of the new versions and added
// articles ("<shard>+edits"). Every "~" page is left out of every answer; "newest first"
// puts each page of the edits where its "~" page stands.
//
// Nothing here builds HTML from strings: article text reaches the page as text nodes.

const PAGE_SIZE = 10;
const EXCERPT_WORDS = 34;
const MORPHOLOGY_LANGS = ["uk", "ru"];
// Metadata Pagefind would otherwise search and rank by: newsgen's own bookkeeping.
const UNRANKED_META = { date: 0, published: 0, forms: 0 };
const FORMS = "forms"; // the metadata pairing dictionary forms with the words of the text
const HIDDEN = "~"; // an edited article's old page: its name starts with it (pagefind_patch.py)
const EDITS = "+edits"; // a patched shard's new versions: the folder "<shard>+edits"

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
  let edited; // the shards that come patched
  try {
    [pagefind, shards, edited] = await openIndex(config, lang);
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
  let last = null; // the last query's {found, current}, for counting its topics and years
  const morphology = MORPHOLOGY_LANGS.includes(lang.split("-")[0]);

  // Tags and years are counted only once the reader opens "Refine" (or the address
  // already filters): a plain query does not download the filter index.
  function loadFilters() {
    filtersLoading = filtersLoading || members().then((sets) => { filtersReady = true; return sets; });
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
    const found = await lookUp(current.q, options);
    if (mine !== generation) return; // a newer query has started
    last = { found, current };
    if (filtersReady) fillFilters(await counts(found.ids), current);
    if (mine !== generation) return;
    shown = found.results;
    ui.results.replaceChildren();
    const count = shown.length;
    if (count === 0) {
      setStatus(fill(labels.search_none, { q: current.q }));
    } else {
      const rule = new Intl.PluralRules(lang).select(count);
      const counted = fill(labels["search_count_" + rule] || labels.search_count_other, { n: count.toLocaleString(lang) });
      const note = found.widened.length ? fill(labels.search_forms, { lemma: found.widened.join(", ") }) : "";
      setStatus(note ? `${counted} ${note}` : counted);
    }
    await showMore(mine, found.matches);
  }

  async function showMore(mine, matches) {
    const start = ui.results.children.length;
    const batch = shown.slice(start, start + PAGE_SIZE);
    const items = await Promise.all(batch.map((result) => result.data()));
    if (mine !== generation) return;
    for (const data of items) ui.results.append(resultItem(data, matches, !morphology));
    ui.more.hidden = ui.results.children.length >= shown.length;
    ui.more.onclick = () => showMore(generation, matches);
  }

  // What a query finds: {results in the order shown, ids, matches: per query word the
  // words that count as it, widened: the dictionary forms it was widened to}.
  async function lookUp(query, options) {
    const words = terms(query);
    const filters = options.filters;
    if (!words.length) { // a topic or a year alone lists its articles; a query of no word finds none
      const results = query ? [] : await listed(options);
      return { results, ids: new Set(results.map((result) => result.id)), matches: [], widened: [] };
    }
    const perWord = await Promise.all(words.map((word) => wordHits(word, filters)));
    const allowed = intersect(perWord.map((word) => word.hits));
    const written = new Set([...allowed.keys()].filter((id) => perWord.every((word) => word.written.has(id))));
    const results = options.sort ? await newestFirst(allowed, options) : await byRelevance(perWord, allowed, written, filters);
    return {
      results,
      ids: new Set(allowed.keys()),
      matches: perWord.map((word) => [word.word, ...word.forms.map(([lemma]) => lemma)]),
      widened: [...new Set(perWord.flatMap((word) => word.forms.map(([, lemma]) => lemma)))],
    };
  }

  // One query word: the articles with it as a whole word (in the text or as a dictionary
  // form) and, when it is an inflected form, those with any form of its dictionary forms.
  // {word, hits: Map(id -> result), written: ids with the word as typed in the text, forms}
  async function wordHits(word, filters) {
    const found = await exactly(word, filters);
    const source = found.text.length || !Object.keys(filters).length ? found.text : (await exactly(word, {})).text;
    const forms = morphology && source.length ? await dictionaryForms(word, source[0]) : [];
    const hits = new Map([...found.text, ...found.lemma].map((result) => [result.id, result]));
    for (const [lemma] of forms) {
      const more = await exactly(lemma, filters);
      for (const result of [...more.text, ...more.lemma]) if (!hits.has(result.id)) hits.set(result.id, result);
    }
    return { word, hits, written: new Set(found.text.map((result) => result.id)), forms };
  }

  // Pagefind's exact (quoted) search for one word: {text: results with it in the text
  // (they have word positions), lemma: results with it among the dictionary forms}.
  // A match in other metadata (the dateline) is neither.
  async function exactly(word, filters) {
    const results = await find(`"${word}"`, { filters });
    return {
      text: results.filter((result) => result.words && result.words.length > 0),
      lemma: results.filter((result) => !(result.words && result.words.length) &&
        (result.matchedMetaFields || []).includes(FORMS)),
    };
  }

  // The dictionary forms the build recorded for ``word`` in an article where it occurs:
  // [[key, as written], ...].
  async function dictionaryForms(word, result) {
    const data = await result.data();
    return formPairs(data).filter(([lemma, forms]) => lemma !== word && forms.includes(word))
      .map(([lemma, , written]) => [lemma, written]);
  }

  // Pagefind's ranking, in two tiers: the articles with every word as typed in their
  // text, then the others found (other forms, dictionary forms).
  async function byRelevance(perWord, allowed, written, filters) {
    const order = new Map();
    const take = (results, keep) => {
      for (const result of results) if (keep(result.id) && !order.has(result.id)) order.set(result.id, allowed.get(result.id));
    };
    if (written.size) take(await ranked(perWord.map((word) => word.word).join(" "), filters), (id) => written.has(id));
    take([...written].map((id) => allowed.get(id)), () => true);
    const widened = perWord.map((word) => (word.forms[0] || [word.word])[0]).join(" ");
    take(await ranked(widened, filters), (id) => allowed.has(id));
    take([...allowed.values()], () => true);
    return [...order.values()];
  }

  async function ranked(query, filters) {
    return find(query, { filters });
  }

  // Pagefind's results, without the old pages of edited articles.
  async function find(term, options) {
    const response = await pagefind.search(term, options);
    return (response ? response.results : []).filter((result) => !result.id.startsWith(HIDDEN));
  }

  // "Newest first" over several shards reads each shard alone (its name is a filter),
  // newest shard first: a sorted search orders the results within one index only.
  async function newestFirst(allowed, options) {
    const listing = await listed({ filters: options.filters, sort: options.sort });
    return listing.filter((result) => allowed.has(result.id));
  }

  async function listed(options) {
    if (!options.sort || (shards.length < 2 && !edited.size)) return find(null, options);
    const parts = await Promise.all([...shards].reverse().map((shard) => listedShard(shard, options)));
    return parts.flat();
  }

  // One shard's articles in the order asked for. A patched shard's two indexes are each in
  // order; an edited article's new version goes where its old page ("~" + its page) stands.
  async function listedShard(shard, options) {
    const within = { ...options, filters: { ...options.filters, shard } };
    if (!edited.has(shard)) return find(null, within);
    const [everyone, found] = await Promise.all([
      pagefind.search(null, { sort: options.sort, filters: { shard } }), pagefind.search(null, within)]);
    const place = new Map((everyone ? everyone.results : []).map((result, i) => [result.id, i]));
    const at = (result) => place.get(HIDDEN + result.id) ?? place.get(result.id) ?? 0;
    return (found ? found.results : []).filter((result) => !result.id.startsWith(HIDDEN))
      .sort((a, b) => at(a) - at(b));
  }

  // Every topic's and year's articles, once: {tag: Map(value -> Set of ids), year: ...}.
  async function members() {
    const all = await pagefind.filters();
    const sets = {};
    for (const name of ["tag", "year"]) {
      const values = Object.keys(all[name] || {});
      const lists = await Promise.all(values.map((value) => find(null, { filters: { [name]: value } })));
      sets[name] = new Map(values.map((value, i) => [value, new Set(lists[i].map((r) => r.id))]));
    }
    return sets;
  }

  // How many of the articles found have each topic and year.
  async function counts(ids) {
    const sets = await loadFilters();
    const counted = {};
    for (const [name, values] of Object.entries(sets)) {
      counted[name] = {};
      for (const [value, members] of values) {
        let n = 0;
        for (const id of ids) if (members.has(id)) n++;
        counted[name][value] = n;
      }
    }
    return counted;
  }

  async function countFilters() {
    await loadFilters();
    if (last) fillFilters(await counts(last.found.ids), last.current);
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

  function fillFilters(counted, current) {
    const byCount = (a, b) => b[1] - a[1] || a[0].localeCompare(b[0], lang);
    const newestFirst = (a, b) => b[0].localeCompare(a[0]);
    replaceOptions(ui.tag, Object.entries(counted.tag || {}).sort(byCount).slice(0, 60), current.tag);
    replaceOptions(ui.year, Object.entries(counted.year || {}).sort(newestFirst), current.year);
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

// Pagefind's search API over every shard: [instance, shard names, Set of the patched ones]. In a site of
// several languages shards.json lists each shard's languages, and the page opens those with its own only.
async function openIndex(config, lang) {
  const [module, list] = await Promise.all([
    import(config.bundle + "pagefind.js"),
    fetch(config.bundle + "shards.json", { cache: "no-cache" }).then((response) => {
      if (!response.ok) throw new Error(`shards.json: HTTP ${response.status}`);
      return response.json();
    }),
  ]);
  const base = lang.split("-")[0];
  const mine = (name) => !list.languages || (list.languages[name] || []).includes(base);
  const shards = list.shards.filter(mine);
  if (!shards.length) throw new Error(`no shard has articles in ${base}`);
  const folder = (shard) => `${config.bundle}${shard}/`;
  const pagefind = module.createInstance({ basePath: folder(shards[0]), baseUrl: config.base });
  await pagefind.options({ ranking: { metaWeights: UNRANKED_META } });
  await pagefind.init();
  const edits = list.edits || [];
  const merged = [...shards.slice(1), ...edits.filter(mine)];
  await Promise.all(merged.map((name) => pagefind.mergeIndex(folder(name), { baseUrl: config.base })));
  return [pagefind, shards, new Set(edits.map((name) => name.slice(0, -EDITS.length)))];
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

function resultItem(data, matches, stemmed) {
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
  excerpt.append(...excerptNodes(data, matches, stemmed));
  item.append(excerpt);
  return item;
}

// The words of the article text around its best match, matches in <mark>.
// A word matches when it is a query word or one of the words ``matches`` lets stand for
// one, or a form of the text that such a dictionary form was recorded for; in a language
// Pagefind stems itself (``stemmed``: English), a word that starts with a query word.
function excerptNodes(data, matches, stemmed) {
  const body = (data.content || "").split(/\s+/).filter(Boolean);
  const wanted = new Set(matches.flat());
  for (const [lemma, forms] of formPairs(data)) {
    if (wanted.has(lemma)) for (const form of forms) wanted.add(form);
  }
  const titleWords = (data.meta.title || "").split(/\s+/).filter(Boolean).length;
  const text = body.length > titleWords ? body.slice(titleWords) : body;
  const hits = text.map((word) => {
    const k = key(word);
    return k !== "" && (wanted.has(k) || (stemmed && matches.some(([word]) => k.startsWith(word))));
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

// The build's "forms" metadata, "москва:москві|москвою війна:війни", as
// [[lemma, [form, ...], the lemma as written], ...], compared as key() compares words.
function formPairs(data) {
  return (data.meta.forms || "").split(/\s+/).filter(Boolean).map((pair) => {
    const [lemma, forms = ""] = pair.split(":");
    return [key(lemma), forms.split("|").map(key).filter(Boolean), lemma];
  });
}

// The entries of several Maps whose keys are in every one of them.
function intersect(maps) {
  const [first, ...rest] = maps;
  return new Map([...first].filter(([id]) => rest.every((map) => map.has(id))));
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
