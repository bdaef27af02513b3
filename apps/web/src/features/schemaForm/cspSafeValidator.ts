import { Validator, type OutputUnit, type Schema, type SchemaDraft } from "@cfworker/json-schema";
import {
  createErrorHandler,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from "@rjsf/utils";

/* eslint-disable @typescript-eslint/no-explicit-any -- RJSF's own defaults for form data and context */
type FormData = any;
type FormContext = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Keywords whose errors only say "a child failed"; the child's own error is reported too. */
const AGGREGATE = new Set(["properties", "patternProperties", "items", "prefixItems", "allOf", "$ref", "$dynamicRef", "dependentSchemas", "if", "then", "else", "unevaluatedItems"]);

function draftOf(schema: RJSFSchema): SchemaDraft {
  const uri = typeof schema.$schema === "string" ? schema.$schema : "";
  if (uri.includes("draft-04")) return "4";
  if (uri.includes("draft-06") || uri.includes("draft-07")) return "7";
  if (uri.includes("2019-09")) return "2019-09";
  return "2020-12";
}

function quoted(text: string): string | undefined {
  return /"([^"]*)"/.exec(text)?.[1];
}

/** A short message in the style of form validation ("is required", "must be integer"). */
function messageOf(unit: OutputUnit): string {
  const text = unit.error;
  switch (unit.keyword) {
    case "required":
      return "is a required property";
    case "type": {
      const expected = /Expected "([^"]+)"/.exec(text)?.[1];
      return expected ? `must be ${expected.replace(/","/g, " or ")}` : text;
    }
    case "additionalProperties":
      return `must not have additional property “${quoted(text) ?? "?"}”`;
    case "false":
      return "is not allowed";
    default:
      return text.replace(/^Instance /, "").replace(/\.$/, "");
  }
}

/** `#/a/0/b` → `.a.0.b` (RJSF's property path), unescaping JSON Pointer. */
function propertyOf(instanceLocation: string): string {
  const parts = instanceLocation.replace(/^#\/?/, "").split("/").filter(Boolean);
  return parts.map((p) => `.${decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~")}`).join("");
}

/**
 * An RJSF `ValidatorType` backed by @cfworker/json-schema, which interprets schemas instead of
 * compiling them to code. The page's Content-Security-Policy forbids `eval`/`new Function`
 * (`script-src 'self'`), which AJV needs to compile a schema; this validator needs neither.
 * Drafts 4, 7, 2019-09 and 2020-12 (from `$schema`; 2020-12 when absent).
 */
export class CspSafeValidator implements ValidatorType<FormData, RJSFSchema, FormContext> {
  private cache = new WeakMap<object, Validator>();

  private validatorFor(schema: RJSFSchema, rootSchema?: RJSFSchema): Validator {
    let validator = this.cache.get(schema);
    if (!validator) {
      const withDefs =
        rootSchema && rootSchema !== schema
          ? { ...schema, $defs: { ...rootSchema.$defs, ...schema.$defs }, definitions: { ...rootSchema.definitions, ...schema.definitions } }
          : schema;
      validator = new Validator(withDefs as Schema, draftOf(rootSchema ?? schema), false);
      this.cache.set(schema, validator);
    }
    return validator;
  }

  private errorsOf(schema: RJSFSchema, formData: unknown, rootSchema?: RJSFSchema): RJSFValidationError[] {
    const result = this.validatorFor(schema, rootSchema).validate(formData === undefined ? {} : formData);
    if (result.valid) return [];
    const errors: RJSFValidationError[] = [];
    for (const unit of result.errors) {
      if (AGGREGATE.has(unit.keyword)) continue;
      let property = propertyOf(unit.instanceLocation);
      if (unit.keyword === "required") {
        const missing = quoted(unit.error);
        if (missing !== undefined) property = `${property}.${missing}`;
      }
      const message = messageOf(unit);
      errors.push({
        name: unit.keyword,
        property,
        message,
        params: {},
        stack: `${property.replace(/^\./, "") || "arguments"} ${message}`,
        schemaPath: unit.keywordLocation,
      });
    }
    return errors;
  }

  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator<FormData, RJSFSchema, FormContext>,
    transformErrors?: ErrorTransformer<FormData, RJSFSchema, FormContext>,
    uiSchema?: UiSchema<FormData, RJSFSchema, FormContext>,
  ): ValidationData<FormData> {
    let errors: RJSFValidationError[];
    try {
      errors = this.errorsOf(schema, formData);
    } catch (err) {
      errors = [{ stack: `The tool's input schema could not be used: ${(err as Error).message}`, message: (err as Error).message }];
    }
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema<FormData>(errors);
    if (!customValidate) return { errors, errorSchema };
    const handler = customValidate(formData, createErrorHandler<FormData>(formData), uiSchema, errorSchema);
    return validationDataMerge<FormData>({ errors, errorSchema }, unwrapErrorHandler<FormData>(handler));
  }

  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    try {
      return this.validatorFor(schema, rootSchema).validate(formData).valid;
    } catch {
      return false;
    }
  }

  rawValidation<Result = unknown>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
    try {
      const result = this.validatorFor(schema).validate(formData);
      return { errors: result.valid ? undefined : (result.errors as Result[]) };
    } catch (err) {
      return { validationError: err as Error };
    }
  }

  reset(): void {
    this.cache = new WeakMap();
  }
}

/** The form validator shared by every tool form. */
export const cspSafeValidator = new CspSafeValidator();
