import { useState } from "react";
import type { JsonRpcId } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { requestControl } from "../../api/requestControl";
import { useReadOnly } from "../sharing/useReadOnly";

interface Props {
  sessionId: string;
  requestId: JsonRpcId;
  /** Accessible name; "Cancel request <id>" by default. */
  label?: string;
  reason?: string;
  className?: string;
  /** Shows "✕" instead of "Cancel" (the accessible name is the same): for table rows. */
  compact?: boolean;
}

/** Cancels an in-flight request mcpscope sent (`POST /api/sessions/:id/cancel`). */
export function CancelButton({ sessionId, requestId, label, reason = "Cancelled by the user in mcpscope", className, compact = false }: Props) {
  const [state, setState] = useState<"idle" | "sending" | "sent">("idle");
  const [error, setError] = useState<string>();
  const name = label ?? `Cancel request ${String(requestId)}`;
  const readOnly = useReadOnly(sessionId);
  if (readOnly) return null;
  return (
    <>
      <button
        type="button"
        className={`small danger ${className ?? ""}`}
        aria-label={name}
        title={error ?? `Send notifications/cancelled for request ${String(requestId)}`}
        disabled={state !== "idle"}
        onClick={(e) => {
          e.stopPropagation();
          setState("sending");
          setError(undefined);
          requestControl.cancel(sessionId, requestId, reason).then(
            () => setState("sent"),
            (err: unknown) => {
              setError(describeError(err).message);
              setState("idle");
            },
          );
        }}
      >
        {compact ? (state === "idle" ? "✕" : "…") : state === "idle" ? "Cancel" : "Cancelling…"}
      </button>
      {error && (
        <span role="alert" className="small cancel-error">
          {error}
        </span>
      )}
    </>
  );
}
