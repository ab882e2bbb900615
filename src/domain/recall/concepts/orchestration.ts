import type { ConceptArea } from './concept-area.js';

export const ORCHESTRATION: ConceptArea = {
  area: 'Orchestration, DAGs, schedules, backfills',
  synonyms: [
    ['dag', 'dags', 'pipeline definition', 'workflow definition', 'dag file', 'dag files', 'workflow file', 'pipeline file', 'job definition', 'flow definition'],
    ['schedule', 'scheduled', 'scheduler', 'scheduling', 'never runs', 'never ran', 'never gets scheduled', 'does not start', 'start_date', 'cron', 'crontab', 'schedule_interval', 'timetable'],
    ['nightly', 'every night', 'each night', 'overnight', 'at night'],
    ['backfill', 'backfills', 'backfilled', 'backfilling', 'reload history', 'historical load', 'history', 'catchup', 'catch-up', 'past months', 'past days', 'reprocess', 'reprocessing', 'rerun old dates', 'old partitions', 'initial load'],
    ['sensor', 'sensors', 'wait for a file', 'wait for', 'waiting', 'poke', 'poke_interval', 'reschedule mode', 'deferrable', 'triggerer'],
    ['dependency', 'dependencies', 'depends on', 'upstream', 'downstream', 'order of tasks', 'runs first', 'run order', 'trigger rule', 'trigger_rule', 'external task', 'dataset trigger'],
    ['orchestrator', 'orchestration', 'workflow engine', 'workflow tool'],
    ['trigger', 'triggered', 'kick off', 'kicks off', 'start the job', 'launch', 'run on demand', 'manual run'],
    ['pool', 'pools', 'slots', 'max_active_tasks', 'max_active_runs', 'concurrency limit', 'queued', 'stuck in queued'],
    ['xcom', 'xcoms', 'pass data between tasks', 'return value', 'task output'],
    ['variable', 'variables', 'airflow variables', 'airflow connection', 'conn_id'],
    ['sla', 'slas', 'deadline', 'deadlines', 'must finish by', 'ready by', 'on time', 'late', 'missed sla'],
  ],
  related: [
    ['dag', 'airflow', 'tasks', 'operators', 'scheduler'],
    ['airflow', 'cloud composer', 'mwaa', 'astronomer'],
    ['backfill', 'catchup', 'start_date', 'execution date', 'logical date', 'data_interval_start'],
    ['schedule', 'time zone', 'utc', 'cron'],
    ['sensor', 'timeout', 'mode', 'worker slot'],
    ['dagster', 'assets', 'software-defined assets', 'sensors'],
    ['dbt', 'model', 'models', 'ref', 'dag'],
  ],
  kinds: [
    ['orchestrator', 'airflow', 'dagster', 'prefect', 'luigi', 'step functions', 'argo workflows', 'mage'],
  ],
};
