"""Whether the search page's lexicon is the same built from the build's stems as stemmed on the page.

``handbook.search.precomputed_stems`` stems the index's book-index entries, titles and descriptions at build time;
``handbook-search.js`` stems any text the data lacks itself. Run on an open search page.
"""

from __future__ import annotations

# The lexicon's parts that stems go into, built twice: from the search data as written, and with its stems taken out
# (the page's stemmer then splits and stems every text). Each part as sorted JSON; [] when all agree.
DIFFERENCES = """() => {
  const built = (data) => {
    const stemmer = new Stemmer();
    return handbookLexicon(Search._index, data, (word) => stemmer.stemWord(word)).index;
  };
  const data = window.HANDBOOK_SEARCH;
  const fromBuild = built(data), onPage = built({ ...data, stems: undefined });
  const sorted = (map) =>
    JSON.stringify([...map.entries()].map(([key, value]) => [key, value instanceof Set ? [...value].sort() : value]).sort());
  const parts = {
    entry: (index) => sorted(index.fields.entry),
    entryPart: (index) => sorted(index.fields.entryPart),
    description: (index) => sorted(index.fields.description),
    titleStems: (index) => sorted(index.titleStems),
    entries: (index) => JSON.stringify(index.entries),
  };
  return Object.keys(parts).filter((part) => parts[part](fromBuild) !== parts[part](onPage));
}"""

# The texts of Sphinx's index that the build gave no stems for (the page stems them on every load).
UNSTEMMED = """() => {
  const stems = window.HANDBOOK_SEARCH.stems, index = Search._index;
  return [
    ...Object.keys(index.indexentries).filter((text) => !Object.hasOwn(stems.entries, text)),
    ...index.titles.filter((title) => !Object.hasOwn(stems.titles, title)),
    ...Object.keys(window.HANDBOOK_SEARCH.descriptions).filter((name) => !Object.hasOwn(stems.descriptions, name)),
  ];
}"""
