import { create } from "zustand";

/**
 * A JSON-RPC request template on one line (stdio frames messages by line); its string id
 * ("raw-N") cannot collide with the SDK's numeric ids.
 */
export function rawTemplate(n: number): string {
  return JSON.stringify({ jsonrpc: "2.0", id: `raw-${n}`, method: "ping", params: {} });
}

interface ComposerState {
  /** The draft per session (kept while the Composer tab is closed). */
  drafts: Record<string, string | undefined>;
  setDraft: (sessionId: string, text: string) => void;
}

export const useComposerStore = create<ComposerState>((set, get) => ({
  drafts: {},
  setDraft: (sessionId, text) => set({ drafts: { ...get().drafts, [sessionId]: text } }),
}));
