// What mcpscope's OAuth assumes about the MCP SDK v2 client's public behaviour. Each assertion
// names the assumption it checks and the mcpscope file that relies on it, so an SDK upgrade
// that changes one fails here by name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, StreamableHTTPClientTransport, UnauthorizedError, type FetchLike } from "@modelcontextprotocol/client";
import { startOAuthFixture, type RunningOAuthFixture } from "@mcpscope/fixtures";
import { CredentialStore } from "./credentialStore.js";
import { SessionOAuthProvider } from "./sessionOAuthProvider.js";

const assumption = (text: string) => `SDK ASSUMPTION BROKEN: ${text}`;

let f: RunningOAuthFixture;
beforeAll(async () => {
  f = await startOAuthFixture({ variant: "dcr" });
});
afterAll(() => f.stop());

function rig() {
  const urls: string[] = [];
  const fetchFn: FetchLike = (url, init) => {
    urls.push(String(url));
    return fetch(url, init);
  };
  const opened: URL[] = [];
  const provider = new SessionOAuthProvider({ mode: "headless", grant: "authorization_code", persistTokens: false }, f.mcpUrl, new CredentialStore(), "http://127.0.0.1/oauth/callback", undefined, {
    authorizationUrl: (request) => opened.push(request.url),
    client: () => undefined,
    tokens: () => undefined,
  });
  const transport = new StreamableHTTPClientTransport(new URL(f.mcpUrl), { fetch: fetchFn, authProvider: provider });
  return { urls, opened, provider, transport };
}

describe("the SDK's OAuth, as mcpscope uses it", () => {
  it("sends its OAuth requests through the transport's fetch, and rejects connect with UnauthorizedError once it asked to open the authorization URL", async () => {
    const { urls, opened, transport } = rig();
    const error = await new Client({ name: "assumptions", version: "1.0.0" }).connect(transport).catch((e: unknown) => e);
    expect(error, assumption("connect rejects with UnauthorizedError after redirectToAuthorization (sessions/connectSession.ts, auth/sessionAuth.ts)")).toBeInstanceOf(UnauthorizedError);
    expect(opened, assumption("redirectToAuthorization is called once with the authorization URL")).toHaveLength(1);
    expect(urls.some((u) => u.includes("/.well-known/oauth-protected-resource")), assumption("metadata discovery uses the transport's fetch (the tap records OAuth exchanges: sessions/transports/tappedFetch.ts)")).toBe(true);
    expect(urls.some((u) => u.endsWith("/register")), assumption("registration uses the transport's fetch")).toBe(true);
    expect(opened[0]!.searchParams.get("state"), assumption("the provider's state() is put on the authorization URL (auth/pendingAuthorizations.ts checks it)")).toBeTruthy();
  });

  it("does not check state itself: finishAuth takes a response whatever its state (so the callback route must)", async () => {
    const { opened, transport, provider } = rig();
    await new Client({ name: "assumptions", version: "1.0.0" }).connect(transport).catch(() => undefined);
    const answer = await fetch(opened[0]!, { redirect: "manual" });
    const params = new URL(answer.headers.get("location")!).searchParams;
    params.set("state", "not-the-one-sent");
    provider.activate(opened[0]!.searchParams.get("state")!);
    await expect(transport.finishAuth(params), assumption("finishAuth ignores state (routes/oauth.ts and auth/sessionAuth.ts refuse a wrong one)")).resolves.toBeUndefined();
    expect(provider.tokens()?.access_token, assumption("finishAuth saves the tokens through the provider")).toBeTruthy();
  });
});
