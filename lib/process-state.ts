// Next evaluates a module once per bundle (instrumentation, each route) and again
// on every dev reload, so module-level state is not one-per-process. State that
// must be shared by the whole process (caches, listeners) is kept here, by name.
const slots = globalThis as unknown as Record<string, unknown>;

export function processState<T>(name: string, create: () => T): T {
  const key = `__portico_${name}`;
  if (!(key in slots)) slots[key] = create();
  return slots[key] as T;
}
