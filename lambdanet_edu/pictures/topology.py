"""The network diagram: where a function runs, its Hyperplane ENIs, your subnets, the way out.

:func:`topology_diagram` draws, top to bottom: the Lambda-owned VPC holding the functions'
execution environments; your VPC with its subnets side by side, grouped by Availability Zone,
each listing its Hyperplane ENIs (one box per distinct subnet and security-group set, from
:func:`~lambdanet_edu.enis.hyperplane_enis`, naming the functions sharing it), NAT gateways,
endpoints and resources; the route tables; the gateways and endpoints that lead out. Given a
:class:`~lambdanet_edu.egress.Verdict` it adds the path the connection takes, hop by hop, and
marks the hop where traffic stops with a "✗ blocked" label and a dashed, crossed edge.

Examples:
    >>> from lambdanet_edu import LambdaFunction, can_reach, starter_vpc
    >>> fn = LambdaFunction("orders", ["subnet-private-a", "subnet-private-b"], ["sg-lambda"])
    >>> svg = topology_diagram(starter_vpc(nat=False), [fn],
    ...                        verdict=can_reach(starter_vpc(nat=False), fn, "internet"))
    >>> svg.count('data-eni='), "✗ blocked" in svg
    (2, True)
"""

from __future__ import annotations

from collections.abc import Iterable

from lambdanet_edu.egress import SubnetPath, Verdict
from lambdanet_edu.enis import Eni, check_functions, hyperplane_enis
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network import Vpc
from lambdanet_edu.pictures.svg import (
    check_id,
    clip_width,
    document,
    element,
    text_lines,
    text_width,
    wrap_width,
)

__all__ = ["topology_diagram"]

_W = 760
_PAD = 14
_LINE = 15
_PER_ROW = 4
_HOPS_PER_ROW = 4


def _box(x: float, y: float, w: float, h: float, cls: str = "ln-pic__box",
         **data: str) -> str:
    attrs: dict[str, object] = {"class": cls, **{f"data-{k}": v for k, v in data.items()}}
    attrs.update({"x": x, "y": y, "width": w, "height": h, "rx": 6})
    return element("rect", attrs)


def _mark(marks: dict[tuple[str, str], bool], component: str, ident: str) -> str:
    passed = marks.get((component, ident))
    if passed is None:
        return "ln-pic__box"
    return "ln-pic__box ln-pic__box--path" if passed else "ln-pic__box ln-pic__box--blocked"


def _subnet_lines(vpc: Vpc, subnet_id: str, enis: list[Eni], width: float,
                  marks: dict[tuple[str, str], bool],
                  start: tuple[str, str, bool] | None) -> tuple[list[str], float]:
    """The inside of one subnet box: its ENIs and what else sits there; (elements, height)."""
    subnet = vpc.subnet(subnet_id)
    table = vpc.route_table_for(subnet_id)
    n = width - 16  # text starts 6 px into a box that starts 6 px in
    parts: list[tuple[str, list[str], str, dict[str, str]]] = []
    for eni in enis:
        groups = ", ".join(sorted(eni.security_group_ids))
        lines = ["Hyperplane ENI" + (f" #{eni.index + 1}" if eni.index else ""),
                 *wrap_width(f"security groups: {groups}", n),
                 *wrap_width(f"used by: {', '.join(eni.used_by)}", n)]
        key = f"{eni.subnet_id}|{','.join(sorted(eni.security_group_ids))}"
        cls = "ln-pic__box"
        if start and start[0] == eni.subnet_id and start[1] in eni.used_by:
            cls += " ln-pic__box--path" if start[2] else " ln-pic__box--blocked"
        parts.append(("eni", lines, cls, {"eni": key}))
    for nat in vpc.nat_gateways:
        if nat.subnet_id == subnet_id:
            parts.append(("nat", wrap_width(f"NAT gateway {nat.nat_gateway_id}", n),
                          _mark(marks, "NAT gateway", nat.nat_gateway_id), {}))
    for endpoint in vpc.interface_endpoints:
        if subnet_id in endpoint.subnet_ids:
            parts.append(("vpce", wrap_width(f"interface endpoint {endpoint.endpoint_id} "
                                             f"({endpoint.service})", n),
                          _mark(marks, "interface endpoint", endpoint.endpoint_id), {}))
    for resource in vpc.resources:
        if resource.ip in subnet.cidr:
            parts.append(("res", wrap_width(f"{resource.name} {resource.ip}", n),
                          _mark(marks, "resource", resource.name), {}))
    about = wrap_width(f"{subnet.cidr} · {table.route_table_id}", width - 14)
    head = [element("text", {"x": 8, "y": 18, "class": "ln-pic__title"},
                    text=clip_width(subnet_id, width - 14, 13)),
            text_lines(8, 33, about, cls="ln-pic__muted")]
    y = 42.0 + _LINE * (len(about) - 1)
    for _, lines, cls, data in parts:
        h = 8 + _LINE * len(lines)
        head.append(_box(6, y, width - 12, h, cls, **data))
        head.append(text_lines(12, y + 15, lines))
        y += h + 6
    return head, y + 4


def _first_reply(path: SubnetPath) -> int:
    """Where the reply checks start in ``path.hops`` (``len(hops)`` when there are none).

    The walker checks the request hop by hop and then the network ACLs the replies cross on
    the way back; its details name "replies" in those checks and in no request check.
    """
    return next((i for i, hop in enumerate(path.hops)
                 if hop.component == "network ACL" and "replies" in hop.detail), len(path.hops))


def _hop_chain(path: SubnetPath, destination: str, y: float) -> tuple[list[str], float]:
    """The path as a chain of hops, wrapped in rows: the request's checks, its arrival, then
    the checks on the replies (labelled "reply"); the blocked hop and its reason in words."""
    title = wrap_width(f"Path to {destination} from {path.subnet_id}", _W - 2 * _PAD, 13)
    out = [text_lines(_PAD, y + 14, title, cls="ln-pic__title")]
    y += _LINE * (len(title) - 1)
    step = (_W - 2 * _PAD) / _HOPS_PER_ROW
    w = step - 26
    replies = _first_reply(path)
    # (first words, component, id, passed)
    nodes: list[tuple[str, str, str, bool]] = [
        ("✓" if hop.passed else "✗ blocked at", hop.component, hop.component_id, hop.passed)
        for hop in path.hops[:replies]]
    # Replies are checked only for a request that got there.
    if path.reachable or replies < len(path.hops):
        nodes.append(("✓", "arrives at", destination, True))
    nodes += [("✓ reply:" if hop.passed else "✗ reply blocked at", hop.component,
               hop.component_id, hop.passed) for hop in path.hops[replies:]]
    inner = w - 12  # text starts 6 px into the box
    labels = [(wrap_width(f"{words} {what}", inner) + wrap_width(ident, inner))[:4]
              for words, what, ident, _ok in nodes]
    h = 10 + _LINE * max(len(lines) for lines in labels)
    top = y + 26
    for i, (_words, component, ident, passed) in enumerate(nodes):
        row, col = divmod(i, _HOPS_PER_ROW)
        x, ny = _PAD + col * step, top + row * (h + 22)
        cls = "ln-pic__box ln-pic__box--path" if passed else "ln-pic__box ln-pic__box--blocked"
        out.append(_box(x, ny, w, h, cls, hop=f"{component}|{ident}"))
        out.append(text_lines(x + 6, ny + 16, labels[i], cls=None if passed else "ln-pic__bad"))
        if i + 1 < len(nodes):
            ncol = (i + 1) % _HOPS_PER_ROW
            nx, nyy = _PAD + ncol * step, top + ((i + 1) // _HOPS_PER_ROW) * (h + 22)
            edge_cls = "ln-pic__path" if nodes[i + 1][3] else "ln-pic__path--blocked"
            d = (f"M{x + w:g} {ny + h / 2:g}H{nx:g}" if ncol else
                 f"M{x + w / 2:g} {ny + h:g}V{ny + h + 11:g}H{nx + w / 2:g}V{nyy:g}")
            out.append(element("path", {"class": edge_cls, "d": d}))
            if not nodes[i + 1][3]:  # a cross on the edge into the blocked hop
                cx, cy = (x + w + 13, ny + h / 2) if ncol else (nx + w / 2, nyy - 6)
                out.append(element("path", {"class": "ln-pic__path--blocked",
                                            "d": f"M{cx - 5:g} {cy - 5:g}l10 10m0 -10l-10 10"}))
    rows = (len(nodes) + _HOPS_PER_ROW - 1) // _HOPS_PER_ROW
    y = top + rows * (h + 22)
    blocked = path.blocked_at
    if blocked is not None:
        lines = wrap_width(f"✗ blocked at {blocked.component} {blocked.component_id}: "
                           f"{blocked.detail}", _W - 2 * _PAD)
        out.append(text_lines(_PAD, y + 4, lines, cls="ln-pic__bad"))
        y += _LINE * len(lines) + 4
    return out, y


def _describe(vpc: Vpc, fns: tuple[LambdaFunction, ...], enis: list[Eni],
              verdict: Verdict | None) -> str:
    names = ", ".join(fn.name for fn in fns) or "no function"
    eni_text = "; ".join(
        f"one in {e.subnet_id} for security groups {', '.join(sorted(e.security_group_ids))}, "
        f"used by {', '.join(e.used_by)}" for e in enis)
    parts = [f"Lambda runs the execution environments of {names} in a Lambda-owned VPC. "
             f"They reach {vpc.vpc_id} ({vpc.cidr}) through {len(enis)} Hyperplane "
             f"ENI{'' if len(enis) == 1 else 's'}" + (f": {eni_text}." if enis else "."),
             "Subnets: " + "; ".join(
                 f"{s.subnet_id} ({s.cidr}, "
                 + (f"AZ {s.availability_zone}, " if s.availability_zone else "")
                 + f"route table {vpc.route_table_for(s.subnet_id).route_table_id})"
                 for s in vpc.subnets) + "."]
    for table in vpc.route_tables:
        parts.append(f"Route table {table.route_table_id} sends " + ", ".join(
            f"{r.destination} to {r.target}" for r in table.routes) + ".")
    if verdict is not None:
        parts.append(verdict.explanation)
    return " ".join(parts)


def topology_diagram(vpc: Vpc, functions: Iterable[LambdaFunction], *,
                     verdict: Verdict | None = None, id: str = "ln-topology",
                     title: str | None = None) -> str:
    """Draw ``vpc`` with ``functions``' Hyperplane ENIs and, optionally, a verdict's path.

    Args:
        vpc: The VPC.
        functions: Functions attached to it (their subnets and groups must be in ``vpc``).
        verdict: A :func:`~lambdanet_edu.egress.can_reach` verdict for one of ``functions``.
        id: Prefix of the ids inside the SVG: unique on the page.
        title: The accessible name; by default it names the VPC (and the destination).

    Returns:
        A complete ``<svg>`` element.

    Raises:
        LambdaNetError: An argument of the wrong type, or a function not in ``vpc``.

    Examples:
        >>> from lambdanet_edu import LambdaFunction, starter_vpc
        >>> fn = LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"])
        >>> "Hyperplane ENI" in topology_diagram(starter_vpc(), [fn], id="t1")
        True
        >>> topology_diagram(starter_vpc(), [fn], verdict="internet")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: verdict must be None or a Verdict from can_reach for
        one of the functions, got 'internet'
    """
    check_id(id)
    if not isinstance(vpc, Vpc):
        raise LambdaNetError.invalid("vpc", vpc, "a Vpc")
    fns = tuple(vpc.check_function(fn) for fn in check_functions(functions))
    if verdict is not None and (not isinstance(verdict, Verdict)
                                or verdict.function_name not in {f.name for f in fns}):
        raise LambdaNetError.invalid("verdict", verdict,
                                     "None or a Verdict from can_reach for one of the functions")
    enis = hyperplane_enis(fns, eni_quota=None)
    shown = None if verdict is None else next(
        (p for p in verdict.paths if not p.reachable), verdict.paths[0])
    # (component, id) -> whether the connection got past it, for the hops of the path shown.
    marks: dict[tuple[str, str], bool] = (
        {(h.component, h.component_id): h.passed for h in shown.hops} if shown else {})
    # The connection starts at the function's ENI in the path's subnet; the first hop is its
    # security groups, so the ENI is marked blocked when they stop it.
    start = None if shown is None or verdict is None else (
        shown.subnet_id, verdict.function_name, shown.hops[0].passed if shown.hops else True)
    destination = "" if verdict is None else verdict.destination.label

    body: list[str] = []
    y = float(_PAD)
    # The Lambda-owned VPC and the functions' execution environments.
    fn_w = (_W - 2 * _PAD - 16) / max(1, min(len(fns), _PER_ROW))
    fn_rows = max(1, (len(fns) + _PER_ROW - 1) // _PER_ROW)
    top_h = 30 + fn_rows * 34
    body.append(_box(_PAD, y, _W - 2 * _PAD, top_h, owner="lambda"))
    body.append(text_lines(_PAD + 8, y + 18, ["Lambda-owned VPC (AWS runs it: your "
                                              "function's execution environments)"],
                           cls="ln-pic__title"))
    for i, fn in enumerate(fns):
        row, col = divmod(i, _PER_ROW)
        fx, fy = _PAD + 8 + col * fn_w, y + 28 + row * 34
        body.append(_box(fx, fy, fn_w - 8, 26, function=fn.name))
        body.append(text_lines(fx + 6, fy + 17, [clip_width(f"λ {fn.name}", fn_w - 20)]))
    y += top_h
    body.append(element("path", {"class": "ln-pic__edge", "d": f"M{_W / 2:g} {y:g}v22"}))
    body.append(text_lines(_W / 2 + 8, y + 15, ["through a Hyperplane ENI in your subnet"],
                           cls="ln-pic__muted"))
    y += 24
    # Your VPC: subnets grouped by AZ, side by side, wrapped in rows.
    subnets = sorted(vpc.subnets, key=lambda s: s.availability_zone or "")
    per_row = max(1, min(len(subnets), _PER_ROW))
    col_w = (_W - 2 * _PAD - 16) / per_row
    vpc_top = y
    y += 28
    inner: list[str] = []
    for first in range(0, len(subnets), per_row):
        zone_row = subnets[first:first + per_row]
        drawn = [_subnet_lines(vpc, s.subnet_id, [e for e in enis if e.subnet_id == s.subnet_id],
                               col_w - 10, marks, start) for s in zone_row]
        row_h = max(h for _, h in drawn) + 18
        for col, (subnet, (parts, _h)) in enumerate(zip(zone_row, drawn, strict=True)):
            x = _PAD + 8 + col * col_w
            inner.append(_box(x + 1, y + 16, col_w - 10, row_h - 18, subnet=subnet.subnet_id))
            inner.append(element("g", {"transform": f"translate({x + 1:g} {y + 16:g})"}, *parts))
        for col, subnet in enumerate(zone_row):  # one zone outline per run of same-AZ subnets
            if col and zone_row[col - 1].availability_zone == subnet.availability_zone:
                continue
            span = 1
            while col + span < len(zone_row) and zone_row[col + span].availability_zone == \
                    subnet.availability_zone:
                span += 1
            x = _PAD + 8 + col * col_w
            inner.append(_box(x - 3, y, span * col_w - 2, row_h + 2, "ln-pic__zone"))
            if subnet.availability_zone:  # a subnet without one is the model's shorthand
                inner.append(text_lines(x + 3, y + 12, [
                    clip_width(f"AZ {subnet.availability_zone}", span * col_w - 12)],
                    cls="ln-pic__muted"))
        y += row_h + 8
    table_lines: list[tuple[str, str]] = []
    for table in vpc.route_tables:
        routes = "; ".join(f"{r.destination} → {r.target}" for r in table.routes)
        used = [s.subnet_id for s in vpc.subnets if vpc.route_table_for(s.subnet_id) is table]
        text = (f"route table {table.route_table_id} ({', '.join(used) or 'no subnet'}): "
                f"{routes}")
        passed = marks.get(("route table", table.route_table_id))
        mark = "" if passed is None else "✓ " if passed else "✗ blocked: "
        room = _W - 2 * _PAD - 20 - text_width(mark)  # inside the VPC box, after the mark
        table_lines += [(mark + line,
                         "" if passed is None else "ln-pic__good" if passed else "ln-pic__bad")
                        for line in wrap_width(text, room)]
    for i, (line, cls) in enumerate(table_lines):
        inner.append(text_lines(_PAD + 10, y + 12 + i * _LINE, [line], cls=cls or None))
    y += _LINE * len(table_lines) + 8
    body.append(_box(_PAD, vpc_top, _W - 2 * _PAD, y - vpc_top, owner="you"))
    body.append(text_lines(_PAD + 8, vpc_top + 18, [f"Your VPC {vpc.vpc_id} ({vpc.cidr})"],
                           cls="ln-pic__title"))
    body += inner
    # The ways out of the VPC.
    exits: list[tuple[str, str, str]] = []
    if vpc.internet_gateway is not None:
        gid = vpc.internet_gateway.gateway_id
        exits.append((f"internet gateway {gid}", "internet gateway", gid))
    exits += [(f"gateway endpoint {g.endpoint_id} ({g.service})", "gateway endpoint",
               g.endpoint_id) for g in vpc.gateway_endpoints]
    if not exits:
        exits.append(("no internet gateway and no gateway endpoint: no way out", "", ""))
    exit_w = (_W - 2 * _PAD) / min(len(exits), _PER_ROW)
    y += 10
    for i, (label, component, ident) in enumerate(exits):
        row, col = divmod(i, _PER_ROW)
        ex, ey = _PAD + col * exit_w, y + row * 40
        body.append(_box(ex, ey, exit_w - 10, 30, _mark(marks, component, ident)))
        body.append(text_lines(ex + 8, ey + 19, [clip_width(label, exit_w - 26)]))
    y += 40 * ((len(exits) + _PER_ROW - 1) // _PER_ROW)
    if shown is not None:
        chain, y = _hop_chain(shown, destination, y)
        body += chain
    return document(
        id=id, title=title or (f"{vpc.vpc_id}: Hyperplane ENIs" +
                               (f" and the path to {destination}" if verdict else "")),
        desc=_describe(vpc, fns, enis, verdict), width=_W, height=y + _PAD, body=body)
