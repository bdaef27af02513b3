#!/usr/bin/env node
// Part 5: the web app's size, from the build in apps/web/dist (`pnpm bench` builds it first).
//   5a  gzip of what index.html loads before anything is used (its module script, modulepreloads
//       and stylesheets): target ≤ INITIAL_BUDGET_KB. Baseline, measured in the same run:
//       React + ReactDOM alone, bundled and minified by esbuild (Vite's minifier), gzipped.
//   5b  zod modules in that initial JavaScript (from its source map): target 0 (the browser
//       imports @mcpscope/protocol/types; zod is for code that validates at run time).
//   5c  gzip of every JS and CSS file of the build, lazy chunks included (shown, not judged).
//
//   node bench/bundleSize.mjs        exits 1 when a target is missed
//
// Exports `bundleSize({ log })` → `{ rows, allMet, results }`; `rows` are
// `[id, figure, measured, baseline, vs, target, met]`, the shape of bench/run.mjs's table.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { ROOT } from "./lib/env.mjs";
import { fmtRatio } from "./lib/stats.mjs";

/**
 * Budget for 5a, in kB (1,000 bytes, as Vite reports) of gzip: a little above the 280 kB
 * measured after @mcpscope/protocol's split (308 kB before it, when zod rode along).
 */
export const INITIAL_BUDGET_KB = 285;

const DIST = join(ROOT, "apps/web/dist");
const webRequire = createRequire(join(ROOT, "apps/web/package.json"));

const gzipBytes = (buffer) => gzipSync(buffer).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/** The files index.html loads at once: `[{ file, kind }]`, paths relative to dist. */
function initialFiles(html) {
  const files = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const src = /\b(?:src|href)="\/?([^"]+)"/.exec(tag)?.[1];
    if (!src || /^(data:|https?:)/.test(src)) continue;
    if (tag.startsWith("<script") && /type="module"/.test(tag)) files.push({ file: src, kind: "js" });
    else if (/rel="modulepreload"/.test(tag)) files.push({ file: src, kind: "js" });
    else if (/rel="stylesheet"/.test(tag)) files.push({ file: src, kind: "css" });
  }
  return files;
}

/** Distinct zod source files in a chunk's source map. */
function zodModules(file) {
  const mapPath = join(DIST, `${file}.map`);
  if (!existsSync(mapPath)) return undefined;
  const { sources = [] } = JSON.parse(readFileSync(mapPath, "utf8"));
  return sources.filter((s) => /node_modules\/(\.pnpm\/zod@[^/]+\/node_modules\/)?zod\//.test(s)).length;
}

/** React + ReactDOM alone, as small as a bundler makes them: the floor of any React page. */
async function reactFloor() {
  const esbuild = createRequire(webRequire.resolve("vite/package.json"))("esbuild");
  const out = await esbuild.build({
    stdin: {
      contents: 'import { createElement } from "react"; import { createRoot } from "react-dom/client"; createRoot(document.getElementById("root")).render(createElement("div", null, "mcpscope"));',
      resolveDir: join(ROOT, "apps/web"),
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "silent",
  });
  const code = out.outputFiles[0].contents;
  return { bytes: code.length, gzip: gzipBytes(code) };
}

/** Measures the build in apps/web/dist. @throws when there is no build. */
export async function bundleSize({ log = () => {} } = {}) {
  const indexPath = join(DIST, "index.html");
  if (!existsSync(indexPath)) throw new Error(`no web build at ${DIST}: run \`pnpm build\` first`);
  const html = readFileSync(indexPath, "utf8");
  const initial = initialFiles(html).map(({ file, kind }) => {
    const buffer = readFileSync(join(DIST, file));
    return { file, kind, bytes: buffer.length, gzip: gzipBytes(buffer), zod: kind === "js" ? zodModules(file) : 0 };
  });
  if (!initial.some((f) => f.kind === "js")) throw new Error("index.html loads no module script: is apps/web/dist a Vite build?");
  const assets = readdirSync(join(DIST, "assets")).filter((name) => /\.(js|css)$/.test(name));
  const all = assets.map((name) => {
    const buffer = readFileSync(join(DIST, "assets", name));
    return { file: `assets/${name}`, bytes: buffer.length, gzip: gzipBytes(buffer) };
  });
  const floor = await reactFloor();

  const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);
  const initialJs = initial.filter((f) => f.kind === "js");
  const initialCss = initial.filter((f) => f.kind === "css");
  const results = {
    initial: { gzip: sum(initial, "gzip"), bytes: sum(initial, "bytes"), jsGzip: sum(initialJs, "gzip"), cssGzip: sum(initialCss, "gzip"), files: initial },
    all: { gzip: sum(all, "gzip"), bytes: sum(all, "bytes"), files: all.length },
    reactFloor: floor,
    zodModules: initialJs.some((f) => f.zod === undefined) ? undefined : sum(initialJs, "zod"),
    budgetKb: INITIAL_BUDGET_KB,
  };
  log(`web app: initial ${kb(results.initial.gzip)} gzip (${initial.map((f) => f.file).join(", ")}); all ${results.all.files} chunks ${kb(results.all.gzip)} gzip`);

  const yes = (ok) => (ok ? "✅ yes" : "❌ no");
  const floorText = `React + ReactDOM alone: ${kb(floor.gzip)} (${kb(floor.bytes)} minified)`;
  const withinBudget = results.initial.gzip <= INITIAL_BUDGET_KB * 1000;
  const rows = [
    ["5a", `web app, initial load (what index.html loads: ${initial.map((f) => f.file.replace(/^assets\//, "")).join(", ")}): gzip · minified`, `${kb(results.initial.gzip)} (JS ${kb(results.initial.jsGzip)} + CSS ${kb(results.initial.cssGzip)}) · ${kb(results.initial.bytes)}`, floorText, fmtRatio(results.initial.gzip / floor.gzip), `≤ ${INITIAL_BUDGET_KB} kB gzip`, yes(withinBudget)],
    ["5b", "  zod modules in the initial JavaScript (from its source map)", results.zodModules === undefined ? "— (no source map)" : String(results.zodModules), "", "", "0", results.zodModules === undefined ? "" : yes(results.zodModules === 0)],
    ["5c", `web app, every chunk (${results.all.files} JS and CSS files, lazy ones included): gzip · minified`, `${kb(results.all.gzip)} · ${kb(results.all.bytes)}`, floorText, fmtRatio(results.all.gzip / floor.gzip), "", ""],
  ];
  return { rows, allMet: rows.every((r) => !r[6] || r[6].startsWith("✅")), results };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const out = await bundleSize({ log: (line) => process.stderr.write(`[bench] ${line}\n`) });
    const header = ["#", "figure", "measured", "baseline (same run)", "vs baseline", "target", "met"];
    const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...out.rows.map((r) => `| ${r.join(" | ")} |`)];
    process.stdout.write(`\n${lines.join("\n")}\n\n${out.allMet ? "All targets met." : "Some targets were missed (❌ above)."}\n`);
    process.exit(out.allMet ? 0 : 1);
  } catch (err) {
    process.stderr.write(`[bench] failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  }
}
