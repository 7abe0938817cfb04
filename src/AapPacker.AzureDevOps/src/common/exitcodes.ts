// AapPacker's exit codes (AapPacker.Models.AapProvisionExitCode, docs/en-US/Invoke-AapPackerProvision.md) and
// the task result each one gives.
import * as tl from 'azure-pipelines-task-lib/task';

export const exitCodeMeaning: { [code: number]: string } = {
    0: 'succeeded',
    1: 'the AAP job failed',
    2: 'the AAP job was canceled',
    3: 'the AAP job did not finish within the timeout and was canceled',
    4: 'configuration or input error (nothing was created or launched in AAP)',
    5: 'AAP was unreachable or answered with an unexpected API error',
};

/** Sets the task result for a module exit code: 0 succeeds, 1 to 5 fail with the module's own message. */
export function setResultFromExitCode(code: number, message: string): void {
    const meaning = exitCodeMeaning[code];
    if (code === 0) {
        tl.setResult(tl.TaskResult.Succeeded, message || 'Succeeded.');
        return;
    }
    const prefix = meaning ? `AapPacker exit code ${code}, ${meaning}` : `AapPacker ended with exit code ${code}`;
    tl.setResult(tl.TaskResult.Failed, message ? `${prefix}: ${message}` : `${prefix}.`);
}

/** A one-line message for the task result: the agent shows only the first line well. */
export function oneLine(text: string): string {
    return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
