"""The `resumeparser serve` and `resumeparser keys create|list|revoke` commands."""

from __future__ import annotations

import argparse
import os
import sys

from .config import ServerConfig


def config_of(args: argparse.Namespace) -> ServerConfig:
    data = os.path.abspath(args.data)
    os.makedirs(data, exist_ok=True)
    return ServerConfig(
        data_dir=data,
        database_url=args.database,
        workers=getattr(args, "workers", None) or 2,
        dask_address=getattr(args, "dask", None),
        allow_private_urls=getattr(args, "allow_private_urls", False),
        rate_limit=getattr(args, "rate_limit", None) or 120,
        webhook_backoff_seconds=getattr(args, "webhook_backoff", None) or 5.0,
        webhook_max_attempts=getattr(args, "webhook_attempts", None) or 8,
        parse_timeout_seconds=getattr(args, "timeout", None),
    )


MISSING = "the service needs the server extra: pip install 'resumeparser[server]' ({})"


def serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from .app import create_app
    except ImportError as exc:
        print(MISSING.format(exc), file=sys.stderr)
        return 2

    config = config_of(args)
    if config.allow_private_urls:
        print("warning: --allow-private-urls: URLs on private and loopback addresses are fetched", file=sys.stderr)
    app = create_app(config)
    print(f"resumeparser service on http://{args.host}:{args.port} (data {config.data_dir})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, access_log=args.access_log)
    return 0


def keys(args: argparse.Namespace) -> int:
    try:
        from .keys import create_key, list_keys, revoke_key
        from .storage import Store
    except ImportError as exc:
        print(MISSING.format(exc), file=sys.stderr)
        return 2

    store = Store(config_of(args))
    try:
        if args.keys_command == "create":
            record, key = create_key(
                store, args.name, rate_limit=args.rate_limit, webhook_url=args.webhook_url,
                webhook_secret=args.webhook_secret,
            )
            print(f"id: {record.id}")
            print(f"name: {record.name}")
            if record.webhook_url:
                print(f"webhook: {record.webhook_url}")
                print(f"webhook secret: {record.webhook_secret}")
            print("the key (shown once; only its hash is stored):")
            print(key)
            return 0
        if args.keys_command == "list":
            for k in list_keys(store):
                state = f"revoked {k.revoked_at}" if k.revoked_at else "active"
                limit = f"{k.rate_limit}/min" if k.rate_limit else "default limit"
                hook = f" webhook {k.webhook_url}" if k.webhook_url else ""
                print(f"{k.id}  {k.prefix}...  {k.name}  created {k.created_at}  {state}  {limit}{hook}")
            return 0
        revoked = revoke_key(store, args.ident)
        if revoked is None:
            print(f"no single key with id or prefix {args.ident!r}", file=sys.stderr)
            return 1
        print(f"revoked {revoked.id} ({revoked.name})")
        return 0
    finally:
        store.close()


def add_commands(commands: argparse._SubParsersAction) -> None:
    """The `serve` and `keys` subcommands, for the package's command line."""
    s = commands.add_parser("serve", help="run the parsing service (CV Parser Pro and TapTalent APIs)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    _storage_args(s)
    s.add_argument("--workers", type=int, default=2, help="parse worker processes (default 2)")
    s.add_argument("--dask", metavar="ADDRESS", help="parse on this Dask scheduler instead of local processes")
    s.add_argument(
        "--allow-private-urls", action="store_true",
        help="also fetch URLs on private and loopback addresses: for tests and development only",
    )
    s.add_argument("--rate-limit", type=int, default=120, help="requests a minute per key (reads: twice)")
    s.add_argument("--webhook-backoff", type=float, default=5.0, help="seconds before a webhook's first retry")
    s.add_argument("--webhook-attempts", type=int, default=8, help="tries of a webhook before it is given up")
    s.add_argument("--timeout", type=float, default=None, help="hard limit in seconds per document")
    s.add_argument("--log-level", default="warning")
    s.add_argument("--access-log", action="store_true")
    s.set_defaults(handler=lambda args, out: serve(args))

    k = commands.add_parser("keys", help="create, list or revoke the service's API keys")
    sub = k.add_subparsers(dest="keys_command", required=True)
    create = sub.add_parser("create", help="a new key, printed on the last line")
    _storage_args(create)
    create.add_argument("--name", default="default")
    create.add_argument("--rate-limit", type=int, help="requests a minute for this key")
    create.add_argument("--webhook-url", help="where this key's batch events are posted")
    create.add_argument("--webhook-secret", help="HMAC secret of the webhook signature (default: generated)")
    listing = sub.add_parser("list", help="the keys, without their values")
    _storage_args(listing)
    revoke = sub.add_parser("revoke", help="revoke a key by id or prefix")
    _storage_args(revoke)
    revoke.add_argument("ident", metavar="ID|PREFIX")
    k.set_defaults(handler=lambda args, out: keys(args))


def _storage_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, metavar="DIR", help="the service's data folder")
    parser.add_argument("--database", metavar="URL", help="SQLAlchemy URL (default: SQLite in --data)")
