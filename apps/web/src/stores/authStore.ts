import { create } from "zustand";

interface AuthState {
  /** The proxy answered 401: the page was opened without (or with a stale) token. */
  unauthorized: boolean;
  markUnauthorized(): void;
}

export const useAuthStore = create<AuthState>((set) => ({
  unauthorized: false,
  markUnauthorized: () => set({ unauthorized: true }),
}));
