import type { ConceptArea } from './concept-area.js';

export const DATABASES: ConceptArea = {
  area: 'Operational databases: Postgres, MySQL, replicas, connections, maintenance',
  synonyms: [
    ['replica', 'replicas', 'read replica', 'read replicas', 'standby', 'hot standby', 'follower', 'secondary', 'read-only', 'reporting queries', 'heavy reads', 'analytics queries', 'reporting connection', 'offload reads'],
    ['replication lag', 'replica lag', 'replica behind', 'standby delay', 'seconds behind master', 'seconds_behind_master', 'replay lag'],
    ['primary database', 'primary db', 'main database', 'production database', 'prod database', 'oltp', 'operational database', 'app database', 'application database'],
    ['bloat', 'bloated', 'vacuum', 'vacuum full', 'dead tuples', 'autovacuum', 'pg_repack', 'table bloat', 'index bloat', 'wraparound', 'xid wraparound'],
    ['connection', 'connections', 'connection pool', 'connection pooling', 'pooling', 'pgbouncer', 'pool size', 'max_connections', 'too many connections', 'connection limit', 'idle connections', 'connection refused'],
    ['long-running query', 'long running queries', 'long transaction', 'idle in transaction', 'pg_stat_activity', 'kill query', 'pg_terminate_backend', 'pg_cancel_backend', 'runaway query'],
    ['wal', 'write-ahead log', 'wal files', 'pg_wal', 'replication slot', 'replication slots', 'inactive slot', 'binlog', 'binary log', 'binlog retention'],
    ['dump', 'pg_dump', 'mysqldump', 'backup', 'backups', 'restore', 'pitr', 'point-in-time recovery'],
    ['copy command', 'copy from', 'copy into', 'bulk load', 'bulk loading', 'load data infile'],
    ['database load', 'load on the database', 'hammering', 'hammer the database', 'overloaded', 'overload', 'cpu spike', 'high cpu', 'cpu at 100', 'saturated', 'contention', 'heavy load'],
    ['large table', 'big table', 'huge table', 'billions of rows', 'millions of rows', 'large tables'],
    ['maintenance window', 'quiet hours', 'low traffic', 'off-peak', 'off peak', 'weekend', 'overnight window', 'change window'],
    ['disk usage', 'table size', 'database size', 'pg_total_relation_size', 'pg_database_size', 'storage usage', 'how big'],
  ],
  related: [
    ['postgres', 'vacuum', 'wal', 'replication slot', 'pgbouncer', 'pg_stat_statements'],
    ['mysql', 'binlog', 'innodb', 'gtid', 'read replica'],
    ['database migration', 'maintenance window', 'lock', 'downtime', 'backup'],
    ['disk', 'wal', 'replication slot', 'bloat', 'temp files', 'logs'],
  ],
  kinds: [
    ['database', 'postgres', 'mysql', 'mariadb', 'sql server', 'oracle', 'mongodb', 'dynamodb', 'cassandra', 'sqlite'],
  ],
};
