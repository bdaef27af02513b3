import { useState } from "react";
import type { AuthExchange } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { copyText } from "../../lib/clipboard";
import { toCurl } from "./curl";
import { oauthApi } from "./oauthApi";

function pretty(body: string | undefined): string {
  if (body === undefined) return "";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body.includes("=") && !body.includes(" ") ? body.split("&").join("\n&") : body;
  }
}

function Headers({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return null;
  return (
    <pre className="auth-headers">
      {entries.map(([name, value]) => `${name}: ${value}`).join("\n")}
    </pre>
  );
}

/**
 * One HTTP exchange of an authorization step: request (method, URL, headers, body) and
 * response (status, headers, body), secrets `[redacted]`; "Copy as curl", and for the
 * presenter of a live session "Reveal secrets" (fetched from the proxy's memory).
 */
export function ExchangeView({ sessionId, exchange, canReveal }: { sessionId: string; exchange: AuthExchange; canReveal: boolean }) {
  const [revealed, setRevealed] = useState<AuthExchange>();
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);
  const shown = revealed ?? exchange;
  const label = `${exchange.method} ${exchange.url}`;
  const toggleReveal = async () => {
    setError(undefined);
    if (revealed) return setRevealed(undefined);
    try {
      setRevealed(await oauthApi.reveal(sessionId, exchange.seq));
    } catch (err) {
      setError(describeError(err).message);
    }
  };
  const copy = async () => {
    await copyText(toCurl(shown));
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="auth-exchange" aria-label={`Exchange ${label}`} role="group">
      <div className="auth-exchange-head">
        <code className="auth-exchange-line">
          {exchange.method} {shown.url}
        </code>
        <span className={`auth-status ${exchange.status !== undefined && exchange.status < 400 ? "ok" : "bad"}`}>{exchange.status ?? exchange.error ?? "no answer"}</span>
        <button type="button" className="small" onClick={() => void copy()} aria-label={`Copy ${label} as curl`}>
          {copied ? "Copied" : "Copy as curl"}
        </button>
        {canReveal && (
          <button type="button" className="small" aria-pressed={revealed !== undefined} onClick={() => void toggleReveal()} aria-label={`${revealed ? "Hide" : "Reveal"} secrets of ${label}`}>
            {revealed ? "Hide secrets" : "Reveal secrets"}
          </button>
        )}
      </div>
      {error && <p role="alert" className="small auth-refused">{error}</p>}
      <div className="auth-exchange-body">
        <div>
          <h4>Request</h4>
          <Headers headers={shown.requestHeaders} />
          {shown.requestBody !== undefined && <pre className="auth-body">{pretty(shown.requestBody)}</pre>}
        </div>
        <div>
          <h4>Response {exchange.status !== undefined ? `${exchange.status} ${exchange.statusText ?? ""}` : ""}</h4>
          <Headers headers={shown.responseHeaders} />
          {shown.responseBody !== undefined && <pre className="auth-body">{pretty(shown.responseBody)}</pre>}
          {exchange.error && <p className="small auth-refused">{exchange.error}</p>}
        </div>
      </div>
    </div>
  );
}
