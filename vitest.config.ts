import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["apps/*/src/**/*.test.{ts,tsx}", "packages/*/src/**/*.test.ts", "e2e/conformance/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
