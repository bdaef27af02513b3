// `@mcpscope/protocol/schemas`: the zod schemas (and the types inferred from them). Code that
// validates at run time imports these; code that only needs types or the zod-free helpers
// imports `@mcpscope/protocol/types` and stays free of zod.
export * from "./auth.js";
export * from "./frame.js";
export * from "./session.js";
export * from "./rest.js";
export * from "./ws.js";
export * from "./mcpServersConfig.js";
export * from "./serverRequests.js";
export * from "./recording.js";
export * from "./collection.js";
export * from "./tap.js";
export * from "./apps.js";
