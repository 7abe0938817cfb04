// The `aap` service connection: read it the way the agent hands it to a task, register its secrets with the
// agent first, and turn it into the environment AapPacker's Connect-Aap reads (AAP_HOSTNAME, AAP_TOKEN, ...).
import * as fs from 'fs';
import * as path from 'path';
import * as tl from 'azure-pipelines-task-lib/task';

export interface AapConnection {
    url: string;
    scheme: 'Token' | 'UsernamePassword';
    token?: string;
    username?: string;
    password?: string;
    /** PEM text of CA certificates to trust besides the system store. */
    caBundle?: string;
    skipCertificateCheck: boolean;
}

function parameter(parameters: { [key: string]: string }, name: string): string | undefined {
    const key = Object.keys(parameters).find(k => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : parameters[key];
}

/**
 * Reads the service connection named by the task input. getEndpointAuthorization is used rather than
 * getEndpointAuthorizationParameter, which writes the value into a debug line.
 */
export function readConnection(inputName = 'connection'): AapConnection {
    const id = tl.getInput(inputName, true) as string;
    const authorization = tl.getEndpointAuthorization(id, true);
    if (!authorization) {
        throw new Error(`The service connection '${id}' has no authorization: edit it and enter a token or a user name and password.`);
    }
    const parameters = authorization.parameters || {};
    // Before anything else can print them: the agent masks registered values in every later line.
    for (const name of ['apitoken', 'password']) {
        const value = parameter(parameters, name);
        if (value) { tl.setSecret(value); }
    }
    const url = tl.getEndpointUrl(id, false) as string;
    if (!/^https?:\/\/[^/]/i.test(url || '')) {
        throw new Error(`The service connection '${id}' has no valid server URL ('${url}'): enter the AAP server as https://aap.example.com.`);
    }
    const caBundle = tl.getEndpointDataParameter(id, 'caBundle', true) || undefined;
    const skip = (tl.getEndpointDataParameter(id, 'skipCertificateCheck', true) || '').trim().toLowerCase() === 'true';
    const base = { url, caBundle: caBundle && caBundle.trim() ? caBundle : undefined, skipCertificateCheck: skip };
    switch ((authorization.scheme || '').toLowerCase()) {
        case 'token': {
            const token = parameter(parameters, 'apitoken');
            if (!token) { throw new Error(`The service connection '${id}' uses token authentication but has no API token.`); }
            return { ...base, scheme: 'Token', token };
        }
        case 'usernamepassword': {
            const username = parameter(parameters, 'username');
            const password = parameter(parameters, 'password');
            if (!username || !password) {
                throw new Error(`The service connection '${id}' uses user name and password authentication but lacks one of them.`);
            }
            return { ...base, scheme: 'UsernamePassword', username, password };
        }
        default:
            throw new Error(`The service connection '${id}' uses the authentication scheme '${authorization.scheme}', which AapPacker does not support: use Token or UsernamePassword.`);
    }
}

/** Every variable family Connect-Aap reads, so that nothing on the agent competes with the service connection. */
const competing = [
    'AAP_HOSTNAME', 'AAP_HOST', 'AAP_TOKEN', 'AAP_USERNAME', 'AAP_PASSWORD', 'AAP_VALIDATE_CERTS', 'AAP_INSECURE_SKIP_VERIFY',
    'CONTROLLER_HOST', 'CONTROLLER_OAUTH_TOKEN', 'CONTROLLER_TOKEN', 'CONTROLLER_USERNAME', 'CONTROLLER_PASSWORD', 'CONTROLLER_VERIFY_SSL',
    'TOWER_HOST', 'TOWER_OAUTH_TOKEN', 'TOWER_TOKEN', 'TOWER_USERNAME', 'TOWER_PASSWORD', 'TOWER_VERIFY_SSL',
];

export interface ConnectionEnvironment {
    /** Variables to set in the child's environment. */
    set: { [name: string]: string };
    /** Variables to remove from the child's environment. */
    remove: string[];
    /** The CA bundle written for the child, to pass as -CertificateAuthorityPath; removed by cleanup(). */
    caBundlePath?: string;
    cleanup(): void;
}

/**
 * The environment AapPacker reads. The CA bundle is written to a file in workDirectory; with forPacker, it is also
 * made the trust store of .NET in Packer's children (SSL_CERT_FILE, with the system bundle), which cannot be told
 * -CertificateAuthorityPath.
 */
export function connectionEnvironment(connection: AapConnection, workDirectory: string, forPacker = false): ConnectionEnvironment {
    const set: { [name: string]: string } = { AAP_HOSTNAME: connection.url };
    if (connection.scheme === 'Token') {
        set.AAP_TOKEN = connection.token as string;
    } else {
        set.AAP_USERNAME = connection.username as string;
        set.AAP_PASSWORD = connection.password as string;
    }
    if (connection.skipCertificateCheck) {
        tl.warning('The service connection turns certificate validation off (skip certificate check): anyone on the network path can read the AAP token. Use it for test servers only; trust a private CA with the CA certificates field instead.');
        set.AAP_VALIDATE_CERTS = 'false';
    }
    const files: string[] = [];
    let caBundlePath: string | undefined;
    if (connection.caBundle) {
        caBundlePath = path.join(workDirectory, 'aap-ca-bundle.pem');
        fs.writeFileSync(caBundlePath, connection.caBundle.replace(/\r\n/g, '\n'), { mode: 0o600 });
        files.push(caBundlePath);
        set.AAPPACKER_CA_BUNDLE = caBundlePath;
        if (forPacker && process.platform !== 'win32') {
            const system = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem']
                .find(f => fs.existsSync(f));
            const combined = path.join(workDirectory, 'aap-trust-store.pem');
            fs.writeFileSync(combined, (system ? fs.readFileSync(system, 'utf8') + '\n' : '') + connection.caBundle.replace(/\r\n/g, '\n'), { mode: 0o600 });
            files.push(combined);
            set.SSL_CERT_FILE = combined;
        } else if (forPacker) {
            tl.warning('On a Windows agent the CA certificates of the service connection cannot reach the module inside Packer: import the CA into the agent\'s certificate store (Cert:\\LocalMachine\\Root).');
        }
    }
    return {
        set,
        remove: competing.filter(name => !(name in set)),
        caBundlePath,
        cleanup: () => { for (const file of files) { try { fs.rmSync(file, { force: true }); } catch { /* best effort */ } } },
    };
}
