/**
 * The error vocabulary. Every failure that leaves an action is a KotakError with one of these codes; the HTTP layers
 * map it once to a status and to CKAN's `__type` (STANDARDS.md, CKAN Action API). Anything else is a 500 with a logged id.
 *
 * @example
 *   throw KotakError.validation({ name: ['Must be 2–100 characters of a–z, 0–9, - and _'] });
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'unauthorized'
  | 'bad_request'
  | 'conflict'
  | 'search_query'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal';

export interface ErrorSpec {
  status: number;
  ckanType: string;
  description: string;
}

/** Status codes follow CKAN's api.py where CKAN has the case (STANDARDS.md), HTTP semantics elsewhere. */
export const ERROR_CODES: Record<ErrorCode, ErrorSpec> = {
  validation: { status: 409, ckanType: 'Validation Error', description: 'Input failed validation; `fields` names each field and its messages.' },
  not_found: { status: 404, ckanType: 'Not Found Error', description: 'The object does not exist or is not visible to the caller.' },
  forbidden: { status: 403, ckanType: 'Authorization Error', description: 'The caller may not perform this action.' },
  unauthorized: { status: 403, ckanType: 'Authorization Error', description: 'The API token is missing, unknown, revoked or expired.' },
  bad_request: { status: 400, ckanType: 'Bad request', description: 'Malformed request: bad JSON, unknown action, wrong content type.' },
  conflict: { status: 400, ckanType: 'Integrity Error', description: 'The change conflicts with existing data (e.g. a name already taken).' },
  search_query: { status: 400, ckanType: 'Search Query Error', description: 'The search query (q, fq, sort) could not be parsed.' },
  payload_too_large: { status: 413, ckanType: 'Request Entity Too Large', description: 'The upload exceeds the configured size limit.' },
  unsupported_media_type: { status: 415, ckanType: 'Unsupported Media Type', description: 'The request body has a content type the endpoint does not accept.' },
  internal: { status: 500, ckanType: 'Internal Server Error', description: 'An unexpected error; the response carries an id that is in the server log.' },
};

export type FieldErrors = Record<string, string[]>;

export class KotakError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  /** Extra machine-readable detail, e.g. `{ row: 12, column: 'votes_01' }` for an import error. */
  readonly detail?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: { fields?: FieldErrors; detail?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'KotakError';
    this.code = code;
    this.fields = opts.fields;
    this.detail = opts.detail;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  static validation(fields: FieldErrors, message = 'Validation failed'): KotakError {
    return new KotakError('validation', message, { fields });
  }
  static notFound(what: string): KotakError {
    return new KotakError('not_found', `${what} not found`);
  }
  static forbidden(message = 'Not authorised'): KotakError {
    return new KotakError('forbidden', message);
  }
  static badRequest(message: string, detail?: Record<string, unknown>): KotakError {
    return new KotakError('bad_request', message, { detail });
  }
  static conflict(message: string, fields?: FieldErrors): KotakError {
    return new KotakError('conflict', message, { fields });
  }
}

export function isKotakError(e: unknown): e is KotakError {
  return e instanceof KotakError;
}
