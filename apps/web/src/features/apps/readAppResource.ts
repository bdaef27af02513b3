import { UI_RESOURCE_MIME_TYPE } from "@mcpscope/protocol/types";
import { mcpRequest } from "../sidebar/mcpRequest";
import { isAppMimeType, resourceUiMeta } from "./uiMeta";

/** An MCP App's HTML and what its `_meta.ui` declares. */
export interface AppResource {
  html: string;
  /** `_meta.ui.csp` as the server sent it (any shape: the proxy judges it). */
  csp?: unknown;
  /** `_meta.ui.permissions` as the server sent it. */
  permissions?: unknown;
  /** `_meta.ui.prefersBorder`: whether the app wants a visible border (undefined: mcpscope decides). */
  prefersBorder?: boolean;
  /** What is off about the resource, for the developer (e.g. a MIME type without the profile). */
  warnings: string[];
}

interface ResourceContent {
  uri?: string;
  mimeType?: string;
  text?: string;
  blob?: string;
  _meta?: unknown;
}

function decodeBase64Utf8(blob: string): string {
  const bytes = Uint8Array.from(atob(blob), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Reads an app's `ui://` resource through the session (`resources/read`, recorded like any
 * request; SEP-1865 "Resource Discovery": the host MUST use `resources/read`). The HTML is
 * the content's `text`, or its base64 `blob` decoded as UTF-8. `_meta.ui` comes from the
 * content, else from the resource's `resources/list` entry (`listedMeta`).
 * @throws when the server answers an error or the resource has no HTML content.
 */
export async function readAppResource(sessionId: string, uri: string, listedMeta?: Record<string, unknown>): Promise<AppResource> {
  const result = await mcpRequest<{ contents?: ResourceContent[] }>(sessionId, "resources/read", { uri });
  const contents = Array.isArray(result.contents) ? result.contents : [];
  const content = contents.find((c) => c.uri === uri) ?? contents[0];
  if (!content) throw new Error(`resources/read of ${uri} answered no contents: an MCP App resource must carry its HTML.`);
  const html = typeof content.text === "string" ? content.text : typeof content.blob === "string" ? decodeBase64Utf8(content.blob) : undefined;
  if (html === undefined) throw new Error(`resources/read of ${uri} answered neither text nor blob: an MCP App resource must carry its HTML.`);
  const warnings: string[] = [];
  if (!isAppMimeType(content.mimeType)) {
    warnings.push(`The content's mimeType is ${content.mimeType === undefined ? "missing" : JSON.stringify(content.mimeType)}; an MCP App's must be ${UI_RESOURCE_MIME_TYPE}.`);
  }
  const ui = resourceUiMeta(content) ?? listedMeta ?? {};
  return {
    html,
    ...(ui.csp !== undefined ? { csp: ui.csp } : {}),
    ...(ui.permissions !== undefined ? { permissions: ui.permissions } : {}),
    ...(typeof ui.prefersBorder === "boolean" ? { prefersBorder: ui.prefersBorder } : {}),
    warnings,
  };
}
