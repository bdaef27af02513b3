import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CREDENTIALS_FILE, CredentialStore } from "./credentialStore.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "mcpscope-creds-"));
  dirs.push(d);
  return join(d, "oauth");
}

const SERVER = "https://mcp.example/mcp";
const TOKENS = { access_token: "at-secret-123456", refresh_token: "rt-secret-123456", token_type: "Bearer", issuer: "https://as.example" };

describe("CredentialStore", () => {
  it("keeps tokens in memory only unless a session opted in", () => {
    const dir = tempDir();
    const store = new CredentialStore(dir);
    store.saveTokens(SERVER, "https://as.example", TOKENS, false);
    expect(store.tokens(SERVER)?.access_token).toBe(TOKENS.access_token);
    expect(() => statSync(join(dir, CREDENTIALS_FILE))).toThrow();
    expect(new CredentialStore(dir).tokens(SERVER)).toBeUndefined();
  });

  it("persists opted-in servers to a 0600 file in a 0700 directory and reads them back", () => {
    const dir = tempDir();
    const store = new CredentialStore(dir);
    store.saveClient(SERVER, "https://as.example", { client_id: "c1", client_secret: "cs-secret-123456", issuer: "https://as.example" }, true);
    store.saveTokens(SERVER, "https://as.example", TOKENS, true);
    store.saveTokens("https://other.example/mcp", "https://as.example", { ...TOKENS, access_token: "not-persisted-1" }, false);
    expect(statSync(join(dir, CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, CREDENTIALS_FILE), "utf8")).not.toContain("not-persisted-1");
    const again = new CredentialStore(dir);
    expect(again.tokens(SERVER, "https://as.example")?.refresh_token).toBe(TOKENS.refresh_token);
    expect(again.client(SERVER, "https://as.example")?.client_id).toBe("c1");
    expect(again.secrets(SERVER).sort()).toEqual([TOKENS.access_token, TOKENS.refresh_token, "cs-secret-123456"].sort());
    again.forget(SERVER, { tokens: true });
    expect(new CredentialStore(dir).tokens(SERVER)).toBeUndefined();
  });

  it("keys credentials by issuer: another authorization server's client is not returned (SEP-2352)", () => {
    const store = new CredentialStore();
    store.saveClient(SERVER, "https://as-one.example", { client_id: "one", issuer: "https://as-one.example" }, false);
    expect(store.client(SERVER, "https://as-two.example")).toBeUndefined();
  });
});
