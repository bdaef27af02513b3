import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ApiFailure } from "../errors.js";
import { CollectionStore } from "./collectionStore.js";

const item = (name: string, message = "hi") => ({ name, method: "tools/call", params: { name: "echo", arguments: { message } }, assertions: [] });
const code = async (p: Promise<unknown>) => p.then(() => "ok", (err: unknown) => (err instanceof ApiFailure ? err.code : String(err)));

describe("CollectionStore", () => {
  it("creates a collection on its first item, as a versioned JSON file, and lists it", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "mcpscope-coll-")), "not-yet");
    const store = new CollectionStore(dir);
    expect(await store.list()).toEqual({ dir, collections: [] });
    await store.saveItem("smoke", item("echo"), { name: "Smoke tests" });
    expect(JSON.parse(readFileSync(join(dir, "smoke.json"), "utf8"))).toEqual({ format: "mcpscope-collection", version: 1, name: "Smoke tests", items: [item("echo")] });
    expect((await store.list()).collections).toEqual([{ id: "smoke", name: "Smoke tests", file: join(dir, "smoke.json"), items: [{ name: "echo", method: "tools/call" }] }]);
  });

  it("refuses a second item of the same name unless replacing, and deletes items", async () => {
    const store = new CollectionStore(mkdtempSync(join(tmpdir(), "mcpscope-coll-")));
    await store.saveItem("c", item("echo"));
    expect(await code(store.saveItem("c", item("echo", "other")))).toBe("COLLECTION_ITEM_EXISTS");
    await store.saveItem("c", item("echo", "other"), { replace: true });
    expect((await store.read("c")).items).toEqual([item("echo", "other")]);
    await store.deleteItem("c", "echo");
    expect((await store.read("c")).items).toEqual([]);
    expect(await code(store.deleteItem("c", "echo"))).toBe("COLLECTION_ITEM_NOT_FOUND");
    expect(await code(store.read("absent"))).toBe("COLLECTION_NOT_FOUND");
    await store.delete("c");
    expect(await code(store.delete("c"))).toBe("COLLECTION_NOT_FOUND");
  });

  it("never makes a path from an id that is not one: no traversal, no other extension", async () => {
    const root = mkdtempSync(join(tmpdir(), "mcpscope-coll-"));
    const store = new CollectionStore(join(root, "collections"));
    for (const id of ["../evil", "..", "a/b", "a\\b", ".hidden", "UPPER", "x.json", "", "a".repeat(65), "%2e%2e"]) {
      expect(await code(store.saveItem(id, item("x"))), id).toBe("BAD_REQUEST");
      expect(await code(store.read(id)), id).toBe("BAD_REQUEST");
    }
    expect(readdirSync(root)).toEqual([]);
  });

  it("lists a file that is not a collection with the reason, and refuses to overwrite it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-coll-"));
    writeFileSync(join(dir, "broken.json"), '{"format":"something-else"}');
    writeFileSync(join(dir, "notes.txt"), "ignored");
    const store = new CollectionStore(dir);
    const [broken] = (await store.list()).collections;
    expect(broken).toMatchObject({ id: "broken", items: [], error: expect.stringContaining("is not an mcpscope collection: format:") });
    expect(await code(store.saveItem("broken", item("x")))).toBe("INVALID_COLLECTION");
    expect(readFileSync(join(dir, "broken.json"), "utf8")).toBe('{"format":"something-else"}');
  });

  it("serializes concurrent saves to one collection: every item lands, and no temporary file is left", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-coll-"));
    const store = new CollectionStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.saveItem("many", item(`item ${i}`))));
    expect((await store.read("many")).items.map((i) => i.name).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `item ${i}`).sort());
    expect(readdirSync(dir)).toEqual(["many.json"]);
  });
});
