import type { ContentBlock } from "../tools/toolTypes";
import type { PromptArgument } from "./promptArgsSchema";

/** A prompt as `prompts/list` returns it (MCP 2025-11-25 "Prompts"). */
export interface Prompt {
  name: string;
  title?: string;
  description?: string;
  arguments?: PromptArgument[];
}

/** One message of a `prompts/get` result. */
export interface PromptMessage {
  role: "user" | "assistant" | (string & {});
  content: ContentBlock;
}

/** The result of `prompts/get`. */
export interface GetPromptResult {
  description?: string;
  messages?: PromptMessage[];
}
