import { readFileSync } from "node:fs";

/** mcpscope's version, from apps/proxy/package.json. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;
