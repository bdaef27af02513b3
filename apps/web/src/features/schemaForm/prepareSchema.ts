import type { RJSFSchema } from "@rjsf/utils";
import { asText } from "../../lib/format";

type Json = Record<string, unknown>;

const SUBSCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"] as const;
const SUBSCHEMA_ONE = ["items", "additionalProperties", "contains", "not", "if", "then", "else", "propertyNames", "unevaluatedProperties", "unevaluatedItems"] as const;
const SUBSCHEMA_LISTS = ["oneOf", "anyOf", "allOf", "prefixItems"] as const;
const SCALAR_TYPES = new Set(["string", "number", "integer", "boolean"]);

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON Schema type of a literal (`const`/`enum` member): "integer" for whole numbers. */
function typeOfLiteral(value: unknown): string | undefined {
  if (value === null) return "null";
  if (typeof value === "string" || typeof value === "boolean") return typeof value;
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return undefined;
}

/** One type for all literals ("number" when integers and fractions mix), else undefined. */
function commonType(values: unknown[]): string | undefined {
  const types = new Set(values.map(typeOfLiteral));
  if (types.size === 2 && types.has("integer") && types.has("number")) return "number";
  return types.size === 1 ? [...types][0] : undefined;
}

function refName(ref: unknown): string | undefined {
  return typeof ref === "string" ? decodeURIComponent(ref.split("/").pop() ?? "") || undefined : undefined;
}

/** A readable title for an option of oneOf/anyOf that has none (RJSF would say "Option 1"). */
function optionTitle(option: Json): string | undefined {
  if (option.const !== undefined) return asText(option.const);
  if (option.$ref) return refName(option.$ref);
  if (typeof option.type === "string") return option.type;
  if (Array.isArray(option.type)) return option.type.join(" or ");
  return undefined;
}

function isNullSchema(s: unknown): boolean {
  return isObject(s) && (s.type === "null" || s.const === null) && Object.keys(s).every((k) => ["type", "const", "title", "description"].includes(k));
}

/** Rewrites one subschema (already a copy) so RJSF renders a real field for it. */
function fixNode(node: Json, isOption: boolean): Json {
  let s = node;
  // anyOf/oneOf [X, {type: "null"}] with a plain scalar X: the same as type [X, "null"].
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = s[key];
    if (!Array.isArray(options) || options.length !== 2) continue;
    const nonNull: unknown[] = options.filter((o) => !isNullSchema(o));
    const only = nonNull[0];
    if (nonNull.length === 1 && isObject(only) && typeof only.type === "string" && SCALAR_TYPES.has(only.type) && !only.oneOf && !only.anyOf) {
      const { [key]: _drop, ...rest } = s;
      void _drop;
      s = { ...only, ...rest, type: [only.type, "null"] };
    }
  }
  // oneOf/anyOf of const (an enum with titles): RJSF needs the type to render a select.
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = s[key];
    if (!Array.isArray(options) || options.length === 0) continue;
    if (options.every((o) => isObject(o) && o.const !== undefined)) {
      if (s.type === undefined) {
        const type = commonType(options.map((o) => (o as Json).const));
        if (type) s = { ...s, type };
      }
      const titled = options.map((o: unknown) => ((o as Json).title === undefined ? { ...(o as Json), title: asText((o as Json).const) } : o));
      // anyOf of distinct consts accepts what oneOf does; as oneOf, RJSF leaves it empty
      // instead of filling in the first choice.
      const distinct = new Set(options.map((o) => JSON.stringify((o as Json).const))).size === options.length;
      if (key === "anyOf" && distinct && !s.oneOf) {
        const { anyOf: _a, ...rest } = s;
        void _a;
        s = { ...rest, oneOf: titled };
      } else s = { ...s, [key]: titled };
    } else {
      s = { ...s, [key]: options.map((o: unknown) => (isObject(o) && o.title === undefined && optionTitle(o) ? { ...o, title: optionTitle(o) } : o)) };
    }
  }
  if (s.type === undefined && Array.isArray(s.enum)) {
    const type = commonType(s.enum);
    if (type) s = { ...s, type };
  }
  if (s.const !== undefined && !isOption) {
    // A fixed value: read-only (readOnly is an annotation, not a constraint); the form fills
    // it in (see formState.ts).
    s = { ...s, type: s.type ?? typeOfLiteral(s.const), readOnly: true };
  }
  // type [A, B] with two non-null types: one field per type, picked from a select.
  if (Array.isArray(s.type)) {
    const nonNull = (s.type as unknown[]).filter((t) => t !== "null");
    if (nonNull.length > 1 && !s.anyOf && !s.oneOf) {
      const { type: _t, ...rest } = s;
      void _t;
      s = { ...rest, anyOf: (s.type as string[]).map((t) => ({ type: t, title: t })) };
    }
  }
  return s;
}

/** Keywords that give a schema a shape; a schema with none of them accepts any JSON value. */
const SHAPING = ["type", "$ref", "$dynamicRef", "enum", "const", "oneOf", "anyOf", "allOf", "not", "if", "properties", "patternProperties", "additionalProperties", "items", "prefixItems", "required"];

/** Where the "any JSON value" schema goes in the prepared root's `$defs`. */
export const ANY_VALUE_DEF = "mcpscope-any-value";

/** Any JSON value as a choice of one field per JSON type (arrays and maps nest it). */
const ANY_VALUE = {
  anyOf: [
    { type: "string", title: "string" },
    { type: "number", title: "number" },
    { type: "boolean", title: "boolean" },
    { type: "object", title: "object", additionalProperties: { $ref: `#/$defs/${ANY_VALUE_DEF}` } },
    { type: "array", title: "array", items: { $ref: `#/$defs/${ANY_VALUE_DEF}` } },
    { type: "null", title: "null" },
  ],
};

function isAnyValue(s: Json): boolean {
  return !SHAPING.some((k) => k in s);
}

/** Where a subschema sits: an option of oneOf/anyOf; a place a value goes (property, item, map value). */
interface Place {
  isOption?: boolean;
  holdsValue?: boolean;
}

function walk(value: unknown, depth: number, place: Place, usesAny: { used: boolean }): unknown {
  const isOption = place.isOption === true;
  if (!isObject(value) || depth > 64) return value;
  if (place.holdsValue && isAnyValue(value)) {
    usesAny.used = true;
    return { ...value, $ref: `#/$defs/${ANY_VALUE_DEF}` };
  }
  let s: Json = { ...value };
  for (const key of SUBSCHEMA_MAPS) {
    const map = s[key];
    const holdsValue = key === "properties" || key === "patternProperties";
    if (isObject(map)) s[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, walk(v, depth + 1, { holdsValue }, usesAny)]));
  }
  for (const key of SUBSCHEMA_ONE) if (isObject(s[key])) s[key] = walk(s[key], depth + 1, { holdsValue: key === "items" || key === "additionalProperties" }, usesAny);
  for (const key of SUBSCHEMA_LISTS) {
    if (Array.isArray(s[key])) s[key] = (s[key] as unknown[]).map((v) => walk(v, depth + 1, { isOption: key === "oneOf" || key === "anyOf", holdsValue: key === "prefixItems" }, usesAny));
  }
  s = fixNode(s, isOption);
  return s;
}

/**
 * Makes a JSON Schema (a tool's `inputSchema`, an elicitation's `requestedSchema`, …) render
 * as a real form in RJSF, without changing what it accepts:
 * - drops the root `$id` (RJSF would resolve `$ref`s against it as a remote URI) and makes
 *   sure the root is an object;
 * - gives `oneOf`/`anyOf` of `const` a `type` (RJSF renders them as a select with the titles)
 *   and titles options that have none (their `const`, `$ref` name or type);
 * - turns `anyOf: [X, {type: "null"}]` with a scalar X into `type: [X, "null"]`;
 * - infers the type of `enum`/`const` without one; `const` fields are read-only;
 * - splits `type: [A, B]` into an `anyOf` of one field per type;
 * - gives a property, item or map value without any shaping keyword (`{}`, `{description}`:
 *   any JSON value, as `Any` parameters are sent) a choice of one field per JSON type.
 * Walks every subschema (properties, items, `$defs`/`definitions`, compositions, …).
 */
export function prepareSchema(inputSchema: Record<string, unknown> | undefined): RJSFSchema {
  const { $id: _id, ...rest } = inputSchema ?? {};
  void _id;
  const usesAny = { used: false };
  const prepared = walk({ type: "object", properties: {}, ...rest }, 0, {}, usesAny) as Json;
  if (usesAny.used) prepared.$defs = { ...(isObject(prepared.$defs) ? prepared.$defs : {}), [ANY_VALUE_DEF]: ANY_VALUE };
  return prepared;
}

/** Drops `undefined` members (recursively) so optional fields left empty are omitted. */
export function pruneUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneUndefined);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = pruneUndefined(v);
    return out;
  }
  return value;
}
