/** One argument of a prompt, as `prompts/list` describes it (MCP 2025-11-25 "Prompts"). */
export interface PromptArgument {
  name: string;
  title?: string;
  description?: string;
  required?: boolean;
}

/**
 * A JSON Schema for a prompt's arguments, for `SchemaForm`: an object with one string
 * property per argument (prompt arguments are strings), titled by the argument's name,
 * its description as the field's help, and the required ones listed in `required`.
 */
export function promptArgsSchema(args: readonly PromptArgument[] | undefined): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const arg of args ?? []) {
    if (typeof arg?.name !== "string" || arg.name === "") continue;
    properties[arg.name] = {
      type: "string",
      title: arg.name,
      ...(arg.description ? { description: arg.description } : {}),
    };
    if (arg.required) required.push(arg.name);
  }
  return { type: "object", properties, ...(required.length ? { required } : {}) };
}
