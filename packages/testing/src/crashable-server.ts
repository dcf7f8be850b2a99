import http from "node:http";

/**
 * An HTTP server on a fixed port (so a restart is found again) that passes each request to `handle`
 * and, on its `crashOnRequest`-th request (if given), handles it but dies before answering, like a process
 * killed mid-request. `crashed` resolves then; `start()` brings it back.
 */
export function crashableServer(
  port: number,
  { crashOnRequest, handle }: { crashOnRequest?: number; handle: (request: Request) => Promise<Response> },
) {
  let server: http.Server | null = null;
  let requests = 0;
  let crash: () => void = () => {};
  const crashed = new Promise<void>((resolve) => {
    crash = resolve;
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      server?.closeAllConnections();
      server?.close(() => resolve());
    });
  const start = () =>
    new Promise<void>((resolve) => {
      server = http.createServer(async (req, res) => {
        let body = "";
        for await (const chunk of req) body += chunk;
        const headers = req.headers as Record<string, string>;
        const response = await handle(
          new Request(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers, body }),
        );
        if (++requests === crashOnRequest) {
          await stop();
          crash();
          return;
        }
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(await response.text());
      });
      server.listen(port, "127.0.0.1", () => resolve());
    });
  /** After the crash, stays down `downMs` (the client's rounds fail), then starts again. */
  const comeBack = async (downMs: number) => {
    await crashed;
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await start();
  };
  return { start, stop, crashed, comeBack };
}
