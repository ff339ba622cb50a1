import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of the WeChat sandbox that can hold calls to one path back until the test
 * lets them go: a WeChat that is slow exactly as long as a test needs, with nothing in the app
 * itself made slow.
 */
export class HoldingProxy {
  private holding: string | null = null;
  private held: Array<() => void> = [];
  private arrivals: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<HoldingProxy> {
    let proxy: HoldingProxy | undefined;
    const server = createServer((req, res) => void proxy!.handle(req, res, new URL(target)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new HoldingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return proxy;
  }

  /** From now on, calls whose path contains `pathPart` wait for {@link release}. */
  hold(pathPart: string): void {
    this.holding = pathPart;
  }

  /** Resolves when a held call has arrived (at once if one is already waiting). */
  arrived(): Promise<void> {
    if (this.held.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.arrivals.push(resolve));
  }

  /** Stops holding and lets every held call through. */
  release(): void {
    this.holding = null;
    const held = this.held;
    this.held = [];
    held.forEach((go) => go());
  }

  async close(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
  }

  private async handle(req: IncomingMessage, res: ServerResponse, target: URL): Promise<void> {
    if (this.holding !== null && (req.url ?? '').includes(this.holding)) {
      await new Promise<void>((go) => {
        this.held.push(go);
        this.arrivals.splice(0).forEach((wake) => wake());
      });
    }
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}
