/** Nearest-rank percentile of an ascending array. */
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Latency summary: samples in microseconds, wall time in milliseconds (for calls/s, which
 * therefore includes the client's own work between calls).
 */
export function summarize(samplesUs, wallMs) {
  const sorted = Float64Array.from(samplesUs).sort();
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    perSec: sorted.length / (wallMs / 1000),
  };
}

export const fmtInt = (x) => Math.round(x).toLocaleString("en-US");
export const fmtRatio = (x) => `×${x.toFixed(2)}`;
/** Microseconds, rounded. */
export const fmtUs = (x) => fmtInt(x);
/** A latency summary (µs) and its rate. */
export const fmtLatency = (s) => `p50 ${fmtUs(s.p50)} · p95 ${fmtUs(s.p95)} · p99 ${fmtUs(s.p99)} µs; ${fmtInt(s.perSec)} calls/s`;
/** A latency summary against a baseline's, as ratios. */
export const fmtLatencyRatio = (s, base) => `p50 ${fmtRatio(s.p50 / base.p50)} · p95 ${fmtRatio(s.p95 / base.p95)} · p99 ${fmtRatio(s.p99 / base.p99)}; calls/s ${fmtRatio(s.perSec / base.perSec)}`;

/** CPU time (user + system) a process has used so far, in ms; undefined where /proc is absent. */
import { readFileSync } from "node:fs";
const TICK_MS = 10; // USER_HZ is 100 on Linux
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14, 15)
  } catch {
    return undefined;
  }
}

/** VmRSS of a process in KiB (undefined once it is gone, or where /proc is absent). */
export function rssKiB(pid) {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
