/*
 * Patient-language search for the Spine Health Handbook.
 *
 * Sphinx's search page stays: search.html?q=QUERY fills #search-results with
 * ranked links, best first. This script replaces how a query is matched:
 *
 *  - any query word may match, and pages are ranked by how many do;
 *  - filler words ("how", "my", "does", "I", "should") are ignored;
 *  - a word the index does not know is corrected to the nearest word it does
 *    know (edit distance 1 for 4-7 letters, 2 for longer), and the page says
 *    "Showing results for ...";
 *  - synonym groups (docs/_data/synonyms.yaml) join lay and clinical words,
 *    brand and generic names, UK and US spellings;
 *  - book-index entries (an article's also_called words) weigh most, then
 *    titles, then body text; a word also matches longer words it begins;
 *  - each result shows the article's description, read from
 *    handbook-search-data.js rather than fetched, so it works from file://.
 *
 * The pure functions are in HandbookSearch; tests run them in Chromium.
 */
"use strict";

const HandbookSearch = (() => {
  const WEIGHT = { entry: 15, title: 10, term: 4 };
  const PER_MATCHED_WORD = 100;
  const PER_ENTRY_WORD = 30;
  const ARTICLE_BONUS = 5;
  const MIN_PREFIX = 5;

  /** Lower-case words, as handbook/vocabulary.py splits them. */
  const words = (text) =>
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .split(/[^\p{Letter}\p{Number}]+/u)
      .filter(Boolean);

  /** Levenshtein distance, giving up (Infinity) once it exceeds `limit`. */
  const editDistance = (a, b, limit) => {
    if (Math.abs(a.length - b.length) > limit) return Infinity;
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        best = Math.min(best, current[j]);
      }
      if (best > limit) return Infinity;
      previous = current;
    }
    return previous[b.length] <= limit ? previous[b.length] : Infinity;
  };

  /** How far a word of this length may be from the word it is corrected to. */
  const allowedDistance = (word) => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

  /**
   * The nearest candidate within the allowed distance; earlier candidates win
   * ties. Typing rarely gets the first letter wrong, and keeping it stops real
   * words the index lacks ("shooting") turning into others ("choosing").
   */
  const nearest = (word, candidates) => {
    const limit = allowedDistance(word);
    let best = null;
    let bestDistance = Infinity;
    if (!limit) return null;
    for (const candidate of candidates) {
      if (candidate === word) return null;
      if (candidate[0] !== word[0]) continue;
      const distance = editDistance(word, candidate, Math.min(limit, bestDistance - 1));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  };

  /**
   * Turn a query into slots, one per meaningful word or synonym phrase. Each
   * slot lists alternatives, each alternative a list of stems that must all
   * match. `lexicon` gives: stem(word), known(stem), fillers (Set),
   * synonyms (Map phrase -> group of phrases), candidates (words to correct to).
   */
  const plan = (query, lexicon) => {
    const tokens = words(query);
    const slots = [];
    const shown = [];
    let corrected = false;
    const alternativesOf = (group) => group.map((member) => words(member).map(lexicon.stem));
    for (let i = 0; i < tokens.length; ) {
      let matched = false;
      for (let n = Math.min(4, tokens.length - i); n >= 2 && !matched; n--) {
        const phrase = tokens.slice(i, i + n).join(" ");
        if (lexicon.synonyms.has(phrase)) {
          slots.push({ text: phrase, alternatives: alternativesOf(lexicon.synonyms.get(phrase)) });
          shown.push(phrase);
          i += n;
          matched = true;
        }
      }
      if (matched) continue;
      let token = tokens[i++];
      if (lexicon.fillers.has(token) && !lexicon.synonyms.has(token)) {
        shown.push(token);
        continue;
      }
      if (!lexicon.synonyms.has(token) && !lexicon.known(lexicon.stem(token))) {
        const replacement = nearest(token, lexicon.candidates);
        if (replacement) {
          token = replacement;
          corrected = true;
        }
      }
      shown.push(token);
      const group = lexicon.synonyms.get(token);
      slots.push({
        text: token,
        alternatives: group ? alternativesOf(group) : [[lexicon.stem(token)]],
      });
    }
    return { slots, corrected, correctedQuery: shown.join(" ") };
  };

  /**
   * Rank documents for a planned query. `fields` gives, per stem, the documents
   * whose index entries, titles and body contain it (Maps stem -> Set of doc ids);
   * `entries` lists each book-index entry as [doc id, stems].
   */
  const rank = (planned, fields, entries, isArticle) => {
    // A stem of 5 or more letters also matches longer indexed words it begins,
    // at half weight: "compar" (compare) finds "comparison".
    const longer = new Map();
    const docsStartingWith = (field, stem) => {
      const key = `${field}:${stem}`;
      if (!longer.has(key)) {
        const docs = new Set();
        if (stem.length >= MIN_PREFIX)
          for (const [indexed, found] of fields[field])
            if (indexed.length > stem.length && indexed.startsWith(stem)) for (const doc of found) docs.add(doc);
        longer.set(key, docs);
      }
      return longer.get(key);
    };
    const weightOf = (stem, doc) => {
      let best = 0;
      for (const field of ["entry", "title", "term"]) {
        if (fields[field].get(stem)?.has(doc)) best = Math.max(best, WEIGHT[field]);
        else if (docsStartingWith(field, stem).has(doc)) best = Math.max(best, WEIGHT[field] / 2);
      }
      return best;
    };
    const candidates = new Set();
    for (const slot of planned.slots)
      for (const alternative of slot.alternatives)
        for (const stem of alternative)
          for (const field of Object.keys(fields)) {
            for (const doc of fields[field].get(stem) ?? []) candidates.add(doc);
            for (const doc of docsStartingWith(field, stem)) candidates.add(doc);
          }
    const queryStems = new Set(planned.slots.flatMap((slot) => slot.alternatives.flat()));
    const entriesOf = new Map();
    for (const [doc, stems] of entries) {
      if (!entriesOf.has(doc)) entriesOf.set(doc, []);
      entriesOf.get(doc).push(stems);
    }
    const scores = new Map();
    for (const doc of candidates) {
      let matchedWords = 0;
      let weight = 0;
      for (const slot of planned.slots) {
        const best = Math.max(
          ...slot.alternatives.map((alternative) => Math.min(...alternative.map((stem) => weightOf(stem, doc)))),
        );
        if (best > 0) {
          matchedWords += 1;
          weight += best;
        }
      }
      if (!matchedWords) continue;
      let bonus = isArticle(doc) ? ARTICLE_BONUS : 0;
      for (const stems of entriesOf.get(doc) ?? [])
        if (stems.length && stems.every((stem) => queryStems.has(stem))) bonus += PER_ENTRY_WORD * stems.length;
      scores.set(doc, matchedWords * PER_MATCHED_WORD + weight + bonus);
    }
    return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  };

  return { words, editDistance, allowedDistance, nearest, plan, rank };
})();

/** Build the lexicon and field maps from Sphinx's index and the handbook's data. */
const handbookLexicon = (index, data, stemWord) => {
  const fillers = new Set([...data.fillers, ...(typeof stopwords !== "undefined" ? stopwords : [])]);
  const asSet = (value) => new Set(Array.isArray(value) ? value : [value]);
  const fieldMap = (source) => new Map(Object.entries(source).map(([stem, docs]) => [stem, asSet(docs)]));
  const entry = new Map();
  const entries = [];
  for (const [text, hits] of Object.entries(index.indexentries ?? {})) {
    const stems = HandbookSearch.words(text)
      .filter((word) => !fillers.has(word))
      .map(stemWord);
    for (const [doc] of hits) {
      entries.push([doc, stems]);
      for (const stem of stems) {
        if (!entry.has(stem)) entry.set(stem, new Set());
        entry.get(stem).add(doc);
      }
    }
  }
  const fields = { entry, title: fieldMap(index.titleterms), term: fieldMap(index.terms) };
  const synonyms = new Map();
  for (const group of data.synonyms) for (const member of group) synonyms.set(HandbookSearch.words(member).join(" "), group);
  const lexicon = {
    stem: stemWord,
    fillers,
    synonyms,
    known: (stem) => fields.entry.has(stem) || fields.title.has(stem) || fields.term.has(stem),
    candidates: data.words,
  };
  return { lexicon, fields, entries };
};

/** Results shown: more than a reader will scan, few enough to draw at once on a phone. */
const MAX_SHOWN = 30;

/** Replace Sphinx's query step on the search page. */
if (typeof Search !== "undefined" && typeof window !== "undefined" && window.HANDBOOK_SEARCH) {
  Search.query = (query) => {
    const index = Search._index;
    const data = window.HANDBOOK_SEARCH;
    const stemmer = new Stemmer();
    const stems = new Map(); // index entries repeat words; the stemmer is the slow part
    const stemWord = (word) => {
      if (!stems.has(word)) stems.set(word, stemmer.stemWord(word));
      return stems.get(word);
    };
    const { lexicon, fields, entries } = handbookLexicon(index, data, stemWord);
    const planned = HandbookSearch.plan(query, lexicon);
    const articles = new Set(data.articles);
    const ranked = HandbookSearch.rank(planned, fields, entries, (doc) => articles.has(index.docnames[doc]));

    localStorage.setItem("sphinx_highlight_terms", HandbookSearch.words(planned.correctedQuery).join(" "));
    if (planned.corrected) {
      const note = document.createElement("p");
      note.className = "search-corrected";
      note.append("Showing results for ");
      note.appendChild(document.createElement("strong")).textContent = planned.correctedQuery;
      Search.status.before(note);
    }
    const suffix = DOCUMENTATION_OPTIONS.LINK_SUFFIX;
    for (const [doc] of ranked.slice(0, MAX_SHOWN)) {
      const docname = index.docnames[doc];
      const item = Search.output.appendChild(document.createElement("li"));
      item.className = "kind-title";
      const link = item.appendChild(document.createElement("a"));
      link.href = docname + suffix;
      link.textContent = index.titles[doc];
      const description = data.descriptions[docname];
      if (description) {
        const context = item.appendChild(document.createElement("p"));
        context.className = "context";
        context.textContent = description;
      }
    }
    Search.stopPulse();
    Search.title.innerText = "Search Results";
    Search.status.innerText = !ranked.length
      ? "No pages matched. Try other words, or check the spelling."
      : ranked.length > MAX_SHOWN
        ? `Found ${ranked.length} pages. Showing the ${MAX_SHOWN} best matches first.`
        : `Found ${ranked.length} page${ranked.length === 1 ? "" : "s"}, best first.`;
    document.documentElement.dataset.searchDone = "true";
  };
}
