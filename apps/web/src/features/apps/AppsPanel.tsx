import { lazy, Suspense, useId, useState } from "react";
import type { SessionInfo } from "@mcpscope/protocol/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import type { AppToolOutcome } from "./appTypes";
import { APP_SIZE_WIDTHS, useAppsStore, type AppSize } from "./appsStore";
import { LazyAppView } from "./LazyAppView";
import { listedUiMeta, useAppResources } from "./useAppResources";
import { useResolvedTheme } from "./useResolvedTheme";
import "./apps.css";

// CodeMirror loads with the first editor, not with the page.
const JsonEditor = lazy(() => import("../schemaForm/JsonEditor").then((m) => ({ default: m.JsonEditor })));

const SIZES: { size: AppSize; label: string }[] = [
  { size: "mobile", label: `Mobile ${APP_SIZE_WIDTHS.mobile}` },
  { size: "tablet", label: `Tablet ${APP_SIZE_WIDTHS.tablet}` },
  { size: "desktop", label: `Desktop ${APP_SIZE_WIDTHS.desktop}` },
  { size: "fill", label: "Fill pane" },
];

/** A `CallToolResult` (MCP 2025-11-25 "Tools"), loosely: what the result editor lints against. */
const RESULT_SCHEMA = {
  type: "object",
  properties: {
    content: { type: "array", items: { type: "object", properties: { type: { type: "string" }, text: { type: "string" } }, required: ["type"] } },
    structuredContent: { type: "object" },
    isError: { type: "boolean" },
    _meta: { type: "object" },
  },
  required: ["content"],
};
const RESULT_TEMPLATE = '{\n  "content": [{ "type": "text", "text": "" }]\n}';

/** Parses an editor's JSON object, or says what is wrong with it. */
function parseObject(text: string, what: string): { value: Record<string, unknown> } | { error: string } {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: `${what} must be a JSON object.` };
    return { value: value as Record<string, unknown> };
  } catch (err) {
    return { error: `${what} is not valid JSON: ${(err as Error).message}` };
  }
}

interface Opened {
  nonce: number;
  uri: string;
  toolName?: string;
  input: Record<string, unknown>;
  outcome?: AppToolOutcome;
}

/**
 * The Apps view: opens one of the server's MCP Apps with a hand-written tool input and,
 * optionally, a hand-written tool result, for developing an app without a model in the
 * loop; size presets (Mobile 375, Tablet 768, Desktop 1280, or the pane's width) and a
 * light or dark theme for the app. "Send tool result" sends the edited result to the app
 * while it runs.
 */
export function AppsPanel({ session }: { session: SessionInfo }) {
  const id = useId();
  const { apps } = useAppResources(session);
  const selectedUri = useAppsStore((s) => s.selected[session.id]) ?? apps[0]?.uri;
  const entry = apps.find((a) => a.uri === selectedUri);
  const size = useAppsStore((s) => s.size);
  const setSize = useAppsStore((s) => s.setSize);
  const chosenTheme = useAppsStore((s) => s.theme);
  const setTheme = useAppsStore((s) => s.setTheme);
  const mcpscopeTheme = useResolvedTheme();
  const theme = chosenTheme ?? mcpscopeTheme;
  const [toolName, setToolName] = useState<string>();
  const [inputText, setInputText] = useState("{}");
  const [withResult, setWithResult] = useState(false);
  const [resultText, setResultText] = useState(RESULT_TEMPLATE);
  const [error, setError] = useState<string>();
  const [opened, setOpened] = useState<Opened>();

  if (!entry) {
    return (
      <div className="middle">
        <section aria-label="App input" className="pane">
          <div className="empty">
            <h2 className="pane-title">No app selected</h2>
            <p className="muted">Pick one of the server's apps to open it here.</p>
          </div>
        </section>
      </div>
    );
  }
  const tool = entry.tools.find((t) => t.name === (toolName ?? entry.tools[0]?.name));
  const ready = session.status === "ready";

  const readResult = (): AppToolOutcome | undefined | false => {
    if (!withResult) return undefined;
    const parsed = parseObject(resultText, "The tool result");
    if ("error" in parsed) {
      setError(parsed.error);
      return false;
    }
    return { result: parsed.value };
  };
  const open = () => {
    const input = parseObject(inputText, "The tool input");
    if ("error" in input) return setError(input.error);
    const outcome = readResult();
    if (outcome === false) return;
    setError(undefined);
    setOpened((o) => ({ nonce: (o?.nonce ?? 0) + 1, uri: entry.uri, toolName: tool?.name, input: input.value, ...(outcome ? { outcome } : {}) }));
  };
  const sendResult = () => {
    const parsed = parseObject(resultText, "The tool result");
    if ("error" in parsed) return setError(parsed.error);
    setError(undefined);
    setOpened((o) => (o ? { ...o, outcome: { result: parsed.value } } : o));
  };
  const showing = opened?.uri === entry.uri ? opened : undefined;

  return (
    <div className="middle apps-panel">
      <section aria-label="App input" className="pane">
        <div className="pane-head">
          <h2 className="pane-title">
            <code>{entry.uri}</code>
          </h2>
        </div>
        <div className="apps-editors">
          {entry.tools.length > 0 && (
            <label className="field">
              <span>Tool</span>
              <select value={tool?.name ?? ""} onChange={(e) => setToolName(e.target.value)}>
                {entry.tools.map((t) => (
                  <option key={t.name} value={t.name}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div className="field">
            <span id={`${id}-input`}>Tool input (JSON: the arguments the app receives)</span>
            <Suspense fallback={<p className="muted small">Loading the editor…</p>}>
              <JsonEditor text={inputText} onChange={setInputText} schema={tool?.inputSchema ?? { type: "object" }} label="Tool input" />
            </Suspense>
          </div>
          <label className="checkbox-label">
            <input type="checkbox" checked={withResult} onChange={(e) => setWithResult(e.target.checked)} />
            Send a tool result
          </label>
          {withResult && (
            <div className="field">
              <span>Tool result (JSON: a CallToolResult)</span>
              <Suspense fallback={<p className="muted small">Loading the editor…</p>}>
                <JsonEditor text={resultText} onChange={setResultText} schema={RESULT_SCHEMA} label="Tool result" />
              </Suspense>
            </div>
          )}
        </div>
        {error && <ErrorAlert error={{ message: error }} />}
        <div className="apps-toolbar">
          <button type="button" className="primary" onClick={open} disabled={!ready}>
            {showing ? "Open again" : "Open app"}
          </button>
          {showing && withResult && (
            <button type="button" onClick={sendResult}>
              Send tool result
            </button>
          )}
          <div role="group" aria-label="Size">
            {SIZES.map((s) => (
              <button key={s.size} type="button" className="small" aria-pressed={size === s.size} onClick={() => setSize(s.size)}>
                {s.label}
              </button>
            ))}
          </div>
          <div role="group" aria-label="App theme">
            {(["light", "dark"] as const).map((t) => (
              <button key={t} type="button" className="small" aria-pressed={theme === t} onClick={() => setTheme(t)}>
                {t === "light" ? "Light" : "Dark"}
              </button>
            ))}
          </div>
        </div>
      </section>
      <section aria-label="App preview" className="pane result-pane">
        {showing ? (
          <LazyAppView
            key={showing.nonce}
            sessionId={session.id}
            resourceUri={showing.uri}
            tool={entry.tools.find((t) => t.name === showing.toolName)}
            toolInput={showing.input}
            outcome={showing.outcome}
            theme={theme}
            width={size === "fill" ? undefined : APP_SIZE_WIDTHS[size]}
            serverResources={session.capabilities?.resources !== undefined}
            listedMeta={listedUiMeta(entry)}
          />
        ) : (
          <p className="muted small pad">Write the tool input (and, if you like, a tool result), then Open app.</p>
        )}
      </section>
    </div>
  );
}
