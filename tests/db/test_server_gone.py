"""A PostgreSQL server that goes away mid-session: a clear message, nothing half-written, and a reconnect.

The server restarting, a network that drops, a firewall killing an idle
connection: the shop must be told plainly, keep none of the interrupted
work, and carry on with the next use case once the server answers again,
without restarting ShopDesk.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url

from shopdesk.db.database import Database, ServerUnavailable
from shopdesk.services.shop import Shop
from shopdesk.services.stock_bulk import ReceiptLine
from tests.conftest import PG_URL, _pg_admin_url, fresh_database_url
from tests.factories import product
from tests.stock_helpers import build_layout, ledger_snapshot, new_product

pytest.importorskip("psycopg")

STOPPED = "stopped answering; your last change was not saved. ShopDesk reconnects on its own; try again."


def skus(shop: Shop) -> list[str]:
    return [row.sku for row in shop.catalogue.list_products()]


@pytest.fixture
def pg_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A fresh, migrated shop database on the test server (skipped without SHOPDESK_TEST_PG)."""
    return fresh_database_url("postgresql", request, tmp_path)


@pytest.fixture
def pg_shop(pg_url: str) -> Iterator[Shop]:
    shop = Shop(Database(pg_url), user="tester")
    yield shop
    shop.close()


@pytest.fixture
def admin() -> Iterator[Engine]:
    """The server's administrator, who can end anyone's session (as a restart would)."""
    engine = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def end_sessions(admin: Engine, database: str) -> int:
    """End every session on one database, as a server restart or a firewall would."""
    with admin.connect() as conn:
        ended = conn.execute(
            text("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = :name"),
            {"name": database},
        ).all()
    return len(ended)


def after_first_write(
    shop: Shop, table: str, then: Callable[[int], object], *, verb: str = "INSERT INTO"
) -> Callable[[], None]:
    """Once the shop's first INSERT INTO table (or other verb) has run, call then(backend pid); returns the unhook."""
    fired: list[int] = []

    def after(conn, _cursor, statement: str, *_args: object) -> None:  # type: ignore[no-untyped-def]
        if not fired and statement.lstrip().upper().startswith(f"{verb} {table.upper()}"):
            fired.append(conn.connection.dbapi_connection.info.backend_pid)
            then(fired[0])

    event.listen(shop.db.engine, "after_cursor_execute", after)

    def unhook() -> None:
        event.remove(shop.db.engine, "after_cursor_execute", after)
        assert fired, f"the use case never inserted into {table}"

    return unhook


def end_session_after_first_write(
    shop: Shop, admin: Engine, table: str, *, verb: str = "INSERT INTO"
) -> Callable[[], None]:
    """The server ends the shop's session in the middle of its use case, just after it wrote to table."""

    def terminate(pid: int) -> None:
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})

    return after_first_write(shop, table, terminate, verb=verb)


def test_sessions_ended_between_two_use_cases_reconnect_and_lose_nothing(pg_shop, admin, pg_url) -> None:
    pg_shop.catalogue.create_product(product("BEFORE-1"))
    assert pg_shop.catalogue.count_products() == 1  # a read connection sits in the pool as well

    assert end_sessions(admin, make_url(pg_url).database) >= 1

    pg_shop.catalogue.create_product(product("AFTER-1"))
    assert sorted(skus(pg_shop)) == ["AFTER-1", "BEFORE-1"]


def test_a_session_ended_in_the_middle_of_a_delivery_keeps_none_of_it_and_the_retry_works(pg_shop, admin) -> None:
    layout = build_layout(pg_shop)
    mugs = [new_product(pg_shop, f"MUG-{n}", barcodes=[]) for n in range(3)]
    lines = [ReceiptLine(mugs[n % 3], 10, layout.bin_a, 1000) for n in range(30)]
    before = ledger_snapshot(pg_shop)

    unhook = end_session_after_first_write(pg_shop, admin, "stock_balance")
    with pytest.raises(ServerUnavailable) as raised:
        pg_shop.inventory.receive_many(lines)
    unhook()
    assert str(raised.value) == f"The PostgreSQL server at {_address()} {STOPPED}"
    assert ledger_snapshot(pg_shop) == before

    pg_shop.inventory.receive_many(lines)
    assert [pg_shop.inventory.product_stock(m).on_hand for m in mugs] == [100, 100, 100]


def test_a_session_ended_while_a_product_is_saved_keeps_none_of_it(pg_shop, admin) -> None:
    unhook = end_session_after_first_write(pg_shop, admin, "product")
    with pytest.raises(ServerUnavailable, match="your last change was not saved"):
        pg_shop.catalogue.create_product(product("TEA-1", barcodes=["6901234567892"]))
    unhook()
    assert pg_shop.catalogue.count_products() == 0
    pg_shop.catalogue.create_product(product("TEA-1", barcodes=["6901234567892"]))
    assert skus(pg_shop) == ["TEA-1"]


def test_a_session_ended_as_the_change_is_saved_says_it_may_not_have_been_saved(pg_shop, admin) -> None:
    """Cut off around COMMIT, nobody can tell whether the server kept the change: the message says so."""
    fired: list[int] = []

    def before_commit(conn) -> None:  # type: ignore[no-untyped-def]
        if not fired:
            fired.append(pid := conn.connection.dbapi_connection.info.backend_pid)
            with admin.connect() as admin_conn:
                admin_conn.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})

    event.listen(pg_shop.db.engine, "commit", before_commit)
    try:
        with pytest.raises(ServerUnavailable) as raised:
            pg_shop.catalogue.create_product(product("JAM-1"))
    finally:
        event.remove(pg_shop.db.engine, "commit", before_commit)
    assert str(raised.value) == (
        f"The PostgreSQL server at {_address()} stopped answering while your change was being saved; it may or "
        "may not have been saved. ShopDesk reconnects on its own; check your last change before you do it again."
    )
    assert skus(pg_shop) == []  # here the server ended the session first, so it was not
    pg_shop.catalogue.create_product(product("JAM-1"))
    assert skus(pg_shop) == ["JAM-1"]


def test_a_list_cut_off_while_it_is_read_says_nothing_was_changed_and_reads_again(pg_shop, admin) -> None:
    pg_shop.catalogue.create_product(product("MUG-1", barcodes=["6901234567892"]))
    # the session ends just after the first query of the list
    unhook = end_session_after_first_write(pg_shop, admin, "", verb="SELECT")
    with pytest.raises(ServerUnavailable) as raised:
        pg_shop.catalogue.list_products()
    unhook()
    assert str(raised.value) == (
        f"The PostgreSQL server at {_address()} stopped answering; nothing was changed. "
        "ShopDesk reconnects on its own; try again."
    )
    assert skus(pg_shop) == ["MUG-1"]


def _address() -> str:
    url = make_url(PG_URL)
    return f"{url.host}:{url.port or 5432}"


class UnpluggableLink:
    """A TCP hop between ShopDesk and the server (the shop's network) that can be unplugged and plugged in."""

    def __init__(self, host: str, port: int):
        self._upstream = (host, port)
        probe = socket.create_server(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    def plug_in(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._listener.settimeout(0.1)
        self._acceptor = threading.Thread(target=self._accept, args=(self._listener,), daemon=True)
        self._acceptor.start()

    def unplug(self) -> None:
        """No more connections, and those open are cut (the server's answers stop arriving)."""
        assert self._listener is not None and self._acceptor is not None
        listener, self._listener = self._listener, None
        self._acceptor.join()  # the port is closed for good only once nobody waits in accept()
        listener.close()
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            server = socket.create_connection(self._upstream)
            client.settimeout(None)
            with self._lock:
                self._open.update((client, server))
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def link(pg_url: str) -> Iterator[UnpluggableLink]:
    url = make_url(pg_url)
    link = UnpluggableLink(url.host or "127.0.0.1", url.port or 5432)
    link.plug_in()
    yield link
    if link._listener is not None:
        link.unplug()


def test_a_server_out_of_reach_is_said_plainly_and_the_shop_carries_on_once_it_is_back(pg_url, link) -> None:
    through_link = make_url(pg_url).set(host="127.0.0.1", port=link.port)
    shop = Shop(Database(through_link.render_as_string(hide_password=False)), user="tester")
    try:
        shop.catalogue.create_product(product("MONDAY-1"))

        link.unplug()
        cannot_reach = f"Cannot reach the PostgreSQL server at 127.0.0.1:{link.port} (Connection refused)."
        with pytest.raises(ServerUnavailable) as raised:
            shop.catalogue.create_product(product("OFFLINE-1"))
        assert str(raised.value).startswith(cannot_reach)
        assert through_link.password not in str(raised.value)
        with pytest.raises(ServerUnavailable) as raised:
            shop.catalogue.count_products()  # lists and reports too
        assert str(raised.value).startswith(cannot_reach)

        link.plug_in()
        shop.catalogue.create_product(product("TUESDAY-1"))
        assert sorted(skus(shop)) == ["MONDAY-1", "TUESDAY-1"]
    finally:
        shop.close()


def test_the_network_dropping_in_the_middle_of_a_delivery_keeps_none_of_it(pg_url, link) -> None:
    shop = Shop(Database(make_url(pg_url).set(port=link.port).render_as_string(hide_password=False)), user="t")
    try:
        layout = build_layout(shop)
        mugs = [new_product(shop, f"MUG-{n}", barcodes=[]) for n in range(2)]
        lines = [ReceiptLine(mugs[n % 2], 5, layout.bin_a, 500) for n in range(20)]
        before = ledger_snapshot(shop)

        unhook = after_first_write(shop, "stock_balance", lambda _pid: link.unplug())
        with pytest.raises(ServerUnavailable) as raised:
            shop.inventory.receive_many(lines)
        unhook()
        assert str(raised.value) == f"The PostgreSQL server at 127.0.0.1:{link.port} {STOPPED}"

        link.plug_in()
        assert ledger_snapshot(shop) == before
        shop.inventory.receive_many(lines)
        assert [shop.inventory.product_stock(m).on_hand for m in mugs] == [50, 50]
    finally:
        shop.close()


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never says a word (a server hung, a network black hole)."""
    listener = socket.create_server(("127.0.0.1", 0))
    yield listener.getsockname()[1]
    listener.close()


def test_a_server_that_never_answers_is_given_up_on_by_itself(silent_server) -> None:
    """Without a connect timeout this would wait for ever; ShopDesk gives up after a few seconds."""
    shop = Shop(Database(f"postgresql+psycopg://clerk:s3cret-pw@127.0.0.1:{silent_server}/shop"), user="tester")
    try:
        with pytest.raises(ServerUnavailable) as raised:
            shop.catalogue.count_products()
    finally:
        shop.close()
    assert str(raised.value).startswith(
        f"Cannot reach the PostgreSQL server at 127.0.0.1:{silent_server} (connection timeout expired)."
    )
    assert "s3cret-pw" not in str(raised.value) and "clerk" not in str(raised.value)


def test_a_wrong_password_is_told_as_a_refused_login_without_the_password(pg_url) -> None:
    wrong = make_url(pg_url).set(password="not-the-pw-42")
    shop = Shop(Database(wrong.render_as_string(hide_password=False)), user="tester")
    try:
        with pytest.raises(ServerUnavailable) as raised:
            shop.catalogue.count_products()
    finally:
        shop.close()
    assert str(raised.value) == (
        f"The PostgreSQL server at {_address()} refused the login "
        f'(password authentication failed for user "{wrong.username}").'
    )


def test_a_refused_statement_is_not_mistaken_for_a_lost_server(pg_shop, admin, pg_url) -> None:
    """A lock wait that times out is the server answering 'no': it is not reported as the server gone."""
    from sqlalchemy.exc import OperationalError

    mug = pg_shop.catalogue.create_product(product("MUG-LOCK"))
    holder = create_engine(pg_url)
    try:
        with holder.connect() as conn, conn.begin():
            conn.execute(text("SELECT id FROM product WHERE id = :id FOR UPDATE"), {"id": mug})
            with pytest.raises(OperationalError) as raised, pg_shop.db.uow() as uow:
                uow.session.execute(text("SET LOCAL lock_timeout = '200ms'"))
                uow.session.execute(text("UPDATE product SET name = 'x' WHERE id = :id"), {"id": mug})
            assert not isinstance(raised.value, ServerUnavailable)
    finally:
        holder.dispose()


def test_a_server_address_without_the_postgresql_driver_says_how_to_install_it(monkeypatch, capsys) -> None:
    """`pip install .` alone brings no psycopg: the owner is told what to install, not shown a traceback."""
    import sys

    from shopdesk.cli import main
    from shopdesk.ui.welcome import reach_server

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on a computer without the postgres extra
    url = "postgresql+psycopg://clerk:pw@127.0.0.1:5432/shop"
    assert main(["--db", url, "db", "check"]) == 1
    err = capsys.readouterr().err
    assert "pip install 'shopdesk[postgres]'" in err and "Traceback" not in err and "pw@" not in err
    assert "pip install 'shopdesk[postgres]'" in (reach_server(url) or "")
