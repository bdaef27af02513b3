import { spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";

/**
 * One step of a script: first `action` (given the process id, e.g. to send it a signal),
 * then bytes to write, then (optionally) the JSON-RPC id whose response to wait for.
 */
export interface ScriptStep {
  action?: (pid: number) => void | Promise<void>;
  send?: string | Buffer;
  awaitId?: string | number;
}

/** What a scripted client saw of a server run. */
export interface ScriptedRun {
  /** Every byte the client read from the server's stdout, in order. */
  stdout: Buffer;
  stderr: Buffer;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The process id the client started (the server, or the shim in front of it). */
  pid: number;
}

/**
 * A test client for stdio servers that speaks bytes, not messages: it writes each step's
 * bytes as given, waits for the response with the step's id, and at the end closes stdin and
 * waits for the process to exit, keeping every byte it read. Running the same script against
 * a server directly and through `mcpscope tap` must give the same bytes.
 */
export async function runScriptedClient(command: string, args: string[], steps: ScriptStep[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; keepStdinOpen?: boolean } = {}): Promise<ScriptedRun> {
  const child = spawn(command, args, { env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const seen = new Set<string>();
  let waiting: { id: string; resolve: () => void } | undefined;
  let partial = "";
  const decoder = new StringDecoder("utf8");
  child.stdout.on("data", (chunk: Buffer) => {
    out.push(chunk);
    const text = partial + decoder.write(chunk);
    const lines = text.split("\n");
    partial = lines.pop()!;
    for (const line of lines) {
      const id = responseId(line);
      if (id === undefined) continue;
      seen.add(id);
      if (waiting && seen.has(waiting.id)) {
        const w = waiting;
        waiting = undefined;
        w.resolve();
      }
    }
  });
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  const timeoutMs = options.timeoutMs ?? 60_000;
  for (const step of steps) {
    await step.action?.(child.pid!);
    if (step.send !== undefined) child.stdin.write(step.send);
    if (step.awaitId === undefined) continue;
    const id = JSON.stringify(step.awaitId);
    if (seen.has(id)) continue;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no response with id ${id} within ${timeoutMs} ms; stderr: ${Buffer.concat(err).toString()}`)), timeoutMs);
      waiting = {
        id,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      void exited.then(() => reject(new Error(`the process exited before answering id ${id}; stderr: ${Buffer.concat(err).toString()}`)));
    });
  }
  if (!options.keepStdinOpen) child.stdin.end();
  const { code, signal } = await exited;
  return { stdout: Buffer.concat(out), stderr: Buffer.concat(err), code, signal, pid: child.pid! };
}

/** The id (as JSON text) of a response line, or undefined for anything else. */
function responseId(line: string): string | undefined {
  if (line.length < 1_000_000) {
    try {
      const msg = JSON.parse(line) as { id?: unknown; result?: unknown; error?: unknown };
      return msg.id !== undefined && msg.id !== null && ("result" in msg || "error" in msg) ? JSON.stringify(msg.id) : undefined;
    } catch {
      return undefined;
    }
  }
  // A huge answer: its id sits at one end of the line.
  const match = /"id":("[^"]*"|\d+)\}\r?$/.exec(line.slice(-200)) ?? /^\{"jsonrpc":"2\.0","id":("[^"]*"|\d+),"(?:result|error)"/.exec(line.slice(0, 200));
  return match?.[1];
}
