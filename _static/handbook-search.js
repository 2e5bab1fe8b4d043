/*
 * Patient-language search for the Spine Health Handbook.
 *
 * Sphinx's search page stays: search.html?q=QUERY fills #search-results with
 * ranked links, best first. This script replaces how a query is matched:
 *
 *  - filler words ("how", "my", "does") are dropped; a rare word counts more
 *    than a common one ("fever" more than "back");
 *  - phrases (synonyms.yaml "- pins and needles: [tingling, numbness]") are
 *    searched for what they mean, so "needles" inside them does not lead to
 *    acupuncture; synonym groups join lay and clinical words, brands and
 *    generic names, UK and US spellings;
 *  - a word the index does not know is corrected to the nearest word it does
 *    know, never when it is a protected medical term, a common English word,
 *    or a medical word with another ending ("spondylitis" is not
 *    "spondylosis"), and never into an everyday word ("dogs" is not "does");
 *    the page says so and offers the query as typed;
 *  - book-index entries weigh most, then titles, descriptions, body text;
 *  - a query naming a body part away from the spine ("knee replacement") is
 *    answered only by a page about that part, not one mentioning it;
 *  - only results that match well, more than in passing and judged against
 *    the best one, are shown,
 *    articles before reference pages; when none matches well the page says
 *    "We don't have an article about ... yet", with a link to the warning
 *    signs, the closest topics, the "Get help now" box if the query names a
 *    warning sign, and a link to suggest the topic;
 *  - each result shows the article's description, read from
 *    handbook-search-data.js rather than fetched, so it works from file://.
 *
 * The pure functions are in HandbookSearch; tests run them in Chromium.
 */
"use strict";

const HandbookSearch = (() => {
  // entryPart: a word of a longer book-index entry ("knee" of "pillow between knees"). It weighs as much as a
  // whole entry, but, like a word of a heading ("Knee rolls"), does not make the page about a part of the body
  // away from the spine: its own book-index entry, description or page title does.
  const FIELD_WEIGHT = { entry: 1, entryPart: 1, title: 0.9, description: 0.6, term: 0.3 };
  const FIELDS = Object.keys(FIELD_WEIGHT);
  const ABOUT_A_PART = ["entry", "description"];
  const PREFIX_FACTOR = 0.5; // a stem that begins a longer indexed word
  const MIN_PREFIX = 5;
  const COMMON_IMPORTANCE = 0.2; // an everyday word the handbook never uses
  const COMMON_KNOWN_IMPORTANCE = 0.7; // at most, for an everyday word the handbook does use ("hurts", "last")
  const ENTRY_BONUS = 0.5; // a whole book-index entry named by the query, per word of it
  const TITLE_BONUS = 0.15; // times the share of the page's title words the query has
  const STRONG = 0.45; // a match in a book-index entry, title or description (also a longer word there)
  const GOOD_COVERAGE = 0.5; // of a query's weight, for a page to be about it
  const MOST = 0.6; // or this share of its words, two or more
  const RELATIVE = 0.5; // results scoring under half the best one are left out
  // What a page scores with every word of the query in its text alone: a page scoring less matches only part of the
  // query, in passing ("botox injections for frown lines"), so it is no answer, unless the query names it or the page
  // is anchored in the query: one of the query's phrases ("nan has shrunk a couple of inches": "loss of height"), or
  // two of its meaningful words ("lost about 3cm in height and now sudden pain"), are in the page's book-index
  // entries, title or description. Words the handbook does not know pull such a story's score down.
  const ANCHORING_WORDS = 2;
  const IN_PASSING = FIELD_WEIGHT.term;
  const ROUNDING = 1e-9; // quality is a sum of fractions: "every word in the text" may come out a hair under 0.3
  const PHRASE_WORDS = 5;
  const SHORT = 2; // an unknown word this short ("l5", "s1") says little
  const RARE = 3; // a word on this many pages or fewer is rare in the handbook
  const BRAND_JOINERS = new Set(["or", "and", "vs", "versus"]); // "tempur or emma mattress"

  /** Lower-case words, as handbook/vocabulary.py splits them. */
  const words = (text) =>
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/['\u2019]/g, "")
      .split(/[^\p{Letter}\p{Number}]+/u)
      .filter(Boolean);

  /** Edit distance counting a swap of two neighbouring letters as one edit; Infinity once it exceeds `limit`. */
  const editDistance = (a, b, limit) => {
    if (Math.abs(a.length - b.length) > limit) return Infinity;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          current[j] = Math.min(current[j], before[j - 2] + 1);
        best = Math.min(best, current[j]);
      }
      if (best > limit) return Infinity;
      before = previous;
      previous = current;
    }
    return previous[b.length] <= limit ? previous[b.length] : Infinity;
  };

  /**
   * A word as it sounds: "ph" is said "f"; "ck", "ch", "cc" and "c" before "a", "o" or "u" "k"; "gh" nothing;
   * "sc" before "i" or "e" "s"; "x" "ks"; and "y" "i" ("fisio", "bak", "kyropractor", "sighatica", "coxyx").
   */
  const soundsLike = (word) =>
    word
      .replaceAll("ph", "f")
      .replaceAll("ck", "k")
      .replaceAll("ch", "k")
      .replaceAll("cc", "k")
      .replaceAll("gh", "")
      .replace(/sc(?=[ie])/g, "s")
      .replace(/c(?=[aou])/g, "k")
      .replaceAll("x", "ks")
      .replaceAll("y", "i");

  /** The number of words, at most PHRASE_WORDS, of the longest phrase `isPhrase(text, n)` that starts at `at`, or 0. */
  const phraseLengthAt = (list, at, isPhrase) => {
    for (let n = Math.min(PHRASE_WORDS, list.length - at); n >= 1; n--)
      if (isPhrase(list.slice(at, at + n).join(" "), n)) return n;
    return 0;
  };

  /** Two neighbouring letters typed the wrong way round ("bakc", "pian"): every letter is there. */
  const isSwap = (word, candidate) => {
    if (word.length !== candidate.length || word.length < 4) return false;
    const differ = [...word].flatMap((letter, i) => (letter === candidate[i] ? [] : [i]));
    const [i, j] = differ;
    return differ.length === 2 && j === i + 1 && word[i] === candidate[j] && word[j] === candidate[i];
  };

  /** How far a word of this length may be from the word it is corrected to. */
  const allowedDistance = (word) => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

  /** The medical ending of a word ("itis", "osis"), or "". */
  const medicalEnding = (word, endings) => endings.find((ending) => word.endsWith(ending)) ?? "";

  /** A word never corrected: a protected medical term, a common English word, or a condition elsewhere. */
  const isKept = (word, rules) => rules.protected.has(word) || rules.common.has(word) || Boolean(rules.elsewhere?.has(word));

  /**
   * May `word` be corrected to `candidate`? Never a protected medical term, a
   * condition of another part of the body ("gallstones") or a common English
   * word, and never a word with a medical ending into one
   * with another ("spondylitis" is not "spondylosis").
   */
  const mayCorrect = (word, candidate, rules) => {
    if (isKept(word, rules)) return false;
    // "dogs" is not "does", nor "shore" "sore": an everyday word is rarely what a typo meant to say.
    if (rules.common.has(candidate) || rules.fillers?.has(candidate)) return false;
    const [own, theirs] = [word, candidate].map((value) => medicalEnding(value, rules.medicalEndings));
    return !own || !theirs || own === theirs;
  };

  /**
   * The nearest candidate within the allowed distance; earlier candidates win
   * ties. Typing rarely gets the first letter wrong, and keeping it stops real
   * words the index lacks ("shooting") turning into others ("choosing").
   * Words are compared as they sound, so "fisio" is near "physio". One that
   * sounds the same ("bak", "back") or has two neighbouring letters swapped
   * ("bakc") is the same word mistyped: nearest of all, even when it is too
   * short for any other correction or an everyday word.
   */
  const nearest = (word, candidates, rules) => {
    const limit = allowedDistance(word);
    const heard = soundsLike(word);
    let alike = null;
    let best = null;
    let bestDistance = Infinity;
    if (rules && isKept(word, rules)) return null;
    for (const candidate of candidates) {
      if (candidate === word) return null;
      const theirs = soundsLike(candidate);
      if (theirs === heard || isSwap(word, candidate)) alike ??= candidate;
      if (alike || !limit || theirs[0] !== heard[0] || (rules && !mayCorrect(word, candidate, rules))) continue;
      const distance = editDistance(heard, theirs, Math.min(limit, bestDistance - 1));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return alike ?? best;
  };

  /**
   * Turn a query into slots, one per meaningful word or phrase. Each slot
   * lists alternatives, each a list of stems that must all match. `lexicon`
   * gives: stem(word), known(stem), fillers, common, protected (Sets),
   * medicalEndings, synonyms (Map phrase -> group), phrases (Map phrase ->
   * meanings), candidates (words to correct to). With `asTyped`, no word is
   * corrected.
   */
  const plan = (query, lexicon, asTyped = false) => {
    // "what actually works for back pain" is the phrase "what works for back pain".
    const tokens = words(query).filter((word) => !lexicon.hedges?.has(word));
    const slots = [];
    const shown = [];
    const corrections = [];
    const stemsOf = (text) => words(text).filter((word) => !lexicon.fillers.has(word)).map(lexicon.stem);
    const unknown = (word) => !lexicon.synonyms.has(word) && !lexicon.known(lexicon.stem(word));
    // A word the handbook does not know, up to three words before a product ("tempur mattress", "tempur or emma
    // mattress", "teeter inversion table"), is its brand.
    const productAhead = (i) => {
      for (let j = i + 1, seen = 0; j < tokens.length && seen < 3; j++) {
        if (BRAND_JOINERS.has(tokens[j])) continue;
        if (lexicon.products?.has(tokens[j])) return true;
        if (lexicon.fillers.has(tokens[j])) return false;
        seen++;
      }
      return false;
    };
    const brand = tokens.map(
      (word, i) =>
        !BRAND_JOINERS.has(word) &&
        !lexicon.fillers.has(word) &&
        !lexicon.common.has(word) &&
        !lexicon.elsewhere?.has(word) &&
        unknown(word) &&
        productAhead(i),
    );
    const alternativesOf = (members) => members.map(stemsOf).filter((stems) => stems.length);
    /** The number of words of the phrase (or synonym of two or more words) that starts at `at`, or 0. */
    const phraseAt = (list, at) =>
      phraseLengthAt(list, at, (phrase, n) => lexicon.phrases.has(phrase) || (n >= 2 && lexicon.synonyms.has(phrase)));
    // First the spelling: the words of a phrase as typed stay; any other word the handbook does not know is
    // joined with the next ("sigh attica") or corrected ("lumber"), so a phrase spelt wrong is still found
    // ("lumber pain" is "lumbar pain"). Never a word kept as it is: "back acne" is not "backache".
    const spelt = [];
    const joinable = (word) => !lexicon.fillers.has(word) && !isKept(word, lexicon);
    for (let i = 0; i < tokens.length; ) {
      const n = phraseAt(tokens, i);
      if (n) {
        for (let k = i; k < i + n; k++) spelt.push({ word: tokens[k], brand: false, phrase: k === i ? n : -1 });
        i += n;
        continue;
      }
      const [token, next] = [tokens[i], tokens[i + 1]];
      const mayFix = !asTyped && !brand[i] && !(lexicon.fillers.has(token) && !lexicon.synonyms.has(token));
      if (mayFix && next && joinable(token) && joinable(next) && (unknown(token) || unknown(next))) {
        const joined = token + next;
        const whole = lexicon.synonyms.has(joined) || !unknown(joined) ? joined : nearest(joined, lexicon.candidates, lexicon);
        if (whole) {
          corrections.push([`${token} ${next}`, whole]);
          spelt.push({ word: whole, brand: false });
          i += 2;
          continue;
        }
      }
      const replacement = mayFix && unknown(token) ? nearest(token, lexicon.candidates, lexicon) : null;
      if (replacement) corrections.push([token, replacement]);
      spelt.push({ word: replacement ?? token, brand: brand[i] });
      i++;
    }
    const fixed = spelt.map(({ word }) => word);
    for (let i = 0; i < fixed.length; ) {
      // A phrase as typed, or one found once its words were spelt right.
      const n = spelt[i].phrase > 0 ? spelt[i].phrase : phraseAt(fixed, i);
      if (n) {
        const phrase = fixed.slice(i, i + n).join(" ");
        const meanings = lexicon.phrases.get(phrase) ?? lexicon.synonyms.get(phrase);
        const alternatives = alternativesOf(meanings);
        const elsewhere = lexicon.elsewhere?.has(phrase) ?? false;
        const condition = lexicon.conditions?.has(phrase) ?? false;
        if (alternatives.length) slots.push({ text: phrase, alternatives, common: false, elsewhere, condition, phrase: true });
        shown.push(phrase);
        i += n;
        continue;
      }
      const { word: token, brand: isBrand } = spelt[i++];
      if (lexicon.fillers.has(token) && !lexicon.synonyms.has(token)) {
        shown.push(token);
        continue;
      }
      shown.push(token);
      const group = lexicon.synonyms.get(token);
      const known = lexicon.known(lexicon.stem(token));
      slots.push({
        text: token,
        alternatives: group ? alternativesOf(group) : [[lexicon.stem(token)]],
        // A brand, a number ("6 weeks", "age 74") or an unknown short word ("l5") is a detail of the query.
        common: isBrand || (!group && (/^\d+$/.test(token) || (!known && (lexicon.common.has(token) || token.length <= SHORT)))),
        everyday: !group && lexicon.common.has(token),
        brand: isBrand,
        elsewhere: !group && (lexicon.elsewhere?.has(token) ?? false),
        condition: !group && (lexicon.conditions?.has(token) ?? false),
      });
    }
    // "shoulder" in "neck and shoulder pain" is where neck pain is felt, not a part away from the spine.
    const spreadTo = new Set(shown.flatMap((word) => lexicon.spreadsTo?.[word] ?? []));
    for (const slot of slots) if (spreadTo.has(slot.text)) slot.elsewhere = false;
    return { slots, corrected: corrections.length > 0, corrections, correctedQuery: shown.join(" ") };
  };

  /** Field maps (stem -> Set of docs; a missing field is empty) with their keys sorted, to find the words a stem begins. */
  const withSortedKeys = (given) => {
    const fields = Object.fromEntries(FIELDS.map((field) => [field, given[field] ?? new Map()]));
    const sorted = {};
    for (const field of FIELDS) sorted[field] = [...fields[field].keys()].sort();
    return { fields, sorted };
  };

  /** The documents with an indexed word in `field` that `stem` begins (and is shorter than). */
  const docsStartingWith = (index, field, stem) => {
    const docs = new Set();
    if (stem.length < MIN_PREFIX) return docs;
    const keys = index.sorted[field];
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (keys[middle] < stem) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < keys.length && keys[i].startsWith(stem); i++)
      if (keys[i].length > stem.length) for (const doc of index.fields[field].get(keys[i])) docs.add(doc);
    return docs;
  };

  /** Per document, the weight of its best match of one stem (entry 1 ... body 0.3, half for a longer word). */
  const stemWeights = (index, stem, fields = FIELDS) => {
    const weights = new Map();
    for (const field of fields) {
      const exact = index.fields[field].get(stem);
      for (const doc of exact ?? []) weights.set(doc, Math.max(weights.get(doc) ?? 0, FIELD_WEIGHT[field]));
      for (const doc of docsStartingWith(index, field, stem))
        if (!exact?.has(doc)) weights.set(doc, Math.max(weights.get(doc) ?? 0, FIELD_WEIGHT[field] * PREFIX_FACTOR));
    }
    return weights;
  };

  /**
   * Per document, its best match of any of a slot's alternatives; an alternative of several stems
   * ("dating scan") counts by its weakest stem, so a page with only one of them does not match it.
   */
  const alternativesWeights = (alternatives, weightsOf) => {
    const perDoc = new Map();
    for (const alternative of alternatives) {
      const maps = alternative.map(weightsOf);
      for (const [doc, weight] of maps[0]) {
        const weakest = Math.min(weight, ...maps.slice(1).map((map) => map.get(doc) ?? 0));
        if (weakest > 0) perDoc.set(doc, Math.max(perDoc.get(doc) ?? 0, weakest));
      }
    }
    return perDoc;
  };

  /**
   * Score every document for a planned query. Each slot counts by how rare it
   * is: an unknown word counts most (the query may be about something the
   * handbook does not cover), an unknown everyday word little. Returns one
   * row per document, best first, articles before other pages: its quality
   * (score over the best possible), coverage (share of the query's weight it
   * matches at all), matched slots, and whether the page is about the query:
   * a slot matched a strong field (book-index entry, title, description), or
   * every meaningful word of the query is on the page and rare in the
   * handbook ("hla b27").
   *
   * A rare word that no page has in a strong field is one the handbook only
   * mentions in passing; a query naming one ("broken wrist") is about it, so
   * a page whose strong fields have only the query's everyday words ("broken
   * bone in the back") is not about the query.
   */
  const rank = (planned, index, isArticle) => {
    const cache = new Map();
    const weightsOf = (stem) => {
      if (!cache.has(stem)) cache.set(stem, stemWeights(index, stem));
      return cache.get(stem);
    };
    const slotWeights = planned.slots.map((slot) => alternativesWeights(slot.alternatives, weightsOf));
    const importance = planned.slots.map((slot, i) =>
      slot.common
        ? COMMON_IMPORTANCE
        : Math.min(slot.everyday ? COMMON_KNOWN_IMPORTANCE : Infinity, Math.log(1 + index.documents / (1 + slotWeights[i].size))),
    );
    const possible = importance.reduce((sum, value) => sum + value, 0);
    const stemImportance = new Map();
    planned.slots.forEach((slot, i) => {
      for (const stem of slot.alternatives.flat()) stemImportance.set(stem, Math.max(stemImportance.get(stem) ?? 0, importance[i]));
    });
    const rare = slotWeights.map((perDoc) => perDoc.size > 0 && perDoc.size <= RARE);
    const inPassing = planned.slots.some(
      (slot, i) => !slot.common && !slot.everyday && rare[i] && ![...slotWeights[i].values()].some((weight) => weight >= STRONG),
    );
    // The query's heaviest word: the one that says most what it is about ("ozempic" in "ozempic side effects").
    const heaviest = importance.reduce((best, value, i) => (planned.slots[i].common || value <= (importance[best] ?? -1) ? best : i), -1);
    const rows = new Map();
    slotWeights.forEach((perDoc, i) => {
      for (const [doc, weight] of perDoc) {
        if (!rows.has(doc))
          rows.set(doc, { doc, score: 0, covered: 0, matched: 0, strong: false, heaviest: false, elsewhere: false, named: false, phrase: false, words: 0 });
        const row = rows.get(doc);
        row.heaviest ||= i === heaviest;
        row.score += importance[i] * weight;
        row.covered += importance[i];
        row.matched += planned.slots[i].common ? 0 : 1;
        row.strong ||= weight >= STRONG && !(inPassing && planned.slots[i].everyday);
        const { common, everyday, phrase } = planned.slots[i];
        row.phrase ||= weight >= STRONG && Boolean(phrase);
        row.words += weight >= STRONG && !common && !everyday ? 1 : 0;
      }
    });
    /** Per slot, the pages with a book-index term that is one of its alternatives: made once, when first asked for. */
    const namedPages = new Map();
    const pagesNamedBy = (j) => {
      if (!namedPages.has(j)) {
        const alternatives = new Set(planned.slots[j].alternatives.map((stems) => stems.join(" ")));
        namedPages.set(j, new Set(index.entries.filter(([, stems]) => alternatives.has(stems.join(" "))).map(([doc]) => doc)));
      }
      return namedPages.get(j);
    };
    // A page about the back that mentions the knee in passing is no answer to "knee replacement".
    planned.slots.forEach((slot, i) => {
      if (!slot.elsewhere) return;
      // A condition the page's text mentions is a detail of a query about what the page is about: "does
      // ibuprofen cause heartburn" is a question for the pain medicines page, "heartburn after eating" is not.
      // That word must be one of the page's book-index terms ("ibuprofen"), not only in a heading ("symptoms") or
      // a longer term ("fast" of "when to get help fast"), and not an everyday word ("arm").
      const aboutTheRest = (doc) =>
        slot.condition &&
        slotWeights[i].has(doc) &&
        planned.slots.some((other, j) => j !== i && !other.common && !other.everyday && pagesNamedBy(j).has(doc));
      // Or the query names in full a book-index term of the page that has it ("pillow between my knees"). A
      // name of several words must be there whole: "dating scan" is not "date" in a page's description.
      const about = alternativesWeights(slot.alternatives, (stem) => stemWeights(index, stem, ABOUT_A_PART));
      for (const alternative of slot.alternatives)
        for (const [doc, stems] of index.titleStems) if (alternative.every((stem) => stems.includes(stem))) about.set(doc, 1);
      for (const [doc, stems] of index.entries)
        if (stems.every((stem) => stemImportance.has(stem)) && slot.alternatives.some(([stem]) => stems.includes(stem))) about.set(doc, 1);
      for (const row of rows.values()) if ((about.get(row.doc) ?? 0) < STRONG && !aboutTheRest(row.doc)) row.elsewhere = true;
    });
    for (const [doc, stems] of index.entries) {
      const row = rows.get(doc);
      if (!row || !stems.length || !stems.every((stem) => stemImportance.has(stem))) continue;
      const named = stems.reduce((sum, stem) => sum + stemImportance.get(stem), 0) / stems.length;
      row.score += (ENTRY_BONUS * named * Math.min(stems.length, 3)) / 3;
      row.named = true;
    }
    const content = planned.slots.filter((slot) => !slot.common).length;
    const allRare = planned.slots.every((slot, i) => slot.common || rare[i]);
    // A page whose title the query (nearly) says is what a general question is about: "Low back pain"
    // for "will my back pain go away", rather than a page that happens to say "go away".
    const titleShare = (doc) => {
      const stems = index.titleStems.get(doc) ?? [];
      return stems.length ? stems.filter((stem) => stemImportance.has(stem)).length / stems.length : 0;
    };
    // Every word of the query is one the handbook uses: none says the query is about something it does not cover.
    const allKnown = planned.slots.every((slot, i) => slot.common || slotWeights[i].size > 0);
    return [...rows.values()]
      .map((row) => ({
        doc: row.doc,
        named: row.named && allKnown,
        anchored: row.phrase || row.words >= ANCHORING_WORDS,
        quality: possible ? row.score / possible + TITLE_BONUS * titleShare(row.doc) : 0,
        coverage: possible ? row.covered / possible : 0,
        matched: row.matched,
        heaviest: row.heaviest,
        elsewhere: row.elsewhere,
        content,
        strong: row.strong || (allRare && row.matched >= 2 && row.matched === content),
        article: isArticle(row.doc),
      }))
      .sort((a, b) => Number(b.article) - Number(a.article) || b.quality - a.quality || a.doc - b.doc);
  };

  /**
   * Does this document match the query well? It covers half the query's
   * weight, or most of its words: three or more, or two with the query's key
   * word, its rarest ("ozempic side effects" is not answered by pages on side
   * effects). A word must be in its book-index entries, title or description,
   * or the query is long and the page has its key word (a word only in the
   * text of a page is rarely what the page is about). A body part away from
   * the spine that the query names must be in those fields too.
   */
  const isGood = (row) =>
    (row.coverage >= GOOD_COVERAGE || (row.matched >= 2 && row.matched >= MOST * row.content && (row.heaviest || row.matched >= 3))) &&
    (row.strong || (row.content >= 3 && row.heaviest)) &&
    !row.elsewhere;

  /**
   * Is this the page the query names? Its best match, naming one of its
   * book-index entries in full ("tai chi" in "can tai chi help an older
   * person's back", "put my back out" in "put my back out bending to tie my
   * shoelaces"), with no word the handbook does not use. The other words
   * are then details of the patient's story, not a topic the handbook lacks.
   */
  const isNamed = (row, best) => row.named && row.strong && !row.elsewhere && row.article && row.quality >= best;

  /**
   * The results worth showing: good matches that score more than a mention in passing (or are anchored in the
   * query), and at least half the best one. The page the query names is always worth showing.
   */
  const select = (rows, limit) => {
    const best = Math.max(0, ...rows.map((row) => row.quality));
    const good = rows.filter((row) => (isGood(row) && (row.quality >= IN_PASSING - ROUNDING || row.anchored)) || isNamed(row, best));
    const bestGood = Math.max(0, ...good.map((row) => row.quality));
    return good.filter((row) => row.quality >= RELATIVE * bestGood).slice(0, limit);
  };

  /**
   * Warning signs the query names: a sign's pattern matches it. The patterns
   * are written for articles, in the second person ("wet yourself", "can't
   * pee"), so the query is read that way, with each phrase replaced by what it
   * means; and a carer's words once more with "he", "she" and "they" as "you"
   * ("dad has wet himself"). That reading is an extra one, never the only one: a sign's
   * exclusions that name "his" or "her" (a relative's cancer, not the reader's)
   * still apply to the words as typed.
   *
   * A sign's words are not enough: "sharp pain", "pins and needles" or "epidural
   * injection" are in the texts of signs that are emergencies, and in ordinary
   * questions (review 142, R141-05).
   *
   * The words drop punctuation, so the whole query reads as one sentence and a
   * pattern's exclusion sees all of it: "My dog jumped on me. Now both legs are
   * numb" is read as a dog's legs. Reading each sentence on its own as well was
   * tried and dropped: it also lost the exclusions that rightly sit in another
   * sentence ("My dog is 13. Both legs are weak", "My baby is 6 months old. She
   * has a temperature of 38.5"; review 145, R145-01).
   */
  const namedSigns = (query, signs, lexicon) => {
    const read = readings(query, lexicon);
    // A carer's reading is decided on the words as typed.
    const carer = lexicon.carers;
    const caredFor = carer && !carer.notCaredFor.test(read[1].replace(carer.adult, "adult"));
    const asYou = (text) => text.replace(carer.pronouns, (word) => carer.asYou[word]);
    const texts = [...new Set([...read, ...(caredFor ? read.map(asYou) : [])])];
    // Each pattern is compiled once and tried on every reading (up to four), not compiled again for each.
    const matches = (pattern) => {
      const expression = new RegExp(pattern, "i");
      return texts.some((text) => expression.test(text));
    };
    return signs.filter((sign) => sign.patterns.some(matches));
  };

  /** A text in the second person, as the patterns are written, read twice: with each phrase's meaning and as typed. */
  const readings = (text, lexicon) => {
    const secondPerson = (reading) =>
      words(reading)
        .join(" ")
        // "haven't", typed "havent": the patterns' denials ("n't") see it only with its apostrophe back (R146-02)
        .replace(/\b(can|won|(?:do|does|did|is|was|are|were|has|have|had|could|should|would)n)t\b/g, "$1't")
        .replace(/\bmyself\b/g, "yourself")
        .replace(/\b(my|i)\b/g, (word) => (word === "my" ? "your" : "you"));
    const tokens = words(text);
    // Read two ways: each phrase followed by what it means ("pins and needles": tingling), and as typed. In both
    // the name of another condition is the one word "othercondition" and a part away from the spine "otherpart"
    // ("yellow fever" is not a fever, "the back of my head" not the back), so a sign's exclusion can still see that
    // the query names one ("pain in both legs from shin splints"; review 142, R141-03).
    // A phrase's meaning never hides a sign the words as typed name ("my legs feel heavy"), nor the words a
    // sign's exclusion names: "after the gym" reads "after the staying active gym" (review 142, R141-02).
    const expanded = [];
    const asTyped = [];
    for (let i = 0; i < tokens.length; i++) {
      const n = phraseLengthAt(tokens, i, (phrase) => lexicon.phrases.has(phrase));
      if (n) {
        const phrase = tokens.slice(i, i + n).join(" ");
        const other = lexicon.conditions?.has(phrase) ? "othercondition" : lexicon.elsewhere?.has(phrase) ? "otherpart" : "";
        expanded.push(...(other ? [other] : [lexicon.phrases.get(phrase)[0], phrase]));
        asTyped.push(other || phrase);
        i += n - 1;
      } else {
        expanded.push(tokens[i]);
        asTyped.push(tokens[i]);
      }
    }
    return [secondPerson(expanded.join(" ")), secondPerson(asTyped.join(" "))];
  };

  /**
   * A language's reading of a carer's words (``carer_reading:`` of its data; handbook.clinical.carer_reading),
   * compiled once: which words say a query is not about an adult in the carer's care (a child, a pet, a story on
   * screen, the past), and the pronouns read as "you". None (null): the language reads queries as typed only.
   */
  const carerReading = (data) =>
    data
      ? {
          notCaredFor: new RegExp(data.notCaredFor),
          adult: new RegExp(data.adult, "g"),
          pronouns: new RegExp(`\\b(${Object.keys(data.asYou).join("|")})\\b`, "g"),
          asYou: data.asYou,
        }
      : null;

  /** Up to three topics whose name or description shares the query's meaningful words. */
  const closestTopics = (planned, topics, stem, fillers) => {
    const wanted = new Set(planned.slots.filter((slot) => !slot.common).flatMap((slot) => slot.alternatives.flat()));
    return topics
      .map((topic) => {
        const own = new Set(
          words(`${topic.name} ${topic.description}`)
            .filter((word) => !fillers.has(word))
            .map(stem),
        );
        return [topic, [...wanted].filter((value) => own.has(value) && value !== stem("back") && value !== stem("pain")).length];
      })
      .filter(([, shared]) => shared > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([topic]) => topic);
  };

  return {
    words,
    editDistance,
    allowedDistance,
    medicalEnding,
    mayCorrect,
    nearest,
    plan,
    withSortedKeys,
    rank,
    isGood,
    isNamed,
    select,
    namedSigns,
    carerReading,
    closestTopics,
  };
})();

/** Build the lexicon and field maps, once per page load, from Sphinx's index and the handbook's data. */
const handbookLexicon = (index, data, stemWord) => {
  const fillers = new Set([...data.fillers, ...(typeof stopwords !== "undefined" ? stopwords : [])]);
  const asSet = (value) => new Set(Array.isArray(value) ? value : [value]);
  /** Sphinx's stem -> documents object, read as a Map; a stem's Set is made only when a query asks for it. */
  const fieldMap = (source) => {
    const made = new Map();
    return {
      has: (stem) => Object.hasOwn(source, stem),
      get: (stem) => {
        if (!Object.hasOwn(source, stem)) return undefined;
        if (!made.has(stem)) made.set(stem, asSet(source[stem]));
        return made.get(stem);
      },
      keys: () => Object.keys(source),
    };
  };
  const addTo = (map, stem, doc) => {
    if (!map.has(stem)) map.set(stem, new Set());
    map.get(stem).add(doc);
  };
  const stemsOf = (text) =>
    HandbookSearch.words(text)
      .filter((word) => !fillers.has(word))
      .map(stemWord);
  // The build stems every entry, title and description (handbook/search/precomputed_stems.py); a text it did not
  // see is stemmed here. The build writes a text's stems space-separated.
  const split = (stems) => (stems ? stems.split(" ") : []);
  const stemmed = (made, key, text = key) => (made && Object.hasOwn(made, key) ? split(made[key]) : stemsOf(text));
  const built = data.stems ?? {};
  const entry = new Map();
  const entryPart = new Map();
  const entries = [];
  for (const [text, hits] of Object.entries(index.indexentries ?? {})) {
    const stems = stemmed(built.entries, text);
    for (const [doc] of hits) {
      entries.push([doc, stems]);
      for (const stem of stems) addTo(new Set(stems).size === 1 ? entry : entryPart, stem, doc);
    }
  }
  const description = new Map();
  const docOf = new Map(index.docnames.map((name, doc) => [name, doc]));
  for (const [name, text] of Object.entries(data.descriptions))
    if (docOf.has(name)) for (const stem of stemmed(built.descriptions, name, text)) addTo(description, stem, docOf.get(name));
  const fields = { entry, entryPart, title: fieldMap(index.titleterms), description, term: fieldMap(index.terms) };
  const synonyms = new Map();
  for (const group of data.synonyms) for (const member of group) synonyms.set(HandbookSearch.words(member).join(" "), group);
  const lexicon = {
    stem: stemWord,
    fillers,
    common: new Set(data.common),
    protected: new Set(data.protected),
    products: new Set(data.products ?? []),
    hedges: new Set(data.hedges ?? []),
    elsewhere: new Set(data.elsewhere),
    conditions: new Set(data.conditions ?? []),
    spreadsTo: data.spreadsTo ?? {},
    carers: HandbookSearch.carerReading(data.warningSigns.carers),
    medicalEndings: data.medicalEndings,
    synonyms,
    phrases: new Map(Object.entries(data.phrases)),
    known: (stem) => Object.values(fields).some((map) => map.has(stem)),
    candidates: data.words,
  };
  const titleStems = new Map(index.titles.map((title, doc) => [doc, stemmed(built.titles, title)]));
  return { lexicon, index: { ...HandbookSearch.withSortedKeys(fields), entries, titleStems, documents: data.searchable } };
};

/** Results listed at first, and at most in all (a one-word query may list more). */
const FIRST_SHOWN = 8;
const MAX_RESULTS = 15;
const MAX_RESULTS_ONE_WORD = 30;

/** The page's parts, each a small DOM builder. */
const HandbookSearchPage = {
  /** The page's own words in the site's language (search data "text", from sphinx.po), each "{name}" filled in. */
  say(key, values = {}) {
    return window.HANDBOOK_SEARCH.text[key].replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  },

  /** The words before and after "{name}" in one of the page's sentences, to put an element in its place. */
  around(key, name) {
    const [before, after = ""] = window.HANDBOOK_SEARCH.text[key].split(`{${name}}`);
    return [before, after];
  },

  element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  },

  link(href, text) {
    const anchor = HandbookSearchPage.element("a", "", text);
    anchor.href = href;
    return anchor;
  },

  searchUrl(query, asTyped) {
    const params = new URLSearchParams({ q: query });
    if (asTyped) params.set("as_typed", "1");
    return `?${params}`;
  },

  corrected(planned, query) {
    const note = HandbookSearchPage.element("p", "search-corrected");
    const [showing, afterShowing] = HandbookSearchPage.around("showingResultsFor", "query");
    note.append(showing);
    note.appendChild(HandbookSearchPage.element("strong", "", planned.correctedQuery));
    note.append(`${afterShowing} `);
    const [instead, afterInstead] = HandbookSearchPage.around("searchInsteadFor", "query");
    note.append(instead);
    note.appendChild(HandbookSearchPage.link(HandbookSearchPage.searchUrl(query, true), query));
    note.append(afterInstead);
    return note;
  },

  /** "All warning signs and what to do", a link to the page that lists them. */
  warningSignsLink(data) {
    return HandbookSearchPage.link(data.warningSigns.page + DOCUMENTATION_OPTIONS.LINK_SUFFIX, HandbookSearchPage.say("allWarningSigns"));
  },

  /** The most urgent tier the query's signs need, drawn as the articles' warning-sign box (red-flags.css). */
  getHelpNow(signs, data) {
    const order = data.warningSigns.order; // most urgent first (the tiers object's keys are sorted by name)
    const tier = order.find((name) => signs.some((sign) => sign.tier === name));
    const details = data.warningSigns.tiers[tier];
    const box = HandbookSearchPage.element("div", `search-get-help red-flags red-flags-short red-flags-${tier}`);
    box.setAttribute("role", "note");
    box.setAttribute("aria-labelledby", "search-get-help-heading");
    const heading = box.appendChild(HandbookSearchPage.element("h2", "red-flags-heading", details.label));
    heading.id = "search-get-help-heading";
    const action = HandbookSearchPage.say("ifYouHave", { action: details.action.replace(/\.$/, "") });
    box.appendChild(HandbookSearchPage.element("p", "search-get-help-action", action));
    const list = box.appendChild(HandbookSearchPage.element("ul"));
    for (const sign of signs.filter((sign) => sign.tier === tier)) list.appendChild(HandbookSearchPage.element("li", "", sign.shown ?? sign.text));
    if (data.warningSigns.page) {
      const more = box.appendChild(HandbookSearchPage.element("p"));
      more.appendChild(HandbookSearchPage.warningSignsLink(data));
    }
    return box;
  },

  /** What screen readers hear once the results are shown: the same facts the page shows first. */
  announcement(query, planned, namesASign, count) {
    const parts = [];
    const say = HandbookSearchPage.say;
    if (namesASign) parts.push(say("namesASign"));
    if (planned.corrected) parts.push(say("showingResultsFor", { query: planned.correctedQuery }));
    parts.push(count ? HandbookSearchPage.found(count) : say("noArticle", { query }));
    return parts.join(" ");
  },

  /** "Found 3 pages, best first." */
  found(count) {
    return count === 1 ? HandbookSearchPage.say("foundOne") : HandbookSearchPage.say("foundMany", { count });
  },

  noArticle(query, topics, data) {
    const box = HandbookSearchPage.element("div", "search-no-article");
    const message = box.appendChild(HandbookSearchPage.element("p", "search-no-article-message"));
    const [before, after] = HandbookSearchPage.around("noArticle", "query");
    message.append(before);
    message.appendChild(HandbookSearchPage.element("em", "", query));
    message.append(after);
    // A symptom the search did not know ("on chemo and my back has started hurting") may still be a warning sign.
    if (data.warningSigns.page) {
      const worried = box.appendChild(HandbookSearchPage.element("p", "search-no-article-signs"));
      const [question, end] = HandbookSearchPage.around("worried", "link");
      worried.append(question);
      worried.appendChild(HandbookSearchPage.warningSignsLink(data));
      worried.append(end);
    }
    if (topics.length) {
      box.appendChild(HandbookSearchPage.element("p", "", HandbookSearchPage.say("closestTopics")));
      const list = box.appendChild(HandbookSearchPage.element("ul", "search-closest-topics"));
      for (const topic of topics) {
        const item = list.appendChild(HandbookSearchPage.element("li"));
        item.appendChild(HandbookSearchPage.link(topic.page + DOCUMENTATION_OPTIONS.LINK_SUFFIX, topic.name));
        item.append(`: ${topic.description}`);
      }
    }
    if (data.topicIndex) {
      const browse = box.appendChild(HandbookSearchPage.element("p", "search-all-topics"));
      browse.appendChild(HandbookSearchPage.link(data.topicIndex + DOCUMENTATION_OPTIONS.LINK_SUFFIX, HandbookSearchPage.say("browseTopics")));
    }
    if (data.suggestTopic) {
      const suggest = box.appendChild(HandbookSearchPage.element("p", "search-suggest-topic"));
      const [before, after] = HandbookSearchPage.around("suggestTopic", "link");
      suggest.append(before);
      const address = data.suggestTopic.replace("{query}", encodeURIComponent(query));
      suggest.appendChild(HandbookSearchPage.link(address, HandbookSearchPage.say("suggestTopicLink")));
      suggest.append(after);
    }
    return box;
  },

  result(docname, title, description) {
    const item = HandbookSearchPage.element("li", "kind-title");
    item.appendChild(HandbookSearchPage.link(docname + DOCUMENTATION_OPTIONS.LINK_SUFFIX, title));
    if (description) item.appendChild(HandbookSearchPage.element("p", "context", description));
    return item;
  },

  showMore(hidden) {
    const button = HandbookSearchPage.element("button", "search-show-more", HandbookSearchPage.say("showMore", { count: hidden.length }));
    button.type = "button";
    button.addEventListener("click", () => {
      for (const item of hidden) item.hidden = false;
      hidden[0]?.querySelector("a")?.focus();
      button.remove();
    });
    return button;
  },
};

/** Replace Sphinx's query step on the search page. */
if (typeof Search !== "undefined" && typeof window !== "undefined" && window.HANDBOOK_SEARCH) {
  Search.query = (query) => {
    const data = window.HANDBOOK_SEARCH;
    const sphinxIndex = Search._index;
    const stemmer = new Stemmer();
    const stems = new Map(); // index entries repeat words; the stemmer is the slow part
    const stemWord = (word) => {
      if (!stems.has(word)) stems.set(word, stemmer.stemWord(word));
      return stems.get(word);
    };
    const { lexicon, index } = handbookLexicon(sphinxIndex, data, stemWord);
    const asTyped = new URLSearchParams(window.location.search).get("as_typed") === "1";
    const planned = HandbookSearch.plan(query, lexicon, asTyped);
    const articles = new Set(data.articles);
    const ranked = HandbookSearch.rank(planned, index, (doc) => articles.has(sphinxIndex.docnames[doc]));
    const limit = planned.slots.length === 1 ? MAX_RESULTS_ONE_WORD : MAX_RESULTS;
    const signs = HandbookSearch.namedSigns(query, data.warningSigns.signs, lexicon);
    // A query that names a warning sign is answered first by the page listing them all.
    const signsPage = signs.length ? sphinxIndex.docnames.indexOf(data.warningSigns.page) : -1;
    const selected = HandbookSearch.select(ranked, limit);
    const chosen =
      signsPage >= 0 ? [{ doc: signsPage }, ...selected.filter((row) => row.doc !== signsPage)].slice(0, limit) : selected;
    const page = HandbookSearchPage;

    localStorage.setItem("sphinx_highlight_terms", HandbookSearch.words(planned.correctedQuery).join(" "));
    const before = [];
    if (planned.corrected) before.push(page.corrected(planned, query));
    if (signs.length) before.push(page.getHelpNow(signs, data));
    if (!chosen.length) {
      const topics = HandbookSearch.closestTopics(planned, data.topics, stemWord, lexicon.fillers);
      before.push(page.noArticle(query, topics, data));
    }
    Search.status.before(...before);
    const items = chosen.map(({ doc }) => {
      const docname = sphinxIndex.docnames[doc];
      return Search.output.appendChild(page.result(docname, sphinxIndex.titles[doc], data.descriptions[docname]));
    });
    const hidden = items.slice(FIRST_SHOWN);
    for (const item of hidden) item.hidden = true;
    if (hidden.length) Search.output.after(page.showMore(hidden));
    Search.stopPulse();
    Search.title.innerText = page.say("searchResults");
    Search.status.innerText = chosen.length ? page.found(chosen.length) : "";
    // The page's live region (_templates/search.html) is there from the start, so screen readers announce it.
    const announcement = document.getElementById("handbook-search-announcement");
    if (announcement) announcement.textContent = page.announcement(query, planned, signs.length > 0, chosen.length);
    document.documentElement.dataset.searchDone = "true";
  };
}
