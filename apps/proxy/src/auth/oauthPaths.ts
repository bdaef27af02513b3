/** The redirect URI path on mcpscope's origin (RFC 8252 §7.3 loopback redirect). */
export const CALLBACK_PATH = "/oauth/callback";
/** mcpscope's Client ID Metadata Document path on its origin. */
export const CLIENT_METADATA_PATH = "/oauth/client-metadata.json";
