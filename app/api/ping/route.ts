// The floor benchmarks compare against: no auth, no database.
export function GET() {
  return Response.json({ pong: true });
}
