import type { ConceptArea } from './concept-area.js';

export const RELIABILITY: ConceptArea = {
  area: 'Retries, idempotency, duplicates, failures, timeouts',
  synonyms: [
    ['retry', 'retries', 'retried', 'retrying', 'resend', 'resent', 'resending', 'resubmit', 'resubmitted', 'try again', 'tries', 'attempts', 'rerun', 'reruns', 're-run', 'replay', 'replayed', 'redeliver', 'redelivered', 'redelivery', 'run again', 'runs twice', 'second attempt', 'repeat the request'],
    ['backoff', 'exponential backoff', 'back off', 'jitter', 'wait between', 'retry delay', 'retry_delay', 'sleep between'],
    ['upsert', 'merge', 'merge into', 'insert on conflict', 'on conflict', 'on duplicate key update', 'insert or update', 'update or insert'],
    ['duplicate', 'duplicates', 'duplicated', 'dup', 'dups', 'dedup', 'deduplicate', 'twice', 'double', 'doubled', 'doubles', 'two times', 'double counted', 'double counting', 'counted twice', 'repeated', 'same row', 'same rows', 'same event', 'more than once', 'multiple times', 'copies', 'charged twice', 'double charge', 'shows up twice', 'appears twice', 'double-counted', 'inflated counts'],
    ['idempotent', 'idempotency', 'idempotency-key', 'idempotency key', 'safe to rerun', 'safe to retry', 'exactly once', 'exactly-once', 'at least once', 'at-least-once', 'rerunnable', 'same result'],
    ['timeout', 'timeouts', 'timed out', 'time out', 'times out', 'hang', 'hung', 'hangs', 'hanging', 'stuck', 'runs too long', 'runaway', 'statement_timeout', 'execution_timeout', 'never finishes', 'deadline exceeded', 'read timeout', 'connect timeout'],
    ['lost', 'lose', 'losing', 'loss', 'data loss', 'missing', 'dropped', 'disappeared', 'vanished', 'gone', 'went missing', 'missing rows', 'fewer rows', 'rows missing', 'never arrived', 'silently dropped', 'incomplete'],
    ['delete', 'deletes', 'deleted', 'deleting', 'remove', 'removed', 'removing', 'wipe', 'wiped', 'erase', 'emptied', 'truncate', 'truncated', 'drop table', 'purged'],
    ['concurrent', 'concurrently', 'at once', 'at the same time', 'simultaneously', 'race', 'raced', 'race condition', 'two writers', 'conflict', 'conflicts', 'concurrent writes', 'overlapping runs'],
    ['endless loop', 'infinite loop', 'looped forever', 'loop forever', 'never ends', 'keeps looping'],
    ['fail', 'failed', 'failure', 'failures', 'failing', 'fails', 'broke', 'broken', 'breaks', 'error', 'errors', 'exception', 'exceptions', 'crash', 'went wrong', 'blew up', 'falls over', 'fell over', 'goes down', 'went down', 'keeps failing', 'errored', 'errored out'],
    ['transient', 'flaky', 'intermittent', 'sporadic', 'sometimes fails', 'random failures', 'occasionally'],
    ['atomic', 'atomically', 'transaction', 'transactions', 'all or nothing', 'half-written', 'partial write', 'partially written', 'rollback', 'commit'],
    ['swap', 'swapped', 'rename', 'staging table', 'write then swap', 'blue-green', 'alter table swap', 'exchange partition'],
    ['checkpoint', 'checkpoints', 'checkpointing', 'resume', 'resumes', 'pick up where', 'restart from', 'state store', 'bookmark'],
    ['lock', 'locked', 'locks', 'locking', 'blocking', 'blocked', 'deadlock', 'deadlocks', 'lock wait', 'advisory lock', 'mutex'],
    ['downtime', 'without downtime', 'zero downtime', 'outage', 'outages', 'unavailable'],
  ],
  related: [
    ['retry', 'backoff', 'max retries', 'retry limit', 'dead letter'],
    ['idempotent', 'retry', 'upsert', 'merge', 'unique key', 'primary key'],
    ['duplicate', 'unique', 'primary key', 'distinct', 'dedup key', 'natural key', 'row_number', 'qualify'],
    ['charged twice', 'stripe', 'payment', 'idempotency-key'],
    ['timeout', 'retry', 'long-running query', 'kill'],
    ['transaction', 'isolation', 'serializable', 'read committed'],
  ],
};
