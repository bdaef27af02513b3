import { useId } from "react";
import { useCompletions, type CompletionRef } from "./useCompletions";

interface Props {
  /** The input's id (a `<label htmlFor>` names it) and its accessible name. */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  sessionId: string | undefined;
  /** The prompt or resource template the argument belongs to. */
  completionRef: CompletionRef | undefined;
  argumentName: string;
  /** Other arguments already filled in, sent as `context.arguments`. */
  contextArguments?: Record<string, string>;
  required?: boolean;
  placeholder?: string;
}

/**
 * A text input that offers the server's `completion/complete` suggestions in a `<datalist>`
 * as the user types (see `useCompletions`). The label is the caller's; this renders the
 * input, its list and a status line ("3 suggestions", or why there are none).
 */
export function CompletingInput({ id, label, value, onChange, sessionId, completionRef, argumentName, contextArguments, required, placeholder }: Props) {
  const listId = useId();
  const statusId = useId();
  const completions = useCompletions(sessionId, completionRef, argumentName, value, contextArguments);
  const count = completions.values.length;
  return (
    <>
      <input
        id={id}
        type="text"
        aria-label={label}
        list={listId}
        value={value}
        required={required}
        placeholder={placeholder}
        autoComplete="off"
        aria-describedby={statusId}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={listId}>
        {completions.values.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      <span id={statusId} className="muted small completion-status" aria-live="polite">
        {completions.error
          ? `No suggestions: ${completions.error}`
          : count > 0
            ? `${count}${completions.hasMore ? "+" : ""} suggestion${count === 1 ? "" : "s"}`
            : ""}
      </span>
    </>
  );
}
