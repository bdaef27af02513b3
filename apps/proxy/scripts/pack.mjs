#!/usr/bin/env node
// `pnpm pack:cli` (after `pnpm build`): packs the publishable `mcpscope` package (apps/proxy)
// into <repository>/artifacts/mcpscope-<version>.tgz, or into the directory given with --out <dir>.
// pnpm packs it so that `workspace:` versions are replaced; the package's own prepack
// script refuses to pack without the build.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/**
 * Packs apps/proxy with pnpm into `outDir` (created if missing).
 * @returns the tarball's absolute path and size in bytes.
 */
export function packCli(outDir) {
  const pkgDir = fileURLToPath(new URL("../", import.meta.url));
  const { name, version } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  mkdirSync(outDir, { recursive: true });
  execFileSync("pnpm", ["pack", "--pack-destination", outDir], { cwd: pkgDir, stdio: ["ignore", "ignore", "inherit"] });
  const tarball = join(outDir, `${name}-${version}.tgz`);
  return { tarball, bytes: statSync(tarball).size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const { tarball, bytes } = packCli(resolve(values.out ?? join(root, "artifacts")));
  console.log(`${tarball} (${(bytes / 1024).toFixed(0)} KiB)`);
}
