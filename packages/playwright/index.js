// @mcpscope/playwright: Playwright fixtures that start mcpscope against an MCP server and hand
// each test an authenticated page and the `mcpscope` helper. Types: index.d.ts.
export { expect } from "@playwright/test";
export { test } from "./lib/fixtures.js";
export { McpscopeHelper } from "./lib/mcpscopeHelper.js";
export { mcpscopeBin, serverArgs, startMcpscope } from "./lib/startMcpscope.js";
