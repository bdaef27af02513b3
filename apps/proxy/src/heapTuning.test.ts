import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tuneHeap } from "./heapTuning.js";

/** Runs a Node process that (with `tune`) calls tuneHeap, churns through short-lived objects, and reports its young generation's size in MiB. */
function youngGenerationMiB(tune: boolean): number {
  const module = JSON.stringify(fileURLToPath(new URL("./heapTuning.ts", import.meta.url)));
  const script = `
    const { tuneHeap } = await import(${module});
    const v8 = await import("node:v8");
    if (${tune} && !tuneHeap([], "")) throw new Error("not applied");
    const kept = [];
    for (let i = 0; i < 3e6; i++) { const o = { i, s: "x" + i }; if (i % 100 === 0) kept.push(o); if (kept.length > 1000) kept.shift(); }
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    console.log(young.space_size / 2 ** 20);`;
  const run = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), "--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim());
}

describe("tuneHeap", () => {
  it("keeps the young generation at its initial size where V8 would grow it", () => {
    expect(youngGenerationMiB(false)).toBeGreaterThanOrEqual(16);
    expect(youngGenerationMiB(true)).toBeLessThanOrEqual(4);
  });

  it("leaves the heap alone when the user gave Node a heap-sizing flag", () => {
    expect(tuneHeap(["--max-semi-space-size=64"], "")).toBe(false);
    expect(tuneHeap([], "--heap_growing_percent=10")).toBe(false);
    expect(tuneHeap(["--inspect"], "--optimize-for-size")).toBe(false);
  });
});
