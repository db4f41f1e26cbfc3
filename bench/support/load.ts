/**
 * HTTP load with autocannon: N connections for a fixed time against a server in another process (so the load
 * generator and the server each have a core). Paths can vary per request.
 */
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export async function load(url: string, paths: string[], opts: { connections?: number; seconds?: number } = {}): Promise<LoadResult> {
  let i = 0;
  const r = await autocannon({
    url,
    connections: opts.connections ?? 16,
    duration: opts.seconds ?? 5,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => {
          req.path = paths[i++ % paths.length];
          return req;
        },
      },
    ],
  } as unknown as autocannon.Options);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}
