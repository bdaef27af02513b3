import { fixtureCommand } from "@mcpscope/fixtures";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { startMcpscope, stopMcpscope, type Mcpscope } from "./mcpscope.js";

// mcpscope on the schema zoo: every zoo tool echoes the arguments it received, as text and as
// structuredContent `{received}`.
const test = base.extend<object, { zoo: Mcpscope }>({
  zoo: [
    async ({}, use) => {
      const { command, args } = fixtureCommand("schemaZoo");
      const m = await startMcpscope(["--", command, ...args]);
      await use(m);
      await stopMcpscope(m);
    },
    { scope: "worker" },
  ],
});

async function openTool(page: Page, zoo: Mcpscope, name: string): Promise<Locator> {
  await page.goto(zoo.url);
  await page.getByRole("region", { name: "Tools" }).getByRole("button", { name, exact: true }).click();
  return page.getByRole("region", { name: "Tool form" });
}

/** The arguments the server received, from the echo in the result's first text block. */
async function received(page: Page): Promise<unknown> {
  const result = page.getByRole("region", { name: "Result" });
  await expect(result.getByText("Success")).toBeVisible();
  return JSON.parse((await result.getByRole("list", { name: "Content" }).locator("pre").first().textContent()) ?? "");
}

test("a nested object with an array of objects, filled through the form alone, reaches the server as typed", async ({ page, zoo }) => {
  const form = await openTool(page, zoo, "everything-at-once");
  const config = form.getByRole("group", { name: "config" });
  await config.getByRole("textbox", { name: "name", exact: true }).fill("pipeline");
  const steps = config.getByRole("group", { name: "steps" });
  const addStep = steps.getByRole("button", { name: "Add item" }).last();
  await addStep.click();
  await addStep.click();
  await addStep.click();
  const step = (i: number) => steps.getByRole("group", { name: `steps-${i + 1}` });
  await step(0).getByLabel("action").selectOption("run");
  await step(0).getByLabel("seconds").fill("1.5");
  await step(0).getByRole("group", { name: "env" }).getByRole("button", { name: "Add item" }).click();
  await step(0).getByLabel("newKey Key").fill("MODE");
  await step(0).getByLabel("newKey Key").blur();
  await step(0).getByLabel("MODE", { exact: true }).fill("fast");
  await step(1).getByLabel("action").selectOption("wait");
  await step(2).getByLabel("action").selectOption("run");
  // Remove the third step, then move the second above the first.
  await steps.getByRole("button", { name: "Remove item 3" }).click();
  await expect(step(2)).toHaveCount(0);
  await steps.getByRole("button", { name: "Move item 2 up" }).click();
  await expect(step(0).getByLabel("action").locator("option:checked")).toHaveText("wait");

  await form.getByRole("button", { name: "Run tool" }).click();
  expect(await received(page)).toEqual({
    config: { name: "pipeline", steps: [{ action: "wait" }, { action: "run", seconds: 1.5, env: { MODE: "fast" } }] },
  });
  // The structured echo matches the tool's outputSchema, and the verdict says so.
  await expect(page.getByRole("region", { name: "Structured content" })).toContainText("Matches the tool’s outputSchema (Ajv, JSON Schema 2020-12)");
});

test("the JSON editor edits the form's value both ways, escaping nothing twice", async ({ page, zoo }) => {
  const form = await openTool(page, zoo, "nested-object");
  await form.getByLabel("name").fill('say "hi"');
  await form.getByRole("button", { name: "JSON", exact: true }).click();
  const editor = form.getByRole("textbox", { name: "Arguments as JSON" });
  await expect(editor).toContainText('"name": "say \\"hi\\""');

  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('{"user": {"name": "a\\"b", "age": 36}}');
  await form.getByRole("button", { name: "Form", exact: true }).click();
  await expect(form.getByLabel("name")).toHaveValue('a"b');
  await expect(form.getByLabel("age")).toHaveValue("36");

  // Text that is not JSON keeps the editor open and says why.
  await form.getByRole("button", { name: "JSON", exact: true }).click();
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('{"user": ');
  await form.getByRole("button", { name: "Form", exact: true }).click();
  await expect(form.getByText(/Not valid JSON.*Fix it to go back to the form/)).toBeVisible();
  await page.keyboard.insertText('{"name": "Grace"}}');
  await form.getByRole("button", { name: "Form", exact: true }).click();
  await expect(form.getByLabel("name")).toHaveValue("Grace");
  await form.getByRole("button", { name: "Run tool" }).click();
  expect(await received(page)).toEqual({ user: { name: "Grace" } });
});

test("invalid arguments are stopped with the error beside the field, and can be sent on purpose", async ({ page, zoo }) => {
  const form = await openTool(page, zoo, "scalars");
  await form.getByLabel("code").fill("abc");
  await form.getByRole("button", { name: "Run tool" }).click();
  await expect(form.getByRole("alert")).toContainText("do not match the tool’s input schema");
  await expect(form.locator("#arg_code__error")).toContainText("pattern");
  await expect(page.getByRole("region", { name: "Result" })).toContainText("Run a tool to see its result here.");

  await form.getByLabel("Send even if invalid").check();
  await expect(form.getByRole("note")).toContainText("Validation is off");
  await form.getByRole("button", { name: "Run tool" }).click();
  await expect(form.getByRole("alert")).toContainText("Sent although Ajv (JSON Schema 2020-12) found: /code must match pattern");
  expect(await received(page)).toMatchObject({ code: "abc", count: 3, enabled: false, version: "v1" });
});

test("structured content verdicts, tool errors and JSON-RPC errors say what they are", async ({ page, zoo }) => {
  const result = page.getByRole("region", { name: "Result" });
  let form = await openTool(page, zoo, "structured-invalid");
  await form.getByRole("button", { name: "Run tool" }).click();
  const structured = result.getByRole("region", { name: "Structured content" });
  await expect(structured).toContainText("Does not match the tool’s outputSchema");
  await expect(structured).toContainText("must have required property 'received'");
  await expect(structured.getByRole("tree", { name: "Structured content tree" })).toContainText("wrong");

  form = await openTool(page, zoo, "structured-missing");
  await form.getByRole("button", { name: "Run tool" }).click();
  await expect(result).toContainText("No structured content: the tool declares an outputSchema");

  form = await openTool(page, zoo, "tool-error");
  await form.getByRole("button", { name: "Run tool" }).click();
  await expect(result.getByRole("alert")).toContainText("Tool error (isError: true)");
  await expect(result).toContainText("The zoo is closed today.");

  form = await openTool(page, zoo, "protocol-error");
  await form.getByRole("button", { name: "Run tool" }).click();
  await expect(result).toContainText("Protocol error -32602");
  await expect(result.getByRole("alert")).toContainText("Invalid params: the request failed at the protocol level (a JSON-RPC error response)");
});

test("results render each content type as itself; resource links read the resource", async ({ page, zoo }) => {
  const form = await openTool(page, zoo, "content-kinds");
  const tools = page.getByRole("region", { name: "Tools" });
  await expect(tools.getByRole("img", { name: "Icon of content-kinds" })).toBeVisible();
  // Annotations are badges, read with the tool as its description.
  await expect(tools.getByRole("button", { name: "content-kinds", exact: true })).toHaveAccessibleDescription(/Read-only: does not modify its environment/);
  await expect(tools.getByRole("button", { name: "structured-invalid", exact: true })).toHaveAccessibleDescription(/Destructive: may delete or overwrite data/);

  await form.getByRole("button", { name: "Run tool" }).click();
  const result = page.getByRole("region", { name: "Result" });
  await expect(result.locator("pre").first()).toContainText("# Heading");
  await result.getByRole("button", { name: "Render text as Markdown" }).first().click();
  await expect(result.getByRole("heading", { name: "Heading" })).toBeVisible();
  // Raw HTML in Markdown stays text.
  await expect(result.getByText("<b>raw html stays text</b>")).toBeVisible();
  await expect(result.getByRole("img", { name: /Image returned by the tool/ })).toBeVisible();
  const audio = result.locator("audio[controls]");
  await expect(audio).toHaveCount(1);
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThan(0);
  await result.getByRole("button", { name: "Read resource zoo://notes/readme" }).click();
  await expect(result.getByRole("region", { name: "Contents of zoo://notes/readme" })).toContainText("Every animal has a **schema**.");
  await expect(result).toContainText("Feed at noon.");
});

test("enums with titles, multiple choice, and oneOf objects with a const are real fields", async ({ page, zoo }) => {
  let form = await openTool(page, zoo, "enums");
  await form.getByLabel("level").selectOption("High");
  await form.getByLabel("retries").selectOption("A few times");
  await form.getByRole("checkbox", { name: "dry-run" }).check();
  await form.getByRole("button", { name: "Run tool" }).click();
  expect(await received(page)).toEqual({ level: "high", retries: 3, flags: ["dry-run"] });

  form = await openTool(page, zoo, "compositions");
  await form.getByRole("combobox", { name: "shape" }).selectOption("Square");
  await form.locator("#arg_shape_side").fill("4");
  // The option's const is filled in, read-only.
  await expect(form.locator("#arg_shape_kind")).toHaveValue("square");
  await expect(form.locator("#arg_shape_kind")).toHaveAttribute("readonly", "");
  await form.getByRole("group", { name: "merged" }).getByRole("textbox", { name: "a", exact: true }).fill("x");
  await form.getByRole("button", { name: "Run tool" }).click();
  expect(await received(page)).toEqual({ shape: { kind: "square", side: 4 }, merged: { a: "x" } });
});
