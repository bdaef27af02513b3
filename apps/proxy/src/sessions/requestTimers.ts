/** What a request's timers are set to, in milliseconds. */
export interface TimerSettings {
  /** Longest wait for an answer or a sign of life (progress, an `input_required` round). */
  idleMs: number;
  /** Whether progress restarts the idle timer (MCP 2025-11-25 "Utilities → Timeouts"). */
  resetOnProgress: boolean;
  /** Hard limit on the whole request, counted from its start; never paused or reset. */
  maxTotalMs?: number;
}

/**
 * The timers of one request mcpscope sent (MCP 2025-11-25 "Base Protocol → Timeouts"): an
 * idle timer, restarted by progress when the settings say so, and a maximum total timeout
 * that holds even when progress keeps coming and even when none comes at all. While a person
 * answers a server request in the inbox the idle timer is held (reading and typing is not a
 * stalled server); when the hold ends the request gets its full idle time again. The maximum
 * total timeout is never held. `onExpire` is called once, with the reason.
 */
export class RequestTimers {
  private idle?: NodeJS.Timeout;
  private total?: NodeJS.Timeout;
  private held: boolean;
  private done = false;

  constructor(
    private readonly settings: TimerSettings,
    private readonly onExpire: (reason: string) => void,
    holding: boolean,
  ) {
    this.held = holding;
    if (!holding) this.startIdle();
    if (settings.maxTotalMs !== undefined) {
      const ms = settings.maxTotalMs;
      this.total = setTimeout(() => this.expire(`Request timed out: the maximum total timeout of ${ms} ms passed`), ms);
    }
  }

  /** A sign of life (a progress notification): restarts the idle timer if the settings say so. */
  progress(): void {
    if (this.settings.resetOnProgress) this.restart();
  }

  /** The request moved on (an `input_required` round answered): restarts the idle timer. */
  restart(): void {
    if (!this.done && !this.held) this.startIdle();
  }

  /** Holds (`true`) or releases (`false`) the idle timer. */
  hold(holding: boolean): void {
    if (this.done || holding === this.held) return;
    this.held = holding;
    if (holding) clearTimeout(this.idle);
    else this.startIdle();
  }

  /** Stops both timers (the request ended). */
  clear(): void {
    this.done = true;
    clearTimeout(this.idle);
    clearTimeout(this.total);
  }

  private startIdle(): void {
    clearTimeout(this.idle);
    const ms = this.settings.idleMs;
    this.idle = setTimeout(() => this.expire(`Request timed out: no answer within ${ms} ms`), ms);
  }

  private expire(reason: string): void {
    if (this.done) return;
    this.clear();
    this.onExpire(reason);
  }
}
