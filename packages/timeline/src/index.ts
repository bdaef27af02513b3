export * from "./timelineIndex.js";
export * from "./frameSummary.js";
export * from "./diff/index.js";
