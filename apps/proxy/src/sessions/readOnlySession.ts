import type { SendRequestResult, SessionSettings, SubscriptionState } from "@mcpscope/protocol";
import type { ApiFailure } from "../errors.js";

/**
 * The part of a session that sends nothing: every method that would talk to the server
 * throws the subclass's `refusal()` (recordings: `SESSION_NOT_READY`; tapped sessions:
 * `TAP_READ_ONLY`), and nothing is pending. Shared by `RecordedSession` and `TappedSession`.
 */
export abstract class ReadOnlySession {
  /** The error every sending method throws, saying why this session cannot send. */
  protected abstract refusal(): ApiFailure;

  request(): Promise<SendRequestResult> {
    throw this.refusal();
  }
  cancel(): void {
    throw this.refusal();
  }
  updateSettings(): SessionSettings {
    throw this.refusal();
  }
  sendRaw(): Promise<void> {
    throw this.refusal();
  }
  answer(): void {
    throw this.refusal();
  }
  pending(): [] {
    return [];
  }
  setRoots(): Promise<void> {
    throw this.refusal();
  }
  subscribe(): Promise<SubscriptionState> {
    throw this.refusal();
  }
  unsubscribe(): Promise<void> {
    throw this.refusal();
  }
}
