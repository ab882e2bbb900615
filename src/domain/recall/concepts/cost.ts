import type { ConceptArea } from './concept-area.js';

export const COST: ConceptArea = {
  area: 'Warehouse and cloud cost, billing, sizing',
  synonyms: [
    ['cost', 'costs', 'bill', 'billing', 'billed', 'spend', 'spending', 'credits', 'credit usage', 'expensive', 'cheap', 'cheaper', 'budget', 'pricing', 'on-demand pricing', 'waste', 'wasted', 'burned', 'pay', 'paying', 'charges us', 'invoice from', 'cloud bill', 'costly', 'overspend', 'price tag', 'dbu', 'dbus', 'slot hours', 'bytes billed', 'compute hours', 'too much money', 'costs a fortune', 'cost overrun', 'surprise bill', 'invoice shock'],
    ['reduce', 'cut', 'lower', 'save', 'savings', 'shrink', 'trim', 'minimise', 'minimize', 'bring down'],
    ['money', 'price', 'prices', 'amount', 'amounts', 'currency', 'cents', 'usd', 'eur', 'dollars'],
    ['auto-suspend', 'auto suspend', 'suspend', 'suspended', 'idle', 'asleep', 'go to sleep', 'going to sleep', 'awake', 'keeps running', 'left running', 'running all night', 'auto-stop', 'auto-termination', 'autoterminate', 'shut down when idle'],
    ['warehouse size', 'downsize', 'downsized', 'resize', 'resized', 'scale up', 'scale down', 'xs', 'x-small', 'xl', 'bigger warehouse', 'smaller warehouse', 'instance type', 'node type', 'right-size', 'rightsize', 'oversized'],
    ['autoscale', 'autoscaling', 'auto-scaling', 'scale out', 'multi-cluster', 'more nodes', 'add nodes', 'elastic', 'min workers', 'max workers'],
    ['spot instances', 'spot', 'preemptible', 'spot nodes', 'interruptible', 'on-demand instances'],
    ['quota', 'quotas', 'limit', 'limits', 'cap', 'capped', 'ceiling', 'maximum bytes billed', 'max bytes'],
    ['resource monitor', 'resource monitors', 'spending limit', 'budget alert', 'cost alert', 'credit quota', 'cost anomaly'],
    ['reserved', 'reservation', 'reservations', 'commitment', 'committed use', 'flat-rate', 'capacity pricing', 'editions', 'savings plan'],
    ['egress', 'data transfer', 'cross-region', 'network transfer', 'transfer costs', 'outbound traffic'],
    ['storage cost', 'storage costs', 'storage bill', 'time travel storage', 'fail-safe', 'long-term storage', 'storage class'],
  ],
  related: [
    ['credits', 'snowflake', 'warehouse'],
    ['bytes billed', 'bigquery', 'on-demand', 'slots'],
    ['dbu', 'databricks', 'cluster'],
    ['emr', 'spark cluster', 'ec2', 'instances'],
    ['cost', 'tag', 'tags', 'labels', 'chargeback', 'cost allocation', 'attribution'],
    ['query cost', 'bytes scanned', 'partition pruning', 'select *', 'clustering'],
  ],
};
