import type { JSONRPCMessage, MessageExtraInfo, Transport, TransportSendOptions } from "@modelcontextprotocol/client";
import { PostMessageTransport } from "@modelcontextprotocol/ext-apps/app-bridge";
import type { AppFrameRecorder } from "./AppFrameRecorder";

/**
 * The ext-apps `PostMessageTransport` between mcpscope and one app's iframe, with every
 * message recorded as a frame before it goes on: what the app posts (`app`) is recorded,
 * then handed to the bridge; what the bridge sends (`host`) is recorded, then posted. A
 * message the transport refuses (JSON-RPC 2.0 in name, but malformed) is recorded as
 * `invalid` with the transport's reason. Only messages from this iframe's window count: the
 * transport checks `event.source`.
 */
export class RecordingTransport implements Transport {
  private readonly inner: PostMessageTransport;
  private lastFromApp: unknown;
  private readonly watch = (event: MessageEvent) => {
    if (event.source === this.appWindow) this.lastFromApp = event.data;
  };

  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  constructor(
    private readonly appWindow: Window,
    private readonly recorder: AppFrameRecorder,
  ) {
    this.inner = new PostMessageTransport(appWindow, appWindow);
  }

  async start(): Promise<void> {
    // Registered before the transport's own listener, so a refused message's text is known.
    window.addEventListener("message", this.watch);
    this.inner.onmessage = (message, extra) => {
      void this.recorder.record("app", message).then(() => this.onmessage?.(message, extra));
    };
    this.inner.onerror = (error) => {
      void this.recorder.record("app", this.lastFromApp, error.message).then(() => this.onerror?.(error));
    };
    this.inner.onclose = () => this.onclose?.();
    await this.inner.start();
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    await this.recorder.record("host", message);
    await this.inner.send(message, options);
  }

  async close(): Promise<void> {
    window.removeEventListener("message", this.watch);
    await this.inner.close();
  }
}
