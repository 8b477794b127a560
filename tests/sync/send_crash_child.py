"""A child process for tests/sync/test_send_crash.py: sends a shop's outbox and is killed after the store took one.

usage: python -m tests.sync.send_crash_child DB CHANNEL KIND
It sends the channel's outbox with the real sender (store_sender). Right after the store answered the
first item of KIND (shipment or stock), before the outbox marks it sent and commits, it prints "READY"
and sleeps: the parent sends SIGKILL, as a power cut or a killed app would.
The channel's credentials come from an in-memory keyring (the parent's keyring is not shared).
"""

from __future__ import annotations

import sys
import time

import keyring

from shopdesk.services.shop import Shop
from shopdesk.services.sync import SyncService, store_sender
from shopdesk.services.sync_sending import ChannelView, OutboxView
from shopdesk.sync import credentials
from tests.sync.conftest import MemoryKeyring
from tests.sync.fake_shopify import TOKEN

KEYS = {"woocommerce": credentials.Credentials("ck_test", "cs_test"), "shopify": credentials.Credentials(TOKEN)}


def main(db: str, channel: str, kind: str) -> None:
    shop, _ = Shop.open(db)
    sync = SyncService(shop)
    keyring.set_keyring(MemoryKeyring())
    credentials.store(channel, KEYS[sync.channel(channel).type])

    def send_then_stop(channel_view: ChannelView, item: OutboxView) -> None:
        store_sender(channel_view, item)  # the store has answered: it took the item
        if item.kind == kind:
            print("READY", flush=True)
            time.sleep(120)  # killed here, before send_outbox commits the item as sent

    sync.send_outbox(send_then_stop, channel=channel)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
    print("FINISHED", flush=True)
