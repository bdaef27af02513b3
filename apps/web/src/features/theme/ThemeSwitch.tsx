import { useThemeStore, type ThemeChoice } from "./themeStore";

const LABELS: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

/** Select "Theme": System (the default: follow the OS), Light or Dark; remembered in this browser. */
export function ThemeSwitch() {
  const theme = useThemeStore((s) => s.theme);
  const setTheme = useThemeStore((s) => s.setTheme);
  return (
    <label className="theme-switch" title="Colour theme">
      <span aria-hidden="true" className="theme-icon">
        {theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}
      </span>
      <select aria-label="Theme" value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
        {(Object.keys(LABELS) as ThemeChoice[]).map((t) => (
          <option key={t} value={t}>
            {LABELS[t]}
          </option>
        ))}
      </select>
    </label>
  );
}
