// Test helpers: values a user could type into a schema form, generated from the schema.
type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The subschema a local `$ref` (`#/$defs/x`, `#/definitions/x`) points at. */
export function resolveRef(ref: string, root: Json): Json {
  let node: unknown = root;
  for (const part of ref.replace(/^#\/?/, "").split("/").filter(Boolean)) node = (node as Json)[decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~")];
  if (!isObject(node)) throw new Error(`unresolvable $ref ${ref}`);
  return node;
}

function nonNull(options: unknown[]): Json {
  return (options.find((o) => isObject(o) && o.type !== "null") ?? options[0]) as Json;
}

function sampleString(s: Json): string {
  switch (s.format) {
    case "date":
      return "2025-06-01";
    case "date-time":
      return "2025-06-01T12:30:00.000Z";
    case "email":
      return "ada@example.com";
    case "uri":
      return "https://example.com/a";
  }
  return "sample";
}

function sampleNumber(s: Json, integer: boolean): number {
  const min = typeof s.minimum === "number" ? s.minimum : undefined;
  const max = typeof s.maximum === "number" ? s.maximum : undefined;
  const xmin = typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum : undefined;
  const xmax = typeof s.exclusiveMaximum === "number" ? s.exclusiveMaximum : undefined;
  if (xmin !== undefined && xmax !== undefined) return (xmin + xmax) / 2;
  let n = min ?? (xmin !== undefined ? xmin + 1 : 2);
  if (max !== undefined && n > max) n = max;
  return integer ? Math.round(n) : n;
}

/**
 * A value the schema accepts with every property present (one item per array, one entry per
 * map, recursion cut at `depth` 3): `examples[0]`, `const`, `enum[0]`, `default`, else typed.
 */
export function sampleValue(schema: unknown, root: Json, depth = 0): unknown {
  if (!isObject(schema)) return null;
  if (typeof schema.$ref === "string") return sampleValue(resolveRef(schema.$ref, root), root, depth + 1);
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((s) => sampleValue(s, root, depth)));
  for (const key of ["oneOf", "anyOf"] as const) if (Array.isArray(schema[key])) return sampleValue(nonNull(schema[key] as unknown[]), root, depth);
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== "null") as string) : (schema.type as string | undefined);
  switch (type ?? (schema.properties ? "object" : schema.items ? "array" : "string")) {
    case "string":
      return sampleString(schema);
    case "integer":
      return sampleNumber(schema, true);
    case "number":
      return sampleNumber(schema, false);
    case "boolean":
      return true;
    case "null":
      return null;
    case "array": {
      if (depth >= 3) return [];
      const count = Math.max(1, typeof schema.minItems === "number" ? schema.minItems : 1);
      return Array.from({ length: count }, () => sampleValue(schema.items, root, depth + 1));
    }
    default: {
      const out: Json = {};
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      for (const [key, sub] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
        if (depth < 3 || required.has(key)) out[key] = sampleValue(sub, root, depth + 1);
      }
      if (isObject(schema.additionalProperties) && depth < 3) out.key1 = sampleValue(schema.additionalProperties, root, depth + 1);
      return out;
    }
  }
}

/**
 * `value` with every required property it lacks filled in by `sampleValue`, recursively
 * into the objects it has: what a user does after the form filled in the defaults.
 */
export function fillRequired(schema: unknown, value: unknown, root: Json): unknown {
  if (!isObject(schema)) return value;
  if (typeof schema.$ref === "string") return fillRequired(resolveRef(schema.$ref, root), value, root);
  if (Array.isArray(value)) {
    // Blank items (a required minItems array starts with them) are filled in like fields.
    return value.map((item) => (item === undefined ? sampleValue(schema.items, root, 1) : fillRequired(schema.items, item, root)));
  }
  if (!isObject(value)) return value;
  let s = schema;
  if (Array.isArray(s.allOf)) s = Object.assign({}, ...(s.allOf as unknown[]).map((x) => (isObject(x) && typeof x.$ref === "string" ? resolveRef(x.$ref, root) : x)), s) as Json;
  const out: Json = { ...value };
  const props = isObject(s.properties) ? s.properties : {};
  const merged = Array.isArray(s.allOf) ? (Object.assign({}, ...s.allOf.map((x: Json) => x.properties ?? {}), props) as Json) : props;
  const required = [...(Array.isArray(s.required) ? (s.required as string[]) : []), ...(Array.isArray(s.allOf) ? s.allOf.flatMap((x: Json) => (x.required as string[]) ?? []) : [])];
  for (const key of required) if (out[key] === undefined) out[key] = sampleValue(merged[key], root, 1);
  for (const [key, v] of Object.entries(out)) if ((isObject(v) || Array.isArray(v)) && merged[key]) out[key] = fillRequired(merged[key], v, root);
  return out;
}

/** Every leaf of a value as its path (`["user", "name"]`); arrays and objects are walked. */
export function leafPaths(value: unknown, path: string[] = []): string[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, String(i)]));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}
