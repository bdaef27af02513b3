export * from "./diffSessions.js";
export { VOLATILE_KEYS } from "./normalize.js";
