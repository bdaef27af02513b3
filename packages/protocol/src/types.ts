// `@mcpscope/protocol/types`: every type of the protocol, and the helpers that need no zod.
// Importing this (e.g. from the browser) loads no schema: `export type *` is erased at build
// time, and a schema imported from here as a value is a compile error.
export type * from "./auth.js";
export type * from "./frame.js";
export type * from "./session.js";
export type * from "./rest.js";
export type * from "./ws.js";
export type * from "./mcpServersConfig.js";
export type * from "./serverRequests.js";
export type * from "./recording.js";
export type * from "./collection.js";
export type * from "./tap.js";
export * from "./frameKinds.js";
export * from "./protocolVersions.js";
export * from "./serverEntry.js";
export * from "./recordingFormat.js";
export * from "./collectionFormat.js";
export * from "./mcpVocabulary.js";
export type * from "./apps.js";
export * from "./mcpApps.js";
