import { readFileSync } from "node:fs";
import { PACKAGE_DIR } from "./packageDir.js";

/** mcpscope's version, from the package's package.json. */
export const VERSION: string = (JSON.parse(readFileSync(new URL("package.json", PACKAGE_DIR), "utf8")) as { version: string }).version;
