import { Client, type ClientOptions } from "@modelcontextprotocol/client";
import type { ClientBehaviour } from "@mcpscope/protocol";
import { VERSION } from "../version.js";
import { clientCapabilities } from "./clientCapabilities.js";
import type { ServerRequestAnswerer } from "./serverRequestAnswerer.js";

/**
 * A fresh SDK v2 client for one connection attempt: mcpscope's identity and declared
 * capabilities, the era options of the attempt (`planEra`), and the handlers that answer the
 * server. Transport errors are recorded as frames, so the SDK's `onerror` reports are dropped.
 */
export function createMcpClient(behaviour: ClientBehaviour, answerer: ServerRequestAnswerer, era: Pick<ClientOptions, "versionNegotiation" | "supportedProtocolVersions">, onclose: (client: Client) => void): Client {
  const client = new Client({ name: "mcpscope", version: VERSION }, { capabilities: clientCapabilities(behaviour.capabilities), ...era });
  answerer.register(client);
  client.onclose = () => onclose(client);
  client.onerror = () => undefined;
  return client;
}
