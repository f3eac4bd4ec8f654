import { fuzzEveryOperation } from './fuzz.suite.ts';
import { DATABASES } from './test-support/harness.ts';

/** Property-based fuzzing of every API operation on PostgreSQL (when DATABASE_URL is set); see fuzz.suite.ts. */
if (DATABASES.includes('postgres')) fuzzEveryOperation('postgres');
