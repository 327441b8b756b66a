"""Links and profiles: URLs written in the text (with or without a scheme) and link targets, split into
profiles on known networks (`data/networks.json`) with their usernames; other sites stay plain links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote, urlparse

from ..datafiles import read_json
from ..models import Profile
from .label_words import pattern

_TLDS = (
    "com|org|net|io|dev|me|co|ai|app|info|biz|edu|gov|tech|site|online|xyz|page|blog|design|studio|cloud|"
    "de|fr|es|it|nl|pt|br|uk|ca|au|in|ch|at|be|se|no|dk|fi|pl|cz|ie|mx|ar|cl|jp|cn|ru|us|eu"
)
URL = re.compile(
    r"(?:\b(?:https?://|www\.)[^\s<>()\"'|,]+)"
    r"|(?:(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:" + _TLDS + r")(?:/[^\s<>()\"'|,]*)?(?![\w@-]))",
    re.I,
)
_SKYPE = re.compile(r"\bskype\s*(?:id|name)?\s*[:\-]\s*([\w.:\-]{3,40})", re.I)
_TECH_NAMES = r"^(?:<<dotted_tech_names>>)\."


@dataclass(frozen=True)
class Network:
    name: str
    hosts: tuple[str, ...]
    paths: tuple[re.Pattern[str], ...]
    subdomain: str | None


@cache
def networks() -> tuple[Network, ...]:
    raw = read_json("networks.json")
    return tuple(
        Network(
            name=name,
            hosts=tuple(spec.get("hosts", [])),
            paths=tuple(re.compile(p, re.I) for p in spec.get("paths", [])),
            subdomain=spec.get("subdomain"),
        )
        for name, spec in raw["networks"].items()
    )


def find_urls(text: str, *, bare_domains: bool = True) -> list[str]:
    """URLs in the text, normalised to carry a scheme. Bare domains ("janedoe.dev", "github.com/jd") only
    when `bare_domains`, and never words like "ASP.NET" or "Node.js"."""
    out: list[str] = []
    for m in URL.finditer(text):
        url = m.group(0).rstrip(".,;:)]}>'\"")
        if "@" in url.split("/", 3)[-1 if "://" not in url else 2] and "/@" not in url:
            continue  # an e-mail address, not a link
        has_scheme = url.lower().startswith(("http://", "https://", "www."))
        if not has_scheme:
            if pattern(_TECH_NAMES).match(url):
                continue
            host = url.split("/", 1)[0]
            known = any(_host_matches(host.lower(), n) for n in networks())
            if not known and (not bare_domains or host != host.lower() or ("/" not in url and host.count(".") > 2)):
                continue
        out.append(clean_url(url))
    return out


def well_formed(url: str) -> bool:
    """False for what only looks like a URL ("https://ca[": urllib refuses an unclosed IPv6 bracket)."""
    try:
        return bool(urlparse(url).hostname) or url.lower().startswith("mailto:")
    except ValueError:
        return False


def clean_url(url: str) -> str:
    url = url.strip().rstrip(".,;:)]}>'\"")
    if url.lower().startswith("mailto:"):
        return url
    return url if "://" in url else "https://" + url


def _host_matches(host: str, network: Network) -> bool:
    host = host.removeprefix("www.")
    if any(host == h or host.endswith("." + h) for h in network.hosts):
        return True
    return bool(network.subdomain and host.endswith("." + network.subdomain))


def profile_from_url(url: str, *, root_only: bool = False) -> Profile | None:
    """The profile a URL points at, or None for other sites (and for a network's non-profile pages).
    With `root_only`, a page below the profile ("github.com/user/repo") does not count."""
    if url.lower().startswith("skype:"):
        name = url.split(":", 1)[1].split("?", 1)[0]
        return Profile(network="skype", url=url, username=name or None)
    try:
        parsed = urlparse(url if "://" in url else "https://" + url)
        host = (parsed.hostname or "").lower().removeprefix("www.")
    except ValueError:  # not a URL after all
        return None
    path = parsed.path + ("?" + parsed.query if parsed.query else "")
    for network in networks():
        if not _host_matches(host, network):
            continue
        if network.subdomain and host.endswith("." + network.subdomain):
            sub = host[: -len(network.subdomain) - 1].split(".")[-1]
            if sub not in ("www", "m", "blog", "help", "support"):
                return Profile(network=network.name, url=url, username=sub)
        for path_rx in network.paths:
            m = path_rx.match(path)
            if m and m.group(1).lower() not in _RESERVED:
                uses_query = "\\?" in path_rx.pattern  # the username sits in the query ("user?id=...")
                if root_only and parsed.path[m.end() :].strip("/") and not uses_query:
                    return None
                # the profile's own address, without tracking parameters ("?jobid=...&lipi=...")
                clean = url if uses_query else url.split("?", 1)[0].split("#", 1)[0]
                return Profile(network=network.name, url=clean, username=unquote(m.group(1)))
        return None
    return None


_RESERVED = {
    "company", "companies", "school", "jobs", "groups", "feed", "search", "login", "signup", "share", "intent",
    "home", "about", "explore", "settings", "orgs", "features", "pricing", "topics", "hashtag", "i", "sharer",
    "pages", "watch", "results", "notifications", "p", "posts", "help",
}


def skype_profiles(text: str) -> list[Profile]:
    return [Profile(network="skype", url=f"skype:{m.group(1)}?chat", username=m.group(1))
            for m in _SKYPE.finditer(text)]


def collect_links(
    header_text: str, other_text: str, header_targets: list[str], targets: list[str], emails: list[str]
) -> tuple[list[str], list[Profile]]:
    """Every link (header, rest of the text, link targets) and the candidate's profiles among them.

    A profile is the candidate's when the header shows it, or when a link elsewhere is a profile's own page
    (not "github.com/user/repo" in a project). Link targets come first: a URL's text may have lost a hyphen
    where it wrapped, its target has not. A bare e-mail domain is no link.
    """
    def web(urls: list[str]) -> list[str]:
        return [clean_url(u) for u in urls if not u.lower().startswith(("mailto:", "tel:"))]

    header_links = [*find_urls(header_text, bare_domains=True), *web(header_targets)]
    links = unique([*header_links, *find_urls(other_text, bare_domains=False), *web(targets)])
    links = [u for u in links if well_formed(u)]
    domains = {e.split("@", 1)[1].lower() for e in emails}
    links = [u for u in links if u.split("://")[-1].lower().removeprefix("www.").rstrip("/") not in domains]
    in_header = {u.lower().rstrip("/") for u in header_links}
    from_targets = set(web(targets))
    ordered = sorted(links, key=lambda u: u not in from_targets)
    found = [profile_from_url(u, root_only=u.lower().rstrip("/") not in in_header) for u in ordered]
    profiles = _unique_profiles([*(p for p in found if p), *skype_profiles(header_text)])
    return unique([untracked(u) for u in links]), profiles


def untracked(url: str) -> str:
    """A URL without tracking parameters (utm_*, LinkedIn's lipi/licu/jobid)."""
    if "?" not in url:
        return url
    base, _, query = url.partition("?")
    kept = [q for q in query.split("&") if q and not re.match(r"(?:utm_\w+|lipi|licu|jobid|trk|fbclid|gclid)=", q)]
    return base + ("?" + "&".join(kept) if kept else "")


def unique(items: list[str]) -> list[str]:
    """Items in order, each once, ignoring case and a trailing slash."""
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        key = item.lower().rstrip("/")
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _unique_profiles(profiles: list[Profile]) -> list[Profile]:
    """One profile per network and username ("ana-maria" and "anamaria" are one)."""
    out: list[Profile] = []
    seen: set[tuple[str, str]] = set()
    for p in profiles:
        key = (p.network, re.sub(r"[-_.]", "", (p.username or p.url).lower()))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
