// AapJobTemplate@1: launch an AAP job template or workflow job template and follow it (AapJobTemplate.ps1 in pwsh).
import * as fs from 'fs';
import * as path from 'path';
import * as tl from 'azure-pipelines-task-lib/task';
import { connectionEnvironment, readConnection } from '../common/connection';
import { oneLine, setResultFromExitCode } from '../common/exitcodes';
import { childEnvironment, findPowerShell, modulePath, newWorkDirectory, powerShellArguments, runChild, taskRoot } from '../common/process';

interface ScriptResult { exitCode: number; message: string; jobId: number | null; status: string | null; url: string | null }

function readInputs(): { [name: string]: string } {
    const templateType = (tl.getInput('templateType', false) || 'job').trim().toLowerCase();
    if (templateType !== 'job' && templateType !== 'workflow') {
        throw new Error(`templateType must be 'job' or 'workflow', not '${templateType}'.`);
    }
    const verbosity = (tl.getInput('verbosity', false) || '').trim();
    if (verbosity && !/^[0-5]$/.test(verbosity)) {
        throw new Error(`verbosity must be a number from 0 (normal) to 5 (connection debug), not '${verbosity}'.`);
    }
    const timeout = (tl.getInput('timeout', false) ?? '1h').trim();
    if (timeout && !/^(\d+(\.\d+)?|(\d+(\.\d+)?(h|m|s|ms))+|\d+:\d{2}:\d{2})$/.test(timeout)) {
        throw new Error(`timeout must be a number of seconds, a duration such as 1h30m, or hh:mm:ss, not '${timeout}'.`);
    }
    const wait = tl.getInput('wait', false);
    return {
        TEMPLATE_TYPE: templateType,
        TEMPLATE: tl.getInput('template', true) as string,
        ORGANIZATION: tl.getInput('organization', false) || '',
        INVENTORY: tl.getInput('inventory', false) || '',
        LIMIT: tl.getInput('limit', false) || '',
        EXTRA_VARS: tl.getInput('extraVars', false) || '',
        JOB_TAGS: tl.getInput('jobTags', false) || '',
        SKIP_TAGS: tl.getInput('skipTags', false) || '',
        VERBOSITY: verbosity,
        WAIT: wait === undefined || wait.trim() === '' ? 'true' : String(tl.getBoolInput('wait', false)),
        TIMEOUT: timeout,
    };
}

function readResult(file: string): ScriptResult | undefined {
    try { return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as ScriptResult; } catch { return undefined; }
}

async function run(): Promise<void> {
    const root = taskRoot(__dirname);
    const connection = readConnection('connection');
    const inputs = readInputs();
    const work = newWorkDirectory();
    const connectionEnv = connectionEnvironment(connection, work);
    const resultFile = path.join(work, 'result.json');
    try {
        const extra: { [name: string]: string } = { PSModulePath: modulePath(root), AAPPACKER_TASK_RESULT: resultFile };
        for (const [name, value] of Object.entries(inputs)) { extra[`AAPPACKER_TASK_${name}`] = value; }
        const child = await runChild(findPowerShell(), powerShellArguments(path.join(root, 'AapJobTemplate.ps1')),
            { env: childEnvironment(connectionEnv, extra), forwardAs: 'SIGTERM' });
        const result = readResult(resultFile);
        if (result && result.jobId !== null && result.jobId !== undefined) {
            tl.setVariable('AapJobId', String(result.jobId), false, true);
            tl.setVariable('AapJobStatus', result.status || '', false, true);
            tl.setVariable('AapJobUrl', result.url || '', false, true);
        }
        if (child.canceledBy) {
            // pwsh stops Wait-AapJob on SIGTERM, which cancels the job in AAP before the process ends.
            const job = result && result.jobId ? ` AAP job ${result.jobId} was canceled when PowerShell stopped.` : ' No AAP job had been launched.';
            tl.setResult(tl.TaskResult.Failed, `Canceled by the agent (${child.canceledBy}).${job}`);
        } else if (result && child.code === result.exitCode) {
            setResultFromExitCode(result.exitCode, oneLine(result.message));
        } else {
            const how = child.signal ? `was killed by ${child.signal}` : `exited with code ${child.code}`;
            tl.setResult(tl.TaskResult.Failed, `PowerShell ${how} before it reported the job's outcome${result && result.jobId ? ` (job ${result.jobId})` : ''}; see the log above.`);
        }
    } finally {
        connectionEnv.cleanup();
        fs.rmSync(work, { recursive: true, force: true });
    }
}

run().catch(error => tl.setResult(tl.TaskResult.Failed, oneLine(error instanceof Error ? error.message : String(error))));
