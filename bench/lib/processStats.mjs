// A browser's processes from /proc (Linux): the memory of its renderers (what a
// page costs in all: its main thread's heap, its workers' heaps, the array buffers both
// hold), and the CPU time of each kind of process (renderer, GPU, network service …).
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU of a process in milliseconds (all its threads), or 0. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** Proportional set size (shared pages split among their users; /proc/<pid>/smaps_rollup), else VmRSS. */
function memoryBytes(pid) {
  try {
    const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    if (pss) return Number(pss[1]) * 1024;
  } catch {
    // no smaps_rollup: VmRSS
  }
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The processes of a browser: `[{ pid, type }]`, `type` from `--type=…` ("browser" for itself). */
export function browserProcesses(browserPid) {
  let pids;
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
  const descends = (pid) => {
    for (let p = pid, hops = 0; p && p > 1 && hops < 10; p = parentOf(p), hops++) if (p === browserPid) return true;
    return false;
  };
  const found = [];
  for (const pid of pids) {
    if (!descends(pid)) continue;
    let cmdline;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    const type = pid === browserPid ? "browser" : (/--type=([a-z-]+)/.exec(cmdline)?.[1] ?? "other");
    const service = /--utility-sub-type=([\w.]+)/.exec(cmdline)?.[1];
    found.push({ pid, type: service ? `${type} ${service.split(".").at(-1)}` : type });
  }
  return found;
}

/**
 * Memory of the browser's renderer processes (their proportional set size, PSS: shared
 * pages split among the processes sharing them), and how many there are.
 * `{ bytes: 0, processes: 0 }` where /proc is missing.
 */
export function rendererMemory(browserPid) {
  let bytes = 0;
  let processes = 0;
  for (const { pid, type } of browserProcesses(browserPid)) {
    if (type !== "renderer") continue;
    bytes += memoryBytes(pid);
    processes++;
  }
  return { bytes, processes };
}

/** CPU milliseconds used so far by the browser's processes, by type (see `browserProcesses`). */
export function browserCpu(browserPid) {
  const byType = {};
  for (const { pid, type } of browserProcesses(browserPid)) byType[type] = (byType[type] ?? 0) + cpuMs(pid);
  return byType;
}

/** CPU used between two `browserCpu` readings, by type, largest first: `[[type, ms]]`. */
export function cpuSince(before, after) {
  return Object.entries(after)
    .map(([type, ms]) => [type, ms - (before[type] ?? 0)])
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1]);
}
