import type { z } from "zod";
import { ApiFailure } from "../errors.js";

/**
 * Validates a request body or query with a schema from `@mcpscope/protocol`.
 * @throws ApiFailure BAD_REQUEST naming each invalid field.
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues
    .map((i) => `${i.path.length ? i.path.join(".") : "(body)"}: ${i.message}`)
    .join("; ");
  throw new ApiFailure("BAD_REQUEST", `Invalid request: ${detail}`);
}
