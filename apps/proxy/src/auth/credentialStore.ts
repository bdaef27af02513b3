import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StoredOAuthClientInformation, StoredOAuthTokens } from "@modelcontextprotocol/client";

/** What mcpscope holds for one MCP server (an RFC 8707 resource): per authorization server issuer (SEP-2352). */
interface ServerCredentials {
  clients: Record<string, StoredOAuthClientInformation>;
  tokens: Record<string, StoredOAuthTokens>;
  /** Issuer of the token set saved last (the per-request bearer read has no issuer). */
  latestIssuer?: string;
}

/** Name of the file that holds persisted credentials, in `<data dir>/oauth/`. */
export const CREDENTIALS_FILE = "credentials.json";

/**
 * OAuth client registrations and tokens of the proxy, per MCP server URL and per
 * authorization server issuer (MCP 2026-07-28 "Client Registration → Authorization Server
 * Binding"). Shared by the sessions of one proxy, so a reconnect reuses them. In memory;
 * servers whose sessions opted in (`oauth.persistTokens`) are also written to
 * `<dir>/credentials.json` with file mode 0600 (directory 0700) and read back at start.
 */
export class CredentialStore {
  private readonly servers = new Map<string, ServerCredentials>();
  private readonly persisted = new Set<string>();

  /** @param dir where persisted credentials live (`<data dir>/oauth`); none: memory only. */
  constructor(private readonly dir?: string) {
    if (!dir) return;
    try {
      const saved = JSON.parse(readFileSync(join(dir, CREDENTIALS_FILE), "utf8")) as Record<string, ServerCredentials>;
      for (const [server, creds] of Object.entries(saved)) {
        this.servers.set(server, { clients: creds.clients ?? {}, tokens: creds.tokens ?? {}, ...(creds.latestIssuer ? { latestIssuer: creds.latestIssuer } : {}) });
        this.persisted.add(server);
      }
    } catch {
      // no file yet, or unreadable: start empty
    }
  }

  /** Whether tokens for `server` can be persisted (a data directory is configured). */
  get canPersist(): boolean {
    return this.dir !== undefined;
  }

  private of(server: string): ServerCredentials {
    let creds = this.servers.get(server);
    if (!creds) this.servers.set(server, (creds = { clients: {}, tokens: {} }));
    return creds;
  }

  client(server: string, issuer: string): StoredOAuthClientInformation | undefined {
    return this.servers.get(server)?.clients[issuer];
  }

  saveClient(server: string, issuer: string, info: StoredOAuthClientInformation, persist: boolean): void {
    this.of(server).clients[issuer] = info;
    this.write(server, persist);
  }

  tokens(server: string, issuer?: string): StoredOAuthTokens | undefined {
    const creds = this.servers.get(server);
    if (!creds) return undefined;
    const key = issuer ?? creds.latestIssuer;
    return key === undefined ? undefined : creds.tokens[key];
  }

  saveTokens(server: string, issuer: string, tokens: StoredOAuthTokens, persist: boolean): void {
    const creds = this.of(server);
    creds.tokens[issuer] = tokens;
    creds.latestIssuer = issuer;
    this.write(server, persist);
  }

  /** Forgets clients and/or tokens of `server` (all issuers). */
  forget(server: string, what: { clients?: boolean; tokens?: boolean }): void {
    const creds = this.servers.get(server);
    if (!creds) return;
    if (what.clients) creds.clients = {};
    if (what.tokens) {
      creds.tokens = {};
      delete creds.latestIssuer;
    }
    this.write(server, this.persisted.has(server));
  }

  /** Every secret held for `server` (access and refresh tokens, client secrets), for scrubbing. */
  secrets(server: string): string[] {
    const creds = this.servers.get(server);
    if (!creds) return [];
    const out: string[] = [];
    for (const t of Object.values(creds.tokens)) {
      out.push(t.access_token);
      if (t.refresh_token) out.push(t.refresh_token);
      if (typeof t.id_token === "string") out.push(t.id_token);
    }
    for (const c of Object.values(creds.clients)) if (c.client_secret) out.push(c.client_secret);
    return out;
  }

  private write(server: string, persist: boolean): void {
    if (!this.dir) return;
    if (persist) this.persisted.add(server);
    if (!this.persisted.has(server)) return;
    const out: Record<string, ServerCredentials> = {};
    for (const name of this.persisted) {
      const creds = this.servers.get(name);
      if (creds) out[name] = creds;
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, CREDENTIALS_FILE);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  }
}
