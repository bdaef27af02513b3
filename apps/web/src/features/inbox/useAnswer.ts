import { useContext } from "react";
import { useMutation } from "@tanstack/react-query";
import type { AnswerBody, InboxItem } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { useReadOnly } from "../sharing/useReadOnly";
import { AnswerSenderContext } from "./answerSender";

/**
 * Answers one inbox item (`POST /api/sessions/:id/inbox/:itemId`). The item leaves the inbox
 * through the WebSocket `inbox` event, in every watching browser. `error` describes a failed
 * answer (e.g. someone else answered first: INBOX_ITEM_GONE). `disabled` while an answer is
 * on its way, and on a viewer's page (viewers watch the inbox but cannot answer). Inside an
 * `AnswerSenderContext`, the answer goes where that sender sends it instead.
 */
export function useAnswer(item: InboxItem) {
  const readOnly = useReadOnly(item.sessionId);
  const send = useContext(AnswerSenderContext);
  const mutation = useMutation({ mutationFn: (body: AnswerBody) => (send ? send(item, body) : restClient.answerInbox(item.sessionId, item.id, body)) });
  return {
    answer: (body: AnswerBody) => mutation.mutate(body),
    pending: mutation.isPending,
    disabled: mutation.isPending || readOnly !== undefined,
    error: mutation.isError ? describeError(mutation.error) : undefined,
  };
}
