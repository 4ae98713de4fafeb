"""Where notifications go: any number of targets, from `ZGW_NOTIFICATION_TARGETS_FILE` (YAML/JSON)
or `ZGW_NOTIFICATION_TARGETS` (JSON):

    targets:
      - name: nrc                       # a Notificaties API: POST {url}/notificaties with a ZGW JWT
        type: notificaties-api
        url: http://nrc.example/api/v1
        clientId: zaken
        secret: ...
      - name: rapportage                # a direct webhook subscriber (the abonnement callback contract)
        type: webhook
        url: http://127.0.0.1:8003/rapportage/api/v1/callbacks
        authorization: Bearer abc       # the Authorization header value
        kanalen: [zaken]                # only these kanalen (all when absent)
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TARGET_TYPES = ("notificaties-api", "webhook")


@dataclass(frozen=True)
class Target:
    name: str
    type: str
    url: str
    authorization: str = ""
    client_id: str = ""
    secret: str = ""
    kanalen: frozenset[str] = field(default_factory=frozenset)

    def wants(self, kanaal: str) -> bool:
        return not self.kanalen or kanaal in self.kanalen


def parse_targets(data) -> list[Target]:
    items = data.get("targets", []) if isinstance(data, dict) else (data or [])
    targets: list[Target] = []
    for item in items:
        if item.get("type") not in TARGET_TYPES:
            raise ValueError(f"notification target {item.get('name')!r}: type must be one of {TARGET_TYPES}")
        targets.append(
            Target(
                name=item["name"],
                type=item["type"],
                url=item["url"].rstrip("/"),
                authorization=item.get("authorization", ""),
                client_id=item.get("clientId", ""),
                secret=item.get("secret", ""),
                kanalen=frozenset(item.get("kanalen") or ()),
            )
        )
    names = [t.name for t in targets]
    if len(names) != len(set(names)):
        raise ValueError("notification target names must be unique")
    return targets


def load_targets(inline: str | None, path: Path | None) -> list[Target]:
    if path is not None:
        text = Path(path).read_text()
        return parse_targets(json.loads(text) if str(path).endswith(".json") else yaml.safe_load(text))
    if inline:
        return parse_targets(json.loads(inline))
    return []
