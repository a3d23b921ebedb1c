import { QueryClient } from "@tanstack/react-query";
import { beforeEach, describe, expect, it, vi } from "vitest";

const toast = vi.hoisted(() => ({ success: vi.fn(), error: vi.fn() }));
vi.mock("sonner", () => ({ toast }));

const { ApiError } = await import("@/components/api/api-fetch");
const { mutationToastCache } = await import("./mutation-toasts");

function run(options: { fn: () => Promise<unknown>; meta?: Record<string, unknown> }) {
  const client = new QueryClient({ mutationCache: mutationToastCache() });
  return client
    .getMutationCache()
    .build(client, { mutationFn: options.fn, meta: options.meta, retry: false })
    .execute(undefined)
    .catch(() => undefined);
}

describe("mutation toasts", () => {
  beforeEach(() => {
    toast.success.mockReset();
    toast.error.mockReset();
  });

  it("toasts meta.success, as text or made from the result", async () => {
    await run({ fn: async () => ({ name: "Production" }), meta: { success: "Key revoked" } });
    await run({ fn: async () => ({ name: "Production" }), meta: { success: (k: { name: string }) => `${k.name} revoked` } });
    expect(toast.success.mock.calls).toEqual([["Key revoked"], ["Production revoked"]]);
  });

  it("says nothing on success without meta.success", async () => {
    await run({ fn: async () => 1 });
    expect(toast.success).not.toHaveBeenCalled();
    expect(toast.error).not.toHaveBeenCalled();
  });

  it("toasts the problem's detail and request id on failure", async () => {
    await run({ fn: async () => Promise.reject(new ApiError(409, "CONFLICT", "A suspended partner cannot be suspended", [], "req_1")) });
    expect(toast.error).toHaveBeenCalledWith("A suspended partner cannot be suspended.", { description: "Request id: req_1" });
  });

  it("puts meta.error above the detail, and stays quiet with error: false", async () => {
    await run({ fn: async () => Promise.reject(new ApiError(422, "VALIDATION_FAILED", "name is required")), meta: { error: "Could not save the profile" } });
    await run({ fn: async () => Promise.reject(new ApiError(422, "VALIDATION_FAILED", "name is required")), meta: { error: false } });
    expect(toast.error.mock.calls).toEqual([["Could not save the profile", { description: "name is required." }]]);
  });

  it("says the network failed when fetch could not reach the server", async () => {
    await run({ fn: async () => Promise.reject(new TypeError("Failed to fetch")) });
    expect(toast.error).toHaveBeenCalledWith("Could not reach Portico. Check your connection and try again.", { description: undefined });
  });
});
