import { useMemo, useState, type FormEvent } from "react";
import { expandUriTemplate, templateVariables } from "./uriTemplate";

interface Props {
  uriTemplate: string;
  disabled: boolean;
  onRead: (uri: string) => void;
}

/**
 * The variables of a resource template (RFC 6570), one labelled text input each, the
 * expanded URI shown as typed; "Read resource" reads it.
 */
export function TemplateForm({ uriTemplate, disabled, onRead }: Props) {
  const parsed = useMemo(() => {
    try {
      return { names: templateVariables(uriTemplate) };
    } catch (err) {
      return { names: [], error: `The URI template cannot be parsed: ${err instanceof Error ? err.message : String(err)}` };
    }
  }, [uriTemplate]);
  const [values, setValues] = useState<Record<string, string>>({});
  const expanded = expandUriTemplate(uriTemplate, values);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if ("uri" in expanded) onRead(expanded.uri);
  };
  const error = parsed.error ?? ("error" in expanded ? expanded.error : undefined);

  return (
    <form className="tool-form template-form" onSubmit={submit}>
      {parsed.names.map((name, i) => (
        <div key={name} className="form-group field">
          <label className="control-label" htmlFor={`template-var-${i}`}>
            {name}
          </label>
          <input
            id={`template-var-${i}`}
            type="text"
            className="form-control"
            value={values[name] ?? ""}
            onChange={(e) => setValues({ ...values, [name]: e.target.value })}
          />
        </div>
      ))}
      {parsed.names.length === 0 && !parsed.error && <p className="muted small">This template has no variables.</p>}
      <p className="small">
        URI: <output className="uri" aria-label="Expanded URI">{"uri" in expanded ? expanded.uri : "—"}</output>
      </p>
      {error && (
        <p role="alert" className="form-invalid">
          {error} Check the template the server lists, or read a resource by its URI instead.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={disabled || !("uri" in expanded) || Boolean(parsed.error)}>
          Read resource
        </button>
      </div>
    </form>
  );
}
