import { createContext } from "react";
import type { AnswerBody, InboxItem } from "@mcpscope/protocol";

/**
 * Where the answer views (`ElicitationRequest`, `SamplingRequest`) send an answer: the inbox
 * by default (`POST …/inbox/:itemId`); a task's input request provides its own (`tasks/update`).
 */
export type AnswerSender = (item: InboxItem, body: AnswerBody) => Promise<void>;

/** The answer views' sender, when not the inbox's. */
export const AnswerSenderContext = createContext<AnswerSender | undefined>(undefined);
