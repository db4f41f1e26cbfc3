/** Every action of the results part, for `registerActions` (src/actions/all.ts lists one line per part). */
import { contestCreate, contestList, electionCreate, electionList } from './elections.js';
import { resultsDownload, resultsExportNist, resultsExportOpenElections } from './results-export.js';
import { resultsImport } from './results-import.js';
import { resultsCompare, resultsOfficialImport } from './results-official.js';
import { resultsFlags, resultsForensics, resultsImports, resultsRegion, resultsTps } from './results-read.js';
import { resultsReceipt } from './results-receipt.js';
import { resultsTpsList, resultsTpsListImport, resultsTpsListRemove } from './results-tps-list.js';
import { registerResultsAudit } from './results-audit.js';

export const RESULTS_ACTIONS: ReadonlyArray<unknown> = [
  electionList, electionCreate, contestList, contestCreate,
  resultsImport, resultsRegion, resultsTps, resultsReceipt, resultsFlags, resultsForensics, resultsImports,
  resultsDownload, resultsExportNist, resultsExportOpenElections, resultsOfficialImport, resultsCompare,
  resultsTpsListImport, resultsTpsListRemove, resultsTpsList,
];

// The self-audit checks stored TPS figures against the log wherever the results part is loaded (src/integrity/audit.ts).
registerResultsAudit();
