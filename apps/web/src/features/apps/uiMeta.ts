import { UI_RESOURCE_MIME_TYPE } from "@mcpscope/protocol/types";

/** Who may call a tool (MCP Apps SEP-1865 "Visibility"): the model, the app, or both (the default). */
export type ToolVisibility = "model" | "app";

/** The deprecated flat key of a tool's UI resource (SEP-1865 "Resource Discovery"). */
const LEGACY_RESOURCE_URI_KEY = "ui/resourceUri";

type WithMeta = { _meta?: unknown };

function uiMetaOf(item: WithMeta): Record<string, unknown> | undefined {
  const meta = item._meta;
  if (typeof meta !== "object" || meta === null) return undefined;
  const ui = (meta as Record<string, unknown>).ui;
  return typeof ui === "object" && ui !== null && !Array.isArray(ui) ? (ui as Record<string, unknown>) : undefined;
}

/**
 * The `ui://` resource a tool renders its results with: `_meta.ui.resourceUri`, else the
 * deprecated `_meta["ui/resourceUri"]` (SEP-1865 "Resource Discovery"); undefined when
 * neither is a `ui://` URI.
 */
export function toolUiResourceUri(tool: WithMeta): string | undefined {
  const nested = uiMetaOf(tool)?.resourceUri;
  const flat = typeof tool._meta === "object" && tool._meta !== null ? (tool._meta as Record<string, unknown>)[LEGACY_RESOURCE_URI_KEY] : undefined;
  const uri = typeof nested === "string" ? nested : typeof flat === "string" ? flat : undefined;
  return uri?.startsWith("ui://") ? uri : undefined;
}

/** A tool's `_meta.ui.visibility`; `["model", "app"]` when absent or malformed. */
export function toolVisibility(tool: WithMeta): ToolVisibility[] {
  const value = uiMetaOf(tool)?.visibility;
  if (!Array.isArray(value)) return ["model", "app"];
  return value.filter((v): v is ToolVisibility => v === "model" || v === "app");
}

/** True when a resource is an MCP App's HTML: its MIME type is `text/html;profile=mcp-app` (spacing and case aside). */
export function isAppMimeType(mimeType: unknown): boolean {
  return typeof mimeType === "string" && mimeType.replace(/\s+/g, "").toLowerCase() === UI_RESOURCE_MIME_TYPE;
}

/** The `_meta.ui` of a resource or resource content (`csp`, `permissions`, `prefersBorder` …), if any. */
export function resourceUiMeta(item: WithMeta): Record<string, unknown> | undefined {
  return uiMetaOf(item);
}
