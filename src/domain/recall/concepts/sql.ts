import type { ConceptArea } from './concept-area.js';

export const SQL: ConceptArea = {
  area: 'SQL idioms, joins, windows, aggregates',
  synonyms: [
    ['join', 'joins', 'joined', 'joining', 'left join', 'inner join', 'match up', 'combine tables', 'look up', 'lookup', 'enrich', 'enriched'],
    ['anti-join', 'anti join', 'not exists', 'where not exists', 'not in', 'left join where null', 'is null after a left join'],
    ['fan-out', 'fanout', 'join explosion', 'exploding join', 'many-to-many', 'cartesian', 'cross join', 'row explosion', 'rows multiplied', 'inflated'],
    ['window function', 'window functions', 'over partition by', 'row_number', 'rank', 'dense_rank', 'running total', 'cumulative', 'moving average', 'rolling'],
    ['latest', 'most recent', 'newest', 'last value', 'latest row', 'latest version', 'current version', 'current row', 'max updated_at'],
    ['distinct', 'count distinct', 'unique count', 'unique users', 'approx_count_distinct', 'hyperloglog', 'hll'],
    ['group by', 'grouped', 'per customer', 'by customer', 'breakdown'],
    ['percentage', 'percent', 'ratio', 'conversion rate', 'fraction', 'proportion', 'divide', 'division'],
    ['pivot', 'unpivot', 'crosstab', 'wide to long', 'long to wide', 'transpose'],
    ['cte', 'ctes', 'with clause', 'subquery', 'subqueries', 'nested query'],
    ['view', 'views', 'materialized view', 'materialized views', 'table vs view', 'secure view'],
    ['stored procedure', 'stored procedures', 'udf', 'udfs', 'user-defined function'],
    ['case when', 'conditional', 'if else', 'iff', 'case expression'],
    ['regex', 'regexp', 'regular expression', 'pattern match', 'ilike', 'regexp_replace', 'regexp_extract'],
    ['string', 'strings', 'trim', 'whitespace', 'trailing spaces', 'case-insensitive', 'case insensitive', 'collation'],
  ],
  related: [
    ['not in', 'null', 'nulls', 'not exists'],
    ['fan-out', 'join', 'duplicate', 'grain'],
    ['divide', 'integer division', 'cast', 'nullif', 'zero'],
    ['funnel', 'conversion', 'signup', 'purchase', 'percentage', 'steps'],
  ],
};
