"""Database fan-out: RDS default max_connections and what 1,000 environments do to a database.

Expected values are worked out by hand from the RDS formulas (facts D1-D4) and the RDS Proxy
settings (D7-D8), not read off the model.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest

from lambdanet_edu import LambdaNetError
from lambdanet_edu.facts import (
    MARIADB_MAX_CONNECTIONS_CAP,
    MYSQL_8_GIB_MAX_CONNECTIONS,
    MYSQL_DB_T3_MICRO_MAX_CONNECTIONS,
    POSTGRES_MAX_CONNECTIONS_CAP,
)
from lambdanet_edu.scaling.databases import (
    ENGINES,
    DbConnections,
    RdsProxy,
    db_connections,
    default_max_connections,
)


@pytest.mark.parametrize(
    ("engine", "memory_gib", "expected"),
    [
        # Facts D4: MySQL 85.3, 170.7, 341.3, 682.7, 1,365.3, 2,730.7 from nominal memory.
        ("mysql", 1, 85), ("mysql", 2, 170), ("mysql", 4, 341), ("mysql", 8, 682),
        ("mysql", 16, 1365), ("mysql", 32, 2730),
        ("mysql", 0.5, 42),  # 42.67
        ("mysql", 1.5, 128),  # 1,610,612,736 / 12,582,880 = 128.0003
        # PostgreSQL 112.6, 225.3, 450.6, 901.2, 1,802.5, 3,604.9, then the 5,000 cap.
        ("postgres", 1, 112), ("postgres", 2, 225), ("postgres", 4, 450), ("postgres", 8, 901),
        ("postgres", 16, 1802), ("postgres", 32, 3604), ("postgres", 64, 5000),
        # MariaDB: 2**30 / 25,165,760 = 42.67; 256 GiB = 10,922.67; 512 GiB hits the 12,000 cap.
        ("mariadb", 1, 42), ("mariadb", 256, 10922), ("mariadb", 512, 12000),
    ],
)
def test_default_max_connections(engine: str, memory_gib: float, expected: int) -> None:
    assert default_max_connections(engine, memory_gib) == expected


def test_nominal_memory_is_an_upper_bound_close_to_the_official_anchors() -> None:
    # AWS: db.t3.micro MySQL allows about 60, an 8 GiB MySQL instance about 630. From nominal
    # memory the model must not be below them, nor far above (OS overhead is a minority share).
    micro = default_max_connections("mysql", 1)
    eight = default_max_connections("mysql", 8)
    assert MYSQL_DB_T3_MICRO_MAX_CONNECTIONS <= micro <= MYSQL_DB_T3_MICRO_MAX_CONNECTIONS * 3 / 2
    assert MYSQL_8_GIB_MAX_CONNECTIONS <= eight <= MYSQL_8_GIB_MAX_CONNECTIONS * 11 / 10


def test_caps() -> None:
    assert default_max_connections("postgres", 1024) == POSTGRES_MAX_CONNECTIONS_CAP == 5000
    assert default_max_connections("mariadb", 1024) == MARIADB_MAX_CONNECTIONS_CAP == 12000
    assert default_max_connections("mysql", 1024) == 87381  # no cap: 2**40 // 12,582,880


@pytest.mark.parametrize(
    ("engine", "usable", "expected"),
    [
        # AWS's Aurora PostgreSQL example: 15.25 GB / 9,531,392 "= 1600"; exactly 1,599.98,
        # and RDS formula division truncates.
        ("postgres", 15_250_000_000, 1599),
        ("mysql", 12_582_880 * 630, 630),
        ("mysql", 12_582_880 * 630 - 1, 629),
        ("mariadb", 25_165_760 * 13_000, 12000),
    ],
)
def test_usable_memory_bytes(engine: str, usable: int, expected: int) -> None:
    assert default_max_connections(engine, usable_memory_bytes=usable) == expected


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("oracle", 8), {}, r"^engine must be one of 'mysql', 'postgres', 'mariadb', got "
                            r"'oracle'$"),
        (("MySQL", 8), {}, r"^engine must be one of .*, got 'MySQL'$"),
        ((None, 8), {}, r"^engine must be one of .*, got None$"),
        ((1, 8), {}, r"^engine must be one of .*, got 1$"),
        (("mysql", 0), {}, r"^memory_gib must be a number of GiB > 0, got 0$"),
        (("mysql", -1), {}, r"^memory_gib must be a number of GiB > 0, got -1$"),
        (("mysql", "8"), {}, r"^memory_gib must be a number of GiB > 0, got '8'$"),
        (("mysql", True), {}, r"^memory_gib must be .*, got True$"),
        (("mysql", float("nan")), {}, r"^memory_gib must be .*, got nan$"),
        (("mysql", float("inf")), {}, r"^memory_gib must be .*, got inf$"),
        (("mysql",), {}, r"^memory_gib must be a number of GiB > 0, got None$"),
        (("mysql", 8), {"usable_memory_bytes": 10**9},
         r"^usable_memory_bytes must be None when memory_gib is given \(pass one of the two\), "
         r"got 1000000000$"),
        (("mysql",), {"usable_memory_bytes": 0}, r"^usable_memory_bytes must be an integer >= 1"),
        (("mysql",), {"usable_memory_bytes": 1.5e9}, r"^usable_memory_bytes .*, got "
                                                     r"1500000000\.0$"),
        (("mysql",), {"usable_memory_bytes": "1e9"}, r"^usable_memory_bytes .*, got '1e9'$"),
    ],
)
def test_bad_default_max_connections(args: tuple[object, ...], kwargs: dict[str, object],
                                     message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        default_max_connections(*args, **kwargs)  # type: ignore[arg-type]


def test_engines() -> None:
    assert ENGINES == ("mysql", "postgres", "mariadb")


@pytest.mark.parametrize(
    ("clients", "each", "max_connections", "expected_open", "expected_refused"),
    [
        (1000, 1, 60, 60, 940),  # the headline case: a db.t3.micro behind a busy function
        (10, 1, 60, 10, 0),
        (0, 1, 60, 0, 0),
        (60, 1, 60, 60, 0),
        (61, 1, 60, 60, 1),
        (1000, 5, 60, 60, 988),  # 12 clients fit 5 connections each
        (1000, 7, 60, 56, 992),  # 8 clients fit 7 each; 4 connections stay unused
        (3, 100, 60, 0, 3),  # no client fits its pool
    ],
)
def test_without_a_proxy_clients_get_all_their_connections_or_none(
    clients: int, each: int, max_connections: int, expected_open: int, expected_refused: int
) -> None:
    result = db_connections(clients, connections_per_client=each, max_connections=max_connections)
    assert (result.open, result.refused, result.waiting) == (expected_open, expected_refused, 0)
    assert result.requested == clients * each
    assert result.proxy_pool is None
    assert [a.key for a in result.assumptions] == ["db_all_or_nothing",
                                                  "db_all_connections_for_clients"]


@pytest.mark.parametrize(
    ("kwargs", "explanation"),
    [
        ({"clients": 1000, "max_connections": 60},
         "1,000 clients asked for 1,000 connections; the database allows 60, so 940 clients are "
         "refused with 'Too many connections'."),
        ({"clients": 1, "max_connections": 60},
         "1 client asked for 1 connection; the database allows 60, so 1 connection is open."),
        ({"clients": 61, "max_connections": 60},
         "61 clients asked for 61 connections; the database allows 60, so 1 client is refused "
         "with 'Too many connections'."),
        ({"clients": 1000, "connections_per_client": 5, "max_connections": 60},
         "1,000 clients asked for 5,000 connections (5 each); the database allows 60, so 60 are "
         "open and 988 clients are refused with 'Too many connections'."),
        ({"clients": 1000, "max_connections": 60, "proxy": RdsProxy()},
         "1,000 clients asked RDS Proxy for 1,000 connections. At this moment 1,000 of them are "
         "pinned or mid-transaction, needing 1,000 database connections. The proxy may open 60 "
         "(100 % of the database's 60), so 60 are open and 940 requests wait up to 120 s for "
         "one, then fail."),
    ],
)
def test_explanations(kwargs: dict[str, object], explanation: str) -> None:
    assert db_connections(**kwargs).explanation == explanation  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("clients", "each", "max_connections", "proxy", "active", "expected"),
    [
        # (open, waiting, pool)
        (1000, 1, 60, RdsProxy(), 1, (60, 940, 60)),
        (1000, 1, 60, RdsProxy(), 0.05, (50, 0, 60)),  # 5 % mid-transaction: 50 needed
        (1000, 1, 60, RdsProxy(), 0.07, (60, 10, 60)),  # 70 needed, 60 in the pool
        (1000, 1, 1000, RdsProxy(max_connections_percent=95), 1, (950, 50, 950)),  # AWS example
        (1000, 1, 1000, RdsProxy(pinned_fraction=0.1), 0, (100, 0, 1000)),  # only pinned ones
        # 250 pinned + 10 % of the other 750 = 325 clients, 2 connections each = 650 needed.
        (1000, 2, 60, RdsProxy(pinned_fraction=0.25), 0.1, (60, 590, 60)),
        (3, 1, 60, RdsProxy(pinned_fraction=0.5), 0, (2, 0, 60)),  # 1.5 pinned rounds up to 2
        (30, 1, 60, RdsProxy(), Fraction(1, 3), (10, 0, 60)),
        (0, 1, 60, RdsProxy(), 1, (0, 0, 60)),
        (10, 1, 1, RdsProxy(max_connections_percent=50), 1, (0, 10, 0)),  # a pool of 0.5 -> 0
    ],
)
def test_behind_a_proxy_requests_wait_instead_of_being_refused(
    clients: int, each: int, max_connections: int, proxy: RdsProxy, active: float,
    expected: tuple[int, int, int],
) -> None:
    result = db_connections(clients, connections_per_client=each, max_connections=max_connections,
                            proxy=proxy, active_fraction=active)
    assert (result.open, result.waiting, result.proxy_pool) == expected
    assert result.refused == 0
    assert result.requested == clients * each
    assert [a.key for a in result.assumptions] == ["db_proxy_snapshot",
                                                  "db_all_connections_for_clients"]


def test_active_fraction_does_not_matter_without_a_proxy() -> None:
    assert (db_connections(100, max_connections=60, active_fraction=0.1)
            == db_connections(100, max_connections=60, active_fraction=1))


def test_proxy_defaults_come_from_the_rds_proxy_settings() -> None:
    proxy = RdsProxy()
    assert proxy.max_connections_percent == 100
    assert proxy.max_idle_connections_percent == 50
    assert proxy.connection_borrow_timeout_s == 120
    assert proxy.pinned_fraction == 0
    # AWS: the idle default is half of MaxConnectionsPercent ("if 80, then 40").
    assert RdsProxy(max_connections_percent=80).max_idle_connections_percent == 40
    assert RdsProxy(pinned_fraction=0.1).pinned_fraction == Fraction(1, 10)
    assert RdsProxy(pinned_fraction=Fraction(1, 3)).pinned_fraction == Fraction(1, 3)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_connections_percent": 0},
         r"^max_connections_percent must be an integer from 1 to 100, got 0$"),
        ({"max_connections_percent": 101}, r"^max_connections_percent .*, got 101$"),
        ({"max_connections_percent": "100"}, r"^max_connections_percent .*, got '100'$"),
        ({"max_connections_percent": 50.0}, r"^max_connections_percent .*, got 50\.0$"),
        ({"max_connections_percent": True}, r"^max_connections_percent .*, got True$"),
        ({"max_idle_connections_percent": -1},
         r"^max_idle_connections_percent must be an integer from 0 to 100, got -1$"),
        ({"max_connections_percent": 50, "max_idle_connections_percent": 60},
         r"^max_idle_connections_percent must be an integer from 0 to 50, got 60$"),
        ({"max_idle_connections_percent": "50"}, r"^max_idle_connections_percent .*, got '50'$"),
        ({"connection_borrow_timeout_s": -1},
         r"^connection_borrow_timeout_s must be an integer >= 0, got -1$"),
        ({"connection_borrow_timeout_s": 1.5}, r"^connection_borrow_timeout_s .*, got 1\.5$"),
        ({"pinned_fraction": -0.1}, r"^pinned_fraction must be a number from 0 to 1, got -0\.1$"),
        ({"pinned_fraction": 1.5}, r"^pinned_fraction must be a number from 0 to 1, got 1\.5$"),
        ({"pinned_fraction": "0.1"}, r"^pinned_fraction .*, got '0\.1'$"),
        ({"pinned_fraction": float("nan")}, r"^pinned_fraction .*, got nan$"),
        ({"pinned_fraction": None}, r"^pinned_fraction .*, got None$"),
        ({"pinned_fraction": Fraction(4, 3)}, r"^pinned_fraction .*, got Fraction\(4, 3\)"),
    ],
)
def test_bad_proxy(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        RdsProxy(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"clients": -1}, r"^clients must be an integer >= 0, got -1$"),
        ({"clients": "10"}, r"^clients must be an integer >= 0, got '10'$"),
        ({"clients": 1.0}, r"^clients .*, got 1\.0$"),
        ({"clients": True}, r"^clients .*, got True$"),
        ({"connections_per_client": 0}, r"^connections_per_client must be an integer >= 1, got 0$"),
        ({"connections_per_client": None}, r"^connections_per_client .*, got None$"),
        ({"max_connections": 0}, r"^max_connections must be an integer >= 1, got 0$"),
        ({"max_connections": 60.0}, r"^max_connections .*, got 60\.0$"),
        ({"max_connections": None}, r"^max_connections .*, got None$"),
        ({"proxy": "yes"}, r"^proxy must be None or an RdsProxy, got 'yes'$"),
        ({"proxy": RdsProxy}, r"^proxy must be None or an RdsProxy, got <class .*RdsProxy'> "),
        ({"active_fraction": 2}, r"^active_fraction must be a number from 0 to 1, got 2$"),
        ({"active_fraction": -0.5}, r"^active_fraction .*, got -0\.5$"),
        ({"active_fraction": "all"}, r"^active_fraction .*, got 'all'$"),
    ],
)
def test_bad_db_connections(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"clients": 10, "max_connections": 60, **kwargs}
    clients = arguments.pop("clients")
    with pytest.raises(LambdaNetError, match=message):
        db_connections(clients, **arguments)  # type: ignore[arg-type]


def test_max_connections_is_required() -> None:
    with pytest.raises(TypeError, match="max_connections"):
        db_connections(10)  # type: ignore[call-arg]


def test_values_are_immutable() -> None:
    result = db_connections(10, max_connections=60)
    assert isinstance(result, DbConnections)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.open = 0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        RdsProxy().max_connections_percent = 5  # type: ignore[misc]
    assert dataclasses.replace(RdsProxy(), max_connections_percent=80).pool(60) == 48
