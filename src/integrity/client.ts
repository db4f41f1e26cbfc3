/**
 * A client of a portal's publication log, for the CLI (`kotak verify --portal`, `kotak monitor`, `kotak witness`):
 * the C2SP tlog-tiles paths under `<portal>/log/` and the receipt endpoint of the JSON API. Any `fetch`-compatible
 * function can be passed (tests route it to the in-process server).
 */
import { hash } from 'node:crypto';
import { tpsResultOfBytes, type TpsResultDoc } from './tps-receipt.js';
import { contentDigest, verifyContent, type TrustedKeys, type VerifyReport } from './verify.js';

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export class PortalError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`GET ${url} answered ${status}`);
    this.name = 'PortalError';
  }
}

export class LogClient {
  readonly base: string;
  constructor(
    portal: string,
    private readonly fetchFn: Fetch = fetch,
  ) {
    this.base = portal.replace(/\/+$/, '');
  }

  private async get(path: string): Promise<Response> {
    const url = `${this.base}${path}`;
    // Bypass caches: a monitor must see what the portal serves now.
    const res = await this.fetchFn(url, { headers: { 'cache-control': 'no-cache' } });
    if (!res.ok) throw new PortalError(url, res.status);
    return res;
  }

  async checkpoint(): Promise<string> {
    return (await this.get('/log/checkpoint')).text();
  }

  async key(): Promise<string> {
    return (await (await this.get('/log/key')).text()).trim();
  }

  /** A tile or entry bundle by its path relative to the log prefix (`tile/0/000.p/7`). */
  async tile(path: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.get(`/log/${path}`)).arrayBuffer());
  }

  /** The receipt of the first entry publishing content with this SHA-256, or null when the log has none. */
  async receiptFor(sha256: string): Promise<string | null> {
    try {
      return await (await this.get(`/api/v1/log/receipt?sha256=${sha256}`)).text();
    } catch (e) {
      if (e instanceof PortalError && e.status === 404) return null;
      throw e;
    }
  }

  /**
   * The receipt of a version of a TPS result (results.receipt): its text, null when the portal has none, or the
   * portal's reason when it refuses one (it does when its stored figures no longer match its log).
   */
  async tpsReceipt(doc: Pick<TpsResultDoc, 'election' | 'contest' | 'tps' | 'version'>): Promise<string | null | { refused: string }> {
    const url = `${this.base}/api/v1/elections/${encodeURIComponent(doc.election)}/contests/${encodeURIComponent(doc.contest)}/tps/${encodeURIComponent(doc.tps)}/receipt?version=${doc.version}`;
    const res = await this.fetchFn(url, { headers: { 'cache-control': 'no-cache' } });
    if (res.ok) return res.text();
    if (res.status === 404) return null;
    if (res.status >= 500) throw new PortalError(url, res.status);
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { refused: body?.error?.message ?? `HTTP ${res.status}` };
  }

  /** Submits a cosigned checkpoint (witnesses). */
  async submitCosignature(note: string): Promise<{ size: number; accepted: string[] }> {
    const url = `${this.base}/log/cosignature`;
    const res = await this.fetchFn(url, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: note });
    if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { data: { size: number; accepted: string[] } }).data;
  }
}

/**
 * `kotak verify FILE --portal URL`: find the entry for the file's SHA-256 (or, for JSON, its RFC 8785 form), fetch the
 * receipt and verify it as offline. A TPS result JSON (a saved results.tps answer) is verified with the TPS receipt of
 * its election, contest, TPS and version. The log key is the one given, else the portal's own (trust on first use).
 */
export async function verifyWithPortal(
  content: Uint8Array,
  client: LogClient,
  keys: Partial<TrustedKeys> = {},
): Promise<VerifyReport & { receipt?: string; keySource: 'given' | 'portal' }> {
  const log = keys.log ?? (await client.key());
  const keySource = keys.log ? 'given' : 'portal';
  const tps = tpsResultOfBytes(content);
  if (tps) {
    const receipt = await client.tpsReceipt(tps.doc);
    if (typeof receipt === 'string') return { ...verifyContent(content, receipt, { ...keys, log }), receipt, keySource };
    if (receipt) return { ok: false, code: 'not-logged', reason: `the portal gives no receipt for TPS ${tps.doc.tps} version ${tps.doc.version}: ${receipt.refused}`, keySource };
  }
  const candidates = [hash('sha256', content, 'hex'), contentDigest(content, 'jcs')].filter((d): d is string => d !== null);
  for (const sha of new Set(candidates)) {
    const receipt = await client.receiptFor(sha);
    if (receipt) return { ...verifyContent(content, receipt, { ...keys, log }), receipt, keySource };
  }
  return { ok: false, code: 'not-logged', reason: `the log has no entry for SHA-256 ${candidates.join(' or ')}`, keySource };
}
