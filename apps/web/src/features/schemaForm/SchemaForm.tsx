import { useMemo, type ReactNode } from "react";
import Form from "@rjsf/core";
import type { RJSFSchema } from "@rjsf/utils";
import { cspSafeValidator } from "./cspSafeValidator";
import { FieldTemplate } from "./FieldTemplate";
import { prepareSchema, pruneUndefined } from "./prepareSchema";

/** What a schema form edits: a JSON object (tool arguments, elicitation content, …). */
export type FormValue = Record<string, unknown>;

export interface SchemaFormProps {
  /**
   * A JSON Schema (2020-12 or draft-07) whose root describes an object: a tool's
   * `inputSchema`, an elicitation's `requestedSchema`, prompt arguments turned into a schema.
   */
  schema: Record<string, unknown> | undefined;
  value: FormValue | undefined;
  onChange(value: FormValue | undefined): void;
  /** Called with the value, optional fields left empty omitted (`undefined` members pruned). */
  onSubmit(value: FormValue): void;
  /** Called when submitting finds the value invalid (only when `noValidate` is off). */
  onInvalid?(): void;
  /** Skip validation on submit (to send invalid input on purpose). */
  noValidate?: boolean;
  /** Re-validate on every change (after a first failed submit, say). */
  liveValidate?: boolean;
  /** Prefix of the fields' element ids; unique per form on the page (`arg`, `elicit`, …). */
  idPrefix: string;
  className?: string;
  /** Rendered inside the form after the fields: the submit button and other actions. */
  children?: ReactNode;
}

const templates = { FieldTemplate };
const defaultsBehavior = {
  emptyObjectFields: "populateRequiredDefaults",
  arrayMinItems: { populate: "requiredOnly" },
} as const;
const uiSchema = { "ui:submitButtonOptions": { norender: true } };

/**
 * The one form built from a JSON Schema, used wherever mcpscope takes structured input
 * (tool arguments, prompt arguments, elicitation requests). RJSF renders it; validation runs
 * without `eval` (see `CspSafeValidator`), with errors beside the fields.
 */
export function SchemaForm({ schema, value, onChange, onSubmit, onInvalid, noValidate, liveValidate, idPrefix, className, children }: SchemaFormProps) {
  const prepared: RJSFSchema = useMemo(() => prepareSchema(schema), [schema]);
  return (
    <Form
      className={className}
      schema={prepared}
      uiSchema={uiSchema}
      validator={cspSafeValidator}
      templates={templates}
      formData={value}
      onChange={(e) => onChange(e.formData as FormValue | undefined)}
      onSubmit={(e) => onSubmit((pruneUndefined(e.formData ?? {}) ?? {}) as FormValue)}
      onError={() => onInvalid?.()}
      noValidate={noValidate}
      noHtml5Validate
      liveValidate={liveValidate ? "onChange" : undefined}
      showErrorList={false}
      experimental_defaultFormStateBehavior={defaultsBehavior}
      idPrefix={idPrefix}
    >
      {children}
    </Form>
  );
}
