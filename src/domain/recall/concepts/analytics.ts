import type { ConceptArea } from './concept-area.js';

export const ANALYTICS: ConceptArea = {
  area: 'Analytics, BI, metrics, ML features',
  synonyms: [
    ['dashboard', 'dashboards', 'bi', 'report', 'reports', 'reporting', 'chart', 'charts', 'graph', 'visualization', 'bi tool'],
    ['metric', 'metrics', 'kpi', 'kpis', 'semantic layer', 'metrics layer', 'metric definition', 'definition of', 'how we define', 'lookml'],
    ['revenue', 'income', 'sales', 'mrr', 'arr', 'gmv', 'bookings', 'booked', 'recognised', 'recognized', 'net revenue', 'gross revenue'],
    ['churn', 'churned', 'retention rate', 'cancellations', 'cancelled', 'canceled', 'lost customers'],
    ['active users', 'dau', 'mau', 'wau', 'daily active', 'monthly active', 'engagement'],
    ['funnel', 'conversion', 'conversions', 'convert', 'converted', 'signup to purchase', 'sign-up', 'signups', 'signup'],
    ['attribution', 'utm', 'utm parameters', 'marketing source', 'channel', 'channels', 'first touch', 'last touch', 'campaign source'],
    ['session', 'sessions', 'sessionize', 'sessionization', 'inactivity gap', 'visit', 'visits'],
    ['identity resolution', 'identity stitching', 'merge users', 'anonymous id', 'anonymous_id', 'user_id', 'match customers', 'same person', 'customer 360', 'entity resolution'],
    ['bot', 'bots', 'robot', 'robots', 'crawler', 'crawlers', 'is_bot', 'spider', 'fake traffic', 'user agent', 'user-agent'],
    ['training set', 'training data', 'features', 'feature store', 'feature table', 'label', 'labels', 'model training'],
    ['leakage', 'target leakage', 'data leakage', 'saw the future', 'future data', 'after the prediction date', 'point-in-time correct', 'as-of join'],
    ['a/b test', 'ab test', 'experiment', 'experiments', 'control group', 'treatment group'],
    ['forecast', 'forecasting', 'prediction', 'predictions', 'predict', 'projection'],
    ['sample', 'sampling', 'sampled', 'subset', 'tablesample', 'random sample'],
  ],
  related: [
    ['dashboard', 'extract', 'refresh', 'cache', 'slow dashboard'],
    ['looker', 'pdt', 'persistent derived table', 'explores', 'lookml'],
    ['tableau', 'extract', 'live connection', 'hyper'],
    ['metric', 'dbt', 'semantic layer', 'definition'],
  ],
  kinds: [
    ['bi tool', 'looker', 'tableau', 'power bi', 'metabase', 'superset', 'mode analytics', 'sigma', 'hex'],
  ],
};
