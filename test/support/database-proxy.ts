import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that a test can cut: `down()` drops every connection and refuses
 * new ones (a database outage as the service sees it), `up()` lets connections through again.
 */
export class DatabaseProxy {
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;
  private available = true;

  private constructor(target: URL) {
    this.server = net.createServer((client) => {
      if (!this.available) {
        client.destroy();
        return;
      }
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  static async start(databaseUrl: string): Promise<{ proxy: DatabaseProxy; url: string }> {
    const target = new URL(databaseUrl);
    const proxy = new DatabaseProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String((proxy.server.address() as net.AddressInfo).port);
    return { proxy, url: url.toString() };
  }

  down(): void {
    this.available = false;
    for (const socket of this.sockets) socket.destroy();
  }

  up(): void {
    this.available = true;
  }

  async close(): Promise<void> {
    this.down();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
