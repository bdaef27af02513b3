import { createSchemaUtils, type RJSFSchema } from "@rjsf/utils";
import { cspSafeValidator } from "./cspSafeValidator";

/**
 * How the form fills defaults: required objects get their defaults, `const` values are
 * filled in, arrays start empty unless `minItems` requires items.
 */
export const formDefaultsBehavior = {
  emptyObjectFields: "populateRequiredDefaults",
  arrayMinItems: { populate: "requiredOnly" },
  constAsDefaults: "always",
} as const;

/**
 * The value the form holds for `value` under a prepared schema (see `prepareSchema`): `value`
 * with the schema's defaults filled in where it has none, exactly as RJSF computes it.
 */
export function formState(prepared: RJSFSchema, value: unknown): Record<string, unknown> {
  const utils = createSchemaUtils(cspSafeValidator, prepared, formDefaultsBehavior);
  return (utils.getDefaultFormState(prepared, value as never) ?? {}) as Record<string, unknown>;
}
