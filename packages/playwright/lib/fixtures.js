// @ts-check
import { expect, request as playwrightRequest, test as base } from "@playwright/test";
import { McpscopeHelper } from "./mcpscopeHelper.js";
import { startMcpscope } from "./startMcpscope.js";

/** @typedef {import("../index.js").McpscopeTestFixtures} McpscopeTestFixtures */
/** @typedef {import("../index.js").McpscopeWorkerFixtures} McpscopeWorkerFixtures */
/** @typedef {import("@playwright/test").PlaywrightTestArgs & import("@playwright/test").PlaywrightTestOptions} TestArgs */
/** @typedef {import("@playwright/test").PlaywrightWorkerArgs & import("@playwright/test").PlaywrightWorkerOptions} WorkerArgs */

/** @type {import("@playwright/test").Fixtures<McpscopeTestFixtures, McpscopeWorkerFixtures, TestArgs, WorkerArgs>} */
const fixtures = {
  mcpscopeServer: [{}, { scope: "worker", option: true }],

  mcpscopeProcess: [
    async ({ mcpscopeServer }, use) => {
      const running = await startMcpscope(mcpscopeServer);
      try {
        await use(running);
      } finally {
        await running.stop();
      }
    },
    { scope: "worker", timeout: 120_000 },
  ],

  api: async ({ mcpscopeProcess }, use) => {
    const context = await playwrightRequest.newContext({ baseURL: mcpscopeProcess.origin, extraHTTPHeaders: { Authorization: `Bearer ${mcpscopeProcess.token}` } });
    await use(context);
    await context.dispose();
  },

  page: async ({ page, mcpscopeProcess }, use) => {
    // The token in the URL is swapped for an httpOnly cookie and dropped from the address bar.
    await page.goto(mcpscopeProcess.url);
    await expect(page.getByRole("banner")).toBeVisible();
    await use(page);
  },

  mcpscope: async ({ page, mcpscopeProcess, api }, use, testInfo) => {
    const helper = new McpscopeHelper(page, mcpscopeProcess, api);
    await use(helper);
    // A failed test keeps its session's recording, to open with `mcpscope view`.
    if (testInfo.status !== testInfo.expectedStatus && helper.sessionId) {
      const res = await api.get(`/api/sessions/${encodeURIComponent(helper.sessionId)}/export`).catch(() => undefined);
      if (res?.ok()) await testInfo.attach("mcpscope recording", { body: await res.body(), contentType: "application/x-ndjson" });
    }
  },
};

/** Playwright's `test` with mcpscope's fixtures (see index.d.ts). */
export const test = base.extend(fixtures);
