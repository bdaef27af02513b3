// A bare stdio relay: spawns the command after it and joins the pipes with stream.pipe(),
// recording nothing. The least any relay process written in Node costs a client: the
// benchmark's floor for `mcpscope tap` (bench/tapShim.mjs).
//
//   node bench/lib/pipeRelay.mjs <command> [args...]
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
process.stdin.pipe(child.stdin);
child.stdout.pipe(process.stdout);
child.stdin.on("error", () => {});
child.on("exit", (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 0)));
