import { UriTemplate } from "@modelcontextprotocol/sdk/shared/uriTemplate.js";

/**
 * The variable names of an RFC 6570 URI template, in order of first appearance, e.g.
 * `demo://resource/{id}{?page,size}` → `["id", "page", "size"]`. Uses the MCP SDK's
 * `UriTemplate`, the implementation servers match resource template URIs with.
 * @throws Error when the template is malformed or too long.
 */
export function templateVariables(uriTemplate: string): string[] {
  return [...new Set(new UriTemplate(uriTemplate).variableNames)];
}

/**
 * Expands an RFC 6570 URI template (MCP 2025-11-25 "Resources → Resource Templates") with
 * string values; empty values are left out (RFC 6570 §2.3: an undefined variable expands
 * to nothing). Answers the URI, or a message saying why the template cannot be expanded.
 */
export function expandUriTemplate(uriTemplate: string, values: Record<string, string>): { uri: string } | { error: string } {
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
  try {
    return { uri: new UriTemplate(uriTemplate).expand(defined) };
  } catch (err) {
    return { error: `The URI template ${uriTemplate} cannot be expanded: ${err instanceof Error ? err.message : String(err)}` };
  }
}
