export * from "./frame.js";
export * from "./session.js";
export * from "./rest.js";
export * from "./ws.js";
export * from "./mcpServersConfig.js";
export * from "./serverRequests.js";
