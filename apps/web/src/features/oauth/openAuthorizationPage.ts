/**
 * Whether a URL may be opened as an authorization page: an absolute `http:` or `https:`
 * URL, nothing else (a `javascript:` or `data:` URL from a hostile server's metadata would
 * run in a tab: CVE-2025-58444). The proxy checks the same before it hands one over.
 */
export function isOpenableAuthorizationUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Opens the authorization page in a new tab, without giving it a handle on this page
 * (`noopener`). Returns false when the URL is refused or the browser blocked the tab (a
 * popup opened long after a click is blocked: the page then shows a "Sign in" button).
 */
export function openAuthorizationPage(url: string): boolean {
  if (!isOpenableAuthorizationUrl(url)) return false;
  const opened = window.open(url, "_blank", "noopener,noreferrer");
  // With noopener, window.open returns null even when it opened the tab; a blocked popup
  // also returns null, so only user activation tells: still active means it was allowed.
  return opened !== null || navigator.userActivation?.isActive !== false;
}
