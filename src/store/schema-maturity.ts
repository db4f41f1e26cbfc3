/** Tables of the maturity part (migration 0004_maturity). */

export interface MaturityAnswersTable {
  organization_id: string;
  round: string;
  question_id: string;
  /** yes | partial | no | unsure */
  value: string;
  evidence: string;
  answered_by: string;
  answered_at: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
  assessor_note: string | null;
}

export interface MaturityAssessorsTable {
  user_id: string;
  granted_by: string;
  granted_at: string;
}

export interface MaturityAssessmentsTable {
  id: string;
  organization_id: string;
  round: string;
  assessed_at: string;
  score: number;
  level: number;
  config_version: string;
  /** JSON of the published assessment. */
  document: string;
  sha256: string;
  log_index: number | null;
}

/** Downloads and API calls per dataset and UTC day; nothing about who asked. */
export interface MaturityUsageTable {
  dataset_id: string;
  day: string;
  downloads: number;
  api_calls: number;
}

export interface MaturityTables {
  maturity_answers: MaturityAnswersTable;
  maturity_assessors: MaturityAssessorsTable;
  maturity_assessments: MaturityAssessmentsTable;
  maturity_usage: MaturityUsageTable;
}
