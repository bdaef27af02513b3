// ESLint flat config for the whole workspace: `pnpm lint` (eslint . --max-warnings 0).
// TypeScript in the workspace packages is linted with type information from each package's
// tsconfig.json; plain JavaScript (bench/, the CLI launcher) and files outside every tsconfig
// are linted without it.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "**/node_modules/",
    "**/dist/",
    "**/.mcpscope/",
    "**/test-results/",
    "**/playwright-report/",
    "**/artifacts/",
    "**/coverage/",
    "e2e/*.tmp.mjs",
  ]),
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `const { omitted: _x, ...rest } = obj` is how the code drops keys from a copy.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // Off: Fastify plugins and route handlers and the SDK's tool handlers are async by contract, awaiting or not.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Outside every package's tsconfig: no type information.
    files: ["**/*.{js,mjs,cjs}", "vitest.config.ts", "vitest.globalSetup.ts", "bench/**"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The proxy, the fixture servers, bench, e2e and the config files run in Node
    // (packages/protocol and packages/timeline run on both sides: no environment's globals).
    files: ["apps/proxy/**", "packages/fixtures/**", "packages/playwright/**", "examples/**", "bench/**", "e2e/**", "*.{js,ts}", "apps/web/vite.config.ts"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
  {
    // Off in tests: Vitest's asymmetric matchers (expect.any, expect.stringContaining …) are typed `any`.
    files: ["**/*.test.{ts,tsx}"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  {
    // Playwright fixtures must destructure their first argument, even when they use no fixture: `async ({}, use) =>`.
    files: ["e2e/**"],
    rules: { "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }] },
  },
  {
    // Code in page.evaluate/addInitScript callbacks (e2e, bench) runs in the browser.
    files: ["e2e/**", "bench/**"],
    languageOptions: { globals: globals.browser },
  },
);
