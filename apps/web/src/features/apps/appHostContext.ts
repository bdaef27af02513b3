import type { McpUiDisplayMode, McpUiHostContext, McpUiStyles } from "@modelcontextprotocol/ext-apps/app-bridge";
import type { Tool } from "../tools/toolTypes";

/** A theme an app is shown in (MCP Apps `McpUiTheme`). */
export type AppTheme = "light" | "dark";

/**
 * mcpscope's palette as the spec's standard style variables (SEP-1865 "Theming"), each a
 * `light-dark()` pair, so an app that follows the `theme` it is given (its `color-scheme`)
 * gets the matching half. The values are those of `styles.css`.
 */
const VARIABLES: Partial<Record<keyof McpUiStyles, string>> = {
  "--color-background-primary": "light-dark(#ffffff, #161920)",
  "--color-background-secondary": "light-dark(#f9fafb, #1b1f27)",
  "--color-background-tertiary": "light-dark(#f6f7f9, #0f1115)",
  "--color-background-info": "light-dark(#e8f0fe, #1d2a44)",
  "--color-background-danger": "light-dark(#fdecec, #3a1618)",
  "--color-background-success": "light-dark(#e7f6ec, #14301f)",
  "--color-background-warning": "light-dark(#fef3e2, #33260c)",
  "--color-text-primary": "light-dark(#1c2230, #e3e7ef)",
  "--color-text-secondary": "light-dark(#667085, #9aa3b2)",
  "--color-text-info": "light-dark(#2563eb, #6ea0ff)",
  "--color-text-danger": "light-dark(#c0262d, #f87171)",
  "--color-text-success": "light-dark(#15803d, #4ade80)",
  "--color-text-warning": "light-dark(#b45309, #fbbf24)",
  "--color-border-primary": "light-dark(#cfd4dc, #3a4150)",
  "--color-border-secondary": "light-dark(#e3e6eb, #2a2f3a)",
  "--color-ring-primary": "light-dark(#2563eb, #6ea0ff)",
  "--font-sans": 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  "--font-mono": 'ui-monospace, "SF Mono", "JetBrains Mono", Menlo, Consolas, "Liberation Mono", monospace',
  "--border-radius-sm": "4px",
  "--border-radius-md": "6px",
};

/** Display modes mcpscope offers an app (`pip` is not one: the app would float over the inspector). */
export const HOST_DISPLAY_MODES: McpUiDisplayMode[] = ["inline", "fullscreen"];

export interface AppHostContextInput {
  theme: AppTheme;
  displayMode: McpUiDisplayMode;
  /** A fixed width (a size preset), else the space the pane gives, in CSS pixels. */
  width?: number;
  maxWidth?: number;
  /** The tool whose call the app renders, if any. */
  tool?: Tool;
}

/**
 * The host context mcpscope gives an app (SEP-1865 "Host Context in McpUiInitializeResult"):
 * theme and styles, display mode, container size (a fixed width for a size preset, else a
 * maximum; the height follows the app's `size-changed`), locale, time zone, platform, and
 * the tool it renders.
 */
export function appHostContext(input: AppHostContextInput): McpUiHostContext {
  return {
    theme: input.theme,
    styles: { variables: VARIABLES as McpUiStyles },
    displayMode: input.displayMode,
    availableDisplayModes: HOST_DISPLAY_MODES,
    containerDimensions: input.width !== undefined ? { width: input.width, maxHeight: 4000 } : { maxWidth: input.maxWidth, maxHeight: 4000 },
    locale: navigator.language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    userAgent: "mcpscope",
    platform: "web",
    deviceCapabilities: { hover: true, touch: false },
    ...(input.tool ? { toolInfo: { tool: input.tool as unknown as NonNullable<McpUiHostContext["toolInfo"]>["tool"] } } : {}),
  };
}
