import type { ConceptArea } from './concept-area.js';

export const PYTHON: ConceptArea = {
  area: 'Python, packages, environments, code',
  synonyms: [
    ['dependency', 'dependencies', 'package', 'packages', 'library', 'libraries', 'requirements.txt', 'requirements', 'pip', 'poetry', 'uv', 'conda', 'pyproject.toml', 'lock file', 'lockfile', 'pip freeze'],
    ['pin', 'pinned', 'pinning', 'pin versions', 'version pin', 'exact versions', 'upgrade', 'upgrades', 'upgraded', 'new version', 'new release', 'breaking upgrade', 'version bump', 'unpinned', 'floating versions'],
    ['virtualenv', 'venv', 'virtual environment', 'python environment', 'python version'],
    ['dataframe', 'dataframes', 'pandas', 'polars', 'df', 'to_pandas', 'topandas'],
    ['generator', 'iterator', 'stream rows', 'server-side cursor', 'itersize', 'yield', 'one at a time', 'chunks'],
    ['typing', 'type hints', 'mypy', 'pydantic', 'dataclass', 'schema validation'],
    ['async', 'asyncio', 'aiohttp', 'concurrent requests', 'threadpool', 'thread pool', 'multiprocessing'],
    ['decimal', 'decimal.decimal', 'from decimal', 'float arithmetic', 'floating point', '0.1 + 0.2'],
  ],
  related: [
    ['pandas', 'memory', 'dtype', 'chunksize', 'read_csv'],
    ['requirements', 'docker image', 'reproducible', 'build'],
    ['notebook', 'jupyter', 'databricks notebook', 'ipynb'],
  ],
};
