import type { SessionTarget } from "@mcpscope/protocol";

/** Header names whose values are secrets (credentials, cookies, API keys). */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-auth[\w-]*)$|token|secret|password|api-?key|credential|session-?key/i;

/** The placeholder that replaces a secret value. */
export const REDACTED = "[redacted]";

/** Whether a header name carries a secret. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

/**
 * Copies headers with secret values replaced by `[redacted]` (docs/ARCHITECTURE.md "Security";
 * secrets are redacted in what the browser and recordings get unless the user opts in).
 * For `Authorization`, the scheme stays visible: `Bearer [redacted]`.
 */
export function redactHeaders(headers: Record<string, string>, reveal = false): Record<string, string> {
  if (reveal) return { ...headers };
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name)) out[name] = value;
    else if (/^(proxy-)?authorization$/i.test(name) && /^\S+\s/.test(value)) out[name] = `${value.split(/\s/)[0]} ${REDACTED}`;
    else out[name] = REDACTED;
  }
  return out;
}

/** A `HeadersInit` as a plain lower-case-keyed record. */
export function headersToRecord(init: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** Environment variable names whose values are secrets: …_KEY, …TOKEN…, …SECRET…, …PASSWORD… */
const SECRET_ENV = /(^|_)(KEY|APIKEY)$|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE/i;

/**
 * Copies a server's environment with secret values replaced by `[redacted]`: a variable
 * is secret when its name says so (API_KEY, GITHUB_TOKEN, DB_PASSWORD …).
 */
export function redactEnv(env: Record<string, string>, reveal = false): Record<string, string> {
  if (reveal) return { ...env };
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, SECRET_ENV.test(name) ? REDACTED : value]));
}

/**
 * A session target with secret env and header values redacted (docs/ARCHITECTURE.md
 * "Security"), and its OAuth client secret and access token always (even with
 * `revealSecrets`, which is about the user's own headers).
 */
export function redactTarget(target: SessionTarget): SessionTarget {
  if (target.transport === "stdio") return { ...target, env: redactEnv(target.env) };
  const oauth = target.oauth && {
    ...target.oauth,
    ...(target.oauth.clientSecret ? { clientSecret: REDACTED } : {}),
    ...(target.oauth.accessToken ? { accessToken: REDACTED } : {}),
  };
  return { ...target, headers: redactHeaders(target.headers, target.revealSecrets), ...(oauth ? { oauth } : {}) };
}
