// `@mcpscope/protocol`: the schemas (zod) and the zod-free helpers together. The browser
// imports `@mcpscope/protocol/types` instead, to keep zod out of its bundle.
export * from "./schemas.js";
export * from "./frameKinds.js";
export * from "./protocolVersions.js";
export * from "./serverEntry.js";
export * from "./recordingFormat.js";
export * from "./collectionFormat.js";
export * from "./mcpVocabulary.js";
export * from "./mcpApps.js";
