import type { SessionInfo } from "@mcpscope/protocol/types";
import type { Resource } from "../resources/resourceTypes";
import { pagedItems, usePagedList } from "../sidebar/usePagedList";
import type { Tool } from "../tools/toolTypes";
import { useTools } from "../tools/useTools";
import { isAppMimeType, resourceUiMeta, toolUiResourceUri } from "./uiMeta";

/** One MCP App of a server: its `ui://` resource, the tools that render with it, and its `resources/list` entry if listed. */
export interface AppResourceEntry {
  uri: string;
  /** Its `resources/list` entry (name, description, `_meta.ui`), when the server lists it. */
  listed?: Resource & { _meta?: Record<string, unknown> };
  /** Tools whose `_meta.ui.resourceUri` names it. */
  tools: Tool[];
}

/**
 * The server's MCP Apps (SEP-1865 "Resource Discovery"): `ui://` resources named by a tool's
 * `_meta.ui.resourceUri`, and resources listed with MIME type `text/html;profile=mcp-app`
 * (servers may leave UI-only resources out of `resources/list`, so both count). Uses the
 * cached `tools/list` and first `resources/list` page (the Tools and Resources panes' queries).
 */
export function useAppResources(session: SessionInfo | undefined, enabled = true) {
  const ready = enabled && session?.status === "ready";
  const tools = useTools(session?.id, ready);
  const listsResources = session?.capabilities?.resources !== undefined;
  const resources = usePagedList<Resource & { _meta?: Record<string, unknown> }>("resources", session?.id, "resources/list", "resources", ready && listsResources);
  const entries = new Map<string, AppResourceEntry>();
  for (const tool of tools.data ?? []) {
    const uri = toolUiResourceUri(tool);
    if (!uri) continue;
    const entry = entries.get(uri) ?? { uri, tools: [] };
    entry.tools.push(tool);
    entries.set(uri, entry);
  }
  for (const resource of pagedItems(resources.data)) {
    if (!isAppMimeType(resource.mimeType) && !resource.uri.startsWith("ui://")) continue;
    const entry = entries.get(resource.uri) ?? { uri: resource.uri, tools: [] };
    entry.listed = resource;
    entries.set(resource.uri, entry);
  }
  return { apps: [...entries.values()], tools, resources, isPending: tools.isPending || (listsResources && resources.isPending) };
}

/** The listed `_meta.ui` of an app's resource, if any (the fallback when a read content has none). */
export function listedUiMeta(entry: AppResourceEntry | undefined): Record<string, unknown> | undefined {
  return entry?.listed ? resourceUiMeta(entry.listed) : undefined;
}

/** True when a server's tools name an MCP App (the Apps tab shows then). */
export function toolsHaveApps(tools: readonly Tool[] | undefined): boolean {
  return (tools ?? []).some((tool) => toolUiResourceUri(tool) !== undefined);
}
