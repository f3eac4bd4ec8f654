import { fuzzEveryOperation } from './fuzz.suite.ts';

/** Property-based fuzzing of every API operation on SQLite; see fuzz.suite.ts. */
fuzzEveryOperation('sqlite');
