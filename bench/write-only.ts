import { writeSection } from './report.ts';
import { writeBench } from './write.ts';

writeSection('write', await writeBench());
