import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { ApiFailure } from "../errors.js";
import { parseWith } from "./parse.js";

const ValidateBodySchema = z.object({ schema: z.record(z.string(), z.unknown()), data: z.unknown() });

/**
 * `POST /api/validate` `{schema, data}` → `{valid, dialect, errors: [{path, message}]}`:
 * Ajv validation (JSON Schema 2020-12 or draft-07) for the web app, whose strict CSP rules
 * out Ajv's code generation in the browser.
 */
export const validateRoutes: FastifyPluginAsync = async (app) => {
  app.post("/api/validate", async (request) => {
    const { schema, data } = parseWith(ValidateBodySchema, request.body);
    // Ajv is loaded on the first validation, not at every start of mcpscope.
    const { validateJson } = await import("../validation/validateJson.js");
    try {
      return validateJson(schema, data);
    } catch (err) {
      throw new ApiFailure("BAD_REQUEST", `The schema is not a valid JSON Schema: ${(err as Error).message}`);
    }
  });
};
