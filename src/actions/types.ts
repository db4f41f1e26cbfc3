/**
 * The action contract: every use case is one action `(ctx, input) => Promise<output>` with an input schema and exactly
 * one policy (STYLE.md §1–3). HTTP (CKAN and REST), the CLI and the pages all go through `invoke`.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { Config } from '../config.js';
import type { MemberRole } from '../catalog/types.js';
import type { Database, Tx } from '../store/db.js';
import type { BlobStore } from '../store/blob/types.js';

/** Who is acting. Read-only: actions never mutate the context (STYLE.md, "things to avoid"). */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly sysadmin: boolean;
  /** organisation id → role */
  readonly memberships: ReadonlyMap<string, MemberRole>;
}

/** What a publication-log entry says (the integrity part turns it into RFC 8785 canonical JSON). */
export interface PublicationInput {
  kind: string;
  /** What was published, e.g. `dataset:<id>@<modified>`, `resource:<id>`, `tps:<code>`. */
  subject: string;
  organization: string | null;
  /** Hex SHA-256 of the published content. */
  sha256: string;
  meta?: Record<string, unknown>;
  /** Further subjects the entry is about, e.g. the dataset of a resource (`dataset:<id>`). */
  related?: string[];
  /** What `sha256` covers: raw bytes (default) or RFC 8785 canonical JSON (dataset versions, results, assessments). */
  hashOf?: 'bytes' | 'jcs';
}

/** The append-only publication log (issue 4). Appends happen inside the caller's transaction. */
export interface PublicationLog {
  append(trx: Tx, entry: PublicationInput): Promise<{ index: number }>;
  /** Appends many entries with one tree update (a results import logs one entry per TPS). */
  appendMany(trx: Tx, entries: readonly PublicationInput[]): Promise<{ index: number }[]>;
  /** Called after a publication commits: signs a new checkpoint when the tree grew. */
  afterCommit(): Promise<void>;
}

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** Long-lived services shared by all actions. */
export interface Services {
  readonly config: Config;
  readonly database: Database;
  readonly blobs: BlobStore;
  readonly log: PublicationLog;
  readonly logger: Logger;
  readonly now: () => Date;
}

export type Channel = 'ckan' | 'rest' | 'cli' | 'page' | 'system' | 'test';

export interface ActionContext {
  readonly services: Services;
  readonly actor: Actor | null;
  readonly requestId: string;
  readonly channel: Channel;
}

export type Policy<I> = (ctx: ActionContext, input: I) => Promise<void> | void;

export interface ActionDef<S extends TSchema = TSchema, O = unknown> {
  /** `entity.verb`, the same name as the policy, the route and the test's describe. */
  name: string;
  /** The CKAN Action API name, when the action is part of that surface. */
  ckan?: string;
  summary: string;
  input: S;
  /** Read actions have no side effects and accept GET (CKAN `side_effect_free`). */
  readOnly: boolean;
  policy: Policy<Static<S>>;
  run(ctx: ActionContext, input: Static<S>, extra?: ActionExtra): Promise<O>;
}

export function defineAction<S extends TSchema, O>(def: ActionDef<S, O>): ActionDef<S, O> {
  return def;
}

/** What only a transport can hand over: a file the upload route has already stored in the blob store. */
export interface ActionExtra {
  upload?: { sha256: string; size: number; filename: string; mediaType: string | null };
}
