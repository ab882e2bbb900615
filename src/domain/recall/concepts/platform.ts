import type { ConceptArea } from './concept-area.js';

export const PLATFORM: ConceptArea = {
  area: 'Infrastructure, deploys, CI/CD, networking',
  synonyms: [
    ['deploy', 'deploys', 'deployed', 'deploying', 'deployment', 'release', 'releases', 'rollout', 'roll out', 'push to production', 'go live', 'went live'],
    ['rollback', 'roll back', 'rolled back', 'revert', 'reverted', 'undo', 'previous release'],
    ['ci/cd', 'ci', 'cd', 'pipeline checks', 'github actions', 'gitlab ci', 'jenkins', 'build pipeline', 'continuous deployment', 'pull request checks'],
    ['infrastructure as code', 'iac', 'terraform', 'pulumi', 'cloudformation', 'terraform state', 'tf'],
    ['pull request', 'pull requests', 'pr', 'prs', 'code review', 'merge request'],
    ['git', 'github', 'gitlab', 'commit history', 'git history', 'branch', 'branches', 'main branch'],
    ['network', 'networking', 'vpc', 'private link', 'privatelink', 'private endpoint', 'vpc peering', 'subnet', 'nat gateway', 'firewall', 'security group', 'security groups'],
    ['ip allowlist', 'allowlist', 'whitelist', 'ip whitelist', 'network policy', 'static ip', 'egress ip', 'fixed ip'],
    ['ssh tunnel', 'bastion', 'jump host', 'port forwarding', 'tunnel'],
    ['dns', 'hostname', 'host name', 'endpoint url', 'cname'],
    ['port', 'ports', 'listens on', 'port number'],
    ['feature flag', 'feature flags', 'feature toggle', 'kill switch', 'gradual rollout'],
    ['environment variable', 'environment variables', 'env var', 'env vars', '.env', 'dotenv'],
    ['serverless', 'lambda', 'cloud functions', 'cloud run', 'fargate', 'faas'],
    ['cron job', 'cron jobs', 'kubernetes cronjob', 'cronjob', 'scheduled job', 'scheduled task'],
  ],
  related: [
    ['deploy', 'rollback', 'ci/cd', 'feature flag', 'downtime'],
    ['terraform', 'state', 'plan', 'apply', 'drift', 'module'],
    ['kubernetes', 'pod', 'helm', 'namespace', 'node pool', 'deployment'],
    ['network', 'dns', 'ip allowlist', 'ssh tunnel', 'private link'],
  ],
  kinds: [
    ['cloud', 'aws', 'gcp', 'azure'],
    ['environments', 'dev', 'development', 'staging', 'production', 'test environment'],
  ],
};
