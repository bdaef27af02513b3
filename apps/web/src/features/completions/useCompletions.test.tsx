// @vitest-environment happy-dom
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, URL as NodeURL } from "node:url";
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CompletingInput } from "./CompletingInput";
import { useCompletions, type CompletionRef } from "./useCompletions";

// The real CLI on the schema zoo (a prompt and a resource template that complete); the page
// (happy-dom) is put on its origin with its token cookie, so restClient talks to it as in a browser.
// mcpscope runs from its sources (through tsx), like the proxy's own CLI tests.
const CLI_MAIN = fileURLToPath(new NodeURL("../../../../proxy/src/main.ts", import.meta.url));
// The fixture package's own directory as the cwd, so `--import tsx` resolves there.
const FIXTURES = fileURLToPath(new NodeURL("../../../../../packages/fixtures/", import.meta.url));
let cli: ChildProcess;
let base: string;
let sessionId: string;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-completions-"));
  const zoo = [process.execPath, "--import", "tsx", "src/servers/schemaZoo.ts"];
  cli = spawn(process.execPath, ["--import", "tsx", CLI_MAIN, "--no-open", "--port", "0", "--data-dir", dataDir, "--cwd", FIXTURES, "--", ...zoo], {
    cwd: FIXTURES,
    env: { ...process.env, CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<URL>((resolve, reject) => {
    cli.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      const m = /mcpscope ready: (\S+)/.exec(output);
      if (m) resolve(new URL(m[1]!));
    });
    cli.once("exit", (code) => reject(new Error(`mcpscope exited with ${code}: ${output}`)));
  });
  base = url.origin;
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${base}/`);
  document.cookie = `mcpscope_token_${url.port}=${url.searchParams.get("token")}; path=/`;
  // The CLI prints its ready line before the server has finished initializing.
  sessionId = await vi.waitFor(
    async () => {
      const sessions = (await (await fetch("/api/sessions")).json()) as Array<{ id: string; status: string }>;
      const failed = sessions.find((s) => s.status === "failed");
      if (failed) return Promise.reject(new Error(`the schema zoo did not start: ${JSON.stringify(failed)}`));
      const ready = sessions.find((s) => s.status === "ready");
      if (!ready) throw new Error(`no ready session yet: ${JSON.stringify(sessions)}`);
      return ready.id;
    },
    { timeout: 20_000, interval: 100 },
  );
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
}, 30_000);

afterAll(async () => {
  if (cli.exitCode !== null) return;
  const exited = new Promise((resolve) => cli.once("exit", resolve));
  cli.kill("SIGTERM");
  await exited;
});

function mount(): { root: Root; container: HTMLElement; render: (node: ReactNode) => void } {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  const client = new QueryClient();
  return { root, container, render: (node) => act(() => root.render(<QueryClientProvider client={client}>{node}</QueryClientProvider>)) };
}

function Probe({ sid, completionRef, name, value }: { sid: string; completionRef: CompletionRef; name: string; value: string }) {
  const c = useCompletions(sid, completionRef, name, value);
  return <output>{c.loading ? "loading" : (c.error ?? c.values.join(","))}</output>;
}

async function completionRequests(): Promise<Array<{ argument: { value: string } }>> {
  const page = (await (await fetch(`/api/sessions/${sessionId}/frames?limit=10000`)).json()) as { frames: Array<{ dir: string; kind: string; msg?: { method?: string; params?: unknown } }> };
  return page.frames.filter((f) => f.dir === "out" && f.kind === "request" && f.msg?.method === "completion/complete").map((f) => f.msg!.params as { argument: { value: string } });
}

describe("useCompletions against a real server", () => {
  it("suggests prompt argument values, sending only the value the user settled on", async () => {
    const before = (await completionRequests()).length;
    const { container, render, root } = mount();
    const ref: CompletionRef = { type: "ref/prompt", name: "greet" };
    render(<Probe sid={sessionId} completionRef={ref} name="language" value="E" />);
    render(<Probe sid={sessionId} completionRef={ref} name="language" value="Es" />);
    render(<Probe sid={sessionId} completionRef={ref} name="language" value="Est" />);
    await vi.waitFor(() => expect(container.textContent).toBe("Estonian"), { timeout: 5_000 });
    // The first value is asked at once; typing after it is debounced: "Es" was never sent.
    const sent = (await completionRequests()).slice(before).map((p) => p.argument.value);
    expect(sent).toEqual(["E", "Est"]);
    act(() => root.unmount());
  });

  it("completes resource template variables", async () => {
    const { container, render, root } = mount();
    render(<Probe sid={sessionId} completionRef={{ type: "ref/resource", uri: "zoo://notes/{name}" }} name="name" value="k" />);
    await vi.waitFor(() => expect(container.textContent).toBe("keeper"), { timeout: 5_000 });
    act(() => root.unmount());
  });

  it("says why there are no suggestions when the request fails", async () => {
    const { container, render, root } = mount();
    render(<Probe sid="no-such-session" completionRef={{ type: "ref/prompt", name: "greet" }} name="language" value="E" />);
    await vi.waitFor(() => expect(container.textContent).toMatch(/session/i), { timeout: 5_000 });
    act(() => root.unmount());
  });

  it("CompletingInput lists the suggestions in its datalist", async () => {
    const { container, render, root } = mount();
    render(
      <CompletingInput id="lang" label="language" value="E" onChange={() => {}} sessionId={sessionId} completionRef={{ type: "ref/prompt", name: "greet" }} argumentName="language" />,
    );
    await vi.waitFor(() => expect([...container.querySelectorAll("datalist option")].map((o) => o.getAttribute("value"))).toEqual(["English", "Esperanto", "Estonian"]), { timeout: 5_000 });
    const input = container.querySelector("input")!;
    expect(input.getAttribute("list")).toBe(container.querySelector("datalist")!.id);
    expect(container.textContent).toContain("3 suggestions");
    act(() => root.unmount());
  });
});
