/** Every action of the maturity part, for `registerActions` (src/actions/all.ts lists one line per part). */
import { dcatShow } from './dcat.js';
import { maturityAnswer, maturityAssess, maturityAssessorAdd, maturityCompare, maturityConfirm, maturityShow } from './maturity.js';
import { linkcheckRun } from './maturity-linkcheck.js';

export const MATURITY_ACTIONS: ReadonlyArray<unknown> = [
  maturityAssess, maturityShow, maturityCompare, maturityAnswer, maturityConfirm, maturityAssessorAdd, linkcheckRun, dcatShow,
];
