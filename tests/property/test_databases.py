"""Property tests: connection fan-out against max_connections, with and without RDS Proxy."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from lambdanet_edu.scaling.databases import RdsProxy, db_connections, default_max_connections

SETTINGS = settings(max_examples=300, deadline=None)

clients = st.integers(0, 20_000)
per_client = st.integers(1, 20)
max_connections = st.integers(1, 16_000)
shares = st.fractions(0, 1, max_denominator=1000) | st.sampled_from([0, 1, 0.05, 0.5])
proxies = st.builds(RdsProxy, max_connections_percent=st.integers(1, 100),
                    pinned_fraction=shares)
maybe_proxy = st.none() | proxies


class TestTheDatabaseLimitHolds:
    """"The maximum number of simultaneous database connections varies by the DB engine type
    and the memory allocation for the DB instance class" and is set by max_connections; past it
    the database refuses new connections -
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections
    """

    @SETTINGS
    @given(clients, per_client, max_connections, maybe_proxy, shares)
    def test_open_never_exceeds_max_connections(
        self, n: int, each: int, limit: int, proxy: RdsProxy | None, active: Fraction
    ) -> None:
        result = db_connections(n, connections_per_client=each, max_connections=limit,
                                proxy=proxy, active_fraction=active)
        assert 0 <= result.open <= limit
        assert result.requested == n * each

    @SETTINGS
    @given(clients, per_client, max_connections)
    def test_without_a_proxy_every_client_is_served_or_refused(
        self, n: int, each: int, limit: int
    ) -> None:
        result = db_connections(n, connections_per_client=each, max_connections=limit)
        served, remainder = divmod(result.open, each)
        assert remainder == 0  # nobody holds part of its pool
        assert served + result.refused == n
        assert result.waiting == 0
        if result.refused:  # refusing is only allowed when one more client would not fit
            assert result.open + each > limit

    @SETTINGS
    @given(clients, per_client, max_connections, maybe_proxy, shares, st.integers(1, 1000))
    def test_adding_clients_never_lowers_open(
        self, n: int, each: int, limit: int, proxy: RdsProxy | None, active: Fraction, more: int
    ) -> None:
        before = db_connections(n, connections_per_client=each, max_connections=limit,
                                proxy=proxy, active_fraction=active)
        after = db_connections(n + more, connections_per_client=each, max_connections=limit,
                               proxy=proxy, active_fraction=active)
        assert after.open >= before.open


class TestRdsProxyPoolsAndQueues:
    """"MaxConnectionsPercent ... The maximum size of the connection pool ... expressed as a
    percentage of the max_connections setting"; "ConnectionBorrowTimeout: The number of
    seconds for a proxy to wait for a connection to become available in the connection pool" -
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ConnectionPoolConfiguration.html
    """

    @SETTINGS
    @given(clients, per_client, max_connections, proxies, shares)
    def test_the_pool_caps_open_and_the_rest_waits(
        self, n: int, each: int, limit: int, proxy: RdsProxy, active: Fraction
    ) -> None:
        result = db_connections(n, connections_per_client=each, max_connections=limit,
                                proxy=proxy, active_fraction=active)
        pool = math.floor(Fraction(limit * proxy.max_connections_percent, 100))
        assert result.proxy_pool == pool
        assert result.open <= pool
        assert result.refused == 0
        pinned = math.ceil(n * Fraction(proxy.pinned_fraction))
        typed = Fraction(repr(active)) if isinstance(active, float) else Fraction(active)
        needed = (pinned + math.ceil((n - pinned) * typed)) * each
        assert result.open + result.waiting == needed
        assert result.waiting == 0 or result.open == pool

    @SETTINGS
    @given(clients, max_connections, proxies)
    def test_a_full_pool_queues_exactly_whom_the_database_would_refuse(
        self, n: int, limit: int, proxy: RdsProxy
    ) -> None:
        # At 100 %, one connection each and every client mid-transaction, the proxy opens as
        # many connections as direct clients would get and queues the ones it cannot serve.
        full = RdsProxy(pinned_fraction=proxy.pinned_fraction)
        direct = db_connections(n, max_connections=limit)
        pooled = db_connections(n, max_connections=limit, proxy=full, active_fraction=1)
        assert pooled.open == direct.open
        assert pooled.waiting == direct.refused


class TestDefaultMaxConnections:
    """RDS for MySQL: "{DBInstanceClassMemory/12582880}"; PostgreSQL:
    "LEAST({DBInstanceClassMemory/9531392},5000)"; MariaDB:
    "LEAST({DBInstanceClassMemory/25165760},12000)" -
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections
    """

    @SETTINGS
    @given(st.sampled_from([("mysql", 12_582_880, None), ("postgres", 9_531_392, 5000),
                            ("mariadb", 25_165_760, 12_000)]),
           st.integers(1, 2**42))
    def test_formula_rounded_down_and_capped(
        self, formula: tuple[str, int, int | None], usable: int
    ) -> None:
        engine, per_connection, cap = formula
        got = default_max_connections(engine, usable_memory_bytes=usable)
        if cap is not None and got == cap:
            assert usable >= cap * per_connection
        else:
            assert got * per_connection <= usable < (got + 1) * per_connection

    @SETTINGS
    @given(st.sampled_from(["mysql", "postgres", "mariadb"]),
           st.integers(1, 4096), st.integers(1, 4096))
    def test_more_memory_never_means_fewer_connections(self, engine: str, a: int, b: int) -> None:
        small, large = sorted((a, b))
        assert (default_max_connections(engine, small)
                <= default_max_connections(engine, large))
        assert default_max_connections(engine, large) == default_max_connections(
            engine, usable_memory_bytes=large * 2**30)
