/** What a handler returns when it needs a status other than 200 or extra headers. */
export class Reply {
  constructor(
    public readonly status: number,
    public readonly body: unknown,
    public readonly headers: Record<string, string> = {},
  ) {}

  static ok(body: unknown, headers?: Record<string, string>) {
    return new Reply(200, body, headers);
  }
  static created(body: unknown, headers?: Record<string, string>) {
    return new Reply(201, body, headers);
  }
  static accepted(body: unknown) {
    return new Reply(202, body);
  }
  static noContent() {
    return new Reply(204, undefined);
  }

  serialize() {
    const hasBody = this.status !== 204 && this.body !== undefined;
    return {
      status: this.status,
      body: hasBody ? JSON.stringify(this.body) : "",
      headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...this.headers },
    };
  }

  toResponse(requestId: string): Response {
    const s = this.serialize();
    // A declared length lets the server skip compressing small replies (below
    // 1 KB a gzip stream costs more CPU than the bytes it saves).
    const length: Record<string, string> = s.body ? { "content-length": String(Buffer.byteLength(s.body)) } : {};
    return new Response(s.body || null, { status: s.status, headers: { ...s.headers, ...length, "x-request-id": requestId } });
  }
}
