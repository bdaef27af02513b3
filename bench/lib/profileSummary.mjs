// Reads a V8 .cpuprofile (node --cpu-prof) and lists where self time went.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./env.mjs";

function where(frame) {
  let url = frame.url.replace(/^file:\/\//, "");
  const pnpm = url.indexOf("/node_modules/.pnpm/");
  if (pnpm !== -1) url = url.slice(pnpm + "/node_modules/.pnpm/".length).replace(/\/node_modules\//, " › ");
  else if (url.startsWith(ROOT)) url = relative(ROOT, url);
  return `${frame.functionName || "(anonymous)"} ${url ? `${url}:${frame.lineNumber + 1}` : ""}`.trim();
}

/** Top `limit` entries by self time: `{ totalMs, rows: [{ ms, share, name }] }`. */
export function summarizeProfile(file, limit = 25) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const key = where(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const idle = new Set(["(idle)", "(program)"]);
  const busy = [...self].filter(([k]) => !idle.has(k));
  const totalMs = busy.reduce((s, [, ms]) => s + ms, 0);
  const rows = busy
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, ms]) => ({ ms, share: ms / totalMs, name }));
  return { totalMs, idleMs: [...self].filter(([k]) => idle.has(k)).reduce((s, [, ms]) => s + ms, 0), rows };
}

/**
 * The top self time of every .cpuprofile under `dir` busy for at least `minBusyMs` (a
 * loader thread's own profile is skipped), as text: a heading naming the file, then a row
 * per entry.
 */
export function formatProfiles(dir, minBusyMs = 0) {
  let text = "";
  for (const file of readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".cpuprofile"))) {
    const { totalMs, idleMs, rows } = summarizeProfile(join(dir, file));
    if (totalMs < minBusyMs) continue;
    text += `\n${join(dir, file)}: ${Math.round(totalMs).toLocaleString("en-US")} ms busy, ${Math.round(idleMs).toLocaleString("en-US")} ms idle/program; top self time:\n`;
    for (const t of rows) text += `  ${t.ms.toFixed(0).padStart(6)} ms ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.name}\n`;
  }
  return text;
}
