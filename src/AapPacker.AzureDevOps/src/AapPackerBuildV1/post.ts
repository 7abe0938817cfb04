// AapPackerBuild@1's post-job step: always runs, also after a failed or canceled job or a killed Packer, and removes
// whatever AapPacker created in AAP for the run (Remove-AapBuildResources -BuildId <runId>).
import * as fs from 'fs';
import * as path from 'path';
import * as tl from 'azure-pipelines-task-lib/task';
import { connectionEnvironment, readConnection } from '../common/connection';
import { oneLine, setResultFromExitCode } from '../common/exitcodes';
import { childEnvironment, findPowerShell, modulePath, newWorkDirectory, powerShellArguments, runChild, taskRoot } from '../common/process';

async function run(): Promise<void> {
    const runId = tl.getTaskVariable('AapRunId') || (tl.getInput('runId', false) || '').trim();
    if (!runId) {
        tl.setResult(tl.TaskResult.Skipped, 'The build step did not start (no run id): nothing to remove from AAP.');
        return;
    }
    const root = taskRoot(__dirname);
    const connection = readConnection('connection');
    const work = newWorkDirectory();
    const connectionEnv = connectionEnvironment(connection, work);
    try {
        const resultFile = path.join(work, 'result.json');
        const env = childEnvironment(connectionEnv, { PSModulePath: modulePath(root), AAPPACKER_RUN_ID: runId, AAPPACKER_TASK_RESULT: resultFile });
        const result = await runChild(findPowerShell(), powerShellArguments(path.join(root, 'RemoveBuildResources.ps1')), { env, forwardAs: 'SIGTERM' });
        let outcome: { exitCode: number; message: string } | undefined;
        try { outcome = JSON.parse(fs.readFileSync(resultFile, 'utf8').replace(/^\uFEFF/, '')); } catch { outcome = undefined; }
        if (outcome) {
            setResultFromExitCode(outcome.exitCode, oneLine(outcome.message));
        } else {
            tl.setResult(tl.TaskResult.Failed, `PowerShell ${result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`} before the sweep of run ${runId} ended.`);
        }
    } finally {
        connectionEnv.cleanup();
        fs.rmSync(work, { recursive: true, force: true });
    }
}

run().catch(error => tl.setResult(tl.TaskResult.Failed, oneLine(error instanceof Error ? error.message : String(error))));
