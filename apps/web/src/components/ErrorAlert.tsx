/** What went wrong and what to try, as `describeError` gives it. */
export interface DescribedError {
  message: string;
  hint?: string;
}

/**
 * The one way the app shows a failed call: a `role="alert"` block with the message in bold
 * and the hint (what to try) under it. Renders nothing without an error.
 */
export function ErrorAlert({ error, className }: { error: DescribedError | undefined; className?: string }) {
  if (!error) return null;
  return (
    <div role="alert" className={className ? `alert ${className}` : "alert"}>
      <strong>{error.message}</strong>
      {error.hint && <p>{error.hint}</p>}
    </div>
  );
}
