/** Tables of the integrity part (declared by its owner alongside migration files in ./migrations/). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LogTables {}
