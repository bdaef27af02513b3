import { lazy, Suspense, useId, useMemo, useState, type FormEvent, type ReactNode } from "react";
import Form from "@rjsf/core";
import type { ErrorSchema, RJSFSchema } from "@rjsf/utils";
import { buttonTemplates } from "./ButtonTemplates";
import { cspSafeValidator } from "./cspSafeValidator";
import { FieldTemplate } from "./FieldTemplate";
import { SelectWidget } from "./SelectWidget";
import { TitleField } from "./TitleField";
import { formDefaultsBehavior, formState, schemaUtilsFor, withConsts } from "./formState";
import { parseJsonText, toJsonText } from "./jsonText";
import { prepareSchema, pruneUndefined } from "./prepareSchema";
import "./schemaForm.css";

/** What a schema form edits: a JSON object (tool arguments, elicitation content, …). */
export type FormValue = Record<string, unknown>;

export interface SchemaFormProps {
  /**
   * A JSON Schema (2020-12 or draft-07) whose root describes an object: a tool's
   * `inputSchema`, an elicitation's `requestedSchema`, prompt arguments turned into a schema.
   */
  schema: Record<string, unknown> | undefined;
  value: FormValue | undefined;
  onChange: (value: FormValue | undefined) => void;
  /** Called with the value, optional fields left empty omitted (`undefined` members pruned). */
  onSubmit: (value: FormValue) => void;
  /** Called when submitting finds the value invalid (only when `noValidate` is off). */
  onInvalid?: () => void;
  /** Skip validation on submit (to send invalid input on purpose). */
  noValidate?: boolean;
  /** Re-validate on every change (after a first failed submit, say). */
  liveValidate?: boolean;
  /** Prefix of the fields' element ids; unique per form on the page (`arg`, `elicit`, …). */
  idPrefix: string;
  className?: string;
  /** Rendered inside the form after the fields: the submit button and other actions. */
  children?: ReactNode;
  /**
   * Offer the "Form | JSON" switch: a JSON editor (CodeMirror, linted and completed against
   * the schema) that edits the same value. Default true.
   */
  jsonEditor?: boolean;
  /** Accessible name of the JSON editor. Default "Value as JSON". */
  jsonLabel?: string;
  /**
   * Errors found elsewhere (the proxy's Ajv verdict, say), shown beside their fields in RJSF's
   * `ErrorSchema` shape: `{ user: { name: { __errors: ["must be string"] } } }`.
   */
  extraErrors?: ErrorSchema;
}

// CodeMirror loads on first use of the JSON side, not with the page.
const JsonEditor = lazy(() => import("./JsonEditor").then((m) => ({ default: m.JsonEditor })));

const templates = { FieldTemplate, TitleFieldTemplate: TitleField, ButtonTemplates: buttonTemplates };
const widgets = { SelectWidget };
const uiSchema = { "ui:submitButtonOptions": { norender: true } };

/**
 * The one form built from a JSON Schema, used wherever mcpscope takes structured input
 * (tool arguments, prompt arguments, elicitation requests). RJSF renders it from the schema
 * as `prepareSchema` rewrites it (every construct gets a real field); a "Form | JSON" switch
 * edits the same value as JSON text. Validation runs without `eval` (see `CspSafeValidator`),
 * with errors beside the fields.
 */
export function SchemaForm(props: SchemaFormProps) {
  const { schema, value, onChange, onSubmit, onInvalid, noValidate, liveValidate, idPrefix, className, children, extraErrors } = props;
  const prepared: RJSFSchema = useMemo(() => prepareSchema(schema), [schema]);
  const [mode, setMode] = useState<"form" | "json">("form");
  const [text, setText] = useState("");
  const [switchError, setSwitchError] = useState<string>();
  const showSwitch = props.jsonEditor !== false;

  const toJson = () => {
    setText(toJsonText(pruneUndefined(formState(prepared, value))));
    setSwitchError(undefined);
    setMode("json");
  };
  const toForm = () => {
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      setSwitchError(`${parsed.message} Fix it to go back to the form.`);
      return;
    }
    onChange(parsed.value);
    setSwitchError(undefined);
    setMode("form");
  };

  const modeSwitch = showSwitch && (
    <div className="schema-form-modes" role="group" aria-label="Edit as">
      <button type="button" className="ghost small" aria-pressed={mode === "form"} onClick={() => mode === "json" && toForm()}>
        Form
      </button>
      <button type="button" className="ghost small" aria-pressed={mode === "json"} onClick={() => mode === "form" && toJson()}>
        JSON
      </button>
    </div>
  );

  if (mode === "json") {
    return (
      <>
        {modeSwitch}
        <JsonModeForm
          {...props}
          prepared={prepared}
          text={text}
          onText={(t) => {
            setText(t);
            setSwitchError(undefined);
            const parsed = parseJsonText(t);
            if (parsed.ok) onChange(parsed.value);
          }}
          switchError={switchError}
        />
      </>
    );
  }
  return (
    <>
      {modeSwitch}
      <Form
        className={className}
        schema={prepared}
        uiSchema={uiSchema}
        validator={cspSafeValidator}
        templates={templates}
        widgets={widgets}
        formData={value}
        onChange={(e) => onChange(e.formData === undefined ? undefined : (withConsts(schemaUtilsFor(prepared), prepared, e.formData) as FormValue))}
        onSubmit={(e) => onSubmit((pruneUndefined(e.formData ?? {}) ?? {}) as FormValue)}
        onError={() => onInvalid?.()}
        noValidate={noValidate}
        noHtml5Validate
        liveValidate={liveValidate ? "onChange" : undefined}
        showErrorList={false}
        experimental_defaultFormStateBehavior={formDefaultsBehavior}
        idPrefix={idPrefix}
        extraErrors={extraErrors}
      >
        {children}
      </Form>
    </>
  );
}

interface JsonModeProps extends SchemaFormProps {
  prepared: RJSFSchema;
  text: string;
  onText: (text: string) => void;
  switchError?: string;
}

/** The JSON side: the editor, why its text cannot be sent (if so), and the same actions. */
function JsonModeForm({ prepared, schema, text, onText, switchError, onSubmit, onInvalid, noValidate, className, children, jsonLabel, extraErrors }: JsonModeProps) {
  const messageId = useId();
  const [submitErrors, setSubmitErrors] = useState<string[]>([]);
  const parsed = parseJsonText(text);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.ok) {
      setSubmitErrors([parsed.message]);
      onInvalid?.();
      return;
    }
    if (!noValidate) {
      const { errors } = cspSafeValidator.validateFormData(parsed.value, prepared);
      if (errors.length > 0) {
        setSubmitErrors(errors.map((err) => err.stack));
        onInvalid?.();
        return;
      }
    }
    setSubmitErrors([]);
    onSubmit(parsed.value);
  };
  const extra = flattenErrors(extraErrors);
  const messages = [...(switchError ? [switchError] : !parsed.ok ? [parsed.message] : []), ...submitErrors, ...extra];
  return (
    <form className={`${className ?? ""} json-mode`} onSubmit={submit} noValidate>
      <Suspense fallback={<p className="muted small">Loading the JSON editor…</p>}>
        <JsonEditor text={text} onChange={onText} schema={schema ?? prepared} label={jsonLabel ?? "Value as JSON"} describedBy={messageId} />
      </Suspense>
      <ul id={messageId} className="json-messages" aria-live="polite">
        {[...new Set(messages)].map((m) => (
          <li key={m} className="error-detail">
            {m}
          </li>
        ))}
      </ul>
      {children}
    </form>
  );
}

/** `{a: {__errors: ["x"]}}` → `["a x"]`: errors of an ErrorSchema as lines. */
function flattenErrors(errorSchema: ErrorSchema | undefined, path = ""): string[] {
  if (!errorSchema) return [];
  const out: string[] = [];
  for (const [key, node] of Object.entries(errorSchema as Record<string, unknown>)) {
    if (key === "__errors" && Array.isArray(node)) out.push(...node.map((m) => `${path || "arguments"} ${String(m)}`));
    else if (node && typeof node === "object") out.push(...flattenErrors(node, path ? `${path}.${key}` : key));
  }
  return out;
}
