import { beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { Ajv, type ErrorObject } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { listServerTools, type ListedTool, type ToolSource } from "@mcpscope/fixtures/realServerTools";
import { SchemaForm } from "./SchemaForm";
import { formState } from "./formState";
import { parseJsonText, toJsonText } from "./jsonText";
import { prepareSchema, pruneUndefined } from "./prepareSchema";
import { fillRequired, leafPaths, sampleValue } from "./testing/sampleValue";

const options = { allErrors: true, strict: false } as const;
const ajv2020 = addFormats(new Ajv2020(options));
const ajv07 = addFormats(new Ajv(options));

/** Ajv's verdict, in the schema's own dialect (draft-07 when it says so, else 2020-12). */
function ajvErrors(schema: Record<string, unknown>, data: unknown): string[] {
  const { $schema, ...rest } = schema;
  const ajv = typeof $schema === "string" && /draft-0[4-7]/.test($schema) ? ajv07 : ajv2020;
  const validate = ajv.compile(rest);
  return validate(data) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message}`);
}

function render(schema: Record<string, unknown>, value: Record<string, unknown> | undefined): string {
  return renderToStaticMarkup(<SchemaForm schema={schema} value={value} onChange={() => {}} onSubmit={() => {}} idPrefix="arg" />);
}

const SOURCES: ToolSource[] = ["schemaZoo", "everything", "filesystem", "memory"];
const tools: Array<{ source: ToolSource; tool: ListedTool }> = [];

beforeAll(async () => {
  for (const source of SOURCES) for (const tool of await listServerTools(source)) tools.push({ source, tool });
}, 60_000);

describe("schema forms over the schema zoo and real servers' tools/list", () => {
  it("collects the tools of every server", () => {
    for (const source of SOURCES) expect(tools.filter((t) => t.source === source).length, source).toBeGreaterThan(3);
  });

  it("renders a real field for every property, never the raw-JSON fallback", () => {
    for (const { source, tool } of tools) {
      const where = `${source}/${tool.name}`;
      const empty = render(tool.inputSchema, undefined);
      expect(empty, where).not.toContain("unsupported-field");
      for (const key of Object.keys((tool.inputSchema.properties as object | undefined) ?? {})) expect(empty, `${where}: ${key}`).toContain(`id="arg_${key}`);
      // Filled with a value that has every property, item and map entry, each leaf has its field.
      const sample = sampleValue(tool.inputSchema, tool.inputSchema) as Record<string, unknown>;
      const filled = render(tool.inputSchema, sample);
      expect(filled, where).not.toContain("unsupported-field");
      for (const path of leafPaths(sample)) {
        // A multiple-choice array (items with an enum) is one field for the whole array.
        const id = /_\d+$/.test(path.join("_")) && filled.includes(`id="arg_${path.slice(0, -1).join("_")}"`) ? path.slice(0, -1) : path;
        expect(filled, `${where}: ${path.join(".")}`).toContain(`id="arg_${id.join("_")}`);
      }
    }
  });

  it("a sample value is accepted by Ajv under both the original and the prepared schema", () => {
    for (const { source, tool } of tools) {
      const sample = sampleValue(tool.inputSchema, tool.inputSchema);
      expect(ajvErrors(tool.inputSchema, sample), `${source}/${tool.name} original`).toEqual([]);
      expect(ajvErrors(prepareSchema(tool.inputSchema) as Record<string, unknown>, sample), `${source}/${tool.name} prepared`).toEqual([]);
    }
  });

  it("filling the required fields over the form's defaults yields arguments the schema accepts", () => {
    for (const { source, tool } of tools) {
      const where = `${source}/${tool.name}`;
      const defaults = pruneUndefined(formState(prepareSchema(tool.inputSchema), undefined)) as Record<string, unknown>;
      const args = fillRequired(tool.inputSchema, defaults, tool.inputSchema) as Record<string, unknown>;
      expect(ajvErrors(tool.inputSchema, args), where).toEqual([]);
      // Defaults are kept, not overwritten by the filling.
      for (const path of leafPaths(defaults)) {
        const at = (v: unknown) => path.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], v);
        if (at(defaults) !== undefined) expect(at(args), `${where}: ${path.join(".")}`).toEqual(at(defaults));
      }
    }
  });

  it("keeps the value through form → JSON text → form", () => {
    for (const { source, tool } of tools) {
      const where = `${source}/${tool.name}`;
      const prepared = prepareSchema(tool.inputSchema);
      const sample = sampleValue(tool.inputSchema, tool.inputSchema) as Record<string, unknown>;
      const inForm = pruneUndefined(formState(prepared, sample));
      expect(inForm, where).toEqual(sample);
      const parsed = parseJsonText(toJsonText(inForm));
      expect(parsed.ok, where).toBe(true);
      const back = parsed.ok ? pruneUndefined(formState(prepared, parsed.value)) : undefined;
      expect(back, where).toEqual(sample);
    }
  });
});

describe("schema zoo coverage", () => {
  it("has a tool for every construct of issue #4", () => {
    const text = JSON.stringify(tools.filter((t) => t.source === "schemaZoo").map((t) => t.tool.inputSchema));
    for (const needle of ['"oneOf"', '"anyOf"', '"allOf"', '"$defs"', '"definitions"', '"$ref":"#/$defs/node"', '"enum"', '"const"', '"type":["string","null"]', '{"type":"null"}', '"format":"date"', '"format":"date-time"', '"format":"email"', '"format":"uri"', '"minimum"', '"maximum"', '"exclusiveMinimum"', '"pattern"', '"default"', '"required"', '"description"', '"additionalProperties":{']) {
      expect(text, needle).toContain(needle);
    }
  });
});
