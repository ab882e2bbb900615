import type { ConceptArea } from './concept-area.js';

export const COLLABORATION: ConceptArea = {
  area: 'Sharing data, partners, files in and out, ownership, documentation',
  synonyms: [
    ['share', 'sharing', 'data sharing', 'secure share', 'snowflake share', 'delta sharing', 'analytics hub', 'data exchange', 'marketplace', 'reader account'],
    ['partner', 'partners', 'vendor', 'vendors', 'third party', 'third-party', 'external party', 'supplier', 'suppliers', 'customer-facing'],
    ['sftp', 'ftp', 'ftps', 'file drop', 'drop folder', 'landing bucket', 'inbound files', 'partner files', 'file transfer', 'upload folder', 'dropzone'],
    ['export', 'exports', 'exported', 'send the data', 'deliver files', 'daily file', 'extract file', 'outbound file', 'data feed', 'feed', 'feeds'],
    ['arrive', 'arrives', 'arrived', 'lands', 'landed', 'land', 'shows up', 'show up', 'delivered', 'dropped off'],
    ['owner', 'owners', 'ownership', 'owned by', 'who owns', 'responsible', 'point of contact', 'maintainer', 'steward', 'data steward'],
    ['documentation', 'docs', 'document', 'documented', 'readme', 'wiki', 'confluence', 'notion', 'data dictionary', 'column descriptions', 'descriptions'],
    ['runbook', 'runbooks', 'playbook', 'on-call guide', 'incident response', 'postmortem', 'post-mortem', 'what to do when'],
    ['ticket', 'tickets', 'jira', 'stakeholder', 'stakeholders', 'business users'],
    ['naming', 'naming convention', 'naming conventions', 'naming standard', 'prefix convention', 'snake_case', 'lower case names'],
    ['deprecate', 'deprecated', 'deprecation', 'retire', 'retired', 'sunset', 'decommission', 'decommissioned', 'old pipeline', 'legacy', 'replace the old'],
  ],
  related: [
    ['sftp', 'pgp', 'gpg', 'encryption', 'ssh key', 'manifest file', 'done file', 'success file'],
    ['share', 'reader account', 'secure view', 'grants'],
    ['export', 'csv', 'gzip', 'sftp', 's3', 'schedule'],
  ],
};
