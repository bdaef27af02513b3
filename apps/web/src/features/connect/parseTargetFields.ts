/** One argument per line; blank lines are dropped, other lines kept verbatim. */
export function parseArgumentLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\r$/, ""))
    .filter((line) => line.trim() !== "");
}

/**
 * `KEY=VALUE` per line (blank lines and `#` comments ignored).
 * @throws Error naming the first line that has no `=` or an empty key.
 */
export function parseEnvLines(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const eq = trimmed.indexOf("=");
    if (eq <= 0) throw new Error(`Environment line ${i + 1} is not KEY=VALUE: "${trimmed}".`);
    env[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1);
  });
  return env;
}

/**
 * `Name: value` per line (blank lines and `#` comments ignored); the value is trimmed.
 * @throws Error naming the first line that has no `:` or an empty or invalid header name.
 */
export function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const colon = trimmed.indexOf(":");
    const name = colon > 0 ? trimmed.slice(0, colon).trim() : "";
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new Error(`Headers line ${i + 1} is not "Name: value": "${trimmed}".`);
    headers[name] = trimmed.slice(colon + 1).trim();
  });
  return headers;
}

/** `value` as a URL; throws "Enter <what> (… is not a URL)." when it is not one. */
function parseTypedUrl(value: string, what: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new Error(`Enter ${what} ("${value}" is not a URL).`);
  }
}

/**
 * Checks a server URL typed by the user.
 * @throws Error when it is not an absolute http: or https: URL.
 */
export function checkServerUrl(text: string): string {
  const value = text.trim();
  const url = parseTypedUrl(value, "the server's full URL, e.g. http://localhost:3001/mcp");
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`The URL must start with http:// or https:// (not ${url.protocol}).`);
  return value;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Checks a Client ID Metadata Document URL typed by the user: the URL that is the client's
 * `client_id` (MCP 2026-07-28 "Authorization → Client ID Metadata Documents";
 * draft-ietf-oauth-client-id-metadata-document: an https URL with a path).
 * Plain http is accepted for a loopback host only, for local authorization servers.
 * @returns the trimmed URL.
 * @throws Error saying what is wrong (not a URL, scheme, no path).
 */
export function checkClientMetadataUrl(text: string): string {
  const value = text.trim();
  const url = parseTypedUrl(value, "the metadata document's full URL, e.g. https://example.com/oauth/client.json");
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new Error(`A client metadata document URL must be https:// (http:// only on localhost), not ${url.protocol}//${url.host}.`);
  }
  if (url.pathname === "/" || url.pathname === "") throw new Error("A client metadata document URL needs a path, e.g. https://example.com/oauth/client.json.");
  return value;
}
