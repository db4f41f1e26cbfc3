/**
 * The DuckDB baseline of the results import in a process of its own (as the import runs in bench/results-child.ts):
 * DuckDB's worker threads and memory end with the process, so they cannot weigh on the import measured next.
 * Prints one JSON line `{ "ms": … }`.
 *   tsx bench/duckdb-child.ts <resultsFile>
 */
import { duckdbBaseline } from './results.js';

const [file] = process.argv.slice(2) as [string];
process.stdout.write(JSON.stringify({ ms: await duckdbBaseline(file) }) + '\n');
