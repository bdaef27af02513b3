import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { AppBridge, McpUiDisplayMode } from "@modelcontextprotocol/ext-apps/app-bridge";
import type { AppDocument, AppOrigin } from "@mcpscope/protocol/types";
import { describeError } from "../../api/apiRequestError";
import { ErrorAlert, type DescribedError } from "../../components/ErrorAlert";
import { listAllTools } from "../tools/useTools";
import type { Tool } from "../tools/toolTypes";
import { AppFrameRecorder } from "./AppFrameRecorder";
import { appHostContext, type AppTheme } from "./appHostContext";
import type { AppToolOutcome } from "./appTypes";
import { appsApi } from "./appsApi";
import { connectHostBridge } from "./connectHostBridge";
import { readAppResource, type AppResource } from "./readAppResource";
import { SandboxDetails } from "./SandboxDetails";
import "./apps.css";

export interface AppViewProps {
  sessionId: string;
  /** The app's `ui://` resource. */
  resourceUri: string;
  /** The tool whose call the app renders (its `toolInfo`), if any. */
  tool?: Tool;
  /** The tool's arguments, sent once the app has initialized (`ui/notifications/tool-input`). */
  toolInput?: Record<string, unknown>;
  /** The call's outcome once known (`tool-result`, or `tool-cancelled` for an error); sent after the input. */
  outcome?: AppToolOutcome;
  theme: AppTheme;
  /** A fixed width in CSS pixels (a size preset); else the app fills the pane. */
  width?: number;
  /** Whether the server declares `resources` (the app may list them). */
  serverResources: boolean;
  /** The resource's `_meta.ui` from `resources/list`, used when the read content has none. */
  listedMeta?: Record<string, unknown>;
}

/** A loopback origin the proxy accepts as the app frame's embedder (Vite's dev server). */
const LOOPBACK_ORIGIN = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/;

/**
 * An MCP App rendered by mcpscope as its host (MCP Apps extension, SEP-1865): the `ui://`
 * resource read through the session, served by the proxy's sandbox on its own origin with
 * the CSP its `_meta.ui` declares, in an iframe sandboxed to `allow-scripts allow-forms`,
 * talking to mcpscope through the ext-apps `AppBridge` (every message recorded as an
 * `app`/`host` frame). "Reload app" reads the resource again and starts a new instance.
 */
export default function AppView(props: AppViewProps) {
  const [generation, setGeneration] = useState(0);
  const [closed, setClosed] = useState(false);
  if (closed) {
    return (
      <div className="app-view">
        <p className="muted small pad" role="status">
          The app asked to be closed (<code>ui/notifications/request-teardown</code>).{" "}
          <button type="button" className="small" onClick={() => setClosed(false)}>
            Reopen app
          </button>
        </p>
      </div>
    );
  }
  return <AppInstance key={generation} {...props} onReload={() => setGeneration((g) => g + 1)} onClosed={() => setClosed(true)} />;
}

type Phase = "reading" | "registering" | "connecting" | "loading" | "ready";

const PHASE_TEXT: Record<Phase, string> = {
  reading: "Reading the app's resource…",
  registering: "Preparing the sandbox…",
  connecting: "Connecting…",
  loading: "Waiting for the app to initialize…",
  ready: "Running",
};

function AppInstance(props: AppViewProps & { onReload: () => void; onClosed: () => void }) {
  const { sessionId, resourceUri, tool, theme, width } = props;
  const queryClient = useQueryClient();
  const [instance] = useState(() => crypto.randomUUID());
  const [phase, setPhase] = useState<Phase>("reading");
  const [error, setError] = useState<DescribedError>();
  const [resource, setResource] = useState<AppResource>();
  const [doc, setDoc] = useState<AppDocument>();
  const [src, setSrc] = useState<string>();
  const [bridge, setBridge] = useState<AppBridge>();
  const [appInfo, setAppInfo] = useState<{ name: string; version: string }>();
  const [height, setHeight] = useState<number>();
  const [displayMode, setDisplayMode] = useState<McpUiDisplayMode>("inline");
  const [modelContext, setModelContext] = useState<unknown>();
  const [notRecorded, setNotRecorded] = useState<string>();
  const [paneWidth, setPaneWidth] = useState<number>();
  const iframe = useRef<HTMLIFrameElement>(null);
  const frameWrap = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  const displayModeRef = useRef(displayMode);
  useLayoutEffect(() => {
    latest.current = props;
    displayModeRef.current = displayMode;
  });

  // 1. The resource, then its sandbox document (released when this instance goes).
  useEffect(() => {
    let cancelled = false;
    let registered: string | undefined;
    void (async () => {
      try {
        const read = await readAppResource(sessionId, resourceUri, latest.current.listedMeta);
        if (cancelled) return;
        setResource(read);
        setPhase("registering");
        const embedder = LOOPBACK_ORIGIN.test(window.location.origin) ? window.location.origin : undefined;
        const registeredDoc = await appsApi.registerDocument({ html: read.html, csp: read.csp, permissions: read.permissions, ...(embedder ? { embedder } : {}) });
        registered = registeredDoc.id;
        if (cancelled) return void appsApi.releaseDocument(registeredDoc.id).catch(() => undefined);
        setDoc(registeredDoc);
        setPhase("connecting");
      } catch (err) {
        if (!cancelled) setError(describeError(err));
      }
    })();
    return () => {
      cancelled = true;
      if (registered) void appsApi.releaseDocument(registered).catch(() => undefined);
    };
  }, [sessionId, resourceUri]);

  // 2. The bridge, before the iframe loads the document: the app's first message is its ui/initialize.
  useEffect(() => {
    const appWindow = iframe.current?.contentWindow;
    if (!doc || !appWindow) return;
    let cancelled = false;
    let connected: AppBridge | undefined;
    const origin: AppOrigin = { instance, resourceUri, ...(latest.current.tool ? { toolName: latest.current.tool.name } : {}) };
    const recorder = new AppFrameRecorder(sessionId, origin);
    recorder.onFailure = setNotRecorded;
    const current = latest.current;
    void connectHostBridge({
      appWindow,
      sessionId,
      app: origin,
      recorder,
      hostContext: appHostContext({ theme: current.theme, displayMode: "inline", width: current.width ?? frameWrap.current?.clientWidth ?? 600, tool: current.tool }),
      tools: () => queryClient.getQueryData<Tool[]>(["tools", sessionId]),
      serverResources: current.serverResources,
      events: {
        onInitialized: (info) => {
          setAppInfo(info);
          setPhase("ready");
        },
        onSize: ({ height: h }) => {
          if (typeof h === "number" && Number.isFinite(h)) setHeight(Math.min(Math.max(Math.ceil(h), 40), 4000));
        },
        onDisplayMode: (mode) => {
          const next = mode === "inline" || mode === "fullscreen" ? mode : displayModeRef.current;
          setDisplayMode(next);
          return next;
        },
        onModelContext: setModelContext,
        onTeardownRequest: () => {
          void connected?.teardownResource({}, { timeout: 2000 }).catch(() => undefined).finally(() => latest.current.onClosed());
        },
      },
    }).then(
      (b) => {
        connected = b;
        if (cancelled) return void b.close();
        setBridge(b);
        setPhase("loading");
        setSrc(doc.url);
      },
      (err: unknown) => !cancelled && setError(describeError(err)),
    );
    // The tools list, for the visibility check of the app's tool calls.
    void queryClient.ensureQueryData({ queryKey: ["tools", sessionId], queryFn: () => listAllTools(sessionId), staleTime: Infinity }).catch(() => undefined);
    return () => {
      cancelled = true;
      // Best effort: the iframe goes with this component, so the app gets no time to answer.
      void connected?.teardownResource({}, { timeout: 500 }).catch(() => undefined).finally(() => void connected?.close());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one bridge per document; later props reach it through `latest`
  }, [doc]);

  // 3. The tool's input once the app initialized, then its outcome whenever it changes.
  const inputSent = useRef(false);
  const outcomeSent = useRef<AppToolOutcome>(undefined);
  useEffect(() => {
    if (!bridge || phase !== "ready") return;
    if (!inputSent.current) {
      inputSent.current = true;
      void bridge.sendToolInput({ arguments: latest.current.toolInput ?? {} });
    }
    const outcome = props.outcome;
    if (outcome && outcomeSent.current !== outcome) {
      outcomeSent.current = outcome;
      if ("result" in outcome) void bridge.sendToolResult(outcome.result as Parameters<AppBridge["sendToolResult"]>[0]);
      else void bridge.sendToolCancelled({ reason: `The tool call failed: protocol error ${outcome.error.code}: ${outcome.error.message}` });
    }
  }, [bridge, phase, props.outcome]);

  // 4. The pane's width, and context changes (theme, size, display mode) once the app listens.
  useEffect(() => {
    const wrap = frameWrap.current;
    if (!wrap) return;
    const observer = new ResizeObserver(() => setPaneWidth(wrap.clientWidth));
    observer.observe(wrap);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (!bridge || phase !== "ready") return;
    const fullscreen = displayMode === "fullscreen";
    bridge.setHostContext(appHostContext({ theme, displayMode, width: fullscreen ? window.innerWidth : (width ?? paneWidth ?? 600), tool }));
  }, [bridge, phase, theme, displayMode, width, paneWidth, tool]);

  const fullscreen = displayMode === "fullscreen";
  const setMode = (mode: McpUiDisplayMode) => setDisplayMode(mode);
  const bordered = resource?.prefersBorder !== false;
  return (
    <div className={`app-view${fullscreen ? " fullscreen" : ""}`} data-app-theme={theme}>
      <div className="app-view-head">
        <code className="app-uri" title={resourceUri}>
          {resourceUri}
        </code>
        <span role="status" className="muted small">
          {error ? "Failed" : phase === "ready" && appInfo ? `${appInfo.name} ${appInfo.version}` : PHASE_TEXT[phase]}
        </span>
        <span className="app-view-actions">
          {fullscreen ? (
            <button type="button" className="small" onClick={() => setMode("inline")}>
              Exit full screen
            </button>
          ) : (
            <button type="button" className="small ghost" onClick={() => setMode("fullscreen")} disabled={phase !== "ready"}>
              Full screen
            </button>
          )}
          <button type="button" className="small ghost" onClick={props.onReload}>
            Reload app
          </button>
        </span>
      </div>
      <ErrorAlert error={error} />
      {notRecorded && <p className="muted small pad">{notRecorded}</p>}
      {resource?.warnings.map((w) => (
        <p key={w} className="app-warning">
          {w}
        </p>
      ))}
      <div className={`app-frame-wrap${bordered ? " bordered" : ""}`} ref={frameWrap}>
        {doc && (
          <iframe
            ref={iframe}
            title={`MCP App ${resourceUri}`}
            src={src}
            sandbox={doc.sandbox}
            allow={doc.allow}
            referrerPolicy="no-referrer"
            className="app-frame"
            style={{ width: fullscreen ? "100%" : width !== undefined ? `${width}px` : "100%", height: fullscreen ? "100%" : `${height ?? 160}px` }}
          />
        )}
      </div>
      {doc && <SandboxDetails doc={doc} />}
      {modelContext !== undefined && (
        <details className="app-model-context">
          <summary>Model context from the app</summary>
          <pre className="json">{JSON.stringify(modelContext, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}
