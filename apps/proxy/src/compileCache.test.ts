import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type CompileCache, compileCacheFile, installCompileCache } from "./compileCache.js";

const installed: CompileCache[] = [];
afterEach(() => {
  while (installed.length) installed.pop()!.uninstall();
});

/** A directory of CommonJS modules, and a fresh `require` for them (nothing cached by Node). */
function modules(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "mcpscope-compile-cache-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const load = (name: string): unknown => {
    const require = createRequire(join(dir, "index.js"));
    delete require.cache[join(dir, name)];
    return require(join(dir, name));
  };
  return { dir, load, cacheFile: join(dir, "cache", "v8.bin") };
}

function install(file: string): CompileCache {
  const cache = installCompileCache(file);
  installed.push(cache);
  return cache;
}

/** One process's life: install, load, save, uninstall. */
function run(file: string, load: () => unknown): { value: unknown; cache: CompileCache; saved: boolean } {
  const cache = install(file);
  const value = load();
  const saved = cache.save();
  cache.uninstall();
  return { value, cache, saved };
}

describe("the V8 code cache", () => {
  it("compiles a module from source once, then from the cached code, and the module runs the same", () => {
    const { load, cacheFile, dir } = modules({
      "a.cjs": "const b = require('./b.cjs'); module.exports = { sum: b.add(2, 3), dir: __dirname, file: __filename, resolved: require.resolve('./b.cjs') };",
      "b.cjs": "exports.add = (x, y) => x + y;",
    });
    const first = run(cacheFile, () => load("a.cjs"));
    expect(first.cache.stats()).toMatchObject({ hits: 0, misses: 2 });
    expect(first.saved).toBe(true);

    delete createRequire(join(dir, "index.js")).cache[join(dir, "b.cjs")];
    const second = run(cacheFile, () => load("a.cjs"));
    expect(second.cache.stats()).toMatchObject({ hits: 2, misses: 0, rejected: 0 });
    expect(second.saved).toBe(false);
    expect(second.value).toEqual({ sum: 5, dir, file: join(dir, "a.cjs"), resolved: join(dir, "b.cjs") });
  });

  it("never runs stale code: a changed source of the same length is compiled from source", () => {
    const { load, cacheFile, dir } = modules({ "m.cjs": "module.exports = 'one';" });
    expect(run(cacheFile, () => load("m.cjs")).value).toBe("one");
    writeFileSync(join(dir, "m.cjs"), "module.exports = 'two';");
    const changed = run(cacheFile, () => load("m.cjs"));
    expect(changed.value).toBe("two");
    expect(changed.cache.stats()).toMatchObject({ hits: 0, misses: 1 });
  });

  it("leaves a module with a dynamic import() to Node, whose import() then works", async () => {
    const { load, cacheFile } = modules({ "d.cjs": "module.exports = () => import('node:path').then((m) => typeof m.join);" });
    for (let i = 0; i < 2; i++) {
      const { value, cache } = run(cacheFile, () => load("d.cjs"));
      expect(cache.stats()).toMatchObject({ skipped: 1, hits: 0, misses: 0 });
      await expect((value as () => Promise<string>)()).resolves.toBe("function");
    }
  });

  it("leaves a source that is not a script (ES module syntax in a .js file) to Node", () => {
    const { load, cacheFile } = modules({ "package.json": "{}", "e.js": "export const answer = 42;" });
    const { value, cache } = run(cacheFile, () => load("e.js"));
    expect(cache.stats()).toMatchObject({ skipped: 1 });
    expect(value).toMatchObject({ answer: 42 });
  });

  it("drops a damaged cache file whole and compiles from source", () => {
    const { load, cacheFile } = modules({ "m.cjs": "module.exports = 'ok';" });
    run(cacheFile, () => load("m.cjs"));
    const bytes = readFileSync(cacheFile);
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(cacheFile, bytes);
    const again = run(cacheFile, () => load("m.cjs"));
    expect(again.value).toBe("ok");
    expect(again.cache.stats()).toMatchObject({ hits: 0, misses: 1 });
  });

  it("after release, reads the file again: a module loaded later still gets its cached code, and save keeps every entry", () => {
    const { load, cacheFile } = modules({ "a.cjs": "module.exports = 'a';", "b.cjs": "module.exports = 'b';", "c.cjs": "module.exports = 'c';" });
    run(cacheFile, () => [load("a.cjs"), load("b.cjs")]);

    // A start that loads a.cjs, lets go of the file's code, then loads b.cjs and, new, c.cjs.
    const cache = install(cacheFile);
    expect(load("a.cjs")).toBe("a");
    cache.release();
    expect(load("b.cjs")).toBe("b");
    expect(load("c.cjs")).toBe("c");
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 1 });
    expect(cache.save()).toBe(true);
    cache.uninstall();

    // The saved file holds all three: what was released (a.cjs) was read back for the save.
    const next = run(cacheFile, () => [load("a.cjs"), load("b.cjs"), load("c.cjs")]);
    expect(next.value).toEqual(["a", "b", "c"]);
    expect(next.cache.stats()).toMatchObject({ hits: 3, misses: 0 });
  });

  it("does not fail when the cache cannot be written", () => {
    const { load, dir } = modules({ "m.cjs": "module.exports = 'ok';", "a-file": "" });
    const { value, saved } = run(join(dir, "a-file", "cache", "v8.bin"), () => load("m.cjs"));
    expect(value).toBe("ok");
    expect(saved).toBe(false);
  });

  it("keeps one file per Node version, architecture and copy of mcpscope", () => {
    const a = compileCacheFile("/c", "/one/dist/main.cjs");
    expect(a).toMatch(new RegExp(`^/c/${process.version}-${process.arch}-[0-9a-f]{16}\\.bin$`));
    expect(compileCacheFile("/c", "/two/dist/main.cjs")).not.toBe(a);
  });
});
