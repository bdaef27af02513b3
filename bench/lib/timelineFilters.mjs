// Part 4c: filters at scale. With a large recorded session open in the page, types a filter
// into the Frames filter bar (Method, then Text) and times it to the bar's final match count,
// reads the app's User Timing measure "mcpscope:filter" (from the filter change, after the
// bar's 200 ms typing pause, to every match found), the frames the page drew meanwhile, and
// long animation frames.

/** The filters the bench types, and what each should find in lib/browserRecording.mjs's sessions. */
export const FILTERS = [
  { field: "Method", value: "tools/list", what: "a method (1 request in 100, and its response)" },
  { field: "Text", value: "alpha-77777", what: "a text search matching one frame" },
  { field: "Text", value: "cache miss", what: "a text search matching 1 frame in 50" },
];

/**
 * Runs every filter of `FILTERS` on the page (a session selected, its frames loaded) and
 * returns `[{ ...filter, typedMs, ms?, matches, frames?, worker?, frameStats, longFrames }]`:
 * `typedMs` from the keystroke to the filter bar's final count (no "filtering N%"; this
 * includes its 200 ms typing pause, and works with any version of the app), `ms` the app's
 * own User Timing measure `mcpscope:filter` when it has one (filter change → every match).
 */
export async function measureFilters(page, { timeoutMs = 60_000 } = {}) {
  const bar = page.getByRole("search", { name: "Filter frames" });
  const results = [];
  for (const filter of FILTERS) {
    const before = await page.evaluate(() => performance.getEntriesByName("mcpscope:filter", "measure").length);
    const since = await page.evaluate(() => window.__bench.now());
    await page.evaluate(() => window.__bench.startFrames());
    const t0 = await page.evaluate(() => performance.now());
    await bar.getByLabel(filter.field, { exact: true }).fill(filter.value);
    const shown = await page.waitForFunction(
      () => {
        const status = document.querySelector('[role="search"] [role="status"]')?.textContent ?? "";
        return /match/.test(status) && !/filtering/.test(status) ? { at: performance.now(), status } : false;
      },
      undefined,
      { timeout: timeoutMs, polling: 10 },
    );
    const { at, status } = await shown.jsonValue();
    const m = await page.evaluate((n) => {
      const all = performance.getEntriesByName("mcpscope:filter", "measure");
      return all.length > n ? { ms: all.at(-1).duration, ...all.at(-1).detail } : undefined;
    }, before);
    // Two more frames: the matches drawn.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const frameStats = await page.evaluate(() => window.__bench.stopFrames());
    const longFrames = await page.evaluate((s) => window.__bench.longFrames(s), since);
    results.push({ ...filter, typedMs: at - t0, ms: m?.ms, matches: m?.matches ?? Number(/([\d,]+) match/.exec(status)?.[1].replaceAll(",", "")), frames: m?.frames, worker: m?.worker, frameStats, longFrames });
    await bar.getByRole("button", { name: "Clear filters" }).click();
    await page.waitForFunction(() => !document.querySelector('[role="search"] [role="status"]'), undefined, { timeout: timeoutMs });
  }
  return results;
}
