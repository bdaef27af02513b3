// What `pnpm test:conformance` runs, against what, and which baseline judges it.
import { fileURLToPath } from "node:url";

/** Protocol revisions the runs use (the CLI's `--spec-version`). */
export type SpecVersion = "2025-03-26" | "2025-11-25" | "2026-07-28";

/** Scenarios left out on purpose, with the reason the runner prints. */
export const EXCLUDED: Array<{ matches: (scenario: string) => boolean; label: string; reason: string }> = [];

/** True when `scenario` is excluded (see EXCLUDED). */
export function isExcluded(scenario: string): boolean {
  return EXCLUDED.some((e) => e.matches(scenario));
}

/**
 * The servers the server runs test: fixtures of @mcpscope/fixtures, and the reference server
 * `@modelcontextprotocol/server-everything` (Streamable HTTP) directly and through a tap's
 * HTTP facade (`everything-tap`: mcpscope, built, with `--config … --tap everything`).
 */
export type FixtureKind = "http" | "modern" | "modern-only" | "everything" | "everything-tap";

/** Server mode: the CLI acts as a client against one of our fixtures. */
export interface ServerRun {
  id: string;
  fixture: FixtureKind;
  specVersion: SpecVersion;
  baselineFile: string;
}

/** Client mode: the CLI serves each scenario and runs mcpscope's engine (client.ts) against it. */
export interface ClientRun {
  id: string;
  specVersion: SpecVersion;
  /** Candidate scenarios; those the CLI does not list at `specVersion` are left out. */
  scenarios: string[];
  baselineFile: string;
}

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/** The server-mode baseline: one section per run id. */
export const SERVER_BASELINE = here("./baseline.server.json");

/**
 * Server runs: the 2025-era `http` fixture at 2025-11-25; the `modern` fixture (both eras)
 * at 2025-11-25 and 2026-07-28; `modern --modern-only` at 2026-07-28; server-everything at
 * 2025-11-25, directly and through a tap's HTTP facade. Each runs the CLI's whole server
 * suite (`--suite all`) filtered to the revision.
 */
export const SERVER_RUNS: ServerRun[] = [
  { id: "http@2025-11-25", fixture: "http", specVersion: "2025-11-25", baselineFile: SERVER_BASELINE },
  { id: "modern@2025-11-25", fixture: "modern", specVersion: "2025-11-25", baselineFile: SERVER_BASELINE },
  { id: "modern@2026-07-28", fixture: "modern", specVersion: "2026-07-28", baselineFile: SERVER_BASELINE },
  { id: "modern-only@2026-07-28", fixture: "modern-only", specVersion: "2026-07-28", baselineFile: SERVER_BASELINE },
  { id: "everything@2025-11-25", fixture: "everything", specVersion: "2025-11-25", baselineFile: SERVER_BASELINE },
  { id: "everything-tap@2025-11-25", fixture: "everything-tap", specVersion: "2025-11-25", baselineFile: SERVER_BASELINE },
];

/**
 * Runs that must reach the same verdicts, scenario by scenario: the tap's facade relays the
 * server untouched. `except` are scenarios the facade answers itself: DNS-rebinding
 * protection is the facade's own (its Host and Origin checks come before any relaying).
 */
export const SAME_VERDICTS: Array<{ reference: string; through: string; except: string[] }> = [{ reference: "everything@2025-11-25", through: "everything-tap@2025-11-25", except: ["dns-rebinding-protection"] }];

/** Scenarios that must pass outright in a run (not even baselined): the facade's own defences. */
export const MUST_PASS: Record<string, string[]> = { "everything-tap@2025-11-25": ["dns-rebinding-protection"] };

/**
 * The CLI's `core` client suite (conformance 0.2.0-alpha.12) without its auth/* scenarios
 * (they are the auth runs). The CLI offers no way to run a suite minus some of its
 * scenarios, so the runner names them; re-check this list when upgrading
 * @modelcontextprotocol/conformance.
 */
export const CORE_CLIENT_SCENARIOS = ["initialize", "tools_call", "elicitation-sep1034-client-defaults", "sse-retry"];

/**
 * At 2026-07-28 `core` keeps only tools_call, so the client run adds the suite's other
 * non-auth 2026-07-28 client scenarios that a generic client (list tools, call them,
 * answer what the server asks) can exercise: per-request `_meta`, multi round-trip
 * requests, the SEP-2243 standard and custom headers, no network `$ref` dereferencing.
 */
export const MODERN_CLIENT_SCENARIOS = [
  "request-metadata",
  "sep-2322-client-request-state",
  "http-standard-headers",
  "http-custom-headers",
  "http-invalid-tool-headers",
  "json-schema-ref-no-deref",
];

/**
 * The suite's `auth` client scenarios (conformance 0.2.0-alpha.12), run through the same
 * adapter with headless OAuth: at 2025-11-25 the scored ones; at 2026-07-28 those plus the
 * 2026-07-28 ones (resource mismatch, offline_access, authorization server migration, RFC
 * 9207 iss, metadata issuer); at 2025-03-26 the two back-compatibility scenarios. The
 * extension scenarios (client credentials with JWT or Basic, enterprise-managed
 * authorization, DPoP, workload identity) are not on the spec timeline: the CLI skips them
 * at any --spec-version, so they are not run.
 */
export const AUTH_CLIENT_SCENARIOS = [
  "auth/metadata-default",
  "auth/metadata-var1",
  "auth/metadata-var2",
  "auth/metadata-var3",
  "auth/basic-cimd",
  "auth/scope-from-www-authenticate",
  "auth/scope-from-scopes-supported",
  "auth/scope-omitted-when-undefined",
  "auth/scope-step-up",
  "auth/scope-retry-limit",
  "auth/token-endpoint-auth-basic",
  "auth/token-endpoint-auth-post",
  "auth/token-endpoint-auth-none",
  "auth/pre-registration",
];

/** The auth scenarios 2026-07-28 adds. */
export const MODERN_AUTH_CLIENT_SCENARIOS = [
  "auth/resource-mismatch",
  "auth/offline-access-scope",
  "auth/offline-access-not-supported",
  "auth/authorization-server-migration",
  "auth/iss-supported",
  "auth/iss-not-advertised",
  "auth/iss-supported-missing",
  "auth/iss-wrong-issuer",
  "auth/iss-unexpected",
  "auth/iss-normalized",
  "auth/metadata-issuer-mismatch",
];

/** Client runs, one baseline file each. */
export const CLIENT_RUNS: ClientRun[] = [
  { id: "core@2025-11-25", specVersion: "2025-11-25", scenarios: CORE_CLIENT_SCENARIOS, baselineFile: here("./baseline.client-2025-11-25.json") },
  { id: "auth@2025-11-25", specVersion: "2025-11-25", scenarios: AUTH_CLIENT_SCENARIOS, baselineFile: here("./baseline.client-2025-11-25.json") },
  { id: "auth@2025-03-26", specVersion: "2025-03-26", scenarios: ["auth/2025-03-26-oauth-metadata-backcompat", "auth/2025-03-26-oauth-endpoint-fallback"], baselineFile: here("./baseline.client-2025-11-25.json") },
  {
    id: "core@2026-07-28",
    specVersion: "2026-07-28",
    scenarios: [...CORE_CLIENT_SCENARIOS, ...MODERN_CLIENT_SCENARIOS],
    baselineFile: here("./baseline.client-2026-07-28.json"),
  },
  { id: "auth@2026-07-28", specVersion: "2026-07-28", scenarios: [...AUTH_CLIENT_SCENARIOS, ...MODERN_AUTH_CLIENT_SCENARIOS], baselineFile: here("./baseline.client-2026-07-28.json") },
];
