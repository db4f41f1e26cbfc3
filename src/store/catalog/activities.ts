/** The activity stream: one row per change, written in the same transaction as the change (STYLE.md §8). */
import { randomUUID } from 'node:crypto';
import { diffObjects, type Change } from '../../catalog/diff.js';
import type { Executor } from '../db.js';

export interface Activity {
  id: string;
  objectType: string;
  objectId: string;
  activityType: string;
  userId: string | null;
  timestamp: string;
  data: unknown;
  diff: Change[];
}

function fromRow(r: { id: string; object_type: string; object_id: string; activity_type: string; user_id: string | null; timestamp: string; data: string; diff: string }): Activity {
  return {
    id: r.id,
    objectType: r.object_type,
    objectId: r.object_id,
    activityType: r.activity_type,
    userId: r.user_id,
    timestamp: r.timestamp,
    data: JSON.parse(r.data),
    diff: JSON.parse(r.diff),
  };
}

/** Records a change: the snapshot after it and its diff against the previous snapshot of the same object. */
export async function recordActivity(
  db: Executor,
  a: { objectType: string; objectId: string; activityType: string; userId: string | null; timestamp: string; data: unknown },
): Promise<Activity> {
  const prev = await db
    .selectFrom('activities')
    .select('data')
    .where('object_id', '=', a.objectId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const diff = diffObjects(prev ? JSON.parse(prev.data) : undefined, a.data);
  const id = randomUUID();
  await db
    .insertInto('activities')
    .values({
      id,
      object_type: a.objectType,
      object_id: a.objectId,
      activity_type: a.activityType,
      user_id: a.userId,
      timestamp: a.timestamp,
      data: JSON.stringify(a.data),
      diff: JSON.stringify(diff),
    })
    .execute();
  return { id, ...a, diff };
}

export async function listActivities(db: Executor, objectId: string, limit: number, offset: number): Promise<Activity[]> {
  const rows = await db
    .selectFrom('activities')
    .selectAll()
    .where('object_id', '=', objectId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(fromRow);
}

export async function findActivity(db: Executor, id: string): Promise<(Activity & { seq: number }) | null> {
  const r = await db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { ...fromRow(r), seq: Number(r.seq) } : null;
}

/** The activity of the same object just before `seq` (what `activity_diff` compares against). */
export async function previousActivity(db: Executor, objectId: string, seq: number): Promise<Activity | null> {
  const r = await db
    .selectFrom('activities')
    .selectAll()
    .where('object_id', '=', objectId)
    .where('seq', '<', seq)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? fromRow(r) : null;
}
