import { REDACTED } from "../sessions/transports/redactHeaders.js";

/**
 * Names of OAuth parameters and JSON members whose values are secrets: tokens (RFC 6749
 * §4.1.4, §6; OpenID Connect `id_token`), the authorization code and PKCE verifier (RFC
 * 6749 §4.1.2, RFC 7636 §4.5), client secrets and assertions (RFC 6749 §2.3.1, RFC 7523),
 * and registration access tokens (RFC 7592).
 */
const SECRET_FIELDS = new Set([
  "access_token",
  "refresh_token",
  "id_token",
  "code",
  "code_verifier",
  "client_secret",
  "client_assertion",
  "assertion",
  "subject_token",
  "actor_token",
  "registration_access_token",
  "device_code",
  "password",
]);

/** Whether an OAuth parameter or JSON member name carries a secret. */
export function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(name.toLowerCase());
}

/** A JSON value with the values of secret members replaced by `[redacted]`, at any depth. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, isSecretField(key) && v !== null && v !== "" ? REDACTED : redactJson(v)]));
}

/** `application/x-www-form-urlencoded` text (or a query) with secret parameter values redacted. */
export function redactForm(text: string): string {
  const params = new URLSearchParams(text);
  for (const [name] of [...params]) if (isSecretField(name)) params.set(name, REDACTED);
  return params.toString();
}

/** A URL with secret query parameters (`code`, tokens …) redacted; anything unparsable as is. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  for (const [name] of [...parsed.searchParams]) {
    if (isSecretField(name)) {
      parsed.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? parsed.toString() : url;
}

/** A request or response body with its secrets redacted: JSON members, form parameters, or as is. */
export function redactBody(text: string, contentType: string | undefined): string {
  const type = (contentType ?? "").toLowerCase();
  const trimmed = text.trim();
  if (type.includes("json") || trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.stringify(redactJson(JSON.parse(text)));
    } catch {
      // not JSON after all: fall through
    }
  }
  if (type.includes("x-www-form-urlencoded")) return redactForm(text);
  return text;
}

/**
 * Replaces every occurrence of the given secret strings in `text` with `[redacted]`: the
 * last line of defence that keeps a token the session holds out of anything recorded or
 * shown, whatever field or message it turns up in.
 */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * A frame about to be recorded with every secret the session holds replaced by
 * `[redacted]`, in its raw text and details (the parsed message is parsed again from the
 * scrubbed text). Frames without any of them pass unchanged and uncopied.
 */
export function scrubFrame<T extends { raw: string; msg?: unknown; meta?: Record<string, unknown>; reason?: string }>(input: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return input;
  const hits = (text: string | undefined) => text !== undefined && secrets.some((s) => s.length >= 8 && text.includes(s));
  const metaText = input.meta ? JSON.stringify(input.meta) : undefined;
  if (!hits(input.raw) && !hits(metaText) && !hits(input.reason)) return input;
  const out = { ...input, raw: scrubSecrets(input.raw, secrets) };
  if (input.msg !== undefined && out.raw !== input.raw) {
    try {
      out.msg = JSON.parse(out.raw) as T["msg"];
    } catch {
      // a raw text that was JSON stays JSON: secrets are replaced inside strings only
    }
  }
  if (metaText && hits(metaText)) out.meta = JSON.parse(scrubSecrets(metaText, secrets)) as Record<string, unknown>;
  if (input.reason !== undefined) out.reason = scrubSecrets(input.reason, secrets);
  return out;
}
