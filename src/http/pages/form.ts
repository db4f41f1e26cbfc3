/** A urlencoded form body as @fastify/formbody gives it: a field sent twice is an array. */
export type FormBody = Record<string, string | string[] | undefined>;

/** A form field's value: the first when it was sent twice, '' when missing. */
export const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
