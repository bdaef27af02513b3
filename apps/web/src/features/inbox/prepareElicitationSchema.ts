type Schema = Record<string, unknown>;

function isEnumItems(items: unknown): boolean {
  if (!items || typeof items !== "object") return false;
  const i = items as Schema;
  const options = i.anyOf ?? i.oneOf;
  return Array.isArray(i.enum) || (Array.isArray(options) && options.every((o) => o && typeof o === "object" && "const" in o));
}

/** One property of a `requestedSchema`, in the shape the form renders as a choice. */
function prepareProperty(property: unknown): unknown {
  if (!property || typeof property !== "object") return property;
  const p = { ...(property as Schema) };
  // Legacy titled enums (`enumNames`, deprecated in 2025-11-25) become titled `oneOf` options.
  if (Array.isArray(p.enum) && Array.isArray(p.enumNames)) {
    const names = p.enumNames as unknown[];
    p.oneOf = (p.enum as unknown[]).map((value, i) => ({ const: value, title: String(names[i] ?? value) }));
    delete p.enum;
    delete p.enumNames;
  }
  // Multi-select enums are sets of choices: `uniqueItems` makes the form render one control
  // for the whole set instead of a list of items to add one by one.
  if (p.type === "array" && isEnumItems(p.items)) p.uniqueItems = true;
  return p;
}

/**
 * An elicitation's `requestedSchema` (MCP 2025-11-25 "Client Features → Elicitation →
 * Requested schema": a flat object of string, number, integer, boolean, single- and
 * multi-select enum properties) made ready for SchemaForm: legacy `enumNames` turned into
 * titled options and multi-select enums marked `uniqueItems`. Pure: the input is not changed.
 */
export function prepareElicitationSchema(requestedSchema: Schema | undefined): Schema | undefined {
  if (!requestedSchema) return undefined;
  const properties = requestedSchema.properties;
  if (!properties || typeof properties !== "object") return requestedSchema;
  return {
    ...requestedSchema,
    properties: Object.fromEntries(Object.entries(properties as Schema).map(([key, value]) => [key, prepareProperty(value)])),
  };
}
