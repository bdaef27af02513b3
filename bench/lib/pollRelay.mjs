// Builds bench/lib/pollRelay.c, the minimal relay in C, with the machine's C compiler.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const SOURCE = fileURLToPath(new URL("./pollRelay.c", import.meta.url));

/**
 * Compiles the C relay into `dir` with `cc -O2` (the `CC` environment variable overrides).
 * @returns `{ path }` of the executable, or `{ skipped }` saying why there is none (no
 *   compiler, or it failed): the bench then goes on without that floor.
 */
export function buildPollRelay(dir) {
  const cc = process.env.CC ?? "cc";
  const path = join(dir, "pollRelay");
  const built = spawnSync(cc, ["-O2", "-o", path, SOURCE], { encoding: "utf8" });
  if (built.error) return { skipped: `no C compiler (${cc}: ${built.error.code ?? built.error.message})` };
  if (built.status !== 0) return { skipped: `${cc} failed: ${built.stderr.trim().split("\n")[0]}` };
  return { path };
}
