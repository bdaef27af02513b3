#!/usr/bin/env node
// Builds the publishable `mcpscope` package into apps/proxy/dist:
//   dist/main.cjs the CLI as one CommonJS file (esbuild): the workspace packages (@mcpscope/*) are
//                 inlined, every npm dependency stays a require() of the installed package.
//                 CommonJS because Node 20 loads a dependency tree through require() about
//                 50 ms faster than through its ES module loader (see bench/coldStart.mjs);
//   dist/compileCache.cjs the V8 code cache, loaded by bin/mcpscope.mjs before dist/main.cjs;
//   dist/web/     the built web app (apps/web/dist, without source maps).
// Run by `pnpm build` after the web app's build.
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const pkgDir = fileURLToPath(new URL("../", import.meta.url));
const webDist = fileURLToPath(new URL("../../web/dist/", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const dependencies = Object.keys(pkg.dependencies ?? {});
// Dependencies used without an import: the default server is spawned from its installed files;
// `open` (an ES module) is loaded with require(esm) when a browser is opened (commands/serve.ts).
const RUN_TIME_ONLY = ["@modelcontextprotocol/server-everything", "open"];

if (!existsSync(`${webDist}index.html`)) {
  console.error("mcpscope build: the web app is not built (apps/web/dist/index.html is missing). Run `pnpm build` at the repository root.");
  process.exit(1);
}

rmSync(`${pkgDir}dist`, { recursive: true, force: true });
const result = await build({
  absWorkingDir: pkgDir,
  // `mcpscope tap` (the stdio shim) is a bundle of its own: it starts in front of every
  // server a client launches through it, so it must not load the CLI's dependencies.
  // dist/compileCache.cjs (the V8 code cache) is loaded before dist/main.cjs, to compile it.
  entryPoints: { main: "src/main.ts", tap: "src/tap/shim/tapMain.ts", compileCache: "src/compileCache.ts" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20.19",
  // `import()` becomes a require() when it runs: an internal module is initialised then, and an
  // npm dependency loaded then (an ES module one through require(esm), Node >= 20.19). This keeps
  // what a start does not need out of the start (see bench/README.md, cold start), and leaves
  // no import() in the bundle, which the V8 code cache (src/compileCache.ts) cannot run.
  supported: { "dynamic-import": false },
  // The sources are ES modules: give them their import.meta.url in CommonJS.
  define: { "import.meta.url": "__mcpscopeModuleUrl" },
  banner: { js: '"use strict";\nconst __mcpscopeModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  // An npm dependency (and its subpaths) is imported at run time from node_modules.
  external: dependencies,
  metafile: true,
  logLevel: "warning",
});

// Anything else imported by a bare name would only work inside this repository.
const builtin = (path) => path.startsWith("node:");
const imported = new Set();
for (const input of Object.values(result.metafile.inputs)) {
  for (const imp of input.imports) {
    if (!imp.external || builtin(imp.path)) continue;
    imported.add(imp.path.startsWith("@") ? imp.path.split("/").slice(0, 2).join("/") : imp.path.split("/")[0]);
  }
}
const missing = [...imported].filter((name) => !dependencies.includes(name));
if (missing.length) {
  console.error(`mcpscope build: the bundle imports ${missing.join(", ")}, which package.json does not list as dependencies.`);
  process.exit(1);
}
// …and every dependency is something users install: none may be left unused.
const unused = dependencies.filter((name) => !imported.has(name) && !RUN_TIME_ONLY.includes(name));
if (unused.length) {
  console.error(`mcpscope build: package.json lists ${unused.join(", ")} as dependencies, but the bundle never imports them. Remove them (or move them to devDependencies).`);
  process.exit(1);
}

// The shim's bundle and the code cache's may hold nothing but their own code and Node's built-in modules.
const tapOutput = result.metafile.outputs["dist/tap.cjs"];
for (const [file, what] of [["dist/tap.cjs", "the stdio shim"], ["dist/compileCache.cjs", "the code cache"]]) {
  const output = result.metafile.outputs[file];
  const deps = Object.keys(output.inputs).filter((path) => path.includes("node_modules") || /packages\/protocol\/src\/(schemas|index|frame|session|rest|ws|tap)\.ts$/.test(path));
  const imports = output.imports.filter((imp) => !builtin(imp.path));
  if (deps.length || imports.length) {
    console.error(`mcpscope build: ${file} (${what}) must load only Node's built-in modules, but it includes ${[...deps, ...imports.map((i) => i.path)].join(", ")}.`);
    process.exit(1);
  }
}

cpSync(webDist, `${pkgDir}dist/web`, { recursive: true, filter: (src) => !src.endsWith(".map") });
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`mcpscope build: dist/main.cjs, dist/tap.cjs and dist/compileCache.cjs (${Math.round(bytes / 1024)} KiB; the shim ${Math.round(tapOutput.bytes / 1024)} KiB) and dist/web/`);
