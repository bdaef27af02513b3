import type { ReactNode } from "react";
import { errorCodeName, type Frame, META_KEYS, type ProtocolEra, resultTypeName } from "@mcpscope/protocol/types";
import { inputKind } from "@mcpscope/timeline";
import { asText } from "../../lib/format";
import { cacheHintText, readCacheHint } from "../sidebar/cacheHint";

type Meta = Record<string, unknown>;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A W3C `traceparent` (`version-traceid-parentid-flags`, W3C Trace Context §3.2) in words. */
export function describeTraceparent(value: unknown): string {
  const m = typeof value === "string" ? /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(value) : null;
  if (!m) return `${asText(value)} (not a W3C traceparent)`;
  const sampled = (parseInt(m[4]!, 16) & 1) === 1;
  return `trace ${m[2]} · parent span ${m[3]} · ${sampled ? "sampled" : "not sampled"}`;
}

function implementation(value: unknown): string {
  const v = value as { name?: unknown; version?: unknown; title?: unknown } | undefined;
  if (typeof v?.name !== "string") return asText(value);
  return `${v.name}${typeof v.version === "string" ? ` ${v.version}` : ""}${typeof v.title === "string" ? ` (${v.title})` : ""}`;
}

/** The top-level capability names, extensions spelled out: "sampling, elicitation, extension io.modelcontextprotocol/tasks". */
function capabilityNames(value: unknown): string {
  if (!value || typeof value !== "object") return asText(value);
  const names: string[] = [];
  for (const [key, v] of Object.entries(value as Meta)) {
    if (key === "extensions" && v && typeof v === "object") names.push(...Object.keys(v as Meta).map((e) => `extension ${e}`));
    else names.push(key);
  }
  return names.length ? names.join(", ") : "none";
}

const ENVELOPE_KEYS = new Set<string>(Object.values(META_KEYS));

/**
 * A request's `_meta` spelled out (MCP 2026-07-28 "Base Protocol → Statelessness", SEP-414):
 * the protocol version, client info and capabilities envelope, progress token, log level,
 * trace context; then any other key as JSON.
 */
function RequestMeta({ meta }: { meta: Meta }) {
  const other = Object.entries(meta).filter(([k]) => !ENVELOPE_KEYS.has(k) && k !== "progressToken");
  return (
    <>
      {meta[META_KEYS.protocolVersion] !== undefined && <Fact term="Protocol version">{asText(meta[META_KEYS.protocolVersion])}</Fact>}
      {meta[META_KEYS.clientInfo] !== undefined && <Fact term="Client">{implementation(meta[META_KEYS.clientInfo])}</Fact>}
      {meta[META_KEYS.clientCapabilities] !== undefined && (
        <Fact term="Client capabilities">
          <details>
            <summary>{capabilityNames(meta[META_KEYS.clientCapabilities])}</summary>
            <pre className="json">{JSON.stringify(meta[META_KEYS.clientCapabilities], null, 2)}</pre>
          </details>
        </Fact>
      )}
      {meta.progressToken !== undefined && <Fact term="Progress token">{asText(meta.progressToken)}</Fact>}
      {meta[META_KEYS.logLevel] !== undefined && <Fact term="Log level">{asText(meta[META_KEYS.logLevel])}</Fact>}
      {meta[META_KEYS.traceparent] !== undefined && <Fact term="Trace context">{describeTraceparent(meta[META_KEYS.traceparent])}</Fact>}
      {meta[META_KEYS.tracestate] !== undefined && <Fact term="tracestate">{asText(meta[META_KEYS.tracestate])}</Fact>}
      {meta[META_KEYS.baggage] !== undefined && <Fact term="baggage">{asText(meta[META_KEYS.baggage])}</Fact>}
      {meta[META_KEYS.subscriptionId] !== undefined && <Fact term="Subscription">{asText(meta[META_KEYS.subscriptionId])}</Fact>}
      {other.map(([k, v]) => (
        <Fact key={k} term={k}>
          {asText(v)}
        </Fact>
      ))}
    </>
  );
}

/** What a 2026-07-28 result carries beside its payload: result type, cache hint, server info, input requests. */
function ResultFacts({ result }: { result: Meta }) {
  const meta = (result._meta ?? {}) as Meta;
  const hint = readCacheHint(result);
  const inputs = result.resultType === "input_required" ? Object.entries((result.inputRequests ?? {}) as Record<string, { method?: unknown }>) : [];
  return (
    <>
      {result.resultType !== undefined && <Fact term="Result type">{resultTypeName(result.resultType)}</Fact>}
      {inputs.length > 0 && (
        <Fact term="Input requests">
          {inputs.map(([key, r]) => `${key}: ${inputKind(String(r?.method))} (${asText(r?.method)})`).join("; ")}
        </Fact>
      )}
      {typeof result.requestState === "string" && <Fact term="Request state">opaque, {result.requestState.length} characters (sent back with the retry)</Fact>}
      {hint && <Fact term="Cache hint">{cacheHintText(hint)}</Fact>}
      {meta[META_KEYS.serverInfo] !== undefined && <Fact term="Server">{implementation(meta[META_KEYS.serverInfo])}</Fact>}
      {meta[META_KEYS.subscriptionId] !== undefined && <Fact term="Subscription">{asText(meta[META_KEYS.subscriptionId])}</Fact>}
    </>
  );
}

/**
 * What a JSON-RPC frame's message says beyond its method, in words: a request's `_meta`
 * envelope and, on a retry of a multi round-trip request, the answers it carries; a result's
 * type, cache hint and server info; an error code's name in the session's era; a
 * notification's subscription. Nothing for frames without a message.
 */
export function MessageFacts({ frame, era }: { frame: Frame; era?: ProtocolEra }) {
  const msg = frame.msg;
  if (!msg) return null;
  const parts: ReactNode[] = [];
  if ((frame.kind === "request" || frame.kind === "notification") && msg.params) {
    const params = msg.params as Meta;
    const meta = params._meta as Meta | undefined;
    if (meta && Object.keys(meta).length) parts.push(<RequestMeta key="meta" meta={meta} />);
    if (params.inputResponses && typeof params.inputResponses === "object") {
      parts.push(
        <Fact key="answers" term="Input responses">
          {Object.keys(params.inputResponses).join(", ")} (this request retries a call the server answered input_required)
        </Fact>,
      );
    }
    if (typeof params.requestState === "string") parts.push(<Fact key="state" term="Request state">echoed back, {params.requestState.length} characters</Fact>);
  }
  if (frame.kind === "response" && msg.result && typeof msg.result === "object") parts.push(<ResultFacts key="result" result={msg.result as Meta} />);
  if (frame.kind === "error" && msg.error) {
    const named = errorCodeName(msg.error.code, era);
    parts.push(
      <Fact key="error" term="Error">
        {msg.error.code} {named ? named.name : "(not a code the protocol defines)"}
        {named?.note && <span className="muted"> — {named.note}</span>}
      </Fact>,
    );
  }
  if (parts.length === 0) return null;
  return (
    <dl className="detail-facts message-facts" aria-label="Message facts">
      {parts}
    </dl>
  );
}

/** MCP's own HTTP headers (MCP 2026-07-28 "Streamable HTTP", SEP-2243), shown first. */
const MCP_HEADER = /^(mcp-|last-event-id$)/i;

/** The MCP headers of an HTTP exchange: `Mcp-Method`, `Mcp-Name`, `MCP-Protocol-Version`, `Mcp-Param-*` … */
export function McpHeaders({ headers }: { headers: unknown }) {
  if (!headers || typeof headers !== "object") return null;
  const mcp = Object.entries(headers as Meta).filter(([k]) => MCP_HEADER.test(k));
  if (mcp.length === 0) return null;
  return (
    <dl className="detail-facts" aria-label="MCP headers">
      {mcp.map(([k, v]) => (
        <Fact key={k} term={k.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())}>
          {Array.isArray(v) ? v.join(", ") : asText(v)}
        </Fact>
      ))}
    </dl>
  );
}
