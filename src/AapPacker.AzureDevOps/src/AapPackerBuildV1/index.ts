// AapPackerBuild@1: `packer build` with the bundled AapPacker module ready for the documented shell-local recipe,
// the service connection in the environment the module reads, and a run id the post-job sweep shares.
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tl from 'azure-pipelines-task-lib/task';
import { lines, splitArguments } from '../common/arguments';
import { connectionEnvironment, readConnection } from '../common/connection';
import { exitCodeMeaning, oneLine } from '../common/exitcodes';
import { childEnvironment, modulePath, newWorkDirectory, runChild, taskRoot } from '../common/process';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function packerArguments(): string[] {
    const args = ['build'];
    args.push(...splitArguments(tl.getInput('arguments', false) || ''));
    for (const line of lines(tl.getInput('variables', false))) {
        if (!/^[A-Za-z_][A-Za-z0-9_-]*=/.test(line)) {
            throw new Error(`variables: '${line.split('=')[0]}' is not a key=value line (one Packer variable a line, e.g. region=eu-west-1).`);
        }
        args.push('-var', line);
    }
    for (const file of lines(tl.getInput('varFiles', false))) {
        args.push(`-var-file=${file}`);
    }
    args.push(tl.getInput('template', true) as string);
    return args;
}

async function run(): Promise<void> {
    const root = taskRoot(__dirname);
    const connection = readConnection('connection');
    const runId = (tl.getInput('runId', false) || '').trim() || randomUUID();
    if (!uuidPattern.test(runId)) {
        tl.warning(`runId '${runId}' is not a UUID: Remove-AapBuildResources -BuildId matches every build of a run only for a UUID.`);
    }
    // The post-job step reads it back, whatever happens to this step.
    tl.setTaskVariable('AapRunId', runId);
    tl.setVariable('AapRunId', runId, false, true);

    const packerInput = (tl.getInput('packerPath', false) || '').trim();
    const packer = packerInput || tl.which('packer', false);
    if (!packer) { throw new Error('Packer was not found on PATH: install it on the agent, or give its path in packerPath.'); }
    if (packerInput && !fs.existsSync(packerInput)) { throw new Error(`packerPath '${packerInput}' does not exist.`); }
    const cwd = tl.getInput('workingDirectory', false) || tl.getVariable('System.DefaultWorkingDirectory') || process.cwd();
    if (!fs.existsSync(cwd)) { throw new Error(`workingDirectory '${cwd}' does not exist.`); }
    const args = packerArguments();

    const work = newWorkDirectory();
    const connectionEnv = connectionEnvironment(connection, work, true);
    // Packer keeps a full copy of its log in a temp file it deletes when it exits, but not when it is killed; that log
    // holds the ##vso[task.setsecret] lines AapPacker prints. A temp directory of the step's own, removed below,
    // takes it with it whatever happened to Packer.
    const packerTemp = packerTempDirectory(work);
    try {
        const env = childEnvironment(connectionEnv, {
            ...temporaryDirectoryVariables(packerTemp),
            PSModulePath: modulePath(root),
            AAPPACKER_RUN_ID: runId,
            // The recipes' variable aap_run_id (HCL2), which they pass on as AAPPACKER_RUN_ID.
            PKR_VAR_aap_run_id: runId,
            CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE || '1',
        });
        console.log(`AAP run id ${runId} (the post-job step removes what AapPacker left for it in AAP).`);
        console.log(`> ${packer} ${args.join(' ')}`);
        let moduleExit: number | undefined;
        const result = await runChild(packer, args, {
            env, cwd, forwardAs: 'SIGINT',
            onLine: line => {
                const match = /Script exited with non-zero exit status: (\d+)/.exec(line);
                if (match) { moduleExit = Number(match[1]); }
            },
        });
        if (result.code === 0) {
            tl.setResult(tl.TaskResult.Succeeded, 'packer build succeeded.');
        } else if (result.canceledBy) {
            tl.setResult(tl.TaskResult.Failed, `packer build canceled (${result.canceledBy}); the post-job step removes what is left in AAP.`);
        } else if (moduleExit !== undefined && exitCodeMeaning[moduleExit]) {
            tl.setResult(tl.TaskResult.Failed, `packer build failed: AapPacker exit code ${moduleExit}, ${exitCodeMeaning[moduleExit]} (the provisioner's message is in the log above).`);
        } else {
            const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
            tl.setResult(tl.TaskResult.Failed, `packer build ${how}.`);
        }
    } finally {
        connectionEnv.cleanup();
        removeDirectory(packerTemp);
        removeDirectory(work);
    }
}

// Packer's plugins listen on Unix sockets in its temp directory, and a socket path holds at most 104 bytes (macOS;
// 108 on Linux): the step's work directory when that leaves room for 'packer-plugin' and ten digits, else a new
// directory in the system's temp directory, else in /tmp.
function packerTempDirectory(work: string): string {
    const fits = (directory: string) => process.platform === 'win32' || Buffer.byteLength(directory) + '/packer-plugin0123456789'.length < 104;
    const inWork = path.join(work, 'tmp');
    if (fits(inWork)) {
        fs.mkdirSync(inWork);
        return inWork;
    }
    const base = fits(path.join(os.tmpdir(), 'aappacker-XXXXXX')) ? os.tmpdir() : '/tmp';
    return fs.mkdtempSync(path.join(base, 'aappacker-'));
}

// Where Packer, its plugins and the provisioner's pwsh put temporary files (Go reads TMPDIR on Unix, TMP/TEMP on Windows).
function temporaryDirectoryVariables(directory: string): { [name: string]: string } {
    return process.platform === 'win32' ? { TMP: directory, TEMP: directory } : { TMPDIR: directory };
}

function removeDirectory(directory: string): void {
    try {
        fs.rmSync(directory, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
        // On Windows a cleanup guardian still running in it (its working directory) holds it until the guardian ends.
        tl.warning(`Could not remove the step's temporary directory ${directory}: ${error instanceof Error ? error.message : String(error)}. It may hold Packer's log: remove it once the build's processes have ended.`);
    }
}

run().catch(error => tl.setResult(tl.TaskResult.Failed, oneLine(error instanceof Error ? error.message : String(error))));
