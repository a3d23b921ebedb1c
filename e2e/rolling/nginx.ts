import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// Debian's nginx (nginx-light) in front of the app instances, configured as the
// README's "Load balancer settings" say: HTTP/1.1 keep-alive to the upstreams,
// an upstream idle timeout below the app's drain idle close (5 s), and a retry
// on another instance when a connection is refused (nothing was sent yet).

export const NGINX_BIN = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));

export type Nginx = {
  url: string;
  stop: () => Promise<void>;
  /** Where the access log ends now: `servedBy` looks after this point. */
  logMark: () => number;
  /** Whether nginx has sent a request to the instance on `port` since `mark` (passive health checks: it decides when an instance is back). */
  servedBy: (port: number, mark: number) => boolean;
};

export async function startNginx(opts: { port: number; upstreams: number[]; dir: string }): Promise<Nginx> {
  if (!NGINX_BIN) throw new Error("nginx is not installed (apt-get install nginx-light)");
  rmSync(opts.dir, { recursive: true, force: true });
  mkdirSync(opts.dir, { recursive: true });
  const conf = `
${process.getuid?.() === 0 ? "user root;" : ""}
worker_processes 1;
daemon off;
pid ${opts.dir}/nginx.pid;
error_log ${opts.dir}/error.log warn;
events { worker_connections 4096; }
http {
  log_format upstream '$upstream_addr $status';
  access_log ${opts.dir}/access.log upstream;
  client_body_temp_path ${opts.dir}/body;
  proxy_temp_path ${opts.dir}/proxy;
  fastcgi_temp_path ${opts.dir}/fastcgi;
  uwsgi_temp_path ${opts.dir}/uwsgi;
  scgi_temp_path ${opts.dir}/scgi;
  upstream portico {
${opts.upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join("\n")}
    keepalive 64;
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${opts.port};
    location / {
      proxy_pass http://portico;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout;
      proxy_read_timeout 60s;
    }
  }
}
`;
  const confPath = path.join(opts.dir, "nginx.conf");
  writeFileSync(confPath, conf);
  const child: ChildProcess = spawn(NGINX_BIN, ["-p", opts.dir, "-c", confPath], { stdio: ["ignore", "inherit", "inherit"] });
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode} (see ${opts.dir}/error.log)`);
    try {
      await fetch(`${url}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error("nginx did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const accessLog = path.join(opts.dir, "access.log");
  const size = () => (existsSync(accessLog) ? statSync(accessLog).size : 0);
  return {
    url,
    logMark: size,
    servedBy: (port, mark) =>
      readFileSync(accessLog)
        .subarray(mark)
        .toString("utf8")
        .split("\n")
        .some((line) => {
          // "$upstream_addr $status": the addresses tried, comma-separated; the last one answered.
          const parts = line.split(/[ ,]+/);
          return parts.at(-2) === `127.0.0.1:${port}` && /^[1-4]\d\d$/.test(parts.at(-1) ?? "");
        }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGQUIT");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
