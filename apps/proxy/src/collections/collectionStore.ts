import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import writeFileAtomic from "write-file-atomic";
import {
  type Collection,
  COLLECTION_FORMAT,
  COLLECTION_ID_PATTERN,
  COLLECTION_VERSION,
  type CollectionItem,
  type CollectionList,
  CollectionSchema,
  type CollectionSummary,
} from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";

/**
 * Reads a collection file (any path: `mcpscope run <file>`).
 * @throws ApiFailure INVALID_COLLECTION naming the file and each invalid field; Error when it cannot be read.
 */
export async function readCollectionFile(path: string): Promise<Collection> {
  const text = await readFile(path, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ApiFailure("INVALID_COLLECTION", `${path} is not JSON: ${(err as Error).message}`);
  }
  const parsed = CollectionSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ");
    throw new ApiFailure("INVALID_COLLECTION", `${path} is not an mcpscope collection: ${detail}`);
  }
  return parsed.data;
}

/** A collection's file as written: two-space JSON with a final newline, so diffs in review stay small. */
export function collectionText(collection: Collection): string {
  return `${JSON.stringify(collection, null, 2)}\n`;
}

/**
 * The collections directory (`--collections <dir>`, default `<data dir>/collections`): one
 * `<id>.json` file per collection. Ids are checked against `COLLECTION_ID_PATTERN` before
 * any path is made from them, so no request can name a file elsewhere. Every write replaces
 * the file atomically (a temporary file renamed over it), and writes to one collection are
 * serialized, so two saves at once both land.
 */
export class CollectionStore {
  readonly dir: string;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** The file of collection `id`. @throws ApiFailure BAD_REQUEST for an id that is not one. */
  fileOf(id: string): string {
    if (!COLLECTION_ID_PATTERN.test(id)) throw new ApiFailure("BAD_REQUEST", `Not a collection id: ${JSON.stringify(id)}. Ids are 1 to 64 lower-case letters, digits, '-' or '_'.`);
    return join(this.dir, `${id}.json`);
  }

  /** Every `<id>.json` in the directory (none when it does not exist yet), by id; invalid ones with `error`. */
  async list(): Promise<CollectionList> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return { dir: this.dir, collections: [] };
      throw err;
    }
    const ids = names.filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -".json".length)).filter((id) => COLLECTION_ID_PATTERN.test(id)).sort();
    const collections = await Promise.all(
      ids.map(async (id): Promise<CollectionSummary> => {
        const file = this.fileOf(id);
        try {
          const c = await readCollectionFile(file);
          return { id, name: c.name, ...(c.description ? { description: c.description } : {}), file, items: c.items.map((i) => ({ name: i.name, method: i.method })) };
        } catch (err) {
          return { id, name: id, file, items: [], error: (err as Error).message };
        }
      }),
    );
    return { dir: this.dir, collections };
  }

  /** @throws ApiFailure COLLECTION_NOT_FOUND, INVALID_COLLECTION */
  async read(id: string): Promise<Collection> {
    const file = this.fileOf(id);
    try {
      return await readCollectionFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new ApiFailure("COLLECTION_NOT_FOUND", `No collection ${JSON.stringify(id)} in ${this.dir}.`);
      throw err;
    }
  }

  /**
   * Adds an item to collection `id`, creating the collection (named `name`, else `id`) if
   * there is none.
   * @throws ApiFailure COLLECTION_ITEM_EXISTS (unless `replace`), INVALID_COLLECTION when the file is not a collection.
   */
  async saveItem(id: string, item: CollectionItem, options: { name?: string; replace?: boolean } = {}): Promise<Collection> {
    return this.update(id, (current) => {
      const collection: Collection = current ?? { format: COLLECTION_FORMAT, version: COLLECTION_VERSION, name: options.name ?? id, items: [] };
      const at = collection.items.findIndex((i) => i.name === item.name);
      if (at >= 0 && !options.replace) throw new ApiFailure("COLLECTION_ITEM_EXISTS", `Collection ${JSON.stringify(collection.name)} already has an item named ${JSON.stringify(item.name)}.`);
      const items = at >= 0 ? collection.items.map((i, n) => (n === at ? item : i)) : [...collection.items, item];
      return { ...collection, items };
    });
  }

  /** @throws ApiFailure COLLECTION_NOT_FOUND, COLLECTION_ITEM_NOT_FOUND */
  async deleteItem(id: string, name: string): Promise<Collection> {
    return this.update(id, (current) => {
      if (!current) throw new ApiFailure("COLLECTION_NOT_FOUND", `No collection ${JSON.stringify(id)} in ${this.dir}.`);
      if (!current.items.some((i) => i.name === name)) throw new ApiFailure("COLLECTION_ITEM_NOT_FOUND", `No item named ${JSON.stringify(name)} in collection ${JSON.stringify(current.name)}.`);
      return { ...current, items: current.items.filter((i) => i.name !== name) };
    });
  }

  /** Deletes collection `id`'s file. @throws ApiFailure COLLECTION_NOT_FOUND */
  async delete(id: string): Promise<void> {
    const file = this.fileOf(id);
    await this.serialized(id, async () => {
      try {
        await rm(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new ApiFailure("COLLECTION_NOT_FOUND", `No collection ${JSON.stringify(id)} in ${this.dir}.`);
        throw err;
      }
    });
  }

  private update(id: string, change: (current: Collection | undefined) => Collection): Promise<Collection> {
    const file = this.fileOf(id);
    return this.serialized(id, async () => {
      let current: Collection | undefined;
      try {
        current = await readCollectionFile(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
      const next = CollectionSchema.parse(change(current));
      await mkdir(this.dir, { recursive: true });
      await writeFileAtomic(file, collectionText(next));
      return next;
    });
  }

  private serialized<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return next;
  }
}
