// What a command-line tool answers (JSON for `admin`, a sentence for `db`) and its usage errors: its
// output for the person or script that ran it, not log lines, so plain text on stdout / stderr.
export const answer = (text: string) => void process.stdout.write(`${text}\n`);
export const complain = (text: string) => void process.stderr.write(`${text}\n`);
