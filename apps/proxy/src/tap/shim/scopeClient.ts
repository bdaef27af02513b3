import { Agent, request } from "node:http";

/** An answer of mcpscope's REST API: status and the body as text. */
export interface ScopeAnswer {
  status: number;
  text: string;
}

/**
 * A small HTTP client for a running mcpscope's REST API (`node:http`, one keep-alive
 * connection): what the shim needs to open its session and upload frames, without loading
 * `fetch` (undici) into a process that must start fast.
 */
export class ScopeClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly host: string;
  private readonly port: number;

  constructor(
    /** `http://127.0.0.1:<port>` */
    readonly origin: string,
    private readonly token: string,
  ) {
    const url = new URL(origin);
    this.host = url.hostname.replace(/^\[|\]$/g, "");
    this.port = Number(url.port || 80);
  }

  /**
   * Sends one request; `body` is JSON text, or bytes of `contentType`. Resolves with any HTTP status.
   * @throws the socket error (ECONNREFUSED …) or a timeout error (`code` ETIMEDOUT).
   */
  send(method: string, path: string, body: string | Buffer | undefined, timeoutMs: number, contentType = "application/json"): Promise<ScopeAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            host: `${this.host.includes(":") ? `[${this.host}]` : this.host}:${this.port}`,
            ...(body === undefined ? {} : { "content-type": contentType, "content-length": typeof body === "string" ? Buffer.byteLength(body) : body.length }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`mcpscope did not answer within ${timeoutMs} ms`), { code: "ETIMEDOUT" })));
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Closes the kept-alive connection. */
  close(): void {
    this.agent.destroy();
  }
}
