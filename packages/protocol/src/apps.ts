import { z } from "zod";
import { JsonRpcIdSchema } from "./frame.js";
import { APP_REQUEST_METHODS } from "./mcpApps.js";
import { AppOriginSchema } from "./serverRequests.js";

/**
 * One message between an MCP App and mcpscope as its host, as the page hosting the app saw it
 * on postMessage: `dir` `app` (app→host) or `host` (host→app); `raw` the message as JSON.
 * The proxy parses `raw` and records a frame of the JSON-RPC kind it is, or `invalid`.
 */
export const AppFrameInputSchema = z.object({
  dir: z.enum(["app", "host"]),
  raw: z.string(),
  /** Why the page could not deliver it (e.g. the bridge refused its shape); recorded as `invalid`. */
  reason: z.string().max(2000).optional(),
});
export type AppFrameInput = z.infer<typeof AppFrameInputSchema>;

/** Body of `POST /api/sessions/:id/app-frames`: messages of one app, in the order they crossed. */
export const AppFramesBodySchema = z.object({
  app: AppOriginSchema,
  frames: z.array(AppFrameInputSchema).min(1).max(1000),
});
export type AppFramesBody = z.infer<typeof AppFramesBodySchema>;

/** Answer of `POST /api/sessions/:id/app-frames`: the `seq` each frame got, in order. */
export const AppFramesResultSchema = z.object({ seqs: z.array(z.number().int().positive()) });
export type AppFramesResult = z.infer<typeof AppFramesResultSchema>;

/**
 * Body of `POST /api/sessions/:id/app-requests`: an app request that needs a person
 * (`ui/open-link`, `ui/message`, `ui/download-file`; SEP-1865 "Requests (View → Host)"). It
 * waits in the session's inbox; the answer is `{ result }` (approved) or `{ error }` (denied).
 */
export const AppRequestBodySchema = z.object({
  app: AppOriginSchema,
  requestId: JsonRpcIdSchema,
  method: z.enum(APP_REQUEST_METHODS),
  params: z.record(z.string(), z.unknown()),
});
export type AppRequestBody = z.infer<typeof AppRequestBodySchema>;

/**
 * Body of `POST /api/apps/documents`: an MCP App's HTML (the `text` or decoded `blob` of its
 * `ui://` resource) and what its `_meta.ui` declares (SEP-1865 "UI Resource Format"): `csp`
 * (`connectDomains`, `resourceDomains`, `frameDomains`, `baseUriDomains`) and `permissions`
 * (`camera`, `microphone`, `geolocation`, `clipboardWrite`). Both are taken as the server
 * sent them: the proxy keeps the entries that are origins and reports the rest as ignored.
 * `embedder` is the origin of the page that will frame it when that is not mcpscope's own
 * (Vite's dev server); only a loopback origin is accepted.
 */
export const AppDocumentBodySchema = z.object({
  html: z.string(),
  csp: z.unknown().optional(),
  permissions: z.unknown().optional(),
  embedder: z
    .string()
    .regex(/^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/, "embedder must be a loopback origin, e.g. http://localhost:5173")
    .optional(),
});
export type AppDocumentBody = z.infer<typeof AppDocumentBodySchema>;

/**
 * Answer of `POST /api/apps/documents`: where the sandbox serves the document (`url`, on its
 * own loopback port), the `Content-Security-Policy` it is served with (`csp`), the iframe's
 * `sandbox` and `allow` attributes, and the declared entries left out (`ignored`, each with
 * why).
 */
export const AppDocumentSchema = z.object({
  id: z.string(),
  url: z.string(),
  csp: z.string(),
  sandbox: z.string(),
  allow: z.string(),
  ignored: z.array(z.string()),
});
export type AppDocument = z.infer<typeof AppDocumentSchema>;
