// mcpscope's engine as the client under test of the conformance suite's client mode.
// The suite starts a test server for one scenario and runs this file with the server's
// URL as the last argument, the scenario in MCP_CONFORMANCE_SCENARIO and the protocol
// revision in MCP_CONFORMANCE_PROTOCOL_VERSION. Whatever the scenario, it does what a
// person in mcpscope would: open a session, list the tools, call each one with arguments
// made from its input schema, and let the session's autoAnswer policy answer any
// elicitation (accepting, so the SDK fills in the schema's defaults) or sampling request.
// Exit code 0 when the session connected and every request got an answer (a JSON-RPC
// error counts as one), 1 otherwise (the message on stderr).
import { SessionTargetSchema, type SessionTarget } from "@mcpscope/protocol";
import { SessionManager } from "../../apps/proxy/src/index.js";

/** The sampling answer mcpscope gives unattended (autoAnswer). */
const SAMPLING_ANSWER = { model: "mcpscope-conformance", role: "assistant", content: { type: "text", text: "conformance answer" } };

/**
 * The Client ID Metadata Document URL the suite's CIMD scenario expects (a fixed https URL
 * its authorization server never fetches), given as a person would give theirs with
 * --client-metadata-url.
 */
const CLIENT_METADATA_URL = "https://conformance-test.local/client-metadata.json";

/** What a scenario hands the client in MCP_CONFORMANCE_CONTEXT (pre-registered credentials …). */
interface ScenarioContext {
  client_id?: string;
  client_secret?: string;
}

/**
 * The session to open for the suite's server. It connects with `protocol: "auto"`, the
 * default a person gets, so the engine finds the revision the scenario runs at itself
 * (server/discover, else initialize), and the scenario checks that it found the right one.
 * OAuth runs headless (nobody is there to sign in; the suite's authorization server
 * redirects at once), with the scenario's pre-registered client when it gives one, as
 * `--client-id`/`--client-secret` would (and `--grant client_credentials` for the
 * client-credentials scenario).
 */
function targetFor(url: string): SessionTarget {
  const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? "";
  const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? "{}") as ScenarioContext;
  return SessionTargetSchema.parse({
    transport: "streamable-http",
    url,
    protocol: "auto",
    name: `conformance ${scenario}`.trim(),
    client: { autoAnswer: { elicitation: { action: "accept", content: {} }, sampling: SAMPLING_ANSWER } },
    oauth: {
      mode: "headless",
      clientMetadataUrl: CLIENT_METADATA_URL,
      ...(context.client_id ? { clientId: context.client_id } : {}),
      ...(context.client_id && context.client_secret ? { clientSecret: context.client_secret } : {}),
      ...(scenario.startsWith("auth/client-credentials") ? { grant: "client_credentials" } : {}),
    },
  });
}

interface JsonSchemaLike {
  type?: string | string[];
  properties?: Record<string, JsonSchemaLike>;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
}

/** A value of the schema's type for every required property (defaults and enums first). */
function argumentsFor(schema: JsonSchemaLike | undefined): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const name of schema?.required ?? []) args[name] = sampleValue(schema?.properties?.[name] ?? {});
  return args;
}

function sampleValue(schema: JsonSchemaLike): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "number":
    case "integer":
      return 1;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object":
      return argumentsFor(schema);
    default:
      return "conformance";
  }
}

async function main(): Promise<void> {
  const url = process.argv.at(-1);
  if (!url || !/^https?:\/\//.test(url)) throw new Error(`expected the test server's URL as the last argument, got ${JSON.stringify(url)}`);
  const manager = new SessionManager({ initializeTimeoutMs: 15_000, requestTimeoutMs: 15_000 });
  try {
    const session = await manager.open(targetFor(url));
    const listed = await session.request("tools/list", {});
    if ("error" in listed) throw new Error(`tools/list failed: ${listed.error.message}`);
    const tools = ((listed.result as { tools?: Array<{ name: string; inputSchema?: JsonSchemaLike }> }).tools ?? []);
    for (const tool of tools) {
      // A JSON-RPC error is an answer too (the scenario's checks judge it); only a session that stopped working ends the run.
      const called = await session.request("tools/call", { name: tool.name, arguments: argumentsFor(tool.inputSchema) });
      if ("error" in called) process.stderr.write(`tools/call ${tool.name} answered error ${called.error.code}: ${called.error.message}\n`);
      if (session.info().status !== "ready") throw new Error(`the session stopped: ${session.info().error ?? session.info().status}`);
    }
  } finally {
    await manager.closeAll();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`mcpscope conformance client: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
