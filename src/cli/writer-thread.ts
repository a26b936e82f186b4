// The SQLite writer thread: the group-committed writes it may run (db/writer.ts). Kept beside the other entry
// points because it composes commands, which the db layer does not import.
import { serveWrites } from '../db/writer.ts';
import { SURVEY_WRITE } from '../commands/surveys/submit.ts';
import { INTAKE_WRITE } from '../commands/feedback/intake.ts';

serveWrites([SURVEY_WRITE, INTAKE_WRITE]);
