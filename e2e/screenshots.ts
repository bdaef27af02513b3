// Screenshots of every view of the web app, for looking at it as a person would and for the README.
//
// In e2e/ (where tsx is installed), after `pnpm build`:
//   node --import tsx screenshots.ts [out-dir]                           every view, 1280×800 and 1920×1080, light and dark
//   node --import tsx screenshots.ts --readme                            docs/screenshot-*.png (1440×900, light)
//   SHOTS_ONLY=1280x800-dark …                                           one size and scheme
//   SHOTS_VIEWS=app,tools …                                              only these views' pictures
//
// Starts `mcpscope --no-open --port 0 --data-dir <tmp>` on the default server (the MCP
// "everything" server), runs a tool, opens each pane and view, and writes one PNG per view;
// then on the MCP Apps example server `@modelcontextprotocol/server-system-monitor`, runs its
// tool and shoots its app beside the result.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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

/** The views on the MCP Apps example server. */
const APP_VIEWS: [string, Shot][] = [
  [
    "app",
    async (page) => {
      await tab(page, "Server features", "Tools");
      // A little more room for the app than the column's first width (the app wants ~360 px).
      await page.getByRole("separator", { name: "Resize the timeline" }).focus();
      await page.keyboard.press("ArrowRight");
      await region(page, "Tools").getByRole("button", { name: "get-system-info", exact: true }).click();
      await page.getByRole("button", { name: "Run tool" }).click();
      await region(page, "Result").getByText("Success").waitFor();
      const app = region(page, "App").frameLocator("iframe");
      // The app's first poll through mcpscope filled in the memory figures.
      await app.getByText(/\d+(\.\d+)? GB \/ \d+(\.\d+)? GB/).waitFor();
      await region(page, "Timeline").getByRole("row").filter({ hasText: "ui/initialize" }).first().click();
    },
  ],
];

const README_VIEWS = new Set(["tools", "resources", "summary", "maximized", "palette", "app"]);

const require = createRequire(import.meta.url);
const systemMonitor = join(dirname(require.resolve("@modelcontextprotocol/server-system-monitor")), "index.js");
const SERVERS = [
  { args: [] as string[], name: "Everything Reference Server", views: VIEWS },
  { args: ["--", process.execPath, systemMonitor, "--stdio"], name: "System Monitor Server", views: APP_VIEWS },
];

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const wanted = process.env.SHOTS_VIEWS?.split(",");
try {
  for (const server of SERVERS) {
    if (wanted && !server.views.some(([name]) => wanted.includes(name))) continue;
    const m = await startMcpscope(server.args);
    try {
      await shoot(m.url, server.name, server.views);
    } finally {
      await stopMcpscope(m);
    }
  }
} finally {
  await browser.close();
}

/** Shoots `views` in order on mcpscope at `url`, once its banner names `serverName`, at each size and scheme. */
async function shoot(url: string, serverName: string, views: [string, Shot][]) {
  const sizes = readme ? [{ width: 1440, height: 900 }] : [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }];
  const schemes = readme ? (["light"] as const) : (["light", "dark"] as const);
  for (const viewport of sizes) {
    for (const scheme of schemes) {
      const only = process.env.SHOTS_ONLY;
      if (only && only !== `${viewport.width}x${viewport.height}-${scheme}`) continue;
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(url);
      await page.getByRole("banner").getByText(serverName, { exact: true }).first().waitFor();
      for (const [name, reach] of views) {
        await reach(page);
        // Let the layout settle (fonts, virtualized rows) before the picture.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        if ((readme && !README_VIEWS.has(name)) || (wanted && !wanted.includes(name))) continue;
        const file = readme ? join(outDir, `screenshot-${name}.png`) : join(outDir, `${viewport.width}x${viewport.height}-${scheme}-${name}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
  }
}
