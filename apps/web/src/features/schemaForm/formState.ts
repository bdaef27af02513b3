import { createSchemaUtils, type RJSFSchema, type SchemaUtilsType } from "@rjsf/utils";
import { cspSafeValidator } from "./cspSafeValidator";

/**
 * How the form fills defaults: every field with a `default` is filled in (visibly), objects
 * and arrays are not created just to be empty, `const` values are filled in except inside
 * `oneOf`/`anyOf` options, where `withConsts` fills them once the option holds data (else an
 * optional `oneOf` object would be created, half filled, before the user touched it).
 */
export const formDefaultsBehavior = {
  emptyObjectFields: "skipEmptyDefaults",
  arrayMinItems: { populate: "requiredOnly" },
  constAsDefaults: "skipOneOf",
} as const;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * `value` with the `const` properties of every object it holds filled in, including those of
 * the `oneOf`/`anyOf` option the object matches best (the option RJSF shows): a read-only
 * "kind: circle" is then sent without the user typing it. Returns a new value.
 */
export function withConsts(utils: SchemaUtilsType, schema: RJSFSchema, value: unknown, depth = 0): unknown {
  if (depth > 32 || value === undefined) return value;
  const resolved = utils.retrieveSchema(schema, value);
  if (Array.isArray(value)) {
    const items = isObject(resolved.items) ? (resolved.items as RJSFSchema) : undefined;
    return items ? value.map((v) => withConsts(utils, items, v, depth + 1)) : value;
  }
  if (!isObject(value)) return value;
  let properties: Record<string, RJSFSchema> = { ...((resolved.properties ?? {}) as Record<string, RJSFSchema>) };
  // An object with no data yet says nothing about its option (the user may just have picked
  // one in the select): leave it to RJSF rather than force the first option's consts.
  const hasData = Object.values(value).some((v) => v !== undefined);
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = resolved[key];
    if (!Array.isArray(options) || options.length === 0 || !hasData) continue;
    const index = utils.getClosestMatchingOption(value, options as RJSFSchema[], 0);
    const option = utils.retrieveSchema(options[index] as RJSFSchema, value);
    properties = { ...properties, ...((option.properties ?? {}) as Record<string, RJSFSchema>) };
  }
  const out: Json = { ...value };
  for (const [key, sub] of Object.entries(properties)) {
    const subResolved = isObject(sub) ? utils.retrieveSchema(sub, out[key]) : undefined;
    if (out[key] === undefined && subResolved && subResolved.const !== undefined) out[key] = subResolved.const;
    else if (out[key] !== undefined && subResolved) out[key] = withConsts(utils, subResolved, out[key], depth + 1);
  }
  const extra = resolved.additionalProperties;
  if (isObject(extra)) {
    for (const key of Object.keys(out)) if (!(key in properties)) out[key] = withConsts(utils, extra, out[key], depth + 1);
  }
  return out;
}

const utilsCache = new WeakMap<RJSFSchema, SchemaUtilsType>();

/** RJSF's schema utilities for a prepared schema (cached per schema object). */
export function schemaUtilsFor(prepared: RJSFSchema): SchemaUtilsType {
  let utils = utilsCache.get(prepared);
  if (!utils) {
    utils = createSchemaUtils(cspSafeValidator, prepared, formDefaultsBehavior);
    utilsCache.set(prepared, utils);
  }
  return utils;
}

/**
 * The value the form holds for `value` under a prepared schema (see `prepareSchema`): `value`
 * with the schema's defaults filled in where it has none, exactly as RJSF computes them, and
 * the `const` values of the objects it holds (`withConsts`).
 */
export function formState(prepared: RJSFSchema, value: unknown): Record<string, unknown> {
  const utils = schemaUtilsFor(prepared);
  const filled = (utils.getDefaultFormState(prepared, value) ?? {}) as Record<string, unknown>;
  return withConsts(utils, prepared, filled) as Record<string, unknown>;
}
