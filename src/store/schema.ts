/**
 * Table types for Kysely. Conventions shared by both databases: ids are text (UUIDs or slugs), booleans are integers
 * 0/1, timestamps are ISO 8601 UTC text (`toISOString()`, so text order is time order), JSON is text.
 * Each part of the product declares its tables in its own file and they are merged here.
 */
import type { CatalogTables } from './schema-catalog.js';
import type { LogTables } from './schema-log.js';
import type { ResultsTables } from './schema-results.js';
import type { MaturityTables } from './schema-maturity.js';

export interface DB extends CatalogTables, LogTables, ResultsTables, MaturityTables {}
