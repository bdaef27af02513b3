import { describeError } from "../../api/apiRequestError";
import { useSubscription } from "./useSubscription";
import { ErrorAlert } from "../../components/ErrorAlert";

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
      <ErrorAlert error={error} />
    </>
  );
}
