/**
 * Witness cosignatures collected by the portal (C2SP tlog-cosignature): a registered witness submits a checkpoint it
 * verified with its signature line added; the portal keeps the lines that verify, and serves them on the checkpoint
 * so receipts carry them. Only registered witnesses count; other signature lines are ignored (signed-note).
 */
import { formatSignatureLine, parseNote } from './note-format.js';
import { parseCheckpoint } from './checkpoint.js';
import { verifierFromKey } from './signed-note.js';
import { logReader } from './reader.js';
import { KotakError } from '../errors.js';
import type { Database } from '../store/db.js';

/** Cosignatures dated more than this far in the future are refused (tlog-cosignature: verifiers MAY reject them). */
const MAX_CLOCK_SKEW_S = 300;

export async function acceptCosignatures(database: Database, note: string, now: Date): Promise<{ size: number; accepted: string[] }> {
  const parsed = parseNote(note);
  if ('error' in parsed) throw KotakError.validation({ note: [parsed.error] });
  const cp = parseCheckpoint(parsed.text);
  if ('error' in cp) throw KotakError.validation({ note: [cp.error] });
  const db = database.db;
  const stored = await db.selectFrom('log_checkpoints').select('note').where('size', '=', cp.size).executeTakeFirst();
  const storedText = stored ? parseNote(stored.note) : null;
  if (!storedText || 'error' in storedText || storedText.text !== parsed.text) {
    throw KotakError.validation({ note: [`This log never signed this checkpoint of size ${cp.size}`] });
  }
  const witnesses = (await db.selectFrom('log_witnesses').select(['vkey', 'name']).execute()).map((w) => verifierFromKey(w.vkey));
  const accepted: string[] = [];
  for (const sig of parsed.signatures) {
    const w = witnesses.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (!w) continue;
    const ok = w.verify(parsed.text, sig.signature);
    if (!ok) throw KotakError.validation({ note: [`The signature of witness ${w.name} does not verify`] });
    if (ok.time !== undefined && ok.time > now.getTime() / 1000 + MAX_CLOCK_SKEW_S) {
      throw KotakError.validation({ note: [`The cosignature of ${w.name} is dated in the future`] });
    }
    const line = formatSignatureLine(sig.name, sig.keyId, sig.signature);
    await db
      .insertInto('log_cosignatures')
      .values({ size: cp.size, witness: `${w.name}+${w.keyId.toString(16).padStart(8, '0')}`, line, created: now.toISOString() })
      .onConflict((oc) => oc.columns(['size', 'witness']).doUpdateSet({ line, created: now.toISOString() }))
      .execute();
    accepted.push(w.name);
  }
  if (accepted.length === 0) throw KotakError.forbidden('The note carries no signature of a registered witness');
  logReader(database).invalidate();
  return { size: cp.size, accepted };
}

/** Registers a witness verifier key (type 0x04 cosigner or 0x01) whose cosignatures the portal will keep. */
export async function trustWitness(database: Database, vkey: string, now: Date): Promise<{ name: string }> {
  let v;
  try {
    v = verifierFromKey(vkey);
  } catch (e) {
    throw KotakError.validation({ vkey: [(e as Error).message] });
  }
  await database.db
    .insertInto('log_witnesses')
    .values({ vkey: vkey.trim(), name: v.name, created: now.toISOString() })
    .onConflict((oc) => oc.column('vkey').doNothing())
    .execute();
  return { name: v.name };
}
