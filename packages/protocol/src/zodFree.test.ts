import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");

/**
 * The modules a file loads when it runs: every `import`/`export … from` that is not
 * type-only. Under `verbatimModuleSyntax`, `import { type A } from "m"` still loads "m"
 * (it is kept as `import {} from "m"`), so only `import type`/`export type` are left out;
 * dynamic `import()` is lazy and not counted.
 */
function runtimeImports(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, false, path.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier) found.push((statement.moduleSpecifier as ts.StringLiteral).text);
  }
  return found;
}

/** Every package a file loads, following relative imports (`./x.js` is `./x.ts` in source). */
function packagesLoaded(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  };
  visit(entry);
  return packages;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${join("src", "testing")}`) && !f.endsWith("testFrames.ts"));
}

describe("@mcpscope/protocol/types", () => {
  it("loads no zod: it is types and plain helpers", () => {
    expect([...packagesLoaded(join(here, "types.ts"))]).toEqual([]);
  });

  it("the full entry does load zod (so the check above can fail)", () => {
    expect(packagesLoaded(join(here, "index.ts")).has("zod")).toBe(true);
  });
});

describe("the browser's sources (apps/web, packages/timeline)", () => {
  it("load the protocol only through @mcpscope/protocol/types, and zod not at all", () => {
    const offending = [...sourceFiles(join(root, "apps/web/src")), ...sourceFiles(join(root, "packages/timeline/src"))].flatMap((file) =>
      runtimeImports(file)
        .filter((spec) => spec === "zod" || spec === "@mcpscope/protocol" || spec === "@mcpscope/protocol/schemas")
        .map((spec) => `${file.slice(root.length + 1)} loads ${spec}`),
    );
    // To validate with zod in the browser, load the schema lazily (`await import(…)`) where it is used.
    expect(offending).toEqual([]);
  });
});
