import { StdUriTemplate } from "@std-uritemplate/std-uritemplate";

/** The variable list of each `{…}` expression (RFC 6570 §2.2), operator stripped. */
const EXPRESSION = /\{[+#./;?&=,!@|]?([^}]*)\}/g;

/**
 * The variable names of an RFC 6570 URI template, in order of first appearance, e.g.
 * `demo://resource/{id}{?page,size}` → `["id", "page", "size"]` (prefix `:n` and explode
 * `*` modifiers dropped, RFC 6570 §2.4).
 * @throws Error when the template is malformed (checked by std-uritemplate).
 */
export function templateVariables(uriTemplate: string): string[] {
  StdUriTemplate.expand(uriTemplate, {});
  const names: string[] = [];
  for (const match of uriTemplate.matchAll(EXPRESSION)) {
    for (const spec of match[1]!.split(",")) names.push(spec.replace(/(:\d+|\*)$/, ""));
  }
  return [...new Set(names.filter((n) => n !== ""))];
}

/**
 * Expands an RFC 6570 URI template (MCP 2025-11-25 "Resources → Resource Templates") with
 * string values; empty values are left out (RFC 6570 §2.3: an undefined variable expands
 * to nothing). Answers the URI, or a message saying why the template cannot be expanded.
 */
export function expandUriTemplate(uriTemplate: string, values: Record<string, string>): { uri: string } | { error: string } {
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
  try {
    return { uri: StdUriTemplate.expand(uriTemplate, defined) };
  } catch (err) {
    return { error: `The URI template ${uriTemplate} cannot be expanded: ${err instanceof Error ? err.message : String(err)}` };
  }
}
