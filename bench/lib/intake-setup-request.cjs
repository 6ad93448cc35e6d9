// autocannon's setupRequest for the intake benchmark, required by the load generator's
// process (bench/lib/autocannon-runs.cjs; a function cannot be sent to it, a file can): each
// request as the next signed-in resident, with a fresh Idempotency-Key.
const fs = require('node:fs');
const crypto = require('node:crypto');

const { sessions, body } = JSON.parse(fs.readFileSync(process.env.BENCH_INTAKE_REQUESTS, 'utf8'));
let n = 0;

module.exports = (req) => {
  const s = sessions[n++ % sessions.length];
  return { ...req, headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': crypto.randomUUID() }, body };
};
