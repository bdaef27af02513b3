import { setFlagsFromString } from "node:v8";

/** V8 flags that size the heap: given by the user (`node --…`, `NODE_OPTIONS`), they are left alone. */
const HEAP_FLAGS = ["--max-semi-space-size", "--min-semi-space-size", "--semi-space-growth-factor", "--heap-growing-percent", "--optimize-for-size"];

/**
 * The V8 settings `tuneHeap` applies: the young generation stops growing at the size it has
 * reached when mcpscope starts (`--semi-space-growth-factor=1`; V8 doubles it up to 16 MiB
 * per semi-space by default), and the old generation may grow to 1.6× what survived the last
 * full collection before the next (`--heap-growing-percent=60`; V8 lets it reach up to ~4×).
 */
export const HEAP_SETTINGS = ["--semi-space-growth-factor=1", "--heap-growing-percent=60"] as const;

/**
 * Keeps a long-running mcpscope's memory near what it holds, not what it has churned through.
 * Nothing is retained per call, but with V8's defaults, 15,000 proxied calls left the process
 * 55–65 MiB above its idle RSS (152–159 MiB): a 32 MiB young generation, and old space full
 * of garbage until it reached ~3× its live size. With these settings it was at 115–119 MiB,
 * with no measurable change in CPU per call or per flooded frame (`pnpm bench`, rows 1b, 1e
 * and 4a). A lower growing percent (30) held it to 105–112 MiB but cost a 50,000-frame flood
 * 15–40% more CPU. Both flags are read at each collection, so setting them once mcpscope runs
 * takes effect (V8 `--semi-space-growth-factor`, `--heap-growing-percent`; Node
 * `v8.setFlagsFromString`). Does nothing when the user gave Node any heap-sizing flag.
 * @returns whether the settings were applied.
 */
export function tuneHeap(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ""): boolean {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].map((arg) => arg.replaceAll("_", "-"));
  if (given.some((arg) => HEAP_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)))) return false;
  for (const flag of HEAP_SETTINGS) setFlagsFromString(flag);
  return true;
}
