import { authorizationMatrix } from './authz-matrix.suite.ts';
import { DATABASES } from './test-support/harness.ts';

/** Authorization matrix on PostgreSQL (when DATABASE_URL is set); see authz-matrix.suite.ts. */
if (DATABASES.includes('postgres')) authorizationMatrix('postgres');
