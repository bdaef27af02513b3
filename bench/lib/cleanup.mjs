// Everything the bench starts is registered here, so that any exit path (success, error,
// watchdog, Ctrl-C) stops it: async closers first, then SIGKILL to every pid still alive.

const closers = new Set();
const pids = new Map(); // pid → kill the process group too?

export function onCleanup(close) {
  closers.add(close);
  return () => closers.delete(close);
}

/** Remembers a process to kill if it outlives the bench (`group`: it leads its own process group). */
export function trackPid(pid, group = false) {
  if (pid) pids.set(pid, group || pids.get(pid) === true);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function cleanupAll(timeoutMs = 8000) {
  const pending = [...closers].map((close) => Promise.resolve().then(close).catch(() => undefined));
  closers.clear();
  await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  killTracked();
}

/** Synchronous last resort. */
export function killTracked() {
  for (const [pid, group] of pids) {
    for (const target of group ? [-pid, pid] : [pid]) {
      try {
        if (alive(Math.abs(target))) process.kill(target, "SIGKILL");
      } catch {
        // gone
      }
    }
  }
  pids.clear();
}
