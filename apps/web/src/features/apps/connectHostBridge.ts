import { type BaseContext, ProtocolError } from "@modelcontextprotocol/client";
import { AppBridge, type McpUiDisplayMode, type McpUiHostCapabilities, type McpUiHostContext } from "@modelcontextprotocol/ext-apps/app-bridge";
import type { AppOrigin } from "@mcpscope/protocol/types";
import { request, restClient } from "../../api/restClient";
import type { Tool } from "../tools/toolTypes";
import type { AppFrameRecorder } from "./AppFrameRecorder";
import { appsApi } from "./appsApi";
import { RecordingTransport } from "./RecordingTransport";
import { toolVisibility } from "./uiMeta";

/** What the page hosting an app does for it. */
export interface HostBridgeEvents {
  /** The app finished `ui/initialize` (its name and version, if it gave them). */
  onInitialized(app: { name: string; version: string } | undefined): void;
  /** The app's content size changed (`ui/notifications/size-changed`), in CSS pixels. */
  onSize(size: { width?: number; height?: number }): void;
  /** The app asks for a display mode; answers the mode now in effect. */
  onDisplayMode(mode: McpUiDisplayMode): McpUiDisplayMode;
  /** The app replaced its model context (`ui/update-model-context`). */
  onModelContext(context: { content?: unknown[]; structuredContent?: Record<string, unknown> }): void;
  /** The app asks to be closed (`ui/notifications/request-teardown`). */
  onTeardownRequest(): void;
}

export interface HostBridgeOptions {
  /** The app iframe's window (`contentWindow`): the only source whose messages count. */
  appWindow: Window;
  sessionId: string;
  app: AppOrigin;
  recorder: AppFrameRecorder;
  hostContext: McpUiHostContext;
  /** The server's tools as listed now (to refuse calls to tools the app may not call). */
  tools: () => Tool[] | undefined;
  /** Whether the server declares `resources` (the app may read and list them). */
  serverResources: boolean;
  events: HostBridgeEvents;
}

/** JSON-RPC 2.0 §5.1 "Invalid params", for a tool the app may not call. */
const INVALID_PARAMS = -32602;
/** Implementation-defined server error (JSON-RPC 2.0 §5.1), the spec's code for a refused app request. */
const REFUSED = -32000;

let version: Promise<string> | undefined;
/** mcpscope's version (`GET /api/health`), asked once. */
function mcpscopeVersion(): Promise<string> {
  version ??= request<{ version?: string }>("GET", "/api/health").then(
    (health) => health.version ?? "unknown",
    () => "unknown",
  );
  return version;
}

/** Sends one request to the server through the session (recorded, paired, in Spans), answering its result or throwing its error. */
async function forward(sessionId: string, method: string, params: Record<string, unknown> | undefined): Promise<Record<string, unknown>> {
  const answer = await restClient.sendRequest(sessionId, { method, ...(params ? { params } : {}) });
  if ("error" in answer) throw new ProtocolError(answer.error.code, answer.error.message, answer.error.data);
  return answer.result;
}

/**
 * Connects mcpscope, as an MCP Apps host, to one app's iframe: the ext-apps `AppBridge` over
 * a `RecordingTransport` (MCP Apps extension SEP-1865 "Communication Protocol"). The app's
 * `tools/call` (only for tools whose `_meta.ui.visibility` includes `app`), `resources/read`
 * and resource lists go to the server through the session like any other request; its
 * `ui/open-link`, `ui/message` and `ui/download-file` wait in the inbox for a person to
 * approve or deny them; size, display mode, model context and teardown requests go to
 * `events`. Resolves once the bridge listens: the iframe may load its document then.
 */
export async function connectHostBridge(options: HostBridgeOptions): Promise<AppBridge> {
  const { sessionId, app, events } = options;
  const capabilities: McpUiHostCapabilities = {
    openLinks: {},
    downloadFile: {},
    serverTools: {},
    ...(options.serverResources ? { serverResources: {} } : {}),
    logging: {},
    message: { text: {}, image: {}, resource: {}, resourceLink: {} },
    updateModelContext: { text: {}, image: {}, resource: {}, resourceLink: {}, structuredContent: {} },
  };
  const bridge = new AppBridge(null, { name: "mcpscope", version: await mcpscopeVersion() }, capabilities, { hostContext: options.hostContext });

  bridge.oncalltool = async (params) => {
    const tool = options.tools()?.find((t) => t.name === params.name);
    if (!tool) throw new ProtocolError(INVALID_PARAMS, `Unknown tool: ${params.name} is not in the server's tools/list.`);
    if (!toolVisibility(tool).includes("app")) {
      throw new ProtocolError(INVALID_PARAMS, `Tool ${params.name} is not callable by apps: its _meta.ui.visibility does not include "app" (MCP Apps, Visibility).`);
    }
    return (await forward(sessionId, "tools/call", params)) as Awaited<ReturnType<NonNullable<AppBridge["oncalltool"]>>>;
  };
  bridge.onreadresource = async (params) => (await forward(sessionId, "resources/read", params)) as Awaited<ReturnType<NonNullable<AppBridge["onreadresource"]>>>;
  if (options.serverResources) {
    bridge.onlistresources = async (params) => (await forward(sessionId, "resources/list", params)) as Awaited<ReturnType<NonNullable<AppBridge["onlistresources"]>>>;
    bridge.onlistresourcetemplates = async (params) =>
      (await forward(sessionId, "resources/templates/list", params)) as Awaited<ReturnType<NonNullable<AppBridge["onlistresourcetemplates"]>>>;
  }

  const askPerson = async (method: "ui/open-link" | "ui/message" | "ui/download-file", params: Record<string, unknown>, ctx: BaseContext) => {
    const answer = await appsApi.askApproval(sessionId, { app, requestId: ctx.mcpReq.id, method, params }, ctx.mcpReq.signal);
    if ("error" in answer) throw new ProtocolError(REFUSED, answer.error.message);
    return {};
  };
  bridge.onopenlink = (params, ctx) => askPerson("ui/open-link", params, ctx);
  bridge.onmessage = (params, ctx) => askPerson("ui/message", params, ctx);
  bridge.ondownloadfile = (params, ctx) => askPerson("ui/download-file", params, ctx);
  bridge.onupdatemodelcontext = async (params) => {
    events.onModelContext(params);
    return {};
  };
  bridge.onrequestdisplaymode = async ({ mode }) => ({ mode: events.onDisplayMode(mode) });
  bridge.addEventListener("sizechange", (size) => events.onSize(size));
  bridge.addEventListener("requestteardown", () => events.onTeardownRequest());
  bridge.addEventListener("initialized", () => events.onInitialized(bridge.getAppVersion()));

  await bridge.connect(new RecordingTransport(options.appWindow, options.recorder));
  return bridge;
}
