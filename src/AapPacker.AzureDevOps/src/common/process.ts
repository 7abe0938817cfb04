// Child processes the way the agent needs them: output passed through live, the agent's cancel signals
// (SIGINT, then SIGTERM) forwarded so the child can cancel its AAP job, and a clean environment.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tl from 'azure-pipelines-task-lib/task';
import { ConnectionEnvironment } from './connection';

/** The folder of a task (task.json, the bundled module), from a compiled entry at <task>/js/<Task>/x.js. */
export function taskRoot(entryDirectory: string): string {
    return path.resolve(entryDirectory, '..', '..');
}

/** pwsh, or Windows PowerShell 5.1 on a Windows agent without PowerShell 7. */
export function findPowerShell(): string {
    const pwsh = tl.which('pwsh', false);
    if (pwsh) { return pwsh; }
    if (process.platform === 'win32') {
        const powershell = tl.which('powershell', false);
        if (powershell) { return powershell; }
    }
    throw new Error('PowerShell was not found on the agent: install PowerShell 7 (pwsh) and put it on PATH.');
}

/** The bundled module's folder, first on PSModulePath so that `Import-Module AapPacker` finds this version. */
export function modulePath(root: string): string {
    const bundled = path.join(root, 'module');
    if (!fs.existsSync(path.join(bundled, 'AapPacker', 'AapPacker.psd1'))) {
        throw new Error(`The task's bundled AapPacker module is missing (${bundled}): the extension package is damaged; reinstall it.`);
    }
    const rest = process.env.PSModulePath;
    return rest ? bundled + path.delimiter + rest : bundled;
}

/** The agent's temp directory (cleaned after every job), else the system one; a private folder in it. */
export function newWorkDirectory(): string {
    const base = tl.getVariable('Agent.TempDirectory') || os.tmpdir();
    return fs.mkdtempSync(path.join(base, 'aappacker-'));
}

export function childEnvironment(connection: ConnectionEnvironment, extra: { [name: string]: string }): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of connection.remove) { delete env[name]; }
    return { ...env, ...connection.set, ...extra };
}

export interface ChildResult {
    code: number | null;
    signal: NodeJS.Signals | null;
    /** The cancel signal the agent sent, when it sent one. */
    canceledBy?: NodeJS.Signals;
}

/**
 * Runs a child with its output passed through as it comes, calling onLine for each complete line. The first
 * SIGINT or SIGTERM the task gets is passed to the child as forwardAs (the child cancels its work and ends);
 * a later one is passed on as it came. The task keeps running until the child has ended.
 */
export function runChild(file: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string; forwardAs: NodeJS.Signals; onLine?: (line: string) => void; onStart?: (pid: number) => void }): Promise<ChildResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(file, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
        let canceledBy: NodeJS.Signals | undefined;
        const onSignal = (signal: NodeJS.Signals) => {
            const forwarded = canceledBy ? signal : options.forwardAs;
            if (!canceledBy) {
                canceledBy = signal;
                console.log(`Cancel requested (${signal}): stopping ${path.basename(file)} so that it cancels its AAP job and cleans up.`);
            }
            if (child.exitCode === null && child.signalCode === null) {
                try { child.kill(forwarded); } catch { /* already gone */ }
            }
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        const pass = (stream: NodeJS.ReadableStream, sink: NodeJS.WriteStream) => {
            let pending = '';
            stream.on('data', (chunk: Buffer) => {
                sink.write(chunk);
                if (!options.onLine) { return; }
                pending += chunk.toString('utf8');
                const lines = pending.split(/\r?\n/);
                pending = lines.pop() as string;
                for (const line of lines) { options.onLine(line); }
            });
            stream.on('end', () => { if (pending && options.onLine) { options.onLine(pending); } });
        };
        pass(child.stdout, process.stdout);
        pass(child.stderr, process.stderr);
        child.on('error', error => {
            process.removeListener('SIGINT', onSignal);
            process.removeListener('SIGTERM', onSignal);
            reject(new Error(`Could not start ${file}: ${error.message}`));
        });
        if (child.pid !== undefined && options.onStart) { options.onStart(child.pid); }
        child.on('close', (code, signal) => {
            process.removeListener('SIGINT', onSignal);
            process.removeListener('SIGTERM', onSignal);
            resolve({ code, signal, canceledBy });
        });
    });
}

/** Arguments for a PowerShell script file: no profile, no prompts; Windows PowerShell also needs the policy bypass. */
export function powerShellArguments(script: string): string[] {
    return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script];
}
