import { create } from "zustand";

/** The theme the person chose: light, dark, or whatever the system prefers. */
export type ThemeChoice = "light" | "dark" | "system";

/** localStorage key of the choice (per origin, so per mcpscope port). */
export const THEME_KEY = "mcpscope.theme";

const CHOICES: readonly ThemeChoice[] = ["light", "dark", "system"];

/** The remembered choice; "system" when none (or storage is unavailable). */
export function readTheme(): ThemeChoice {
  try {
    const value = window.localStorage.getItem(THEME_KEY);
    return CHOICES.includes(value as ThemeChoice) ? (value as ThemeChoice) : "system";
  } catch {
    return "system";
  }
}

/** Applies a choice to the page: `data-theme` on <html> ("system" removes it; CSS follows the system then). */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === "system") delete root.dataset.theme;
  else root.dataset.theme = choice;
}

interface ThemeState {
  theme: ThemeChoice;
  setTheme: (theme: ThemeChoice) => void;
}

/** The theme choice, applied and remembered in this browser as it changes. */
export const useThemeStore = create<ThemeState>((set) => ({
  theme: "system",
  setTheme: (theme) => {
    applyTheme(theme);
    try {
      if (theme === "system") window.localStorage.removeItem(THEME_KEY);
      else window.localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Not remembered; still applied.
    }
    set({ theme });
  },
}));

/** Reads the remembered choice and applies it; called once before the first paint. */
export function initTheme(): void {
  const theme = readTheme();
  applyTheme(theme);
  useThemeStore.setState({ theme });
}

/** The next choice in the cycle light → dark → system → light. */
export function nextTheme(theme: ThemeChoice): ThemeChoice {
  return CHOICES[(CHOICES.indexOf(theme) + 1) % CHOICES.length]!;
}
