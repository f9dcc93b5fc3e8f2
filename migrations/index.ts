/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
import { CaseRecords1795404000000 } from './1795404000000-CaseRecords.js';

export const MIGRATIONS = [CaseRecords1795404000000];
