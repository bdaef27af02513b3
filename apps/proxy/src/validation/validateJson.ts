import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** One validation error: where (a JSON Pointer, RFC 6901) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  /** The JSON Schema dialect used: "2020-12" unless the schema declares draft-07 (or older). */
  dialect: "2020-12" | "draft-07";
  errors: ValidationIssue[];
}

const options = { allErrors: true, strict: false, validateFormats: true } as const;
// Each dialect's Ajv (it compiles its meta-schemas when made) is made on its first use, like
// the validators themselves, rather than at every start of mcpscope.
let ajv2020: Ajv2020 | undefined;
let ajv07: Ajv | undefined;
const ajvFor = (dialect: ValidationResult["dialect"]): Ajv | Ajv2020 =>
  dialect === "draft-07" ? (ajv07 ??= addFormats(new Ajv(options))) : (ajv2020 ??= addFormats(new Ajv2020(options)));
const compiled = new WeakMap<object, ValidateFunction>();
const cache = new Map<string, ValidateFunction>();
const MAX_CACHED = 500;

function dialectOf(schema: Record<string, unknown>): ValidationResult["dialect"] {
  const declared = typeof schema.$schema === "string" ? schema.$schema : "";
  return /draft-0[4-7]/.test(declared) ? "draft-07" : "2020-12";
}

/**
 * Validates data against a JSON Schema with Ajv: 2020-12 by default (MCP 2025-11-25 "Tools"
 * defaults input schemas to it), draft-07 when the schema's `$schema` says so; formats
 * (date, date-time, email, uri …) checked. Compiled validators are cached by schema text.
 * @throws Error when the schema itself is invalid (its message says why).
 */
export function validateJson(schema: Record<string, unknown>, data: unknown): ValidationResult {
  const dialect = dialectOf(schema);
  const validate = compiled.get(schema) ?? compile(schema, dialect);
  compiled.set(schema, validate);
  const valid = validate(data);
  return { valid, dialect, errors: valid ? [] : (validate.errors ?? []).map(toIssue) };
}

function compile(schema: Record<string, unknown>, dialect: ValidationResult["dialect"]): ValidateFunction {
  const key = `${dialect}:${JSON.stringify(schema)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const { $schema: _ignored, ...rest } = schema;
  const validate = ajvFor(dialect).compile(rest);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, validate);
  return validate;
}

function toIssue(error: ErrorObject): ValidationIssue {
  const missing = error.keyword === "required" ? `/${(error.params as { missingProperty: string }).missingProperty}` : "";
  return { path: `${error.instancePath}${missing}` || "/", message: error.message ?? error.keyword };
}
