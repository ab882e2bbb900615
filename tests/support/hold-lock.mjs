// Takes the inter-process lock on the store given as argv[2] the way a server does, prints
// "locked", then holds it until killed: a test SIGKILLs it to leave a lock no one will release.
import process from 'node:process';
import { setInterval } from 'node:timers';
import lockfile from 'proper-lockfile';

await lockfile.lock(process.argv[2], { realpath: false, stale: 5_000, update: 1_000 });
process.stdout.write('locked\n');
setInterval(() => undefined, 60_000);
