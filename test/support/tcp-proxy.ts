import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP proxy on 127.0.0.1 that can be stopped, made to hang and started again, to take a server away
 * (a database, or the Bot API) and bring it back.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private hanging = false;
  port = 0;

  constructor(private readonly targetPort: number, private readonly targetHost = "127.0.0.1") {}

  /** Forwards connections (again). After hang(), the connections that hung are cut first. */
  async start(): Promise<number> {
    if (this.hanging) this.cutAll();
    this.hanging = false;
    if (this.server) return this.port;
    this.server = createServer((client) => {
      this.track(client);
      // A partition: the connection is accepted and then nothing ever answers.
      if (this.hanging) return;
      const upstream = connect(this.targetPort, this.targetHost);
      this.track(upstream);
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    const addr = this.server.address();
    this.port = typeof addr === "object" && addr ? addr.port : this.port;
    return this.port;
  }

  /** Cuts every open connection and refuses new ones. */
  async stop(): Promise<void> {
    this.hanging = false;
    this.cutAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /**
   * Stops answering without closing anything, as a network partition does: open connections go silent
   * (nothing passes either way) and new ones are accepted and never answered. start() ends it by cutting
   * them all (a partition that outlived TCP's patience, or a failover to another server).
   */
  hang(): void {
    this.hanging = true;
    for (const s of this.sockets) {
      s.unpipe();
      s.pause();
    }
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on("close", () => this.sockets.delete(s));
    s.on("error", () => s.destroy());
  }

  private cutAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}
