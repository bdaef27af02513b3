// @ts-check
import { expect } from "@playwright/test";

/** @typedef {import("@playwright/test").Page} Page */
/** @typedef {import("@playwright/test").Locator} Locator */
/** @typedef {import("@playwright/test").APIRequestContext} APIRequestContext */
/** @typedef {import("../index.js").RunningMcpscope} RunningMcpscope */
/** @typedef {import("../index.js").McpscopeFrame} McpscopeFrame */
/** @typedef {import("../index.js").ToolCall} ToolCall */
/** @typedef {import("../index.js").ExpectFrameOptions} ExpectFrameOptions */
/** @typedef {import("../index.js").SamplingAnswer} SamplingAnswer */

const enc = encodeURIComponent;

/**
 * The `mcpscope` fixture: drives mcpscope's page by roles and accessible names (the contract
 * in mcpscope's docs/automation.md) and its REST API with the token.
 */
export class McpscopeHelper {
  /**
   * @param {Page} page
   * @param {RunningMcpscope} server
   * @param {APIRequestContext} api
   */
  constructor(page, server, api) {
    this.page = page;
    this.server = server;
    this.api = api;
    /** @type {string | undefined} */
    this.sessionId = server.sessionId;
  }

  /** @param {string} name */
  region(name) {
    return this.page.getByRole("region", { name, exact: true });
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   */
  async rest(method, path, body) {
    const res = await this.api.fetch(path, { method, ...(body === undefined ? {} : { data: body }) });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok()) throw new Error(`@mcpscope/playwright: ${method} ${path} answered ${res.status()}: ${json?.message ?? text}${json?.hint ? `\n${json.hint}` : ""}`);
    return json;
  }

  /** @returns {string} */
  currentSession() {
    if (!this.sessionId) throw new Error("@mcpscope/playwright: no session: give the fixture a server (mcpscopeServer), or call openSession(target) first.");
    return this.sessionId;
  }

  /**
   * @param {Record<string, unknown>} [target]
   * @returns {Promise<string>}
   */
  async openSession(target) {
    if (target) {
      const info = await this.rest("POST", "/api/sessions", target);
      this.sessionId = info.id;
    }
    const id = this.currentSession();
    await this.page.goto(`${this.server.origin}/sessions/${enc(id)}`);
    await expect(this.page.getByRole("banner").getByText("ready", { exact: true })).toBeVisible();
    return id;
  }

  /**
   * @param {string} method
   * @param {Record<string, unknown>} [params]
   */
  async request(method, params) {
    return this.rest("POST", `/api/sessions/${enc(this.currentSession())}/requests`, { method, ...(params ? { params } : {}) });
  }

  /**
   * @param {number} [since]
   * @returns {Promise<McpscopeFrame[]>}
   */
  async frames(since = 0) {
    const page = await this.rest("GET", `/api/sessions/${enc(this.currentSession())}/frames?since=${since}&limit=100000`);
    return page.frames;
  }

  /**
   * @param {(frame: McpscopeFrame) => boolean} predicate
   * @param {ExpectFrameOptions} [options]
   * @returns {Promise<McpscopeFrame>}
   */
  async expectFrame(predicate, options = {}) {
    const timeout = options.timeout ?? 15_000;
    const deadline = Date.now() + timeout;
    let since = options.since ?? 0;
    /** @type {McpscopeFrame[]} */
    const seen = [];
    for (;;) {
      for (const frame of await this.frames(since)) {
        seen.push(frame);
        since = frame.seq;
        if (predicate(frame)) return frame;
      }
      if (Date.now() > deadline) {
        const last = seen.slice(-10).map((f) => `#${f.seq} ${f.dir} ${f.kind}${f.msg?.method ? ` ${f.msg.method}` : ""}`).join("\n  ");
        throw new Error(`@mcpscope/playwright: no frame matched in ${timeout} ms${options.message ? ` (${options.message})` : ""}. The last frames:\n  ${last || "(none)"}`);
      }
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  /**
   * @param {string} name
   * @param {Record<string, unknown>} [args]
   * @returns {Promise<ToolCall>}
   */
  async callTool(name, args = {}) {
    const page = this.page;
    const tab = page.getByRole("tab", { name: "Tools", exact: true });
    if (await tab.isVisible()) await tab.click();
    await this.region("Tools").getByRole("button", { name, exact: true }).click();
    const form = this.region("Tool form");
    await form.getByRole("button", { name: "JSON", exact: true }).click();
    const editor = form.getByRole("textbox", { name: "Arguments as JSON" });
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText(JSON.stringify(args));
    const since = (await this.frames(0)).at(-1)?.seq ?? 0;
    await form.getByRole("button", { name: "Run tool" }).click();
    // A 2026-07-28 call may take several legs (input_required, then a retry with a new id).
    /** @type {McpscopeFrame | undefined} */
    let request;
    const legs = new Set();
    const answer = await this.expectFrame(
      (f) => {
        if (f.dir === "out" && f.kind === "request" && f.msg?.method === "tools/call" && f.msg.params?.name === name) {
          request ??= f;
          legs.add(f.msg.id);
        }
        return f.dir === "in" && (f.kind === "response" || f.kind === "error") && legs.has(f.msg?.id) && !isInputRequired(f);
      },
      { since, timeout: 60_000, message: `the answer to tools/call ${name}` },
    );
    const result = this.region("Result");
    await expect(result.getByRole("status").filter({ hasText: /^Waiting for / })).toHaveCount(0);
    return { request: /** @type {McpscopeFrame} */ (request), answer, result: /** @type {ToolCall["result"]} */ (answer.msg?.result), error: answer.msg?.error, region: result };
  }

  /**
   * @param {SamplingAnswer | string} answer
   */
  async answerSampling(answer) {
    const reply = typeof answer === "string" ? { text: answer } : answer;
    const request = await this.openInboxItem("Sampling request");
    const form = request.getByRole("form", { name: "Sampling reply" });
    if (reply.reject) return request.getByRole("button", { name: "Reject" }).click();
    await form.getByLabel("Reply text").fill(reply.text ?? "");
    if (reply.model) await form.getByLabel("Model").fill(reply.model);
    if (reply.role) await form.getByLabel("Role").selectOption(reply.role);
    await form.getByRole("button", { name: "Send reply" }).click();
  }

  /**
   * @param {"accept" | "decline" | "cancel"} action
   * @param {Record<string, string | number | boolean>} [fields]
   */
  async answerElicitation(action, fields = {}) {
    const request = await this.openInboxItem("Elicitation request");
    if (action === "accept") {
      for (const [label, value] of Object.entries(fields)) {
        const field = request.getByLabel(label, { exact: true });
        if (typeof value === "boolean") await field.setChecked(value);
        else await field.fill(String(value));
      }
    }
    await request.getByRole("button", { name: action === "accept" ? "Accept" : action === "decline" ? "Decline" : "Cancel", exact: true }).click();
  }

  /**
   * @param {string} name
   * @returns {Promise<Locator>}
   */
  async openInboxItem(name) {
    const inbox = this.region("Inbox");
    const item = inbox.getByRole("article", { name }).first();
    await expect(this.page.getByRole("button", { name: /^Inbox, [1-9]\d* pending$/ })).toBeVisible();
    if (!(await inbox.isVisible())) await this.page.getByRole("button", { name: /^Inbox, \d+ pending$/ }).click();
    await expect(item).toBeVisible();
    return item;
  }

  /**
   * @param {number} seq
   * @returns {Promise<Locator>}
   */
  async gotoFrame(seq) {
    await this.page.goto(`${this.server.origin}/sessions/${enc(this.currentSession())}/frames/${seq}`);
    const detail = this.region("Frame detail");
    await expect(detail.getByRole("heading", { name: new RegExp(`^Frame #${seq}\\b`) })).toBeVisible();
    return detail;
  }
}

/**
 * A 2026-07-28 `input_required` answer: the call goes on with another round.
 * @param {McpscopeFrame} frame
 */
function isInputRequired(frame) {
  const result = /** @type {Record<string, unknown> | undefined} */ (frame.msg?.result);
  return result?.resultType === "input_required";
}
