export * from "./timelineIndex.js";
export * from "./frameSummary.js";
