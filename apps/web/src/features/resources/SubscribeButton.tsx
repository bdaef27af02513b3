import { describeError } from "../../api/apiRequestError";
import { useSubscription } from "./useSubscription";

/** "Subscribe" / "Unsubscribe" for one resource, with the error when the server refuses. */
export function SubscribeButton({ sessionId, uri, label }: { sessionId: string; uri: string; label: string }) {
  const { subscribed, toggle } = useSubscription(sessionId, uri);
  const error = toggle.isError ? describeError(toggle.error) : undefined;
  return (
    <>
      <button
        type="button"
        className="ghost small"
        aria-label={`${subscribed ? "Unsubscribe from" : "Subscribe to"} ${label}`}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate()}
      >
        {subscribed ? "Unsubscribe" : "Subscribe"}
      </button>
      {error && (
        <div role="alert" className="alert">
          <strong>{error.message}</strong>
          {error.hint && <p>{error.hint}</p>}
        </div>
      )}
    </>
  );
}
