import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["apps/*/src/**/*.test.{ts,tsx}", "apps/*/scripts/**/*.test.ts", "packages/*/src/**/*.test.ts", "e2e/conformance/**/*.test.ts"],
    globalSetup: ["./vitest.globalSetup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
