/** Tables of the maturity part; its owner fills this in (see ./0001_catalog.ts for the shape). */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';

export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
