import { useId, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { PROTOCOL_CHOICES, type CreateSessionBody, type ProtocolChoice } from "@mcpscope/protocol/types";
import { ApiRequestError, describeError } from "../../api/apiRequestError";
import { useSidebarStore } from "../../stores/sidebarStore";
import { restClient } from "../../api/restClient";
import { getSessions } from "../../api/sessionsCache";
import { addSession } from "../../api/sessionsSync";
import { useSessionsStore } from "../../stores/sessionsStore";
import { openAuthorizationPage } from "../oauth/openAuthorizationPage";
import { ConnectFailure } from "./ConnectFailure";
import { checkClientMetadataUrl, checkServerUrl, parseArgumentLines, parseEnvLines, parseHeaderLines } from "./parseTargetFields";
import "./connectCapabilities.css";

interface Props {
  /** Draw attention to the form (no active session to show). */
  prominent?: boolean;
}

type TransportChoice = "stdio" | "streamable-http" | "sse" | "auto";

const TRANSPORTS: { value: TransportChoice; label: string }[] = [
  { value: "stdio", label: "stdio" },
  { value: "streamable-http", label: "Streamable HTTP" },
  { value: "sse", label: "SSE" },
  { value: "auto", label: "Auto (URL)" },
];

/** Protocol revisions a session can speak (`PROTOCOL_CHOICES` of @mcpscope/protocol/types). */
const PROTOCOLS: { value: ProtocolChoice; label: string }[] = PROTOCOL_CHOICES.map((value) => ({
  value,
  label: value === "auto" ? "Auto (server/discover, else initialize)" : value,
}));

/**
 * Client capabilities a new session declares (MCP 2025-11-25 "Client Features"), and the MCP
 * Apps extension (`io.modelcontextprotocol/ui`, declared under `extensions`).
 */
const CAPABILITIES = [
  { key: "sampling", label: "Sampling" },
  { key: "elicitation", label: "Elicitation" },
  { key: "roots", label: "Roots" },
  { key: "apps", label: "MCP Apps (UI extension)" },
] as const;
type Capabilities = Record<(typeof CAPABILITIES)[number]["key"], boolean>;

const PENDING_TEXT: Record<TransportChoice, string> = {
  stdio: "Starting the server and waiting for it to answer…",
  "streamable-http": "Connecting and waiting for the server to answer…",
  sse: "Opening the event stream and waiting for initialize…",
  auto: "Trying Streamable HTTP, then SSE…",
};

/**
 * Opens a session: a stdio server (command, arguments, environment, working directory) or a
 * remote one (URL, headers) over Streamable HTTP, legacy SSE, or whichever answers.
 */
export function ConnectForm({ prominent = false }: Props) {
  const id = useId();
  const [transport, setTransport] = useState<TransportChoice>("stdio");
  const [protocol, setProtocol] = useState<ProtocolChoice>("auto");
  const [command, setCommand] = useState("");
  const [args, setArgs] = useState("");
  const [env, setEnv] = useState("");
  const [cwd, setCwd] = useState("");
  const [url, setUrl] = useState("");
  const [headers, setHeaders] = useState("");
  const [revealSecrets, setRevealSecrets] = useState(false);
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [clientMetadataUrl, setClientMetadataUrl] = useState("");
  const [scope, setScope] = useState("");
  const [inputError, setInputError] = useState<string>();
  const [capabilities, setCapabilities] = useState<Capabilities>({ sampling: true, elicitation: true, roots: true, apps: true });

  const connect = useMutation({
    mutationFn: (body: CreateSessionBody) => restClient.createSession(body),
    onSuccess: (session) => {
      addSession(session);
      useSessionsStore.getState().select(session.id);
      // An OAuth server: its sign-in page opens in a new tab, still within the click.
      if (session.auth?.status === "required" && session.auth.authorizationUrl) openAuthorizationPage(session.auth.authorizationUrl);
    },
    onError: (error, body) => {
      // An OAuth failure: show the failed session's Auth tab, where every step says what went wrong.
      if (body.transport === "stdio" || !(error instanceof ApiRequestError) || !error.code.startsWith("MCPSCOPE_OAUTH")) return;
      const failed = Object.values(getSessions())
        .filter((s) => s.target.transport !== "stdio" && s.target.url === body.url)
        .sort((a, b) => b.createdAt - a.createdAt)[0];
      if (!failed) return;
      useSessionsStore.getState().select(failed.id);
      useSidebarStore.getState().update(failed.id, () => ({ tab: "auth" }));
    },
  });

  const buildBody = (): CreateSessionBody => {
    const client = { capabilities, roots: [], autoAnswer: {} };
    if (protocol === "2026-07-28" && transport === "sse") throw new Error("2026-07-28 is not spoken over SSE (HTTP+SSE predates it): pick Streamable HTTP, or a 2025 revision.");
    const pinned = protocol === "auto" ? {} : { protocol };
    if (transport === "stdio") {
      const envVars = parseEnvLines(env);
      if (command.trim() === "") throw new Error("Enter the command that starts the server, e.g. npx or node.");
      return {
        transport: "stdio",
        command: command.trim(),
        args: parseArgumentLines(args),
        env: envVars,
        ...(cwd.trim() ? { cwd: cwd.trim() } : {}),
        client,
        ...pinned,
      };
    }
    const headerMap = parseHeaderLines(headers);
    if (clientSecret && !clientId.trim()) throw new Error("A client secret goes with a client ID.");
    const oauth = {
      mode: "interactive" as const,
      grant: "authorization_code" as const,
      persistTokens: false,
      ...(clientId.trim() ? { clientId: clientId.trim() } : {}),
      ...(clientSecret ? { clientSecret } : {}),
      ...(clientMetadataUrl.trim() ? { clientMetadataUrl: checkClientMetadataUrl(clientMetadataUrl) } : {}),
      ...(scope.trim() ? { scope: scope.trim() } : {}),
    };
    return { transport, url: checkServerUrl(url), headers: headerMap, revealSecrets, client, oauth, ...pinned };
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setInputError(undefined);
    connect.reset();
    let body: CreateSessionBody;
    try {
      body = buildBody();
    } catch (err) {
      setInputError((err as Error).message);
      return;
    }
    connect.mutate(body);
  };

  const remote = transport !== "stdio";

  return (
    <form aria-label="Connect to a server" className={`connect-form${prominent ? " prominent" : ""}`} onSubmit={onSubmit} noValidate>
      <h2 className="pane-title">{prominent ? "Connect to a server" : "New session"}</h2>
      {prominent && <p className="muted small">No active session. Start a stdio server or enter a server URL to inspect it.</p>}
      <div className="field">
        <label htmlFor={`${id}-transport`}>Transport</label>
        <select id={`${id}-transport`} value={transport} onChange={(e) => setTransport(e.target.value as TransportChoice)}>
          {TRANSPORTS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-protocol`}>Protocol</label>
        <select id={`${id}-protocol`} value={protocol} onChange={(e) => setProtocol(e.target.value as ProtocolChoice)} aria-describedby={`${id}-protocol-help`}>
          {PROTOCOLS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
        <span id={`${id}-protocol-help`} className="help">
          Auto asks the server which revision it speaks; a revision pins it.
        </span>
      </div>
      {remote ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-url`}>URL</label>
            <input
              id={`${id}-url`}
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder={transport === "sse" ? "http://localhost:3001/sse" : "http://localhost:3001/mcp"}
              autoComplete="off"
              spellCheck={false}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-headers`}>Headers</label>
            <textarea
              id={`${id}-headers`}
              value={headers}
              onChange={(e) => setHeaders(e.target.value)}
              rows={2}
              placeholder="Authorization: Bearer …"
              spellCheck={false}
              aria-describedby={`${id}-headers-help`}
            />
            <span id={`${id}-headers-help`} className="help">
              Name: value, one per line. Sent with every request.
            </span>
          </div>
          <label className="checkbox-label">
            <input type="checkbox" checked={revealSecrets} onChange={(e) => setRevealSecrets(e.target.checked)} />
            Show secret values
          </label>
          <details className="connect-oauth">
            <summary>OAuth client (optional)</summary>
            <p className="help">When the server asks for OAuth, mcpscope signs in with a pre-registered client if you give one, else its metadata document or Dynamic Client Registration.</p>
            <div className="field">
              <label htmlFor={`${id}-client-id`}>Client ID</label>
              <input id={`${id}-client-id`} value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" spellCheck={false} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-client-secret`}>Client secret</label>
              <input id={`${id}-client-secret`} type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-client-metadata-url`}>Client metadata document</label>
              <input
                id={`${id}-client-metadata-url`}
                type="url"
                value={clientMetadataUrl}
                onChange={(e) => setClientMetadataUrl(e.target.value)}
                placeholder="https://example.com/oauth/client.json"
                aria-describedby={`${id}-client-metadata-url-help`}
                autoComplete="off"
                spellCheck={false}
              />
              <span id={`${id}-client-metadata-url-help`} className="help">
                Your own Client ID Metadata Document (https), used as the client ID when the authorization server supports it. Empty: mcpscope&apos;s own document for a local server.
              </span>
            </div>
            <div className="field">
              <label htmlFor={`${id}-scope`}>Scopes</label>
              <input id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value)} placeholder="(when the server names none)" spellCheck={false} />
            </div>
          </details>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-command`}>Command</label>
            <input
              id={`${id}-command`}
              value={command}
              onChange={(e) => setCommand(e.target.value)}
              placeholder="npx"
              autoComplete="off"
              spellCheck={false}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-args`}>Arguments</label>
            <textarea
              id={`${id}-args`}
              value={args}
              onChange={(e) => setArgs(e.target.value)}
              rows={2}
              placeholder={"server.js\n--stdio"}
              spellCheck={false}
              aria-describedby={`${id}-args-help`}
            />
            <span id={`${id}-args-help`} className="help">
              One argument per line.
            </span>
          </div>
          <div className="field">
            <label htmlFor={`${id}-env`}>Environment</label>
            <textarea
              id={`${id}-env`}
              value={env}
              onChange={(e) => setEnv(e.target.value)}
              rows={2}
              placeholder="API_KEY=…"
              spellCheck={false}
              aria-describedby={`${id}-env-help`}
            />
            <span id={`${id}-env-help`} className="help">
              KEY=VALUE, one per line.
            </span>
          </div>
          <div className="field">
            <label htmlFor={`${id}-cwd`}>Working directory</label>
            <input
              id={`${id}-cwd`}
              value={cwd}
              onChange={(e) => setCwd(e.target.value)}
              placeholder="(optional)"
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        </>
      )}
      <fieldset className="connect-capabilities">
        <legend>Client capabilities</legend>
        {CAPABILITIES.map((c) => (
          <label key={c.key} className="checkbox-label">
            <input type="checkbox" checked={capabilities[c.key]} onChange={(e) => setCapabilities({ ...capabilities, [c.key]: e.target.checked })} />
            {c.label}
          </label>
        ))}
      </fieldset>
      {inputError && <ConnectFailure title="Check the form" error={{ message: inputError }} />}
      {!inputError && connect.isError && <ConnectFailure error={describeError(connect.error)} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={connect.isPending}>
          {connect.isPending ? "Connecting…" : "Connect"}
        </button>
        {connect.isPending && (
          <span role="status" className="muted small">
            {PENDING_TEXT[connect.variables?.transport ?? transport]}
          </span>
        )}
      </div>
    </form>
  );
}
