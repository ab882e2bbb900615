// Preloaded (node --import) into a server under test. Hostile arguments such as
// {"__proto__": {"polluted": true}} must never reach a built-in prototype; this reports on
// stderr any key added to, removed from or replaced on one, so a test can assert there is none.
import process from 'node:process';
import { setInterval } from 'node:timers';

const WATCHED = {
  'Object.prototype': Object.prototype,
  'Array.prototype': Array.prototype,
  'Function.prototype': Function.prototype,
  'String.prototype': String.prototype,
};

const snapshot = (target) =>
  new Map(Reflect.ownKeys(target).map((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    return [key, descriptor.value ?? descriptor.get];
  }));

const baseline = Object.entries(WATCHED).map(([name, target]) => ({ name, target, keys: snapshot(target) }));
const reported = new Set();

function check() {
  for (const { name, target, keys } of baseline) {
    const now = snapshot(target);
    const changed = [...new Set([...keys.keys(), ...now.keys()])].filter((key) => !Object.is(keys.get(key), now.get(key)) || keys.has(key) !== now.has(key));
    for (const key of changed) {
      const line = `PROTOTYPE POLLUTED: ${name}.${String(key)}`;
      if (reported.has(line)) continue;
      reported.add(line);
      process.stderr.write(`${line}\n`);
    }
  }
}

// Before every answer the server writes, so a change shows up next to the call that made it.
const writeStdout = process.stdout.write.bind(process.stdout);
process.stdout.write = (...args) => {
  check();
  return writeStdout(...args);
};
setInterval(check, 100).unref();
process.on('exit', check);
