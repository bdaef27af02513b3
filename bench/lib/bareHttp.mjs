// Machine calibration: a bare node:http server (no Fastify, no auth) in its own process,
// answering `{"ok":true}`. What one localhost HTTP hop costs here, whatever the proxy does.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { onCleanup, trackPid } from "./cleanup.mjs";
import { keepAliveClient } from "./http.mjs";

const SERVER = `
const http = require("node:http");
const srv = http.createServer((req, res) => { req.resume(); req.on("end", () => { res.setHeader("content-type", "application/json"); res.end('{"ok":true}'); }); });
srv.listen(0, "127.0.0.1", () => process.stdout.write("listening " + srv.address().port + "\\n"));
`;

export async function startBareHttp() {
  const child = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  trackPid(child.pid);
  const exited = once(child, "exit");
  const port = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    exited.then(([code]) => reject(new Error(`bare http server exited with ${code}`)));
  });
  const http = keepAliveClient(`http://127.0.0.1:${port}`, "unused");
  const stop = async () => {
    http.close();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  const unregister = onCleanup(stop);
  return { http, pid: child.pid, stop: async () => (unregister(), stop()) };
}
