import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { SessionTarget, Tap } from "@mcpscope/protocol";
import { ApiFailure } from "../../errors.js";
import { generateToken } from "../../security/tokens.js";
import { redactEnv, redactHeaders } from "../../sessions/transports/redactHeaders.js";

/** One HTTP facade: its name, the server it relays to, its token. */
export interface TapDefinition {
  name: string;
  upstream: SessionTarget;
  token: string;
  createdAt: number;
}

/**
 * The HTTP facades of this mcpscope, by name. Each has its own token, which clients put in
 * the facade's URL (`/tap/<name>/<token>/mcp`): not the API token, since whoever holds a tap's
 * URL may talk to that one server, but must not drive mcpscope. A tap's token is kept in the
 * data directory (`taps.json`, mode 0600), so a client config pointing at a facade keeps
 * working when mcpscope restarts.
 */
export class TapRegistry {
  private readonly taps = new Map<string, TapDefinition>();
  private readonly sessionIds = new Map<string, string[]>();
  private readonly listeners = new Set<() => void>();

  constructor(
    /** Where tap tokens are kept; none: a new token each run. */
    private readonly tokensFile?: string,
  ) {}

  /**
   * Creates a facade.
   * @throws ApiFailure TAP_EXISTS
   */
  create(name: string, upstream: SessionTarget): TapDefinition {
    if (this.taps.has(name)) throw new ApiFailure("TAP_EXISTS", `A tap named ${JSON.stringify(name)} exists already.`);
    const tap = { name, upstream: { ...upstream, name: upstream.name ?? name }, token: this.tokenFor(name), createdAt: Date.now() };
    this.taps.set(name, tap);
    this.sessionIds.set(name, []);
    this.changed();
    return tap;
  }

  /** @throws ApiFailure TAP_NOT_FOUND */
  get(name: string): TapDefinition {
    const tap = this.taps.get(name);
    if (!tap) throw new ApiFailure("TAP_NOT_FOUND", `No tap named ${JSON.stringify(name)}.`);
    return tap;
  }

  /** The facade named so, if any (no error). */
  find(name: string): TapDefinition | undefined {
    return this.taps.get(name);
  }

  /** @throws ApiFailure TAP_NOT_FOUND */
  delete(name: string): void {
    this.get(name);
    this.taps.delete(name);
    this.sessionIds.delete(name);
    this.forgetToken(name);
    this.changed();
  }

  /** Notes a tapped session a facade recorded. */
  addSession(name: string, sessionId: string): void {
    this.sessionIds.get(name)?.push(sessionId);
  }

  /** Every facade as the API shows it; `origin` is mcpscope's `http://<host>:<port>`. */
  list(origin: string): Tap[] {
    return [...this.taps.values()].map((tap) => this.describe(tap, origin));
  }

  /** One facade as the API shows it (URLs carry its token; secret upstream values redacted). */
  describe(tap: TapDefinition, origin: string): Tap {
    const base = `${origin}/tap/${tap.name}/${tap.token}`;
    const upstream = tap.upstream.transport === "stdio" ? { ...tap.upstream, env: redactEnv(tap.upstream.env) } : { ...tap.upstream, headers: redactHeaders(tap.upstream.headers, tap.upstream.revealSecrets) };
    const kind = tap.upstream.transport;
    return {
      name: tap.name,
      upstream,
      url: `${base}/${kind === "sse" ? "sse" : "mcp"}`,
      ...(kind === "auto" ? { sseUrl: `${base}/sse` } : {}),
      token: tap.token,
      createdAt: tap.createdAt,
      sessionIds: [...(this.sessionIds.get(tap.name) ?? [])],
    };
  }

  /** Registers a listener told when facades are added or removed; returns its remover. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private readTokens(): Record<string, string> {
    try {
      const parsed = JSON.parse(readFileSync(this.tokensFile!, "utf8")) as unknown;
      if (typeof parsed === "object" && parsed !== null) return parsed as Record<string, string>;
    } catch {
      // none yet, or unreadable
    }
    return {};
  }

  private writeTokens(tokens: Record<string, string>): void {
    try {
      mkdirSync(dirname(this.tokensFile!), { recursive: true, mode: 0o700 });
      writeFileSync(this.tokensFile!, JSON.stringify(tokens, null, 2) + "\n", { mode: 0o600 });
    } catch {
      // not kept: the token lasts this run
    }
  }

  private tokenFor(name: string): string {
    if (!this.tokensFile) return generateToken();
    const tokens = this.readTokens();
    const known = tokens[name];
    if (typeof known === "string" && known.length >= 32) return known;
    const token = generateToken();
    this.writeTokens({ ...tokens, [name]: token });
    return token;
  }

  /** A deleted tap's token is forgotten: a tap made again under its name gets a new one. */
  private forgetToken(name: string): void {
    if (!this.tokensFile) return;
    const { [name]: _gone, ...rest } = this.readTokens();
    this.writeTokens(rest);
  }
}
