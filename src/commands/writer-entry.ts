// Where the SQLite writer thread starts (src/cli/writer-thread.mjs), for the commands that group-commit.
export const WRITER_ENTRY = new URL('../cli/writer-thread.mjs', import.meta.url);
