import { spawn } from "node:child_process";

/** Signals the shim passes on to the server (SIGKILL and SIGSTOP cannot be caught). */
export const FORWARDED_SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR2"] as const;

/** What the relay reports besides the bytes (the recorder's side). */
export interface RelayObserver {
  fromClient(chunk: Buffer): void;
  fromServer(chunk: Buffer): void;
  fromServerStderr(chunk: Buffer): void;
  lifecycle(meta: Record<string, unknown> & { event: string }): void;
}

/** How the server ended: an exit code, or the signal that killed it. */
export interface RelayExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The server could not be started (command not found, not executable …). */
export class SpawnFailure extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

function guarded(observer: RelayObserver, onError: (err: unknown) => void): RelayObserver {
  const wrap =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      try {
        fn(...args);
      } catch (err) {
        onError(err);
      }
    };
  return {
    fromClient: wrap((c) => observer.fromClient(c)),
    fromServer: wrap((c) => observer.fromServer(c)),
    fromServerStderr: wrap((c) => observer.fromServerStderr(c)),
    lifecycle: wrap((m) => observer.lifecycle(m)),
  };
}

/**
 * Runs the server as a child process and relays its standard streams byte for byte: this
 * process's stdin → the server's stdin, the server's stdout → this stdout, its stderr → this
 * stderr. Each chunk is written on as soon as it is read (no re-serialization, no reordering,
 * no buffering beyond the read), and only then shown to the observer (the recorder), whose
 * errors never reach the relay. Flow control follows the pipes: a reader that does not keep
 * up pauses the writer's stream, exactly as a direct pipe would.
 *
 * Ends as a direct child would: the client closing stdin closes the server's stdin; a signal
 * the shim receives (SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR2) is sent to the server; the
 * client going away (stdout broken) breaks the server's stdout too.
 * @returns how the server exited, once it did and its streams are drained.
 * @throws SpawnFailure when it cannot be started.
 */
export function runRelay(command: string, args: string[], observer: RelayObserver, onObserverError: (err: unknown) => void): Promise<RelayExit> {
  const watch = guarded(observer, onObserverError);
  return new Promise<RelayExit>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
    let spawned = false;
    const input = process.stdin;
    const forward = (signal: NodeJS.Signals) => {
      watch.lifecycle({ event: "signal", signal, from: "client" });
      child.kill(signal);
    };

    child.once("spawn", () => {
      spawned = true;
      watch.lifecycle({ event: "spawned", pid: child.pid, command, args });
      for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);

      input.on("data", (chunk: Buffer) => {
        if (!child.stdin.write(chunk)) {
          input.pause();
          child.stdin.once("drain", () => input.resume());
        }
        watch.fromClient(chunk);
      });
      input.once("end", () => {
        watch.lifecycle({ event: "closed", by: "client", detail: "the client closed the server's stdin" });
        child.stdin.end();
      });
      // The server gone before reading everything: a direct pipe would give it EPIPE too.
      child.stdin.on("error", () => input.pause());

      child.stdout.on("data", (chunk: Buffer) => {
        if (!process.stdout.write(chunk)) {
          child.stdout.pause();
          process.stdout.once("drain", () => child.stdout.resume());
        }
        watch.fromServer(chunk);
      });
      child.stderr.on("data", (chunk: Buffer) => {
        if (!process.stderr.write(chunk)) {
          child.stderr.pause();
          process.stderr.once("drain", () => child.stderr.resume());
        }
        watch.fromServerStderr(chunk);
      });
      // The client stopped reading (its end of our stdout closed): so does the server's stdout.
      process.stdout.on("error", () => child.stdout.destroy());
      process.stderr.on("error", () => child.stderr.destroy());
    });

    child.once("error", (err: NodeJS.ErrnoException) => {
      if (!spawned) reject(new SpawnFailure(`cannot start ${command}: ${err.message}`, err.code));
    });
    child.once("close", (code, signal) => {
      if (!spawned) return;
      for (const s of FORWARDED_SIGNALS) process.removeListener(s, forward);
      input.pause();
      watch.lifecycle({ event: "exited", code, signal });
      resolve({ code, signal });
    });
  });
}
