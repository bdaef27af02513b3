// The two REST clients a script would use: node:http with a keep-alive agent, and global
// fetch (Node's bundled undici, keep-alive by default). Both parse the JSON answer.
import http from "node:http";

export function keepAliveClient(base, token) {
  const { hostname, port } = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const auth = `Bearer ${token}`;
  const request = (method, path, body) =>
    new Promise((resolve, reject) => {
      const headers = body === undefined
        ? { authorization: auth }
        : { authorization: auth, "content-type": "application/json", "content-length": Buffer.byteLength(body) };
      const req = http.request({ agent, hostname, port, method, path, headers }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode >= 300) reject(new Error(`${method} ${path}: HTTP ${res.statusCode} ${text}`));
          else resolve(text ? JSON.parse(text) : undefined);
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  return {
    name: "node:http keep-alive",
    get: (path) => request("GET", path),
    post: (path, body) => request("POST", path, typeof body === "string" ? body : JSON.stringify(body)),
    close: () => agent.destroy(),
  };
}

export function fetchClient(base, token) {
  const getHeaders = { authorization: `Bearer ${token}` };
  const postHeaders = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const check = async (res, what) => {
    if (res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    name: "fetch (undici)",
    get: async (path) => check(await fetch(base + path, { headers: getHeaders }), `GET ${path}`),
    post: async (path, body) =>
      check(await fetch(base + path, { method: "POST", headers: postHeaders, body: typeof body === "string" ? body : JSON.stringify(body) }), `POST ${path}`),
    close: () => undefined,
  };
}
