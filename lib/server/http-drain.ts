import { Server as NetServer, type Socket } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

// Stopping an HTTP server without failing a request that is already on its way.
//
// Node's `server.close()` (since Node 19) closes every idle keep-alive connection
// at once. A client (nginx, say) may have written a request onto one of them a
// moment before: the request meets a closed socket, the client reads a reset,
// and a POST cannot be retried. HTTP/1.1 has one race-free way to retire a
// connection: answer a request on it with `Connection: close`. So a drain
//  - stops accepting connections (a new connection is refused: the client
//    never sent anything and any balancer retries it elsewhere),
//  - answers every request still coming on open connections with `Connection: close`,
//  - closes a connection only once it has been idle for `idleCloseMs`: longer
//    than the proxy's own idle timeout, so the proxy has dropped it first and
//    nothing can be in flight on it (README: load balancer settings),
//  - resolves when every connection is gone, or destroys what is left at the deadline.

type Conn = { active: number; idleSince: number };

export type HttpDrain = {
  /** Call first in the request handler: counts the request on its connection, and marks the answer `Connection: close` once draining. */
  track(req: IncomingMessage, res: ServerResponse): void;
  /** Open connections, and those with a request under way. */
  stats(): { connections: number; active: number };
  drain(opts: { deadline: number; idleCloseMs: number }): Promise<{ forced: number }>;
};

export function trackConnections(server: Server): HttpDrain {
  const conns = new Map<Socket, Conn>();
  const responses = new Set<ServerResponse>();
  let draining = false;
  let onChange: (() => void) | null = null;

  server.on("connection", (socket: Socket) => {
    conns.set(socket, { active: 0, idleSince: Date.now() });
    socket.once("close", () => {
      conns.delete(socket);
      onChange?.();
    });
  });

  const retire = (res: ServerResponse) => {
    // Before the head is written, the answer itself says the connection ends; Node then closes it after the body.
    if (!res.headersSent) res.setHeader("connection", "close");
  };

  return {
    track(req, res) {
      const conn = conns.get(req.socket);
      if (conn) conn.active++;
      responses.add(res);
      if (draining) retire(res);
      res.once("close", () => {
        responses.delete(res);
        if (conn) {
          conn.active--;
          conn.idleSince = Date.now();
        }
        onChange?.();
      });
    },
    stats() {
      let active = 0;
      for (const c of conns.values()) if (c.active > 0) active++;
      return { connections: conns.size, active };
    },
    drain({ deadline, idleCloseMs }) {
      draining = true;
      // net.Server's close: stop listening without http.Server's closeIdleConnections().
      NetServer.prototype.close.call(server);
      for (const res of responses) retire(res);
      return new Promise((resolve) => {
        const check = () => {
          const now = Date.now();
          const idle = [...conns].filter(([, c]) => c.active === 0 && now - c.idleSince >= idleCloseMs).map(([socket]) => socket);
          // Timers run before the loop reads sockets: after a stalled turn, a request may sit unread
          // on a connection that looks idle. Closed only after this turn's reads (setImmediate), if still idle.
          if (idle.length)
            setImmediate(() => {
              for (const socket of idle) if (conns.get(socket)?.active === 0) socket.destroy();
            });
          if (conns.size === 0) return finish(0);
          if (now >= deadline) {
            const forced = conns.size;
            for (const socket of conns.keys()) socket.destroy();
            return finish(forced);
          }
        };
        const timer = setInterval(check, Math.min(100, Math.max(10, idleCloseMs / 4)));
        let done = false;
        const finish = (forced: number) => {
          if (done) return;
          done = true;
          clearInterval(timer);
          onChange = null;
          resolve({ forced });
        };
        onChange = () => {
          if (conns.size === 0) finish(0);
        };
        check();
      });
    },
  };
}
