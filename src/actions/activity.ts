/** History: dataset.activityList (CKAN package_activity_list) and activity.diff (CKAN activity_diff). */
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import { diffObjects, type Change } from '../catalog/diff.js';
import { findActivity, listActivities, previousActivity, type Activity } from '../store/catalog/activities.js';
import { findDataset } from '../store/catalog/datasets.js';
import { defineAction } from './types.js';
import { assertDatasetVisible } from './visibility.js';

export const datasetActivityList = defineAction({
  name: 'dataset.activityList',
  ckan: 'package_activity_list',
  summary: 'Return the changes of a dataset, newest first, each with its snapshot and diff.',
  input: Type.Object(
    { id: Type.String({ minLength: 1 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), offset: Type.Optional(Type.Integer({ minimum: 0 })) },
    { additionalProperties: true },
  ),
  readOnly: true,
  policy: (ctx, input) => assertDatasetVisible(ctx.services.database.db, ctx.actor, input.id),
  async run(ctx, input): Promise<Activity[]> {
    const d = await findDataset(ctx.services.database.db, input.id);
    if (!d) throw KotakError.notFound('Dataset');
    return listActivities(ctx.services.database.db, d.id, input.limit ?? 31, input.offset ?? 0);
  },
});

export const activityDiff = defineAction({
  name: 'activity.diff',
  ckan: 'activity_diff',
  summary: 'Return an activity, the one before it on the same object, and what changed between them.',
  input: Type.Object({ id: Type.String({ minLength: 1 }), object_type: Type.Optional(Type.String()), diff_type: Type.Optional(Type.String()) }, { additionalProperties: true }),
  readOnly: true,
  policy: async (ctx, input) => {
    const a = await findActivity(ctx.services.database.db, input.id);
    if (!a) throw KotakError.notFound('Activity');
    if (a.objectType === 'package') await assertDatasetVisible(ctx.services.database.db, ctx.actor, a.objectId);
  },
  async run(ctx, input): Promise<{ activities: Activity[]; diff: Change[] }> {
    const db = ctx.services.database.db;
    const a = await findActivity(db, input.id);
    if (!a) throw KotakError.notFound('Activity');
    const prev = await previousActivity(db, a.objectId, a.seq);
    const { seq: _seq, ...activity } = a;
    return { activities: prev ? [prev, activity] : [activity], diff: diffObjects(prev?.data, a.data) };
  },
});
