import type { ConceptArea } from './concept-area.js';

export const STREAMING: ConceptArea = {
  area: 'Streaming, lag, backlog, CDC, queues',
  synonyms: [
    ['lag', 'lagging', 'consumer lag', 'backlog', 'backed up', 'piling up', 'pile up', 'queue depth', 'falling behind', 'fell behind', 'behind', 'catch up', 'catching up', 'delay', 'delayed', 'late', 'show up late', 'arrive late', 'hours behind', 'not keeping up', 'keep up'],
    ['consumer', 'consumers', 'consumer group', 'consumer groups', 'subscriber', 'subscribers', 'subscription', 'reader', 'listener'],
    ['producer', 'producers', 'produce', 'publish', 'publishes', 'published', 'publisher', 'emit', 'emits', 'emitted'],
    ['offset', 'offsets', 'commit offsets', 'committed offsets', 'acknowledge', 'ack', 'acks', 'auto.offset.reset', 'earliest', 'latest offset', 'enable.auto.commit'],
    ['poison message', 'poison messages', 'poison pill', 'dead letter', 'dead-letter', 'dead letter queue', 'dlq', 'bad messages', 'bad records', 'malformed', 'malformed records', 'corrupt records', 'unparseable', 'cannot be parsed', 'reject', 'rejects', 'rejected rows', 'quarantine', 'skip bad rows', 'badrecordspath', 'on_error'],
    ['cdc', 'change data capture', 'debezium', 'logical replication', 'replication slot', 'binlog', 'wal', 'write-ahead log', 'change stream', 'change feed', 'change events', 'stream changes'],
    ['topic', 'topics', 'stream', 'streams', 'queue', 'queues', 'message queue', 'event bus'],
    ['partition', 'partitions', 'kafka partitions', 'partition count', 'partition key', 'message key'],
    ['rebalance', 'rebalancing', 'rebalances', 'max.poll.interval.ms', 'session.timeout.ms', 'kicked out of the group', 'heartbeat'],
    ['event order', 'out of order', 'order of events', 'arrive out of order', 'sequence number', 'sequence numbers', 'monotonic', 'reordered'],
    ['watermark', 'watermarks', 'late events', 'late-arriving', 'late arriving', 'allowed lateness', 'event time', 'window', 'windows', 'tumbling window', 'sliding window'],
    ['realtime', 'real-time', 'streaming', 'stream processing', 'near real-time', 'low latency', 'live', 'continuous'],
    ['schema registry', 'avro', 'protobuf', 'subject', 'compatibility mode', 'backward compatible'],
    ['retention', 'retention.ms', 'log retention', 'compacted topic', 'log compaction', 'cleanup.policy'],
  ],
  related: [
    ['lag', 'consumers', 'partitions', 'throughput', 'max.poll.records'],
    ['kafka', 'topic', 'broker', 'brokers', 'consumer group', 'replication factor'],
    ['producer', 'acks', 'linger.ms', 'batch.size', 'compression', 'idempotence', 'enable.idempotence'],
    ['cdc', 'outbox', 'postgres', 'replication', 'snapshot'],
    ['exactly once', 'transactions', 'idempotent producer', 'transactional.id'],
    ['flink', 'spark structured streaming', 'kafka streams', 'checkpoint', 'state'],
  ],
  kinds: [
    ['message queue', 'kafka', 'kinesis', 'pub/sub', 'pubsub', 'sqs', 'event hubs', 'rabbitmq', 'pulsar', 'redpanda'],
    ['stream processing', 'flink', 'spark structured streaming', 'kafka streams', 'beam', 'dataflow', 'ksqldb'],
  ],
};
