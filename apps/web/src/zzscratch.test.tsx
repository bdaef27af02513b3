import { it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { ZOO } from "@mcpscope/fixtures/schemaZoo";
import { SchemaForm } from "./features/schemaForm/SchemaForm";
import { writeFileSync } from "node:fs";
it("scratch", () => {
  let out = "";
  for (const [name, schema] of Object.entries(ZOO)) {
    let html;
    try { html = renderToStaticMarkup(<SchemaForm schema={schema} value={undefined} onChange={() => {}} onSubmit={() => {}} idPrefix="arg" />); } catch (e) { html = "THROW " + (e as Error).message; }
    out += `\n=== ${name}\n` + html.replace(/></g, ">\n<");
  }
  writeFileSync("/tmp/forms/markup.txt", out);
});
