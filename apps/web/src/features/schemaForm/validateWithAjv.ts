import type { ErrorSchema } from "@rjsf/utils";
import { request } from "../../api/restClient";

/** One Ajv error: where (a JSON Pointer into the data, RFC 6901; "/" for the root) and what. */
export interface AjvIssue {
  path: string;
  message: string;
}

/** The proxy's verdict (`POST /api/validate`). */
export interface AjvVerdict {
  valid: boolean;
  /** The dialect Ajv used: "draft-07" when the schema's `$schema` declares it (or older), else "2020-12". */
  dialect: "2020-12" | "draft-07";
  errors: AjvIssue[];
}

/**
 * The authoritative check of data against a JSON Schema, by Ajv in the proxy
 * (`POST /api/validate`).
 *
 * Why two validators: Ajv compiles each schema to JavaScript with `new Function`, which the
 * page's Content-Security-Policy (`script-src 'self'`, no 'unsafe-eval') forbids, and Ajv's
 * standalone (precompiled) code only works for schemas known at build time, not for the
 * schemas servers send at run time. So the form's live errors, on every keystroke, come from
 * @cfworker/json-schema (an interpreter, see `CspSafeValidator`), and the check before a
 * request is sent asks Ajv, the validator the issue and most servers use, through the proxy.
 * @throws ApiRequestError when the proxy cannot be reached, or (400) when the schema itself
 *   is not a valid JSON Schema (the message says why).
 */
export function validateWithAjv(schema: Record<string, unknown>, data: unknown): Promise<AjvVerdict> {
  return request<AjvVerdict>("POST", "/api/validate", { schema, data });
}

/** A human name for a verdict's dialect: "JSON Schema 2020-12", "JSON Schema draft-07". */
export function dialectName(dialect: AjvVerdict["dialect"]): string {
  return `JSON Schema ${dialect}`;
}

/**
 * Ajv's issues as RJSF's `ErrorSchema`, so each shows beside its field:
 * `[{path: "/user/name", message: "must be string"}]` → `{user: {name: {__errors: ["must be string"]}}}`.
 * Root issues (`"/"`) land on the root's `__errors`.
 */
export function issuesToErrorSchema(issues: AjvIssue[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    const parts = issue.path.split("/").slice(1).filter((p) => p !== "").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    let node = root;
    for (const part of parts) node = (node[part] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(issue.message);
  }
  return root as ErrorSchema;
}
