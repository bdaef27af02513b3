/**
 * The directory of the `mcpscope` package (a `file:` URL ending in `/`). This module sits one
 * level below it both as source (`src/packageDir.ts`) and inside the build (`dist/main.js`,
 * a single bundle), so the same relative URL finds `package.json` and `dist/web/` from either.
 */
export const PACKAGE_DIR: URL = new URL("../", import.meta.url);
