/** The connection doctor's verdict: what went wrong (line breaks kept) and what to try. */
export function ConnectFailure({ error, title = "Could not connect" }: { error: { message: string; hint?: string }; title?: string }) {
  return (
    <div role="alert" className="alert doctor">
      <strong className="doctor-title">{title}</strong>
      <p className="doctor-message">{error.message}</p>
      {error.hint && (
        <p className="doctor-hint">
          <span className="doctor-try">What to try:</span> {error.hint}
        </p>
      )}
    </div>
  );
}
