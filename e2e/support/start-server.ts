import { startApp } from "@/lib/testing/start-app";

// Playwright's web server: the production build on a fresh database with the demo data.
// Webhook e2e specs deliver to receivers on 127.0.0.1, which production refuses by default.
const app = await startApp({
  port: Number(process.env.E2E_PORT ?? 3210),
  postgresUrl: process.env.DATABASE_URL,
  waitForReady: false,
  env: { WEBHOOK_ALLOW_PRIVATE_URLS: "1" },
});
console.log(`e2e: ${app.database}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
app.child.on("exit", (code) => {
  if (!stopping) process.exit(code ?? 1);
});
