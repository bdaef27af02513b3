/** A resource as `resources/list` returns it (MCP 2025-11-25 "Resources"). */
export interface Resource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  /** Size in bytes, if the server knows it. */
  size?: number;
}

/** A resource template as `resources/templates/list` returns it (RFC 6570 `uriTemplate`). */
export interface ResourceTemplate {
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

/** One item of `resources/read`'s `contents`: text, or a base64 `blob`. */
export interface ResourceContent {
  uri: string;
  mimeType?: string;
  text?: string;
  blob?: string;
}
