// Splits a command-line string into arguments the way a shell user expects: whitespace separates, double or single
// quotes group (a backslash escapes a double quote inside double quotes).
export function splitArguments(line: string): string[] {
    const args: string[] = [];
    let current = '';
    let quote: '"' | '\'' | null = null;
    let started = false;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
            if (c === quote) { quote = null; continue; }
            if (c === '\\' && quote === '"' && line[i + 1] === '"') { current += '"'; i++; continue; }
            current += c;
        } else if (c === '"' || c === '\'') {
            quote = c; started = true;
        } else if (/\s/.test(c)) {
            if (started) { args.push(current); current = ''; started = false; }
        } else {
            current += c; started = true;
        }
    }
    if (quote) { throw new Error(`Unbalanced ${quote} in arguments: ${line}`); }
    if (started) { args.push(current); }
    return args;
}

/** Non-empty, trimmed lines; lines starting with # are comments. */
export function lines(text: string | undefined): string[] {
    return (text || '').split(/\r?\n/).map(l => l.trim()).filter(l => l && !l.startsWith('#'));
}
