/**
 * A deliberately cheap HTTP/1.1 load generator for the tile benchmark: N keep-alive sockets, one request in flight on
 * each, responses skipped by their Content-Length without parsing or decoding the body. On a 2-core machine the load
 * generator shares the CPU with the server; autocannon spends more CPU per 8 KB binary response than the server
 * does to produce it, so it measures itself. Used for both sides of a ratio, so baseline and tiles meet the same
 * client.
 */
import { connect, type Socket } from 'node:net';

export interface RawLoadResult {
  rps: number;
  requests: number;
  non2xx: number;
  /** Latency percentiles in ms (from writing a request to the last byte of its response). */
  p50: number;
  p99: number;
}

export async function rawLoad(url: string, paths: string[], opts: { connections?: number; seconds?: number } = {}): Promise<RawLoadResult> {
  const u = new URL(url);
  const requests = paths.map((p) => Buffer.from(`GET ${p} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: keep-alive\r\n\r\n`));
  const end = Date.now() + (opts.seconds ?? 5) * 1000;
  let done = 0;
  let non2xx = 0;
  let next = 0;
  const latencies: number[] = [];
  const HEADER_END = Buffer.from('\r\n\r\n');
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const sock: Socket = connect(Number(u.port), u.hostname);
      sock.setNoDelay(true);
      let buf: Buffer = Buffer.alloc(0);
      let need = -1; // bytes of the current response still expected once its header is read
      let sentAt = 0;
      const send = () => {
        if (Date.now() >= end) {
          sock.end();
          return resolve();
        }
        sentAt = performance.now();
        sock.write(requests[next++ % requests.length]!);
      };
      sock.on('connect', send);
      sock.on('error', reject);
      sock.on('data', (chunk: Buffer) => {
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        for (;;) {
          if (need < 0) {
            const h = buf.indexOf(HEADER_END);
            if (h < 0) return;
            const head = buf.subarray(0, h).toString('latin1');
            if (!head.startsWith('HTTP/1.1 2')) non2xx++;
            const m = /\r\ncontent-length: *(\d+)/i.exec(head);
            need = m ? Number(m[1]) : 0;
            buf = buf.subarray(h + 4);
          }
          if (buf.length < need) return;
          buf = buf.subarray(need);
          need = -1;
          done++;
          latencies.push(performance.now() - sentAt);
          send();
          if (!buf.length) return;
        }
      });
    });
  const t = Date.now();
  await Promise.all(Array.from({ length: opts.connections ?? 16 }, one));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: done / ((Date.now() - t) / 1000), requests: done, non2xx, p50: at(0.5), p99: at(0.99) };
}
