import type { TappedSession } from "./tappedSession.js";

/** Milliseconds between checks that a shim still runs. */
export const SHIM_CHECK_MS = 2000;

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Ends a shim's tapped session as `failed` when the shim process is gone without having
 * said goodbye (killed with SIGKILL, or crashed): otherwise it would look live forever.
 */
export function watchShim(session: TappedSession, shimPid: number): void {
  const timer = setInterval(() => {
    if (!session.live) return clearInterval(timer);
    if (running(shimPid)) return;
    clearInterval(timer);
    const meta = { event: "closed", by: "tap", detail: `the mcpscope tap process (pid ${shimPid}) ended without finishing its upload` };
    session.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
    session.end("failed", `The mcpscope tap process (pid ${shimPid}) ended without finishing its upload: it was killed, or crashed. Frames it had not sent yet are lost.`);
  }, SHIM_CHECK_MS);
  timer.unref();
  session.onEnd(() => clearInterval(timer));
}
