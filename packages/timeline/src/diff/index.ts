export * from "./diffSessions.js";
export { differingPaths, normalize, VOLATILE_KEYS } from "./normalize.js";
