import { ANALYTICS } from './analytics.js';
import { APIS } from './apis.js';
import { COLLABORATION } from './collaboration.js';
import type { ConceptArea } from './concept-area.js';
import { COST } from './cost.js';
import { DATABASES } from './databases.js';
import { GENERAL } from './general.js';
import { LAYOUT } from './layout.js';
import { MODELLING } from './modelling.js';
import { ORCHESTRATION } from './orchestration.js';
import { PLACES } from './places.js';
import { PLATFORM } from './platform.js';
import { PYTHON } from './python.js';
import { QUALITY } from './quality.js';
import { RELIABILITY } from './reliability.js';
import { RESOURCES } from './resources.js';
import { SCHEMA } from './schema.js';
import { SECURITY } from './security.js';
import { SPEED } from './speed.js';
import { SQL } from './sql.js';
import { STREAMING } from './streaming.js';
import { TIME } from './time.js';
import { WAREHOUSES } from './warehouses.js';

export type { ConceptArea } from './concept-area.js';

/** The concept table, one file per area (README "Recall: the concept table"). */
export const CONCEPT_AREAS: readonly ConceptArea[] = [
  COST, RESOURCES, SPEED, ORCHESTRATION, RELIABILITY, STREAMING, APIS, SCHEMA, LAYOUT, QUALITY,
  SECURITY, TIME, SQL, PYTHON, ANALYTICS, DATABASES, WAREHOUSES, MODELLING, PLATFORM, COLLABORATION,
  PLACES, GENERAL,
];
