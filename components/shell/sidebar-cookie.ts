/** Remembers a collapsed desktop sidebar ("collapsed" | "open"), read by the server so the first paint is right. */
export const SIDEBAR_COOKIE = "portico-sidebar";
