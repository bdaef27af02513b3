// MCP Apps vocabulary as plain values, without zod (the browser imports these through
// `@mcpscope/protocol/types`).

/** The MCP Apps extension's identifier, the key under `capabilities.extensions` (SEP-1865 "Extension Identifier"). */
export const UI_EXTENSION_ID = "io.modelcontextprotocol/ui";

/** MIME type of an MCP App's HTML resource (SEP-1865 "UI Resource Format"). */
export const UI_RESOURCE_MIME_TYPE = "text/html;profile=mcp-app";

/**
 * App requests a person approves in the inbox (SEP-1865 "Requests (View → Host)"): opening
 * a link, sending a message to the conversation, downloading a file.
 */
export const APP_REQUEST_METHODS = ["ui/open-link", "ui/message", "ui/download-file"] as const;
