import type { AuthCheck, AuthStep, AuthStepKind, Frame } from "@mcpscope/protocol";
import type { FrameLog } from "../sessions/frameLog.js";
import type { OAuthExchangeRecord } from "../sessions/transports/tappedFetch.js";
import { check, worst } from "./checks/check.js";
import { type AsMetadata, asMetadataChecks, type Challenge, challengeChecks, readChallenge, type ResourceMetadata, resourceMetadataChecks } from "./checks/discoveryChecks.js";
import { authorizationRequestChecks, authorizationResponseChecks, authorizedRequestChecks, clientChecks, type ScopeChoice, stepUpChecks, tokenChecks } from "./checks/flowChecks.js";
import type { OAuthPurpose } from "./oauthPurpose.js";
import type { ClientSource } from "./sessionOAuthProvider.js";

/** What one run of the flow has learnt so far, for the checks of its later steps. */
interface Flow {
  run: number;
  challenge?: Challenge;
  prm?: ResourceMetadata;
  as?: AsMetadata;
  authorizationUrl?: URL;
  scope?: ScopeChoice;
  awaitingAuthorizedRequest?: boolean;
}

/** A step being gathered from consecutive exchanges of one purpose. */
interface Open {
  kind: AuthStepKind;
  purpose: OAuthPurpose;
  frames: Frame[];
  records: OAuthExchangeRecord[];
}

const STEP_OF: Record<OAuthPurpose, AuthStepKind> = {
  prm: "resource-metadata",
  "as-metadata": "as-metadata",
  register: "client",
  token: "token",
  "client-credentials": "token",
  refresh: "refresh",
  authorize: "authorization-request",
};

/**
 * The Auth debugger's record of a session's OAuth flows: it watches the session's OAuth
 * exchanges (from the HTTP tap), its MCP challenges (401, 403 insufficient_scope) and the
 * provider's decisions, groups them into steps (challenge, protected resource metadata,
 * authorization server metadata, client identity, authorization request and response, token,
 * authorized request, refresh, step-up), judges each against the specifications
 * (`checks/`), and appends one `auth` lifecycle frame per step (`AuthStep`, referring to
 * its exchanges' `http` frames by seq). Recordings carry these frames, so a recorded
 * session's Auth tab shows the same rows.
 */
export class AuthTrace {
  private flow: Flow = { run: 0 };
  private open?: Open;
  /** Seqs of the `auth` frames recorded. */
  readonly stepSeqs: number[] = [];
  /** Unredacted exchanges by the seq of their `http` frame (the newest few hundred), for "reveal". */
  private readonly records = new Map<number, OAuthExchangeRecord>();

  constructor(
    private readonly log: FrameLog,
    private readonly mcpUrl: string,
    private readonly ctx: { redirectUrl: string; preregistered: boolean; onStep(): void },
  ) {}

  /** Steps recorded so far. */
  get steps(): number {
    return this.stepSeqs.length;
  }

  /** The unredacted exchange recorded as `http` frame `seq`, while kept. */
  record(seq: number): OAuthExchangeRecord | undefined {
    return this.records.get(seq);
  }

  /** The status of the current flow's challenge: 401 (authorize, or again), 403 (step-up). */
  get challengeStatus(): number | undefined {
    return this.flow.challenge?.status;
  }

  /** The WWW-Authenticate header of the current flow's challenge, if any. */
  get challengeHeader(): string | undefined {
    return this.flow.challenge?.header;
  }

  /** Issuer of the current flow's validated metadata, if any. */
  get issuer(): string | undefined {
    const issuer = this.flow.as?.doc.issuer;
    return typeof issuer === "string" ? issuer : undefined;
  }

  private startRun(): void {
    this.flush();
    this.flow = { run: this.flow.run + 1 };
  }

  private ensureRun(): void {
    if (this.flow.run === 0) this.flow.run = 1;
  }

  private emit(kind: AuthStepKind, title: string, summary: string, checks: AuthCheck[], exchanges: Frame[] = [], facts: Record<string, unknown> = {}): void {
    this.ensureRun();
    const step: AuthStep = { kind, run: this.flow.run, title, verdict: worst(checks), summary, exchanges: exchanges.map((f) => f.seq), checks, facts };
    const meta = { event: "auth", ...step };
    const frame = this.log.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
    this.stepSeqs.push(frame.seq);
    this.ctx.onStep();
  }

  /** An MCP exchange's `http` frame: a 401 starts a run, a 403 insufficient_scope is a step-up, the first answer after a new token says whether the server accepts it. */
  onMcpExchange(frame: Frame): void {
    const meta = frame.meta ?? {};
    const status = meta.status;
    if (typeof status !== "number") return;
    const requestHeaders = (meta.requestHeaders ?? {}) as Record<string, string>;
    const responseHeaders = (meta.responseHeaders ?? {}) as Record<string, string>;
    if (this.flow.awaitingAuthorizedRequest && "authorization" in requestHeaders) {
      this.flow.awaitingAuthorizedRequest = false;
      if (status !== 403) {
        this.emit("authorized-request", "Authorized MCP request", `${String(meta.method)} ${String(meta.url)} → ${status}`, authorizedRequestChecks(status, responseHeaders["www-authenticate"]), [frame]);
        if (status === 401) return;
      }
    }
    if (status === 401) {
      const challenge = readChallenge(status, responseHeaders, requestHeaders);
      this.startRun();
      this.flow.challenge = challenge;
      const summary = challenge.hadToken ? "The server refused the token (expired or revoked): authorizing again" : "The server asks for authorization";
      this.emit("challenge", "401 Unauthorized", summary, challengeChecks(challenge), [frame], { wwwAuthenticate: challenge.header ?? null, resourceMetadata: challenge.resourceMetadata ?? null, scope: challenge.scope ?? null });
    } else if (status === 403) {
      const challenge = readChallenge(status, responseHeaders, requestHeaders);
      if (challenge.error !== "insufficient_scope") return;
      const previous = this.flow;
      this.startRun();
      this.flow = { run: this.flow.run, challenge, ...(previous.prm ? { prm: previous.prm } : {}), ...(previous.as ? { as: previous.as } : {}) };
      this.emit("step-up", "403 insufficient_scope: step-up", `The server needs ${challenge.scope ?? "more scopes"}`, stepUpChecks(challenge.header, challenge.scope, undefined), [frame], { scope: challenge.scope ?? null });
    }
  }

  /** An OAuth exchange, with its unredacted record (checks only; never recorded). */
  onExchange(frame: Frame, record: OAuthExchangeRecord): void {
    this.records.set(frame.seq, record);
    if (this.records.size > 300) this.records.delete(this.records.keys().next().value!);
    const kind = STEP_OF[record.purpose];
    if (this.open && this.open.purpose !== record.purpose) this.flush();
    this.open ??= { kind, purpose: record.purpose, frames: [], records: [] };
    this.open.frames.push(frame);
    this.open.records.push(record);
    // Metadata probes come in series; the other purposes are one exchange each.
    if (record.purpose === "register" || record.purpose === "token" || record.purpose === "refresh" || record.purpose === "client-credentials") this.flush();
  }

  /** Closes the step being gathered. */
  flush(): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    switch (open.purpose) {
      case "prm": {
        const { checks, found } = resourceMetadataChecks(open.records, this.mcpUrl, this.flow.challenge);
        if (found) this.flow.prm = found;
        this.emit("resource-metadata", "Protected resource metadata (RFC 9728)", found ? `${found.url}${found.usable ? "" : " (invalid)"}` : "Not found", checks, open.frames, found?.doc ? { resource: found.resource ?? null, authorizationServers: found.authorizationServers ?? null, scopesSupported: found.scopesSupported ?? null } : {});
        return;
      }
      case "as-metadata": {
        const { checks, found } = asMetadataChecks(open.records, this.ctx.preregistered);
        if (found) this.flow.as = found;
        this.emit("as-metadata", "Authorization server metadata (RFC 8414)", found ? `issuer ${String(found.doc.issuer)}` : "Not found", checks, open.frames, found ? { issuer: found.doc.issuer ?? null, metadataUrl: found.url } : {});
        return;
      }
      case "register": {
        const record = open.records[0]!;
        const body = record.responseBody ? safeJson(record.responseBody) : undefined;
        const clientId = typeof body?.client_id === "string" ? body.client_id : "(none)";
        this.emit("client", "Dynamic Client Registration (RFC 7591)", record.status === 201 || record.status === 200 ? `client_id ${clientId}` : `Refused (${record.status ?? record.error})`, clientChecks("dcr", clientId, record), open.frames, { source: "dcr", clientId });
        return;
      }
      case "token":
      case "client-credentials":
      case "refresh": {
        const record = open.records[0]!;
        const grant = open.purpose === "refresh" ? "refresh_token" : open.purpose === "client-credentials" ? "client_credentials" : "authorization_code";
        const q = this.flow.authorizationUrl?.searchParams;
        const checks = tokenChecks(record, {
          grant,
          ...(q?.get("code_challenge") ? { codeChallenge: q.get("code_challenge")! } : {}),
          ...(q?.get("resource") ? { resource: q.get("resource")! } : this.flow.prm?.resource ? { resource: this.flow.prm.resource } : {}),
          ...(q?.get("redirect_uri") ? { redirectUri: q.get("redirect_uri")! } : {}),
          ...(q?.get("scope") ? { requestedScope: q.get("scope")! } : {}),
          advertisedMethods: this.flow.as?.doc.token_endpoint_auth_methods_supported,
        });
        const ok = record.status !== undefined && record.status < 400;
        if (ok) this.flow.awaitingAuthorizedRequest = true;
        const title = open.purpose === "refresh" ? "Refresh (RFC 6749 §6)" : open.purpose === "client-credentials" ? "Client credentials token (RFC 6749 §4.4)" : "Token request (code exchange)";
        this.emit(open.purpose === "refresh" ? "refresh" : "token", title, ok ? "Token issued" : `Refused (${record.status ?? record.error})`, checks, open.frames);
        return;
      }
      case "authorize": {
        const last = open.records.at(-1)!;
        this.emit("authorization-request", "Authorization request, followed headlessly", `${open.records.length} request(s); ended with ${last.status ?? last.error}`, [check("headless-hops", "info", "Redirects followed without a browser", "RFC 6749 §4.1.1", open.records.map((r) => `${r.method} ${redactedPath(r.url)} → ${r.status ?? r.error}`).join("; "))], open.frames);
        return;
      }
    }
  }

  /** The client identity the SDK is about to use, when no registration request showed it (pre-registered, CIMD). */
  onClient(source: ClientSource, clientId: string): void {
    if (source === "dcr") return;
    this.flush();
    const title = source === "cimd" ? "Client ID Metadata Document" : source === "client_credentials" ? "Client credentials (no user)" : "Pre-registered client";
    this.emit("client", title, `client_id ${clientId}`, clientChecks(source, clientId), [], { source, clientId });
  }

  /** The SDK built an authorization URL. */
  onAuthorizationUrl(url: URL, opening: string): void {
    this.flush();
    this.flow.authorizationUrl = url;
    const scope = this.scopeChoice(url.searchParams.get("scope") ?? undefined);
    this.flow.scope = scope;
    const shown = new URL(url);
    this.emit("authorization-request", "Authorization request", opening, authorizationRequestChecks(url, { resource: this.flow.prm?.resource, scope, redirectUrl: this.ctx.redirectUrl }), [], {
      authorizationEndpoint: `${shown.origin}${shown.pathname}`,
      clientId: url.searchParams.get("client_id"),
      scope: url.searchParams.get("scope"),
      resource: url.searchParams.get("resource"),
      url: url.href,
    });
  }

  private scopeChoice(scope: string | undefined): ScopeChoice {
    const challenged = this.flow.challenge?.scope;
    if (this.flow.challenge?.status === 403) return { scope, why: `the union of the scopes held and the 403's scope="${challenged ?? ""}"` };
    if (challenged) return { scope, why: `from the 401's scope="${challenged}"` };
    if (this.flow.prm?.scopesSupported?.length) return { scope, why: "all of the resource metadata's scopes_supported (the challenge named none)" };
    return { scope, why: scope ? "from the client metadata's scope" : "neither the challenge nor scopes_supported names any, so none is requested" };
  }

  /** An authorization response arrived (the callback route, or the headless follower). */
  onAuthorizationResponse(params: URLSearchParams, expected: { state?: string; issuer?: string; issSupported: boolean }, via: string): boolean {
    this.flush();
    const checks = authorizationResponseChecks(params, expected);
    const shown = [...params.keys()].map((k) => (k === "code" ? "code=[redacted]" : k === "error_description" || k === "error" ? `${k}=…` : `${k}=${params.get(k)}`)).join("&");
    this.emit("authorization-response", "Authorization response", `${via}: ${shown}`, checks, [], { via });
    return checks.every((c) => c.verdict !== "fail");
  }

  /** The flow failed: the connection doctor's explanation as a row. */
  onFailure(message: string, fix: string): void {
    this.flush();
    this.emit("failure", "Authorization failed", message, [check("outcome", "fail", "The flow completes", "MCP 2026-07-28 Authorization", message, fix)]);
  }

  /** A re-run from the Auth tab starts a new run. */
  onRerun(from: string): void {
    this.startRun();
    this.emit("challenge", "Re-run", `Authorizing again from ${from}`, [check("rerun", "info", "Re-run requested", "mcpscope", `From ${from}; earlier results are kept above.`)]);
  }
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function redactedPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}
