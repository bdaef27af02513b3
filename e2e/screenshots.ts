// Screenshots of every view of the web app, for looking at it as a person would and for the README.
//
//   pnpm build && node --import tsx e2e/screenshots.ts [out-dir]          every view, 1280×800 and 1920×1080, light and dark
//   pnpm build && node --import tsx e2e/screenshots.ts --readme           docs/screenshot-*.png (1440×900, light)
//   SHOTS_ONLY=1280x800-dark …                                           one size and scheme
//
// Starts `mcpscope --no-open --port 0 --data-dir <tmp>` on the default server (the MCP
// "everything" server), runs a tool, opens each pane and view, and writes one PNG per view.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_PATH } from "./playwright.config.js";
import { startMcpscope, stopMcpscope } from "./tests/mcpscope.js";

const readme = process.argv.includes("--readme");
const outDir = readme ? fileURLToPath(new URL("../docs/", import.meta.url)) : (process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "screenshots");
mkdirSync(outDir, { recursive: true });

type Shot = (page: Page) => Promise<void>;

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function tab(page: Page, list: string, name: string) {
  await page.getByRole("tablist", { name: list }).getByRole("tab", { name, exact: true }).click();
}

/** The views, each reached from the previous one's state. */
const VIEWS: [string, Shot][] = [
  [
    "tools",
    async (page) => {
      await tab(page, "Server features", "Tools");
      await region(page, "Tools").getByRole("button", { name: "echo", exact: true }).click();
      await page.getByLabel("message").fill("hello from mcpscope");
      await page.getByRole("button", { name: "Run tool" }).click();
      await region(page, "Result").getByText("Echo: hello from mcpscope").waitFor();
      await region(page, "Timeline").getByRole("row").filter({ hasText: "tools/call" }).first().click();
    },
  ],
  [
    "resources",
    async (page) => {
      await tab(page, "Server features", "Resources");
      await region(page, "Resources").getByRole("button", { name: "architecture.md", exact: true }).click();
      await region(page, "Resource contents").getByText("text/markdown").first().waitFor();
    },
  ],
  [
    "prompts",
    async (page) => {
      await tab(page, "Server features", "Prompts");
      await region(page, "Prompts").getByRole("button", { name: "simple-prompt", exact: true }).click();
    },
  ],
  ["tasks", (page) => tab(page, "Server features", "Tasks")],
  ["spans", (page) => tab(page, "Timeline views", "Spans")],
  ["summary", (page) => tab(page, "Timeline views", "Summary")],
  ["console", (page) => tab(page, "Timeline views", "Console")],
  ["composer", (page) => tab(page, "Timeline views", "Composer")],
  ["settings", (page) => tab(page, "Timeline views", "Settings")],
  [
    "frames-filtered",
    async (page) => {
      await tab(page, "Timeline views", "Frames");
      await page.getByRole("search", { name: "Filter frames" }).getByLabel("Method").fill("notifications");
    },
  ],
  [
    "maximized",
    async (page) => {
      await page.getByRole("button", { name: "Maximize timeline" }).click();
    },
  ],
  [
    "sessions-rail",
    async (page) => {
      await page.getByRole("button", { name: "Maximize timeline" }).click();
      await page.getByRole("button", { name: "Collapse sessions column" }).click();
      await page.getByRole("navigation", { name: "Sessions rail" }).waitFor();
    },
  ],
  [
    "palette",
    async (page) => {
      await page.getByRole("button", { name: "Expand sessions column" }).click();
      await page.keyboard.press("Control+k");
      await page.getByRole("combobox", { name: "Command palette" }).waitFor();
    },
  ],
  [
    "compare",
    async (page) => {
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Compare with…" }).click();
      await page.getByRole("dialog", { name: "Compare sessions" }).waitFor();
    },
  ],
];

const README_VIEWS = new Set(["tools", "resources", "summary", "maximized", "palette"]);

const m = await startMcpscope();
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const sizes = readme ? [{ width: 1440, height: 900 }] : [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }];
  const schemes = readme ? (["light"] as const) : (["light", "dark"] as const);
  for (const viewport of sizes) {
    for (const scheme of schemes) {
      const only = process.env.SHOTS_ONLY;
      if (only && only !== `${viewport.width}x${viewport.height}-${scheme}`) continue;
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(m.url);
      await page.getByRole("banner").getByText("Everything Reference Server", { exact: true }).waitFor();
      for (const [name, reach] of VIEWS) {
        await reach(page);
        // Let the layout settle (fonts, virtualized rows) before the picture.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        if (readme && !README_VIEWS.has(name)) continue;
        const file = readme ? join(outDir, `screenshot-${name}.png`) : join(outDir, `${viewport.width}x${viewport.height}-${scheme}-${name}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await stopMcpscope(m);
}
