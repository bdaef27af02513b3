import { useQuery } from "@tanstack/react-query";
import { allExpanded, defaultStyles, JsonView } from "react-json-view-lite";
import "react-json-view-lite/dist/index.css";
import { describeError } from "../../api/apiRequestError";
import { dialectName, validateWithAjv } from "../schemaForm/validateWithAjv";

interface Props {
  value: unknown;
  /** The tool's `outputSchema`, if it declares one. */
  outputSchema?: Record<string, unknown>;
}

/**
 * A result's `structuredContent` as a collapsible JSON tree, with Ajv's verdict against the
 * tool's `outputSchema` (MCP 2025-11-25 "Tools → Output schema": servers MUST conform).
 */
export function StructuredContent({ value, outputSchema }: Props) {
  const verdict = useQuery({
    queryKey: ["validate-output", outputSchema, value],
    queryFn: () => validateWithAjv(outputSchema!, value),
    enabled: outputSchema !== undefined,
    staleTime: Infinity,
    retry: false,
  });
  return (
    <section aria-label="Structured content" className="structured-content">
      <h3 className="sub-title">Structured content</h3>
      {!outputSchema && <p className="muted small">The tool declares no outputSchema to check this against.</p>}
      {outputSchema && verdict.isPending && <p className="muted small" role="status">Checking against the output schema…</p>}
      {verdict.isError && (
        <p className="verdict verdict-unknown" role="status" data-status="unknown">
          Could not check against the output schema: {describeError(verdict.error).message}
        </p>
      )}
      {verdict.data?.valid && (
        <p className="verdict verdict-valid" role="status" data-status="valid">
          ✓ Matches the tool’s outputSchema (Ajv, {dialectName(verdict.data.dialect)})
        </p>
      )}
      {verdict.data && !verdict.data.valid && (
        <div className="verdict verdict-invalid" role="status" data-status="invalid">
          <strong>✗ Does not match the tool’s outputSchema</strong> (Ajv, {dialectName(verdict.data.dialect)}):
          <ul>
            {verdict.data.errors.map((e, i) => (
              <li key={i}>
                <code>{e.path}</code> {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {value !== null && typeof value === "object" ? (
        <div className="json-tree">
          <JsonView data={value} shouldExpandNode={allExpanded} style={defaultStyles} aria-label="Structured content tree" />
        </div>
      ) : (
        <pre className="json">{JSON.stringify(value, null, 2)}</pre>
      )}
    </section>
  );
}
