// Test certificates made with the real openssl: a throwaway CA and a leaf for chosen names
// and dates (for example an expired one, which `openssl req -x509 -days` cannot make).
import {execFileSync} from 'node:child_process';
import {isIP} from 'node:net';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {requireBinary} from './daemon.js';

export type TestCertificate = {caPem: string; certificatePem: string; keyPem: string};

/** Dates as openssl wants them: YYYYMMDDHHMMSSZ. */
function opensslDate(date: Date): string {
	return `${date.toISOString().replaceAll(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** Names may be host names or IP addresses (an IP SAN, as for a server reached by address). */
export function makeTestCertificate(options: {names: string[]; notBefore: Date; notAfter: Date}): TestCertificate {
	const openssl = requireBinary('openssl', 'openssl');
	const directory = mkdtempSync(path.join(tmpdir(), 'mldw-cert-'));
	const run = (...arguments_: string[]) => execFileSync(openssl, arguments_, {cwd: directory, stdio: 'pipe'});
	try {
		const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
		run('req', '-x509', ...curve, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/O=MLDW Test CA/CN=MLDW Test Root');
		run('req', '-new', ...curve, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', `/CN=${options.names[0]}`);
		writeFileSync(path.join(directory, 'index.txt'), '');
		writeFileSync(path.join(directory, 'serial'), '01\n');
		writeFileSync(path.join(directory, 'ca.cnf'), [
			'[ca]', 'default_ca = d',
			'[d]', 'database = index.txt', 'new_certs_dir = .', 'serial = serial', 'default_md = sha256',
			'policy = p', 'unique_subject = no', 'x509_extensions = ext',
			'[p]', 'commonName = supplied',
			'[ext]', `subjectAltName = ${options.names.map(name => (isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(',')}`,
			'',
		].join('\n'));
		run('ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', 'leaf.csr', '-out', 'leaf.pem',
			'-startdate', opensslDate(options.notBefore), '-enddate', opensslDate(options.notAfter), '-notext');
		const read = (file: string) => readFileSync(path.join(directory, file), 'utf8');
		return {caPem: read('ca.pem'), certificatePem: read('leaf.pem'), keyPem: read('leaf.key')};
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
}
