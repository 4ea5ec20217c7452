// Pagefind's search engine as the search page's UI sees it (its bundlePath points here): the
// engine of this page's language, changed to keep typing fast on a large library. Pagefind
// answers one query after another, so any slow query delays the word being typed.
//
// - A query typed past while it waited its turn is not run.
// - A term of one or two letters waits a moment for the next keystroke before it is searched or
//   its index loaded. A first letter matches most words of a language: at 5,000 case studies,
//   "a" loads and decodes a 142 KB index chunk and takes 270 ms.
// - The filters (type, theme, country) load once the reader pauses after a search, and the
//   page then searches again to count them (the 'search-filters-loaded' event). Once loaded,
//   every search counts every filter value among its results: at 5,000 case studies that made
//   a search for "asan" take 90-105 ms instead of 18-25.

const language = new URL(import.meta.url).pathname.split('/')[1];
const engine = await import(`/pagefind/${language}/pagefind.js`);

/** How long a search for a term of one or two characters waits for the next keystroke. */
const patienceMs = [0, 400, 200];
/** How long the reader has not searched again before the filters load. */
const pauseBeforeFiltersMs = 1000;
/** What a search superseded while it waited returns; the UI shows only the latest search's results. */
const superseded = { results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {}, timings: [] };

let latest = 0;
let queue = Promise.resolve();
let pause;
let wantFilters;
const filtersWanted = new Promise((resolve) => (wantFilters = resolve));
const patience = (term) => patienceMs[Array.from(String(term ?? '').trim()).length] ?? 0;

export const { options, init, mergeIndex, destroy } = engine;

export async function preload(term, searchOptions) {
  if (patience(term) === 0) await engine.preload(term, searchOptions);
}

export async function search(term, searchOptions) {
  const call = ++latest;
  clearTimeout(pause);
  const wait = patience(term);
  if (wait > 0) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    if (call !== latest) return superseded;
  }
  // A search the reader has typed past while it queued is not run.
  const turn = queue.then(() => (call === latest ? engine.search(term, searchOptions) : superseded));
  queue = turn.catch(() => {});
  const found = await turn;
  if (call === latest) pause = setTimeout(wantFilters, pauseBeforeFiltersMs);
  return found;
}

export async function filters() {
  await filtersWanted;
  const all = await engine.filters();
  // After the UI has taken these, so that its next search counts them.
  setTimeout(() => document.dispatchEvent(new Event('search-filters-loaded')));
  return all;
}
