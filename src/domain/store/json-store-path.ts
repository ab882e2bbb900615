import { existsSync } from 'node:fs';
import { type Project, storePathFor } from '../project.js';

/**
 * The JSON file of a project in the memory folder. A store made before projects had identities
 * is keyed by the folder path; it is kept in use (never renamed or split) until a store under
 * the identity's key exists.
 */
export function jsonStorePath(memoryDir: string, project: Project): string {
  const byIdentity = storePathFor(memoryDir, project.key);
  if (project.key === project.folderKey || existsSync(byIdentity)) return byIdentity;
  const byFolder = storePathFor(memoryDir, project.folderKey);
  return existsSync(byFolder) ? byFolder : byIdentity;
}
