export { buildApp, type AppOptions } from "./app.js";
export { startServer, type ServerOptions, type RunningServer } from "./server.js";
export { defaultServerTarget } from "./sessions/defaultServer.js";
export { ApiFailure, ERRORS } from "./errors.js";
export { SessionManager, type AnySession, type RetentionOptions } from "./sessions/sessionManager.js";
export { Session, type SessionOptions } from "./sessions/session.js";
