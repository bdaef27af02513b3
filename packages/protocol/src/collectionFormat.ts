// The collection format's fixed values and file naming, without zod (the schemas are in
// `collection.ts`): the browser derives a new collection's id with the same rule as the proxy.

/** `format` of a collection file. */
export const COLLECTION_FORMAT = "mcpscope-collection";
/** The collection format version this mcpscope writes and reads. */
export const COLLECTION_VERSION = 1;

/**
 * A collection id: the file's name without `.json` in the collections directory. Lower-case
 * letters, digits, `-` and `_`, starting with a letter or digit, at most 64 characters: no
 * `/`, `\`, `.` or `..`, so an id can never name a file outside that directory.
 */
export const COLLECTION_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * The id a collection named `name` gets: lower-cased, every run of other characters made
 * one `-`, trimmed to 64 characters; `collection` when nothing is left ("Smoke tests!" →
 * `smoke-tests`).
 */
export function collectionIdFor(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^[-_]+/, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return COLLECTION_ID_PATTERN.test(slug) ? slug : "collection";
}
