import { useState } from "react";
import { SchemaForm, type FormValue } from "../schemaForm/SchemaForm";
import { loadArguments, saveArguments } from "./savedArguments";
import type { Tool } from "./toolTypes";

interface Props {
  tool: Tool;
  serverName: string;
  running: boolean;
  disabled: boolean;
  onRun(args: Record<string, unknown>): void;
}

/**
 * The arguments form of one tool, built from its `inputSchema` by `SchemaForm`. Validation
 * errors show beside fields; "Send even if invalid" skips validation on purpose. The last
 * arguments sent are kept per server and tool (localStorage).
 */
export function ToolForm({ tool, serverName, running, disabled, onRun }: Props) {
  const [formData, setFormData] = useState<FormValue | undefined>(() => loadArguments(serverName, tool.name));
  const [sendAnyway, setSendAnyway] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [invalid, setInvalid] = useState(false);

  const run = (args: FormValue) => {
    setInvalid(false);
    saveArguments(serverName, tool.name, args);
    onRun(args);
  };

  return (
    <SchemaForm
      className="tool-form"
      schema={tool.inputSchema}
      value={formData}
      onChange={setFormData}
      onSubmit={run}
      onInvalid={() => {
        setAttempted(true);
        setInvalid(true);
      }}
      noValidate={sendAnyway}
      liveValidate={attempted && !sendAnyway}
      idPrefix="arg"
    >
      {invalid && !sendAnyway && (
        <p className="form-invalid" role="alert">
          The arguments do not match the tool’s input schema. Fix the fields marked above, or check “Send even if invalid”.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={running || disabled}>
          {running ? "Running…" : "Run tool"}
        </button>
        <label className="checkbox-label">
          <input type="checkbox" checked={sendAnyway} onChange={(e) => setSendAnyway(e.target.checked)} />
          Send even if invalid
        </label>
      </div>
    </SchemaForm>
  );
}
