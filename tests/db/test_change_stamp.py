"""Has anything changed since I looked? Another PC's save moves the change stamp; reading does not.

Two Database objects on one database stand for two PCs (or two app windows); one
test writes from a separate process. On PostgreSQL the news travels as a notification,
so the test waits for it to arrive, as the Products tab's next poll would.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from shopdesk.db.changes import ChangeProbe
from shopdesk.db.database import Database
from shopdesk.domain.errors import ValidationFailed
from shopdesk.services.catalogue import ProductFilter
from shopdesk.services.shop import Shop
from tests.factories import product

ARRIVES_WITHIN_S = 20.0  # generous: a busy machine; the loop ends as soon as the news is there


def stamp_after_news(probe: ChangeProbe, before: int) -> int:
    """The stamp once it differs from `before` (waiting for a notification still on its way)."""
    deadline = time.monotonic() + ARRIVES_WITHIN_S
    while (stamp := probe.stamp()) == before and time.monotonic() < deadline:
        time.sleep(0.01)
    return stamp


@pytest.fixture
def other_pc(shop: Shop):  # type: ignore[no-untyped-def]
    """The same shop opened a second time, as another PC would."""
    other = Shop(Database(shop.db.url), user="小李")
    yield other
    other.close()


def test_a_save_on_another_pc_moves_the_stamp_and_reading_does_not(shop: Shop, other_pc: Shop) -> None:
    probe = ChangeProbe(shop.db)
    try:
        quiet = probe.stamp()
        assert probe.stamp() == quiet  # nothing happened

        other_pc.catalogue.create_product(product("MUG-001", name="陶瓷马克杯"))
        moved = stamp_after_news(probe, quiet)
        assert moved != quiet

        # Reading, from either PC and in either kind of transaction, leaves it alone; so does a refused save.
        mug = other_pc.catalogue.find_by_code("MUG-001")
        assert mug is not None
        assert [p.sku for p in other_pc.catalogue.list_products(ProductFilter())] == ["MUG-001"]
        assert shop.catalogue.get_product(mug.id).draft.name == "陶瓷马克杯"
        with pytest.raises(ValidationFailed):
            other_pc.catalogue.create_product(product("MUG-001"))
        assert probe.stamp() == moved

        # One more save: on PostgreSQL, where notifications arrive in commit order, exactly one more
        # arrives, so none of the reads above was counted on its way.
        other_pc.catalogue.create_product(product("TEE-001"))
        after = stamp_after_news(probe, moved)
        assert after != moved
        if shop.db.dialect == "postgresql":
            assert after == moved + 1
    finally:
        probe.close()


def test_a_save_from_another_process_moves_the_stamp(shop: Shop) -> None:
    probe = ChangeProbe(shop.db)
    try:
        quiet = probe.stamp()
        script = (
            "import sys\n"
            "from shopdesk.db.database import Database\n"
            "from shopdesk.services.shop import Shop\n"
            "from tests.factories import product\n"
            "shop = Shop(Database(sys.argv[1]), user='other')\n"
            "shop.catalogue.create_product(product('PEN-001'))\n"
            "shop.close()\n"
        )
        subprocess.run([sys.executable, "-c", script, shop.db.url], check=True, timeout=120)
        assert stamp_after_news(probe, quiet) != quiet
        assert shop.catalogue.count_products() == 1
    finally:
        probe.close()


def test_the_probe_finds_its_way_back_after_losing_its_connection(shop: Shop, other_pc: Shop) -> None:
    """A PostgreSQL server restart drops the probe's connection: the stamp moves once it is back,
    since whatever was saved meanwhile was not heard of."""
    if shop.db.dialect != "postgresql":
        pytest.skip("only a server connection can be lost")
    probe = ChangeProbe(shop.db)
    try:
        before = probe.stamp()
        pid = probe._conn.info.backend_pid
        with other_pc.db.engine.connect() as conn:
            conn.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
        back = stamp_after_news(probe, before)
        assert back != before
        other_pc.catalogue.create_product(product("CUP-001"))  # heard again on the new connection
        assert stamp_after_news(probe, back) == back + 1
    finally:
        probe.close()
