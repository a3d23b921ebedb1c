"use client";

import { useSelectedLayoutSegment } from "next/navigation";
import type { ReactNode } from "react";

// The area layouts draw their own shell, and the root 404 draws the viewer's: the root
// layout's simple header is for everything else. Route groups are segments here.
const OWN_CHROME = new Set(["(portal)", "(marketplace)", "(everyone)", "admin", "/_not-found"]);

export function PublicHeaderGate({ children }: { children: ReactNode }) {
  const segment = useSelectedLayoutSegment();
  return segment !== null && OWN_CHROME.has(segment) ? null : children;
}
