import { useState } from "react";
import { describeError } from "../../api/apiRequestError";
import { SchemaForm, type FormValue } from "../schemaForm/LazySchemaForm";
import { dialectName, issuesToErrorSchema, validateWithAjv, type AjvVerdict } from "../schemaForm/validateWithAjv";
import { loadArguments, saveArguments } from "./savedArguments";
import type { Tool } from "./toolTypes";
import "./toolForm.css";

interface Props {
  tool: Tool;
  serverName: string;
  running: boolean;
  disabled: boolean;
  onRun: (args: Record<string, unknown>) => void;
}

/** The last pre-send check: Ajv's verdict, or why Ajv could not be asked. */
type Check = { verdict: AjvVerdict; sentAnyway: boolean } | { unavailable: string };

/**
 * The arguments form of one tool, built from its `inputSchema` by `SchemaForm` (with its
 * "Form | JSON" switch). Live errors show beside fields as the user types (after a first
 * failed attempt); before sending, Ajv checks the arguments through the proxy
 * (`validateWithAjv`) and its errors show beside the fields too. "Send even if invalid"
 * skips both, on purpose, with a warning. The last arguments sent are kept per server and
 * tool (localStorage).
 */
export function ToolForm({ tool, serverName, running, disabled, onRun }: Props) {
  const [formData, setFormData] = useState<FormValue | undefined>(() => loadArguments(serverName, tool.name));
  const [sendAnyway, setSendAnyway] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [checking, setChecking] = useState(false);
  const [check, setCheck] = useState<Check>();

  const run = async (args: FormValue) => {
    setInvalid(false);
    setChecking(true);
    let next: Check;
    try {
      const verdict = await validateWithAjv(tool.inputSchema, args);
      next = { verdict, sentAnyway: !verdict.valid && sendAnyway };
    } catch (err) {
      next = { unavailable: describeError(err).message };
    } finally {
      setChecking(false);
    }
    setCheck(next);
    if ("verdict" in next && !next.verdict.valid && !sendAnyway) {
      setAttempted(true);
      setInvalid(true);
      return;
    }
    saveArguments(serverName, tool.name, args);
    onRun(args);
  };

  const blocked = check && "verdict" in check && !check.verdict.valid && !check.sentAnyway;
  return (
    <SchemaForm
      className="tool-form"
      schema={tool.inputSchema}
      value={formData}
      onChange={(value) => {
        setFormData(value);
        if (blocked) setCheck(undefined);
      }}
      onSubmit={(args) => void run(args)}
      onInvalid={() => {
        setAttempted(true);
        setInvalid(true);
      }}
      noValidate={sendAnyway}
      liveValidate={attempted && !sendAnyway}
      idPrefix="arg"
      jsonLabel="Arguments as JSON"
      extraErrors={blocked ? issuesToErrorSchema(check.verdict.errors) : undefined}
    >
      {invalid && !sendAnyway && (
        <p className="form-invalid" role="alert">
          The arguments do not match the tool’s input schema
          {blocked ? ` (Ajv, ${dialectName(check.verdict.dialect)}: ${check.verdict.errors.length} error${check.verdict.errors.length === 1 ? "" : "s"})` : ""}. Fix the
          fields marked above, or check “Send even if invalid”.
        </p>
      )}
      {sendAnyway && (
        <p className="form-warning" role="note">
          Validation is off: the arguments go to the server exactly as they are, valid or not, to test how it handles invalid input.
        </p>
      )}
      {check && "verdict" in check && check.sentAnyway && (
        <p className="form-warning" role="alert">
          Sent although Ajv ({dialectName(check.verdict.dialect)}) found: {check.verdict.errors.map((e) => `${e.path} ${e.message}`).join("; ")}.
        </p>
      )}
      {check && "unavailable" in check && (
        <p className="muted small" role="status">
          Sent without the Ajv check: {check.unavailable}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={running || disabled || checking}>
          {checking ? "Checking…" : running ? "Running…" : "Run tool"}
        </button>
        <label className="checkbox-label">
          <input type="checkbox" checked={sendAnyway} onChange={(e) => setSendAnyway(e.target.checked)} />
          Send even if invalid
        </label>
        {check && "verdict" in check && check.verdict.valid && (
          <span className="muted small ajv-verdict" role="status">
            Ajv ({dialectName(check.verdict.dialect)}): valid
          </span>
        )}
      </div>
    </SchemaForm>
  );
}
