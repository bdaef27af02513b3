export * from "./timelineIndex.js";
export * from "./frameSummary.js";
export * from "./frameFilter.js";
export * from "./methodStats.js";
export * from "./spans.js";
export * from "./progress.js";
export * from "./diff/index.js";
export * from "./urlElicitations.js";
