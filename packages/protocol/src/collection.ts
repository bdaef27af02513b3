import { z } from "zod";
import { COLLECTION_FORMAT, COLLECTION_ID_PATTERN, COLLECTION_VERSION } from "./collectionFormat.js";
import { JsonRpcErrorSchema } from "./rest.js";

/** A JSON Pointer (RFC 6901) into a result: `""` (the whole result), `/content/0/text`. */
const PointerSchema = z.string().regex(/^(\/.*)?$/, "a JSON Pointer is empty or starts with '/' (RFC 6901)");

/**
 * One check of a collection item's answer (docs/collections.md):
 * - `noError`: no JSON-RPC error, and no `isError: true` in a tool result (MCP 2025-11-25
 *   "Tools → Error handling");
 * - `equals`: the result (or the part at `path`) equals `value`, ignoring `_meta` and the
 *   volatile keys `mcpscope diff` ignores (timestamps, session, task and request ids, progress tokens);
 * - `schema`: the result (or the part at `path`) is valid against a JSON Schema (Ajv, 2020-12
 *   unless `$schema` says draft-07);
 * - `contains`: a `text` of the result (text content, resource text, prompt message text) contains `text`;
 * - `latency`: the answer came within `maxMs` milliseconds;
 * - `error`: the server answered with a JSON-RPC error (of `code`, when given).
 */
export const AssertionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("noError") }),
  z.object({ type: z.literal("equals"), path: PointerSchema.optional(), value: z.unknown() }),
  z.object({ type: z.literal("schema"), path: PointerSchema.optional(), schema: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal("contains"), text: z.string().min(1) }),
  z.object({ type: z.literal("latency"), maxMs: z.number().positive() }),
  z.object({ type: z.literal("error"), code: z.number().int().optional() }),
]);
export type Assertion = z.infer<typeof AssertionSchema>;

/**
 * One saved request of a collection: a client request (`tools/call`, `resources/read`,
 * `prompts/get`, or any other method but `initialize`) with its params as sent (without
 * `_meta`), and the assertions its answer must pass. With no assertions, `noError` applies.
 * `timeoutMs` overrides the request timeout for this item.
 */
export const CollectionItemSchema = z.object({
  name: z.string().trim().min(1).max(200),
  method: z
    .string()
    .min(1)
    .refine((m) => m !== "initialize", "initialize is sent when connecting; it cannot be a collection item"),
  params: z.record(z.string(), z.unknown()).default({}),
  assertions: z.array(AssertionSchema).default([]),
  timeoutMs: z.number().int().positive().max(3_600_000).optional(),
});
export type CollectionItem = z.infer<typeof CollectionItemSchema>;
/** A collection item as written by hand or sent over REST: `params` and `assertions` may be left out. */
export type CollectionItemInput = z.input<typeof CollectionItemSchema>;

/**
 * A collection file (`<id>.json` in the collections directory; format version 1): saved
 * requests with assertions, run by the page's Collections tab or `mcpscope run`. Item names
 * are unique within a collection. Unknown top-level keys are kept when mcpscope rewrites it.
 */
export const CollectionSchema = z
  .looseObject({
    format: z.literal(COLLECTION_FORMAT),
    version: z.literal(COLLECTION_VERSION),
    name: z.string().trim().min(1).max(200),
    description: z.string().optional(),
    items: z.array(CollectionItemSchema),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.items.forEach((item, i) => {
      if (seen.has(item.name)) ctx.addIssue({ code: "custom", path: ["items", i, "name"], message: `two items are named ${JSON.stringify(item.name)}; names must be unique` });
      seen.add(item.name);
    });
  });
export type Collection = z.infer<typeof CollectionSchema>;

/** A collection id (`COLLECTION_ID_PATTERN`): its file name in the collections directory, without `.json`. */
export const CollectionIdSchema = z.string().regex(COLLECTION_ID_PATTERN, "a collection id is 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit");

/** A collection as `GET /api/collections` lists it; a file that is not a valid collection has `error`. */
export const CollectionSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  /** Its absolute path. */
  file: z.string(),
  items: z.array(z.object({ name: z.string(), method: z.string() })),
  /** Why the file could not be read as a collection. */
  error: z.string().optional(),
});
export type CollectionSummary = z.infer<typeof CollectionSummarySchema>;

/** `GET /api/collections`: the collections directory and the collections in it, by id. */
export const CollectionListSchema = z.object({ dir: z.string(), collections: z.array(CollectionSummarySchema) });
export type CollectionList = z.infer<typeof CollectionListSchema>;

/**
 * Body of `POST /api/collections/:id/items`: adds `item` to collection `:id`, creating the
 * collection (named `collectionName`, else its id) when there is none. An item of the same
 * name is replaced only with `replace: true` (else 409 `MCPSCOPE_COLLECTION_ITEM_EXISTS`).
 */
export const SaveCollectionItemBodySchema = z.object({
  collectionName: z.string().trim().min(1).max(200).optional(),
  item: CollectionItemSchema,
  replace: z.boolean().default(false),
});
export type SaveCollectionItemBody = z.input<typeof SaveCollectionItemBodySchema>;

/** Body of `POST /api/collections/:id/run`: the session to run against, and which items (all when absent). */
export const RunCollectionBodySchema = z.object({ sessionId: z.string().min(1), items: z.array(z.string()).optional() });
export type RunCollectionBody = z.infer<typeof RunCollectionBodySchema>;

/** The verdict of one assertion: `pass`, and `message` saying what was found (and why it failed). */
export const AssertionVerdictSchema = z.object({ assertion: AssertionSchema, pass: z.boolean(), message: z.string() });
export type AssertionVerdict = z.infer<typeof AssertionVerdictSchema>;

/**
 * What running one item gave: `pass` when every verdict passed; the answer (result or
 * JSON-RPC error) and `durationMs`, the round trip in milliseconds; `failure` when no answer
 * came at all (the session is not connected, the request timed out inside mcpscope, …).
 */
export const ItemRunSchema = z.object({
  name: z.string(),
  method: z.string(),
  status: z.enum(["pass", "fail"]),
  durationMs: z.number().nonnegative(),
  verdicts: z.array(AssertionVerdictSchema),
  result: z.record(z.string(), z.unknown()).optional(),
  error: JsonRpcErrorSchema.optional(),
  failure: z.string().optional(),
});
export type ItemRun = z.infer<typeof ItemRunSchema>;

/**
 * A collection run (the answer of `POST /api/collections/:id/run`, and `mcpscope run
 * --format json`): each item's outcome in order, the counts, and `durationMs` for the whole
 * run; `startedAt` in epoch milliseconds.
 */
export const CollectionRunSchema = z.object({
  collection: z.string(),
  sessionId: z.string().optional(),
  startedAt: z.number(),
  durationMs: z.number().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  items: z.array(ItemRunSchema),
});
export type CollectionRun = z.infer<typeof CollectionRunSchema>;
