import type { ConceptArea } from './concept-area.js';

export const PLACES: ConceptArea = {
  area: 'Places, regions, teams',
  synonyms: [
    ['eu', 'europe', 'european', 'eu-west-1', 'europe-west1', 'eu-central-1'],
    ['usa', 'american', 'united states', 'us-east-1', 'us-west-2', 'us-central1'],
    ['uk', 'united kingdom', 'britain', 'british', 'gbp'],
    ['finance', 'finance team', 'accounting', 'accountants', 'controller', 'cfo'],
    ['marketing team', 'growth team', 'marketers'],
    ['sales team', 'account executives', 'sales reps', 'revops'],
    ['data team', 'analytics team', 'analysts', 'analytics engineers', 'data scientists'],
    ['customer', 'customers', 'client', 'clients', 'buyer', 'buyers', 'shopper', 'shoppers'],
    ['order', 'orders', 'purchase', 'purchases', 'checkout', 'checkouts'],
  ],
  related: [],
};
