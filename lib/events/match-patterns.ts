/** The subscription patterns that match a type: exact, its area wildcard, or everything. */
export function matchingPatterns(type: string): string[] {
  return [type, `${type.split(".")[0]}.*`, "*"];
}
