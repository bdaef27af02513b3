/** Why an answer to a server request failed, and what to try. */
export function AnswerFailure({ error }: { error?: { message: string; hint?: string } }) {
  if (!error) return null;
  return (
    <div role="alert" className="alert inbox-alert">
      <strong>Could not send the answer</strong>
      <p>{error.message}</p>
      {error.hint && <p>{error.hint}</p>}
    </div>
  );
}
