"""A self-hosted parsing service: the CV Parser Pro parse and candidate API and the TapTalent bulk-upload API,
backed by this parser, a database (SQLite by default, PostgreSQL through any SQLAlchemy URL) and the batch
worker pool. Needs the `server` extra (`pip install resumeparser[server]`); the library never imports it.

    resumeparser keys create --data ./rp-data          # the key is the last line printed
    resumeparser serve --data ./rp-data --port 8000

Modules: `config` (settings), `storage` (tables, migrations, files by hash), `keys` (API keys, rate limits),
`signing` (signed file URLs, webhook signatures), `errors` (the error bodies), `jobs` (parsing off the request
path), `fetching` (what a worker runs for a URL), `webhooks` (deliveries with retries), `cvparserpro` and
`taptalent` (the two APIs' routes), `app` (the ASGI app), `main` (the `serve` and `keys` commands).
"""
